// The Users resource shows the people of the current account. Their role there is the `role`
// field (account_users, not a column of users): read into every record, written by the edit form
// and the role buttons. Inviting adds the person to the current account; deleting removes them from it.
import { ValidationError, type ActionContext, type BaseResource } from 'adminjs';
import { REDACTED } from '@hashtrail/adminjs-audit';
import type { DataSource, EntityManager, ObjectLiteral } from 'typeorm';
import { addToAccount, membershipIn, rolesIn } from '../../accounts/account-memberships.js';
import type { RecordActivity } from '../../accounts/record-activity.js';
import { changeRole } from '../../accounts/role-changes.js';
import { USER_ROLES, type UserRole } from '../../entities/enums.js';
import { InvalidRecordError } from '../../domain/invalid-record-error.js';
import { userLabel } from '../../users/user-label.js';
import { currentAccountOf } from '../access.js';

const isRole = (value: unknown): value is UserRole => (USER_ROLES as readonly unknown[]).includes(value);

/** What a new user was created with, as the entry's changes; the link's hash and expiry masked, as the log masks every secret. */
const INVITED_FIELDS = ['name', 'displayName', 'email', 'availability', 'status', 'locale'] as const;
const INVITATION_SECRETS = ['invitationTokenHash', 'invitationExpiresAt'] as const;
function createdChanges(saved: ObjectLiteral): Record<string, { from: null; to: unknown }> {
  const changes: Record<string, { from: null; to: unknown }> = {};
  for (const field of INVITED_FIELDS) if (saved[field] != null) changes[field] = { from: null, to: saved[field] };
  for (const field of INVITATION_SECRETS) if (saved[field] != null) changes[field] = { from: null, to: REDACTED };
  return changes;
}

/** The current account of the action's admin; refused when there is none (never "every account"). */
export function accountOfAction(context: ActionContext | undefined): number {
  const account = currentAccountOf(context?.currentAdmin);
  if (account === undefined) throw new ValidationError({}, { message: 'Sign in again: your session names no account.', type: 'refused' });
  return account;
}

/**
 * AuditedResource afterSave, before the linked inboxes and teams: a new user joins the current
 * account with the role the form chose (recorded as user.invited); an edited one gets the role
 * the form sent (recorded as user.role_changed when it changed).
 */
export async function saveRoleInAccount(manager: EntityManager, record: RecordActivity, saved: ObjectLiteral, params: Record<string, unknown>, context: ActionContext | undefined): Promise<void> {
  const account = accountOfAction(context);
  const userId = Number(saved.id);
  const sent = params.role;
  if (sent !== undefined && sent !== null && sent !== '' && !isRole(sent)) throw new InvalidRecordError({ role: `must be one of: ${USER_ROLES.join(', ')}` });
  const role = isRole(sent) ? sent : undefined;
  if (!(await membershipIn(manager, account, userId))) {
    await addToAccount(manager, account, userId, role ?? 'agent');
    await record(manager, { action: 'user.invited', targetType: 'user', targetId: String(userId), targetLabel: userLabel(saved), changes: createdChanges(saved), details: { role: role ?? 'agent' } });
    return;
  }
  if (role) await changeRole(manager, record, account, userId, role);
}

/**
 * Records of users carry `role`: their role in the reading admin's current account. Set on the
 * resource's reads, so that AdminJS sees it when it decides which buttons a record has (Make
 * administrator / Make agent) as well as on the pages. The plugin builds the resource, and its
 * hooks run after AdminJS has serialised the records: hence its three reads are wrapped here.
 */
export function withRolesInAccount(resource: BaseResource, dataSource: DataSource): void {
  type Records = Awaited<ReturnType<BaseResource['find']>>;
  const addRoles = async (records: Records, context: ActionContext | undefined): Promise<Records> => {
    const account = currentAccountOf(context?.currentAdmin);
    if (account === undefined || records.length === 0) return records;
    const roles = await rolesIn(dataSource.manager, account, records.map((record) => Number(record.id())));
    for (const record of records) record.params.role = roles.get(Number(record.id())) ?? null;
    return records;
  };
  const find = resource.find.bind(resource);
  const findOne = resource.findOne.bind(resource);
  const findMany = resource.findMany.bind(resource);
  resource.find = async (filter, options, context) => addRoles(await find(filter, options, context), context);
  resource.findMany = async (ids, context) => addRoles(await findMany(ids, context), context);
  resource.findOne = async (id, context) => {
    const found = await findOne(id, context);
    return found ? ((await addRoles([found], context))[0] ?? null) : null;
  };
}
