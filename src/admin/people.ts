// Labels for the actions and fields the people screens add (AdminJS per-resource translations).
import { MY_PROFILE_RESOURCE_ID } from './resources/my-profile.js';

export const peopleTranslations = {
  User: {
    actions: {
      new: 'Invite user',
      resendInvitation: 'Resend invitation',
      revokeInvitation: 'Revoke invitation',
      makeAdministrator: 'Make administrator',
      makeAgent: 'Make agent',
    },
    properties: { inboxIds: 'Inboxes', teamIds: 'Teams' },
  },
  [MY_PROFILE_RESOURCE_ID]: {
    labels: { [MY_PROFILE_RESOURCE_ID]: 'My profile' },
    actions: { goOnline: 'Go online', goBusy: 'Go busy', goOffline: 'Go offline' },
    properties: { inboxIds: 'My inboxes', teamIds: 'My teams' },
  },
  Inbox: { properties: { memberIds: 'Agents' } },
  Team: { properties: { memberIds: 'Agents' } },
};
