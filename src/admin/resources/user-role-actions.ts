// The dedicated role actions on a user's page. The guard rails (last active administrator, no
// self-demotion) are enforced where every role change goes through: administrator-guard-subscriber.
import type { Action, ActionContext, RecordActionResponse } from 'adminjs';
import type { RecordActivity } from '../../accounts/record-activity.js';
import { changeRole } from '../../accounts/role-changes.js';
import type { UserRole } from '../../entities/enums.js';
import { User } from '../../entities/User.js';
import { administratorsOnly } from '../access.js';
import { recordChangeHandler } from '../record-action.js';
import { accountOfAction } from './user-account-membership.js';

/** `role` on the record is the user's role in the current account (user-account-membership.ts). */
function roleAction(record: RecordActivity, from: UserRole, to: UserRole, icon: string): Partial<Action<RecordActionResponse>> {
  const applies = ({ currentAdmin, record }: ActionContext) => administratorsOnly({ currentAdmin }) && record?.param('role') === from;
  return {
    actionType: 'record',
    icon,
    component: false,
    guard: to === 'administrator' ? 'Give this user full administrator rights?' : 'Take administrator rights away from this user?',
    isAccessible: applies,
    isVisible: applies,
    handler: recordChangeHandler({
      async run(manager, id, context) {
        const changed = await changeRole(manager, record, accountOfAction(context), id, to);
        const user = await manager.findOneByOrFail(User, { id });
        const now = to === 'administrator' ? 'an administrator' : 'an agent';
        return changed ? `${user.name} is now ${now}.` : `${user.name} is already ${now}.`;
      },
    }),
  };
}

export function roleActions(record: RecordActivity): Record<string, Partial<Action<RecordActionResponse>>> {
  return {
    makeAdministrator: roleAction(record, 'agent', 'administrator', 'Shield'),
    makeAgent: roleAction(record, 'administrator', 'agent', 'User'),
  };
}
