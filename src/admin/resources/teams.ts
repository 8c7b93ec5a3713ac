import type { ResourceOptions } from 'adminjs';
import { TEAM_MEMBERS } from '../../memberships/membership-links.js';
import { administratorsOnlyActions } from '../access.js';
import { linkedIdsProperty, saveLinkedIds, showLinkedIds, type LinkedIdsField } from '../linked-ids.js';
import { memberScopedActions, membersOnly } from '../member-scope.js';
import { chatSettings } from '../navigation.js';
import type { PeopleDeps } from '../people-deps.js';

const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

/** The team's agents, added and removed on the team's own page. */
const teamLinkedFields: LinkedIdsField[] = [{ field: 'memberIds', table: TEAM_MEMBERS, from: 'parent' }];

export const teamResourceHooks = { afterSave: saveLinkedIds(teamLinkedFields) };

export function teamOptions({ dataSource }: Pick<PeopleDeps, 'dataSource'>): ResourceOptions {
  const scope = membersOnly(dataSource, TEAM_MEMBERS, 'teams');
  const linked = showLinkedIds(teamLinkedFields, () => dataSource.manager);
  return {
    navigation: chatSettings,
    listProperties: ['id', 'name', 'allowAutoAssign', 'updatedAt'],
    properties: {
      // Always the current account (the audit plugin keeps it so): nothing to show or choose.
      accountId: { isVisible: false },
      description: { type: 'textarea' },
      memberIds: linkedIdsProperty('User', 100),
      createdAt: showOnly,
      updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
    },
    // Agents: read-only, and only the teams they belong to.
    actions: memberScopedActions(scope, linked),
  };
}

/**
 * Membership rows one by one, for administrators who open them by address. Not in the menu:
 * members are added and removed on the team's own page (its Agents field).
 */
export const teamMemberOptions: ResourceOptions = {
  navigation: false,
  listProperties: ['id', 'teamId', 'userId', 'createdAt'],
  properties: { accountId: { isVisible: false }, createdAt: showOnly },
  actions: { ...administratorsOnlyActions, edit: { isAccessible: false, isVisible: false } },
};
