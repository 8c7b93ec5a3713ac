import type { ResourceOptions } from 'adminjs';
import { INBOX_CHANNEL_TYPES } from '../../entities/enums.js';
import { INBOX_MEMBERS } from '../../memberships/membership-links.js';
import { administratorsOnlyActions } from '../access.js';
import { linkedIdsProperty, saveLinkedIds, showLinkedIds, type LinkedIdsField } from '../linked-ids.js';
import { memberScopedActions, membersOnly } from '../member-scope.js';
import { chatSettings } from '../navigation.js';
import type { PeopleDeps } from '../people-deps.js';
import { choices } from './enum-values.js';

const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

/** The inbox's agents, added and removed on the inbox's own page. */
const inboxLinkedFields: LinkedIdsField[] = [{ field: 'memberIds', table: INBOX_MEMBERS, from: 'parent' }];

export const inboxResourceHooks = { afterSave: saveLinkedIds(inboxLinkedFields) };

export function inboxOptions({ dataSource }: Pick<PeopleDeps, 'dataSource'>): ResourceOptions {
  const scope = membersOnly(dataSource, INBOX_MEMBERS, 'inboxes');
  const linked = showLinkedIds(inboxLinkedFields, () => dataSource.manager);
  return {
    navigation: chatSettings,
    listProperties: ['id', 'name', 'channelType', 'enabled', 'updatedAt'],
    properties: {
      // Always the current account (the audit plugin keeps it so): nothing to show or choose.
      accountId: { isVisible: false },
      channelType: { availableValues: choices(INBOX_CHANNEL_TYPES) },
      greeting: { type: 'textarea' },
      memberIds: linkedIdsProperty('User', 100),
      createdAt: showOnly,
      updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
    },
    // Agents: read-only, and only the inboxes they belong to.
    actions: memberScopedActions(scope, linked),
  };
}

/**
 * Membership rows one by one, for administrators who open them by address. Not in the menu:
 * members are added and removed on the inbox's own page (its Agents field).
 */
export const inboxMemberOptions: ResourceOptions = {
  navigation: false,
  listProperties: ['id', 'inboxId', 'userId', 'createdAt'],
  properties: { accountId: { isVisible: false }, createdAt: showOnly },
  actions: { ...administratorsOnlyActions, edit: { isAccessible: false, isVisible: false } },
};
