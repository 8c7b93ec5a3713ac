// The people screens, wired: users (with invitations and roles), my profile, inboxes and teams
// with their members. admin.ts lists these entries among the other resources.
import type { ResourceOptions } from 'adminjs';
import { Inbox, InboxMember, Team, TeamMember, User } from '../entities/index.js';
import type { PeopleDeps } from './people-deps.js';
import { inboxMemberOptions, inboxOptions, inboxResourceHooks } from './resources/inboxes.js';
import { MY_PROFILE_RESOURCE_ID, myProfileOptions } from './resources/my-profile.js';
import { teamMemberOptions, teamOptions, teamResourceHooks } from './resources/teams.js';
import { userOptions, userResourceHooks } from './resources/users.js';

/** Lets admin.ts add its own wrapping (e.g. audit history) to each resource's options. */
type Wrap = (options: ResourceOptions, targetType: string, actor?: boolean) => ResourceOptions;

export function peopleResources(deps: PeopleDeps, wrap: Wrap = (options) => options) {
  const { audit } = deps;
  return {
    user: audit.resource(User, wrap(userOptions(deps), 'user', true), userResourceHooks),
    myProfile: audit.resource(User, myProfileOptions(deps)),
    inbox: audit.resource(Inbox, wrap(inboxOptions(deps), 'inbox'), inboxResourceHooks),
    inboxMember: audit.resource(InboxMember, inboxMemberOptions),
    team: audit.resource(Team, wrap(teamOptions(deps), 'team'), teamResourceHooks),
    teamMember: audit.resource(TeamMember, teamMemberOptions),
  };
}

/** Labels for the actions and fields these screens add (AdminJS per-resource translations). */
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
