// Idempotent: each record is looked up by its natural key first, so a second run adds nothing.
// Everything is written through the ORM, so the audit log records it, as done by System. All of
// it goes into one account: the oldest one, or a new "MessageHub" on an empty database.
import type { DataSource, EntityManager } from 'typeorm';
import { transactionInAuditScope } from '@hashtrail/adminjs-audit';
import { addToAccount, membershipIn } from '../src/accounts/account-memberships.js';
import type { RecordActivity } from '../src/accounts/record-activity.js';
import { hashPassword } from '../src/auth/passwords.js';
import type { UserRole } from '../src/entities/enums.js';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../src/entities/index.js';
import { userLabel } from '../src/users/user-label.js';
import { demoAccount, demoAgents, demoInboxes, demoRules, demoTeams, demoWebhooks } from './demo-data.js';

export interface SeedSettings {
  adminEmail: string;
  adminPassword: string;
  agentPassword: string;
  bcryptRounds: number;
  /**
   * The audit plugin's `record`: a user joining the account is recorded with it (user.invited, by
   * System). Without it (a benchmark's bulk data) those joins are not recorded.
   */
  record?: RecordActivity;
}

export interface SeedSummary {
  created: number;
}

async function ensure<T extends object>(manager: EntityManager, entity: new () => T, where: Partial<T>, values: Partial<T>, counter: SeedSummary): Promise<T> {
  const existing = await manager.findOne(entity, { where: where as never });
  if (existing) return existing;
  counter.created += 1;
  return manager.save(manager.create(entity, { ...where, ...values } as never) as T);
}

async function userByEmail(manager: EntityManager, email: string): Promise<User | null> {
  return manager.getRepository(User).createQueryBuilder('u').where('lower(u.email) = lower(:email)', { email }).getOne();
}

interface SeededUser {
  values: Partial<User> & { email: string };
  role: UserRole;
  password: string;
}

/** The user (found by email, else created active with `password`), a member of `accountId` with `role`. */
async function ensureUser(manager: EntityManager, accountId: number, { values, role, password }: SeededUser, settings: SeedSettings, counter: SeedSummary): Promise<User> {
  let user = await userByEmail(manager, values.email);
  if (!user) {
    counter.created += 1;
    user = await manager.save(manager.create(User, { ...values, status: 'active', lastAccountId: accountId, passwordHash: await hashPassword(password, settings.bcryptRounds) }));
  }
  if (!(await membershipIn(manager, accountId, user.id))) {
    counter.created += 1;
    await addToAccount(manager, accountId, user.id, role);
    await settings.record?.(manager, { action: 'user.invited', targetType: 'user', targetId: String(user.id), targetLabel: userLabel({ ...user }), details: { role } });
  }
  return user;
}

/** The account the demo data goes into: the oldest one (an installation's own), or a new one on an empty database. */
async function ensureAccount(manager: EntityManager, counter: SeedSummary): Promise<Account> {
  const existing = await manager.getRepository(Account).findOne({ where: {}, order: { id: 'ASC' } });
  if (existing) return existing;
  counter.created += 1;
  return manager.save(manager.create(Account, demoAccount));
}

export async function seedDemoData(dataSource: DataSource, settings: SeedSettings): Promise<SeedSummary> {
  const counter: SeedSummary = { created: 0 };
  // The account is created in the system log (account.created, account '0'); what goes into it, in its own log.
  const { id: accountId } = await dataSource.transaction((manager) => ensureAccount(manager, counter));
  await transactionInAuditScope(dataSource, { accountId: String(accountId) }, async (manager) => {
    const admin = { name: 'Ada Admin', displayName: 'Ada', email: settings.adminEmail, availability: 'online' as const };
    await ensureUser(manager, accountId, { values: admin, role: 'administrator', password: settings.adminPassword }, settings, counter);
    const agents = new Map<string, User>();
    for (const agent of demoAgents) {
      agents.set(agent.email, await ensureUser(manager, accountId, { values: agent, role: 'agent', password: settings.agentPassword }, settings, counter));
    }
    for (const { members, ...inbox } of demoInboxes) {
      const saved = await ensure(manager, Inbox, { accountId, name: inbox.name }, inbox, counter);
      for (const email of members) await ensure(manager, InboxMember, { accountId, inboxId: saved.id, userId: agents.get(email)!.id }, {}, counter);
    }
    for (const { members, ...team } of demoTeams) {
      const saved = await ensure(manager, Team, { accountId, name: team.name }, team, counter);
      for (const email of members) await ensure(manager, TeamMember, { accountId, teamId: saved.id, userId: agents.get(email)!.id }, {}, counter);
    }
    for (const webhook of demoWebhooks) await ensure(manager, Webhook, { accountId, url: webhook.url }, webhook, counter);
    for (const rule of demoRules) await ensure(manager, AutomationRule, { accountId, name: rule.name }, rule, counter);
  });
  return counter;
}

/** True when the database holds no users yet (a fresh install). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(User).count()) === 0;
}
