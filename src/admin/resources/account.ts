import type { ResourceOptions } from 'adminjs';
import { ACCOUNT_LOCALES } from '../../entities/enums.js';
import { administratorsOnly, administratorsOnlyActions, refusedToAll } from '../access.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';


/** The single account row: it can be read and edited, never created or removed from the panel. */
export const accountOptions: ResourceOptions = {
  navigation: chatSettings,
  properties: {
    locale: { availableValues: choices(ACCOUNT_LOCALES) },
    createdAt: { isVisible: { list: false, filter: false, show: true, edit: false } },
    updatedAt: { isVisible: { list: false, filter: false, show: true, edit: false } },
  },
  actions: {
    ...administratorsOnlyActions,
    edit: { isAccessible: administratorsOnly, isVisible: administratorsOnly },
    new: refusedToAll,
    delete: refusedToAll,
    bulkDelete: refusedToAll,
  },
};
