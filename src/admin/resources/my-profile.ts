// "My profile": every signed-in user's own record — name and display name (which they may edit),
// availability, and the inboxes and teams they belong to, read-only — with buttons to change their own availability,
// their language and, for administrators, their API tokens.
// The same User table as the Users resource, under its own id, narrowed to the signed-in user.
import type { Action, ActionContext, ActionRequest, RecordActionResponse, ResourceOptions } from 'adminjs';
import { ValidationError } from 'adminjs';
import { USER_AVAILABILITIES, USER_ROLES, type UserAvailability } from '../../entities/enums.js';
import { choices } from './enum-values.js';
import { setOwnAvailability } from '../../users/availability.js';
import type { PeopleDeps } from '../people-deps.js';
import { linkedIdsProperty, showLinkedIds } from '../linked-ids.js';
import { recordChangeHandler } from '../record-action.js';
import { userLinkedFields } from './users.js';
import { refusedToAll } from '../access.js';
import { chooseLanguageAction } from './language-action.js';
import { apiTokensAction } from './api-tokens-action.js';
import { switchAccountAction } from './switch-account-action.js';
import { LANGUAGE_NAMES, LANGUAGES } from '../../domain/languages.js';

export const MY_PROFILE_RESOURCE_ID = 'MyProfile';

const isOwnRecord = ({ currentAdmin, record }: ActionContext) => record != null && currentAdmin?.id != null && String(record.id()) === String(currentAdmin.id);

/** The list shows one row: the signed-in user's. Whatever filter the browser asked for is replaced. */
async function onlyMe(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  const query = request.query ?? {};
  const kept = Object.fromEntries(Object.entries(query).filter(([key]) => !key.startsWith('filters.')));
  return { ...request, query: { ...kept, 'filters.id': String(context.currentAdmin?.id ?? 0) } };
}

const actionName = (availability: UserAvailability) => `go${availability[0]!.toUpperCase()}${availability.slice(1)}`;

function availabilityAction(availability: UserAvailability): Partial<Action<RecordActionResponse>> {
  const applies = (context: ActionContext) => isOwnRecord(context) && context.record?.param('availability') !== availability;
  return {
    actionType: 'record',
    icon: availability === 'online' ? 'CheckCircle' : availability === 'busy' ? 'MinusCircle' : 'Circle',
    component: false,
    isAccessible: isOwnRecord,
    isVisible: applies,
    handler: recordChangeHandler({
      async run(manager, id, context) {
        // Checked again here: isAccessible saw the record as the browser last loaded it.
        if (String(id) !== String(context.currentAdmin?.id)) throw new ValidationError({}, { message: 'You can only change your own availability here.', type: 'refused' });
        const user = await setOwnAvailability(manager, id, availability);
        if (!user) throw new ValidationError({}, { message: 'Your account is no longer active.', type: 'refused' });
        return `You are now ${availability}.`;
      },
    }),
  };
}

export function myProfileOptions(deps: PeopleDeps): ResourceOptions {
  const linked = showLinkedIds(userLinkedFields, () => deps.dataSource.manager);
  const availabilityActions = Object.fromEntries(USER_AVAILABILITIES.map((value) => [actionName(value), availabilityAction(value)]));
  return {
    id: MY_PROFILE_RESOURCE_ID,
    navigation: { name: null, icon: 'User' },
    // The menu opens the user's own page (where the availability buttons are), not a list of one row.
    href: ({ currentAdmin, h }) =>
      currentAdmin?.id == null
        ? h.resourceUrl({ resourceId: MY_PROFILE_RESOURCE_ID })
        : h.recordActionUrl({ resourceId: MY_PROFILE_RESOURCE_ID, recordId: String(currentAdmin.id), actionName: 'show' }),
    listProperties: ['name', 'displayName', 'availability'],
    // One's own name and display name: shared by every account one belongs to, so no account's
    // administrator changes them for someone in several (shared-user-fields.ts); the person does.
    editProperties: ['name', 'displayName'],
    showProperties: ['name', 'displayName', 'email', 'role', 'availability', 'locale', 'inboxIds', 'teamIds'],
    filterProperties: [],
    properties: {
      // Shown by the language's own name; none chosen shows nothing (the account's language applies).
      locale: { availableValues: LANGUAGES.map((value) => ({ value, label: LANGUAGE_NAMES[value] })) },
      inboxIds: linkedIdsProperty('Inbox', 110, false),
      teamIds: linkedIdsProperty('Team', 111, false),
      // Their role in the current account (account_users), read into the record: not a column of users.
      role: { type: 'string', availableValues: choices(USER_ROLES), isSortable: false, isVisible: { list: false, filter: false, show: true, edit: false } },
    },
    actions: {
      list: { isAccessible: true, before: onlyMe, showFilter: false },
      show: { isAccessible: isOwnRecord, after: linked },
      search: refusedToAll,
      new: refusedToAll,
      edit: { isAccessible: isOwnRecord, isVisible: isOwnRecord },
      delete: refusedToAll,
      bulkDelete: refusedToAll,
      ...availabilityActions,
      chooseLanguage: chooseLanguageAction(),
      apiTokens: apiTokensAction(deps.apiTokens),
      switchAccount: switchAccountAction(() => deps.dataSource),
    },
  };
}
