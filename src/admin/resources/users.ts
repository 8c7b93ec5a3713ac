import type { ActionRequest, ResourceOptions } from 'adminjs';
import { USER_AVAILABILITIES, USER_ROLES, USER_STATUSES } from '../../entities/enums.js';
import { administratorsOnlyActions } from '../access.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';

const readOnly = { isVisible: { list: true, filter: true, show: true, edit: false } };
const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

/** A user created in the panel is invited: no password until they accept. */
async function createAsInvited(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post') return request;
  return { ...request, payload: { ...request.payload, status: 'invited' } };
}

export const userOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'name', 'email', 'role', 'availability', 'status', 'lastSignInAt'],
  filterProperties: ['name', 'email', 'role', 'availability', 'status'],
  editProperties: ['name', 'displayName', 'email', 'role', 'availability', 'status'],
  properties: {
    passwordHash: { isVisible: false },
    role: { availableValues: choices(USER_ROLES) },
    availability: { availableValues: choices(USER_AVAILABILITIES) },
    status: { availableValues: choices(USER_STATUSES) },
    lastSignInAt: readOnly,
    createdAt: showOnly,
    updatedAt: showOnly,
  },
  actions: {
    ...administratorsOnlyActions,
    new: { ...administratorsOnlyActions.new, before: createAsInvited },
  },
};
