// A person's own fields (name, email, status, availability; their invitation) live on their one
// users row, shared by every account they belong to. An administrator of one account may change
// them only for people who belong to no other account: otherwise one account could rename, disable
// or re-address, or revoke the invitation of, someone another account relies on. The role, the
// inboxes and teams, and removal stay each account's own.
import { ValidationError, type ActionContext, type ActionRequest } from 'adminjs';
import type { DataSource, EntityManager } from 'typeorm';
import { belongsElsewhere } from '../../accounts/account-memberships.js';
import { accountOfAction } from './user-account-membership.js';

/** The users columns every account of a person sees the same. */
export const SHARED_USER_FIELDS = ['name', 'displayName', 'email', 'availability', 'status'] as const;

/** The message key (User messages) of the refusal. */
export const SHARED_USER_REFUSAL = 'sharedWithOtherAccounts';

const comparable = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());

/** edit.before: a change to a shared field of someone who is also in another account is refused, next to each field, before anything is saved. */
export function guardSharedUserFields(dataSource: DataSource) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    const { record } = context;
    if (request.method !== 'post' || !request.payload || !record) return request;
    const payload = request.payload;
    const changed = SHARED_USER_FIELDS.filter((field) => Object.hasOwn(payload, field) && comparable(payload[field]) !== comparable(record.params[field]));
    if (changed.length === 0) return request;
    if (!(await belongsElsewhere(dataSource.manager, Number(record.id()), accountOfAction(context)))) return request;
    // The refusal answers with context.record: it carries what was typed, so the form keeps it.
    record.storeParams(payload);
    // Field errors only: AdminJS translates them as the User resource's messages, while the notice
    // above the form (no resource of its own) keeps its stock "there were validation errors".
    throw new ValidationError(Object.fromEntries(changed.map((field) => [field, { message: SHARED_USER_REFUSAL, type: 'shared' }])));
  };
}

/** For the invitation actions, inside their transaction: the invitation of someone also in another account is not this account's to change. */
export async function refuseIfShared(manager: EntityManager, userId: number, context: ActionContext): Promise<void> {
  if (await belongsElsewhere(manager, userId, accountOfAction(context))) throw new ValidationError({}, { message: SHARED_USER_REFUSAL, type: 'refused' });
}
