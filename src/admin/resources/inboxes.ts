import type { ResourceOptions } from 'adminjs';
import { INBOX_CHANNEL_TYPES } from '../../entities/enums.js';
import { readForAllWriteForAdministrators } from '../access.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';

const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

export const inboxOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'name', 'channelType', 'enabled', 'updatedAt'],
  properties: {
    channelType: { availableValues: choices(INBOX_CHANNEL_TYPES) },
    greeting: { type: 'textarea' },
    createdAt: showOnly,
    updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
  },
  actions: readForAllWriteForAdministrators,
};

export const inboxMemberOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'inboxId', 'userId', 'createdAt'],
  properties: { createdAt: showOnly },
  actions: { ...readForAllWriteForAdministrators, edit: { isAccessible: false, isVisible: false } },
};
