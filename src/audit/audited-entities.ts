// Each MessageHub entity, declared once: what the log records of it, and how it shows in the panel.
import { auditEntity, auditMembership, type UpdateActivity, type UpdateContext } from '@hashtrail/adminjs-audit';
import type { PeopleDeps } from '../admin/people-deps.js';
import { accountOptions } from '../admin/resources/account.js';
import type { AccountRetentionDeps } from '../admin/resources/account-retention.js';
import { automationRuleOptions } from '../admin/resources/automation-rules.js';
import { inboxMemberOptions, inboxOptions, inboxResourceHooks } from '../admin/resources/inboxes.js';
import { myProfileOptions } from '../admin/resources/my-profile.js';
import { teamMemberOptions, teamOptions, teamResourceHooks } from '../admin/resources/teams.js';
import { userOptions, userResourceHooks } from '../admin/resources/users.js';
import { webhookOptions } from '../admin/resources/webhooks.js';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../entities/index.js';

import { userLabel } from '../users/user-label.js';

const byName = (row: Record<string, unknown>) => (row.name as string | null) ?? null;

/**
 * Where each entity's account is (docs/decisions/0023-many-accounts.md): the plugin confines every
 * panel read and write of the entity to the admin's current account, and creates new rows in it.
 */
const IN_ACCOUNT = 'accountId';
/** Users are shared by accounts: the current account's are those with a membership there. */
const USERS_OF_ACCOUNT = { where: (accountId: string) => ({ accountMemberships: { accountId: Number(accountId) } }) };

/**
 * One user update can mean several activities: a role change, an availability change, an
 * invitation accepted, or a profile edit. Each gets its own entry with its own fields.
 */
function classifyUserUpdate({ changes, before, after, actorId, targetId }: UpdateContext): UpdateActivity[] {
  const activities: UpdateActivity[] = [];
  const remaining = new Set(Object.keys(changes));
  const take = (fields: string[]) => fields.filter((field) => remaining.delete(field));
  if (before.status === 'invited' && after.status === 'active') {
    activities.push({ action: 'user.invitation_accepted', fields: take(['status', 'passwordHash', 'invitationTokenHash', 'invitationExpiresAt', 'name', 'displayName']) });
  } else if (after.status === 'invited' && changes.invitationTokenHash) {
    // A new link replaces the old one (resent), or the link is withdrawn (revoked).
    const action = after.invitationTokenHash ? 'user.invitation_resent' : 'user.invitation_revoked';
    activities.push({ action, fields: take(['invitationTokenHash', 'invitationExpiresAt']) });
  }
  if (changes.availability) {
    activities.push({ action: 'user.availability_changed', fields: take(['availability']), details: { own: actorId === targetId } });
  }
  if (remaining.size > 0) activities.push({ action: 'user.updated', fields: [...remaining] });
  return activities;
}

export const messageHubEntities = (deps: PeopleDeps & AccountRetentionDeps) => [
  // The account's settings page has no history of its own: Audit Logs filters by target for that.
  // An admin sees and edits their current account only (`account: 'id'`); accounts are made by the
  // operator's CLI (npm run account:create), never from the panel.
  auditEntity({ entity: Account, targetType: 'account', label: byName, created: 'account.created', updated: 'account.updated', account: 'id', resource: { options: accountOptions(deps), history: false } }),
  auditEntity({
    entity: User,
    targetType: 'user',
    label: userLabel,
    ignore: ['lastSignInAt', 'lastAccountId'],
    // The token hash is masked by the shared list ("token"); the expiry goes with it.
    redact: ['passwordHash', 'invitationExpiresAt'],
    // Users join an account by invitation, with a role there: user.invited is written with the
    // account membership (src/admin/resources/user-account-membership.ts), which holds the role,
    // not from the users row, which does not. Role changes are the membership's (src/accounts/role-changes.ts).
    deleted: 'user.deleted',
    classifyUpdate: classifyUserUpdate,
    // Every key classifyUserUpdate returns: checked against the catalogue at start-up.
    updateActions: ['user.invitation_accepted', 'user.invitation_resent', 'user.invitation_revoked', 'user.availability_changed', 'user.updated'],
    account: USERS_OF_ACCOUNT,
    // Users administered by administrators, and every user's own "My profile" page over the same table.
    resource: [
      { options: userOptions(deps), hooks: userResourceHooks(deps), history: { actor: true } },
      { options: myProfileOptions(deps), history: false },
    ],
  }),
  auditEntity({
    entity: Inbox,
    account: IN_ACCOUNT,
    targetType: 'inbox',
    label: byName,
    created: 'inbox.created',
    updated: 'inbox.updated',
    deleted: 'inbox.deleted',
    resource: { options: inboxOptions(deps), hooks: inboxResourceHooks },
  }),
  auditEntity({
    entity: Team,
    account: IN_ACCOUNT,
    targetType: 'team',
    label: byName,
    created: 'team.created',
    updated: 'team.updated',
    deleted: 'team.deleted',
    resource: { options: teamOptions(deps), hooks: teamResourceHooks },
  }),
  auditEntity({
    entity: Webhook,
    account: IN_ACCOUNT,
    targetType: 'webhook',
    label: (row) => (row.url as string | null) ?? null,
    redact: ['signingSecret'],
    created: 'webhook.created',
    updated: 'webhook.updated',
    deleted: 'webhook.deleted',
    // A webhook has no name: its address names it (page heading, references), not its first column (a date).
    resource: { options: { ...webhookOptions, titleProperty: 'url' } },
  }),
  auditEntity({
    entity: AutomationRule,
    account: IN_ACCOUNT,
    targetType: 'automation_rule',
    label: byName,
    created: 'automation_rule.created',
    updated: 'automation_rule.updated',
    deleted: 'automation_rule.deleted',
    resource: { options: automationRuleOptions },
  }),
];

export const messageHubMemberships = [
  auditMembership({
    entity: InboxMember,
    account: IN_ACCOUNT,
    parent: { entity: Inbox, key: 'inboxId', targetType: 'inbox', label: byName },
    member: { entity: User, key: 'userId', label: userLabel },
    added: 'inbox.member_added',
    removed: 'inbox.member_removed',
    resource: { options: inboxMemberOptions },
  }),
  auditMembership({
    entity: TeamMember,
    account: IN_ACCOUNT,
    parent: { entity: Team, key: 'teamId', targetType: 'team', label: byName },
    member: { entity: User, key: 'userId', label: userLabel },
    added: 'team.member_added',
    removed: 'team.member_removed',
    resource: { options: teamMemberOptions },
  }),
];
