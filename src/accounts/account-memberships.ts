// A user's accounts and their role in each (account_users). Users are global; every "who may do
// what here" reads the membership of the current account.
import type { EntityManager } from 'typeorm';
import { AccountUser } from '../entities/AccountUser.js';
import type { UserRole } from '../entities/enums.js';

/** Every account `userId` belongs to: oldest account first, or (`joined`) the one they joined first first. */
export function membershipsOf(manager: EntityManager, userId: number, order: 'account' | 'joined' = 'account'): Promise<AccountUser[]> {
  return manager.find(AccountUser, { where: { userId }, order: order === 'account' ? { accountId: 'ASC' } : { createdAt: 'ASC', accountId: 'ASC' } });
}

/** The membership of `userId` in `accountId`; `lock` takes its row for the rest of the transaction. */
export function membershipIn(manager: EntityManager, accountId: number, userId: number, lock = false): Promise<AccountUser | null> {
  return manager.findOne(AccountUser, { where: { accountId, userId }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
}

/** The account a user enters at sign-in: the one they used last if they still belong to it, else their first. */
export function accountToEnter(memberships: AccountUser[], lastAccountId: number | null): AccountUser | undefined {
  return memberships.find((membership) => membership.accountId === lastAccountId) ?? memberships[0];
}

/** Adds `userId` to `accountId` with `role`; an existing membership is left as it is (and returned). */
export async function addToAccount(manager: EntityManager, accountId: number, userId: number, role: UserRole): Promise<AccountUser> {
  const existing = await membershipIn(manager, accountId, userId);
  if (existing) return existing;
  return manager.save(manager.create(AccountUser, { accountId, userId, role }));
}

/** The role of each of `userIds` in `accountId` (absent: not a member). */
export async function rolesIn(manager: EntityManager, accountId: number, userIds: number[]): Promise<Map<number, UserRole>> {
  if (userIds.length === 0) return new Map();
  const rows = await manager
    .createQueryBuilder(AccountUser, 'membership')
    .where('membership.accountId = :accountId AND membership.userId IN (:...userIds)', { accountId, userIds })
    .getMany();
  return new Map(rows.map((row) => [row.userId, row.role]));
}

/** Whether `userId` belongs to any account besides `accountId` (their own fields are then shared with it). */
export async function belongsElsewhere(manager: EntityManager, userId: number, accountId: number): Promise<boolean> {
  const [row] = (await manager.query(`SELECT EXISTS (SELECT 1 FROM account_users WHERE user_id = $1 AND account_id <> $2) AS elsewhere`, [userId, accountId])) as Array<{ elsewhere: boolean }>;
  return Boolean(row?.elsewhere);
}
