// Guard rails on administrators, checked inside the transaction that makes the change, whatever
// made it (edit page, role action, delete, bulk delete, a script): the account must always keep
// one active administrator, and an administrator never removes their own role.
import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type RemoveEvent, type UpdateEvent } from 'typeorm';
import { auditScopeOf } from '@hashtrail/adminjs-audit';
import { GuardRailError } from '../domain/guard-rail-error.js';
import { User } from '../entities/User.js';

type UserState = Pick<User, 'id' | 'name' | 'role' | 'status'>;

const isActiveAdministrator = (user: Partial<UserState>) => user.role === 'administrator' && user.status === 'active';

/**
 * Other active administrators, rows locked: two admins demoting each other at the same time are
 * serialised, so they cannot both succeed and leave none.
 */
async function otherActiveAdministrators(manager: EntityManager, userId: number): Promise<number> {
  const rows = await manager
    .createQueryBuilder(User, 'user')
    .select('user.id')
    .where(`user.role = 'administrator' AND user.status = 'active' AND user.id <> :userId`, { userId })
    .orderBy('user.id')
    .setLock('pessimistic_write')
    .getMany();
  return rows.length;
}

@EventSubscriber()
export class AdministratorGuardSubscriber implements EntitySubscriberInterface<User> {
  listenTo() {
    return User;
  }

  async beforeUpdate(event: UpdateEvent<User>): Promise<void> {
    const before = event.databaseEntity as UserState | undefined;
    const after = { ...before, ...(event.entity as Partial<UserState> | undefined) };
    if (!before || !isActiveAdministrator(before) || isActiveAdministrator(after)) return;
    const demoted = after.role !== 'administrator';
    if ((await otherActiveAdministrators(event.manager, before.id)) === 0) {
      const what = demoted ? 'their role cannot be changed to agent' : 'their account cannot be disabled';
      throw new GuardRailError(demoted ? 'role' : 'status', `${before.name} is the last active administrator, so ${what}. Make someone else an administrator first.`);
    }
    if (demoted && auditScopeOf(event.queryRunner).actor?.id === String(before.id)) {
      throw new GuardRailError('role', 'You cannot remove your own administrator role. Ask another administrator to do it.');
    }
  }

  async beforeRemove(event: RemoveEvent<User>): Promise<void> {
    const user = (event.databaseEntity ?? event.entity) as UserState | undefined;
    if (!user || !isActiveAdministrator(user)) return;
    if ((await otherActiveAdministrators(event.manager, user.id)) === 0) {
      throw new GuardRailError('base', `${user.name} is the last active administrator and cannot be deleted. Make someone else an administrator first.`);
    }
  }
}
