// The dedicated role actions on a user's page. The guard rails (last active administrator, no
// self-demotion) are enforced where every role change goes through: administrator-guard-subscriber.
import type { Action, ActionContext, RecordActionResponse } from 'adminjs';
import { ValidationError } from 'adminjs';
import type { UserRole } from '../../entities/enums.js';
import { User } from '../../entities/User.js';
import { administratorsOnly } from '../access.js';
import { recordChangeHandler } from '../record-action.js';

function roleAction(from: UserRole, to: UserRole, icon: string): Partial<Action<RecordActionResponse>> {
  const applies = ({ currentAdmin, record }: ActionContext) => administratorsOnly({ currentAdmin }) && record?.param('role') === from;
  return {
    actionType: 'record',
    icon,
    component: false,
    guard: to === 'administrator' ? 'Give this user full administrator rights?' : 'Take administrator rights away from this user?',
    isAccessible: applies,
    isVisible: applies,
    handler: recordChangeHandler({
      async run(manager, id) {
        const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!user) throw new ValidationError({}, { message: 'That user no longer exists.', type: 'refused' });
        if (user.role === to) return `${user.name} is already ${to === 'administrator' ? 'an administrator' : 'an agent'}.`;
        user.role = to;
        await manager.save(user);
        return `${user.name} is now ${to === 'administrator' ? 'an administrator' : 'an agent'}.`;
      },
    }),
  };
}

export function roleActions(): Record<string, Partial<Action<RecordActionResponse>>> {
  return {
    makeAdministrator: roleAction('agent', 'administrator', 'Shield'),
    makeAgent: roleAction('administrator', 'agent', 'User'),
  };
}
