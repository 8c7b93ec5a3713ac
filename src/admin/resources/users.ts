import type { ResourceOptions } from 'adminjs';
import type { AuditedResourceHooks } from '@hashtrail/adminjs-audit';
import { USER_AVAILABILITIES, USER_ROLES, USER_STATUSES } from '../../entities/enums.js';
import { INBOX_MEMBERS, TEAM_MEMBERS } from '../../memberships/membership-links.js';
import { administratorsOnlyActions } from '../access.js';
import { linkedIdsProperty, saveLinkedIds, showLinkedIds, type LinkedIdsField } from '../linked-ids.js';
import { chatSettings } from '../navigation.js';
import type { PeopleDeps } from '../people-deps.js';
import { choices } from './enum-values.js';
import { OneTimeSecretComponent } from '../components/OneTimeSecretComponents.js';
import { INVITATION_FORM_FIELDS, invitationActions, inviteHandler, prepareInvitation, showInvitationLink } from './user-invitation-actions.js';
import { roleActions } from './user-role-actions.js';
import { saveRoleInAccount } from './user-account-membership.js';
import { userRemovalActions } from './user-removal-actions.js';
import { guardSharedUserFields } from './shared-user-fields.js';

const readOnly = { isVisible: { list: true, filter: true, show: true, edit: false } };
const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };
const hidden = { isVisible: false };

/** A user's inboxes and teams, edited on the user's page. */
export const userLinkedFields: LinkedIdsField[] = [
  { field: 'inboxIds', table: INBOX_MEMBERS, from: 'member' },
  { field: 'teamIds', table: TEAM_MEMBERS, from: 'member' },
];

/** In the record's transaction: the role in the current account first (a new user joins it), then their inboxes and teams there. */
export function userResourceHooks({ record }: Pick<PeopleDeps, 'record'>): AuditedResourceHooks {
  const saveLinked = saveLinkedIds(userLinkedFields);
  return {
    afterSave: async (manager, saved, params, context) => {
      await saveRoleInAccount(manager, record, saved, params, context);
      await saveLinked(manager, saved, params, context);
    },
  };
}

export function userOptions(deps: PeopleDeps): ResourceOptions {
  const linked = showLinkedIds(userLinkedFields, () => deps.dataSource.manager);
  return {
    navigation: chatSettings,
    listProperties: ['id', 'name', 'email', 'role', 'availability', 'status', 'lastSignInAt'],
    // The role is the user's in the current account (account_users): shown and edited, not a column to filter or sort by.
    filterProperties: ['name', 'email', 'availability', 'status'],
    editProperties: ['name', 'displayName', 'email', 'role', 'availability', 'status', 'inboxIds', 'teamIds'],
    properties: {
      passwordHash: hidden,
      invitationTokenHash: hidden,
      invitationExpiresAt: hidden,
      role: { type: 'string', availableValues: choices(USER_ROLES), isSortable: false, isVisible: { list: true, filter: false, show: true, edit: true } },
      lastAccountId: hidden,
      availability: { availableValues: choices(USER_AVAILABILITIES) },
      status: { availableValues: choices(USER_STATUSES) },
      inboxIds: linkedIdsProperty('Inbox', 110),
      teamIds: linkedIdsProperty('Team', 111),
      lastSignInAt: readOnly,
      createdAt: showOnly,
      updatedAt: showOnly,
    },
    actions: {
      ...administratorsOnlyActions,
      // Users join by invitation: "new" is "Invite user". Its form shows only what an invitation is
      // made of (a new user is always invited and offline: status and availability sent are
      // ignored), and shows the invitation link in a dialog that stays until dismissed.
      new: {
        ...administratorsOnlyActions.new,
        layout: INVITATION_FORM_FIELDS,
        component: OneTimeSecretComponent.newForm,
        before: prepareInvitation(deps.invitations),
        handler: inviteHandler(deps),
        after: showInvitationLink(deps.invitations),
      },
      show: { ...administratorsOnlyActions.show, after: linked },
      // Someone who is also in another account keeps their own fields: see shared-user-fields.ts.
      edit: { ...administratorsOnlyActions.edit, before: guardSharedUserFields(deps.dataSource), after: linked },
      // "Delete" removes the user from the current account; the row goes with their last account.
      ...userRemovalActions(deps.record),
      ...invitationActions(deps),
      ...roleActions(deps.record),
    },
  };
}
