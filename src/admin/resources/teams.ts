import type { ResourceOptions } from 'adminjs';
import { readForAllWriteForAdministrators } from '../access.js';
import { chatSettings } from '../navigation.js';

const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

export const teamOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'name', 'allowAutoAssign', 'updatedAt'],
  properties: {
    description: { type: 'textarea' },
    createdAt: showOnly,
    updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
  },
  actions: readForAllWriteForAdministrators,
};

export const teamMemberOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'teamId', 'userId', 'createdAt'],
  properties: { createdAt: showOnly },
  actions: { ...readForAllWriteForAdministrators, edit: { isAccessible: false, isVisible: false } },
};
