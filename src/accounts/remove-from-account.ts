// "Deleting" a user in the panel removes them from the current account: their inboxes and teams
// there, then their membership. The user row itself goes only when no account is left to them
// (users are shared by accounts).
import type { EntityManager } from 'typeorm';
import { GuardRailError } from '../domain/guard-rail-error.js';
import { InboxMember } from '../entities/InboxMember.js';
import { TeamMember } from '../entities/TeamMember.js';
import { User } from '../entities/User.js';
import { userLabel } from '../users/user-label.js';
import { membershipIn, membershipsOf } from './account-memberships.js';
import type { RecordActivity } from './record-activity.js';

/**
 * Removes `userId` from `accountId`, in the caller's transaction. Each membership removed is
 * recorded (member_removed); the user's removal is recorded as user.deleted either way: by the
 * audit subscriber when the row goes, here when only this account lets them go.
 */
export async function removeFromAccount(manager: EntityManager, record: RecordActivity, accountId: number, userId: number): Promise<void> {
  const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  const membership = await membershipIn(manager, accountId, userId, true);
  if (!user || !membership) throw new GuardRailError('base', 'That user no longer exists.');
  const others = (await membershipsOf(manager, userId)).filter((other) => other.accountId !== accountId);
  if (others.length === 0) {
    // Their last account: the row goes, and the database's cascades are carried out by the audit
    // subscriber through the ORM (each inbox and team membership recorded).
    await manager.remove(user);
    return;
  }
  for (const link of await manager.find(InboxMember, { where: { accountId, userId }, order: { id: 'ASC' } })) await manager.remove(link);
  for (const link of await manager.find(TeamMember, { where: { accountId, userId }, order: { id: 'ASC' } })) await manager.remove(link);
  await manager.remove(membership);
  await record(manager, { action: 'user.deleted', targetType: 'user', targetId: String(userId), targetLabel: userLabel({ ...user }) });
}
