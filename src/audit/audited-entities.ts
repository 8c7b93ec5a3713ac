// What the log records of each MessageHub entity: one declaration per entity.
import { auditEntity, auditMembership, type UpdateActivity, type UpdateContext } from '@hashtrail/adminjs-audit';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../entities/index.js';

const byName = (row: Record<string, unknown>) => (row.name as string | null) ?? null;
const userLabel = (row: Record<string, unknown>) => (row.email ? `${String(row.name)} <${String(row.email)}>` : byName(row));

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
  if (changes.role) activities.push({ action: 'user.role_changed', fields: take(['role']) });
  if (changes.availability) {
    activities.push({ action: 'user.availability_changed', fields: take(['availability']), details: { own: actorId === targetId } });
  }
  if (remaining.size > 0) activities.push({ action: 'user.updated', fields: [...remaining] });
  return activities;
}

export const auditedEntities = [
  auditEntity({ entity: Account, targetType: 'account', label: byName, updated: 'account.updated' }),
  auditEntity({
    entity: User,
    targetType: 'user',
    label: userLabel,
    ignore: ['lastSignInAt'],
    // The token hash is masked by the shared list ("token"); the expiry goes with it.
    redact: ['passwordHash', 'invitationExpiresAt'],
    // Users join by invitation: creating one is inviting them (the invitation flow sets a token).
    created: 'user.invited',
    createdDetails: (row) => ({ role: row.role }),
    deleted: 'user.deleted',
    classifyUpdate: classifyUserUpdate,
  }),
  auditEntity({ entity: Inbox, targetType: 'inbox', label: byName, created: 'inbox.created', updated: 'inbox.updated', deleted: 'inbox.deleted' }),
  auditEntity({ entity: Team, targetType: 'team', label: byName, created: 'team.created', updated: 'team.updated', deleted: 'team.deleted' }),
  auditEntity({
    entity: Webhook,
    targetType: 'webhook',
    label: (row) => (row.url as string | null) ?? null,
    redact: ['signingSecret'],
    created: 'webhook.created',
    updated: 'webhook.updated',
    deleted: 'webhook.deleted',
  }),
  auditEntity({
    entity: AutomationRule,
    targetType: 'automation_rule',
    label: byName,
    created: 'automation_rule.created',
    updated: 'automation_rule.updated',
    deleted: 'automation_rule.deleted',
  }),
];

export const auditedMemberships = [
  auditMembership({
    entity: InboxMember,
    parent: { entity: Inbox, key: 'inboxId', targetType: 'inbox', label: byName },
    member: { entity: User, key: 'userId', label: userLabel },
    added: 'inbox.member_added',
    removed: 'inbox.member_removed',
  }),
  auditMembership({
    entity: TeamMember,
    parent: { entity: Team, key: 'teamId', targetType: 'team', label: byName },
    member: { entity: User, key: 'userId', label: userLabel },
    added: 'team.member_added',
    removed: 'team.member_removed',
  }),
];
