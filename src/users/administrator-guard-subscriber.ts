// Guard rails on administrators, checked inside the transaction that makes the change, whatever
// made it (edit page, role action, removal from an account, delete, bulk delete, a script): each
// account must always keep one active administrator, and an administrator never removes their own
// role. Roles are per account (account_users), so "the last administrator" is per account too.
import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { auditScopeOf } from '@hashtrail/adminjs-audit';
import { GuardRailError } from '../domain/guard-rail-error.js';
import { AccountUser } from '../entities/AccountUser.js';
import { User } from '../entities/User.js';

type UserState = Pick<User, 'id' | 'name' | 'status'>;
type MembershipState = Pick<AccountUser, 'accountId' | 'userId' | 'role'>;

/**
 * The other active administrators of `accountId`, their membership rows locked: two admins
 * demoting each other at the same time are serialised, so they cannot both succeed and leave none.
 */
async function otherActiveAdministrators(manager: EntityManager, accountId: number, userId: number): Promise<number> {
  const rows: unknown[] = await manager.query(
    `SELECT m.user_id FROM account_users m JOIN users u ON u.id = m.user_id
      WHERE m.account_id = $1 AND m.role = 'administrator' AND u.status = 'active' AND m.user_id <> $2
      ORDER BY m.user_id FOR UPDATE OF m`,
    [accountId, userId],
  );
  return rows.length;
}

/** The accounts where `userId` is an administrator. */
async function accountsAdministeredBy(manager: EntityManager, userId: number): Promise<number[]> {
  const rows = await manager.find(AccountUser, { where: { userId, role: 'administrator' }, order: { accountId: 'ASC' } });
  return rows.map((row) => row.accountId);
}

/** True when some account `userId` administers would have no other active administrator. */
async function isLastAdministratorSomewhere(manager: EntityManager, userId: number): Promise<boolean> {
  for (const accountId of await accountsAdministeredBy(manager, userId)) {
    if ((await otherActiveAdministrators(manager, accountId, userId)) === 0) return true;
  }
  return false;
}

async function userName(manager: EntityManager, userId: number): Promise<{ name: string; status: string } | null> {
  return manager.findOne(User, { where: { id: userId }, select: { id: true, name: true, status: true } });
}

/** Disabling or deleting a user who is some account's last active administrator. */
@EventSubscriber()
export class AdministratorGuardSubscriber implements EntitySubscriberInterface<User> {
  listenTo() {
    return User;
  }

  async beforeUpdate(event: UpdateEvent<User>): Promise<void> {
    const before = event.databaseEntity as UserState | undefined;
    const after = { ...before, ...(event.entity as Partial<UserState> | undefined) };
    if (!before || before.status !== 'active' || after.status === 'active') return;
    if (await isLastAdministratorSomewhere(event.manager, before.id)) {
      throw new GuardRailError('status', `${before.name} is the last active administrator, so their account cannot be disabled. Make someone else an administrator first.`);
    }
  }

  async beforeRemove(event: RemoveEvent<User>): Promise<void> {
    const user = (event.databaseEntity ?? event.entity) as UserState | undefined;
    if (!user || user.status !== 'active') return;
    if (await isLastAdministratorSomewhere(event.manager, user.id)) {
      throw new GuardRailError('base', `${user.name} is the last active administrator and cannot be deleted. Make someone else an administrator first.`);
    }
  }
}

/** Demoting an account's last active administrator, an administrator demoting themselves, or removing the last one from the account. */
@EventSubscriber()
export class AccountAdministratorGuardSubscriber implements EntitySubscriberInterface<AccountUser> {
  listenTo() {
    return AccountUser;
  }

  async beforeUpdate(event: UpdateEvent<AccountUser>): Promise<void> {
    const before = event.databaseEntity as MembershipState | undefined;
    const after = { ...before, ...(event.entity as Partial<MembershipState> | undefined) };
    if (!before || before.role !== 'administrator' || after.role === 'administrator') return;
    const user = await userName(event.manager, before.userId);
    if (!user || user.status !== 'active') return;
    if ((await otherActiveAdministrators(event.manager, before.accountId, before.userId)) === 0) {
      throw new GuardRailError('role', `${user.name} is the last active administrator, so their role cannot be changed to agent. Make someone else an administrator first.`);
    }
    if (auditScopeOf(event.queryRunner).actor?.id === String(before.userId)) {
      throw new GuardRailError('role', 'You cannot remove your own administrator role. Ask another administrator to do it.');
    }
  }

  async beforeRemove(event: RemoveEvent<AccountUser>): Promise<void> {
    const membership = (event.databaseEntity ?? event.entity) as MembershipState | undefined;
    if (!membership || membership.role !== 'administrator') return;
    const user = await userName(event.manager, membership.userId);
    if (!user || user.status !== 'active') return;
    if ((await otherActiveAdministrators(event.manager, membership.accountId, membership.userId)) === 0) {
      throw new GuardRailError('base', `${user.name} is the last active administrator and cannot be deleted. Make someone else an administrator first.`);
    }
  }
}
