// Idempotent: each record is looked up by its natural key first, so a second run adds nothing.
// Everything is written through the ORM, so the audit log records it, as done by System.
import type { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../src/auth/passwords.js';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../src/entities/index.js';
import { demoAccount, demoAgents, demoInboxes, demoRules, demoTeams, demoWebhooks } from './demo-data.js';

export interface SeedSettings {
  adminEmail: string;
  adminPassword: string;
  agentPassword: string;
  bcryptRounds: number;
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

async function ensureUser(manager: EntityManager, values: Partial<User> & { email: string }, password: string, rounds: number, counter: SeedSummary): Promise<User> {
  const existing = await userByEmail(manager, values.email);
  if (existing) return existing;
  counter.created += 1;
  return manager.save(manager.create(User, { ...values, status: 'active', passwordHash: await hashPassword(password, rounds) }));
}

export async function seedDemoData(dataSource: DataSource, settings: SeedSettings): Promise<SeedSummary> {
  const counter: SeedSummary = { created: 0 };
  await dataSource.transaction(async (manager) => {
    if ((await manager.count(Account)) === 0) {
      counter.created += 1;
      await manager.save(manager.create(Account, demoAccount));
    }
    await ensureUser(manager, { name: 'Ada Admin', displayName: 'Ada', email: settings.adminEmail, role: 'administrator', availability: 'online' }, settings.adminPassword, settings.bcryptRounds, counter);
    const agents = new Map<string, User>();
    for (const agent of demoAgents) {
      agents.set(agent.email, await ensureUser(manager, { ...agent, role: 'agent' }, settings.agentPassword, settings.bcryptRounds, counter));
    }
    for (const { members, ...inbox } of demoInboxes) {
      const saved = await ensure(manager, Inbox, { name: inbox.name }, inbox, counter);
      for (const email of members) await ensure(manager, InboxMember, { inboxId: saved.id, userId: agents.get(email)!.id }, {}, counter);
    }
    for (const { members, ...team } of demoTeams) {
      const saved = await ensure(manager, Team, { name: team.name }, team, counter);
      for (const email of members) await ensure(manager, TeamMember, { teamId: saved.id, userId: agents.get(email)!.id }, {}, counter);
    }
    for (const webhook of demoWebhooks) await ensure(manager, Webhook, { url: webhook.url }, webhook, counter);
    for (const rule of demoRules) await ensure(manager, AutomationRule, { name: rule.name }, rule, counter);
  });
  return counter;
}

/** True when the database holds no users yet (a fresh install). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  return (await dataSource.getRepository(User).count()) === 0;
}
