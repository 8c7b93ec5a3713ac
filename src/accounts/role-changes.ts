// A user's role in one account. account_users is not an audited entity (its rows are keyed by
// account and user, not by a record of their own), so the change is recorded here, in the same
// transaction, as the user.role_changed entry the log has always had.
import { ValidationError } from 'adminjs';
import type { EntityManager } from 'typeorm';
import type { UserRole } from '../entities/enums.js';
import { User } from '../entities/User.js';
import { userLabel } from '../users/user-label.js';
import { membershipIn } from './account-memberships.js';
import type { RecordActivity } from './record-activity.js';

const refused = (message: string) => new ValidationError({}, { message, type: 'refused' });

/**
 * Makes `userId`'s role in `accountId` be `to`; false when it already was. The guard rails
 * (AccountAdministratorGuardSubscriber) run on the save and refuse a demotion that would leave the
 * account without an administrator.
 */
export async function changeRole(manager: EntityManager, record: RecordActivity, accountId: number, userId: number, to: UserRole): Promise<boolean> {
  const membership = await membershipIn(manager, accountId, userId, true);
  const user = await manager.findOne(User, { where: { id: userId } });
  if (!membership || !user) throw refused('That user no longer exists.');
  const from = membership.role;
  if (from === to) return false;
  membership.role = to;
  await manager.save(membership);
  await record(manager, { action: 'user.role_changed', targetType: 'user', targetId: String(userId), targetLabel: userLabel({ ...user }), changes: { role: { from, to } } });
  return true;
}
