// MessageHub's activity catalogue (../shared/ACTIVITIES.md): the one place action keys, categories
// and sentences are defined. The plugin, the panel's filters and the tests all read it from here.
import { defineActivities, type SentenceInput } from '@hashtrail/adminjs-audit';

const quoted = (label: string | null, id: string | null) => (label ? `"${label}"` : `#${id ?? '?'}`);
const fieldList = (input: SentenceInput) => Object.keys(input.changes ?? {}).join(', ') || 'nothing';
const change = (input: SentenceInput, field: string) => {
  const entry = input.changes?.[field];
  return entry ? `from ${String(entry.from)} to ${String(entry.to)}` : '';
};
const member = (input: SentenceInput) => quoted((input.details.memberLabel as string | null) ?? null, (input.details.memberId as string | null) ?? null);

/** created / updated / deleted for an entity named `noun`. */
function lifecycle(category: string, prefix: string, noun: string) {
  return {
    [`${prefix}.created`]: { category, sentence: (i: SentenceInput) => `${i.actorName} created ${noun} ${quoted(i.targetLabel, i.targetId)} (#${i.targetId})` },
    [`${prefix}.updated`]: { category, sentence: (i: SentenceInput) => `${i.actorName} updated ${noun} ${quoted(i.targetLabel, i.targetId)} (#${i.targetId}): ${fieldList(i)}` },
    [`${prefix}.deleted`]: { category, sentence: (i: SentenceInput) => `${i.actorName} deleted ${noun} ${quoted(i.targetLabel, i.targetId)} (#${i.targetId})` },
  };
}

function membership(category: string, prefix: string, noun: string) {
  return {
    [`${prefix}.member_added`]: { category, sentence: (i: SentenceInput) => `${i.actorName} added ${member(i)} to ${noun} ${quoted(i.targetLabel, i.targetId)}` },
    [`${prefix}.member_removed`]: { category, sentence: (i: SentenceInput) => `${i.actorName} removed ${member(i)} from ${noun} ${quoted(i.targetLabel, i.targetId)}` },
  };
}

export const activities = defineActivities({
  'session.signed_in': { category: 'User', sentence: (i) => `${i.actorName} signed in` },
  'session.signed_out': { category: 'User', sentence: (i) => `${i.actorName} signed out` },
  'session.sign_in_failed': {
    category: 'User',
    sentence: (i) => `Sign-in refused for ${String(i.details.email || '(no email)')} (${String(i.details.reason).replace(/_/g, ' ')})`,
  },
  'user.invited': { category: 'User', sentence: (i) => `${i.actorName} invited ${quoted(i.targetLabel, i.targetId)} as ${String(i.details.role ?? 'agent')}` },
  // Not in the shared catalogue's table: an invitation link replaced or withdrawn by an administrator.
  'user.invitation_resent': { category: 'User', sentence: (i) => `${i.actorName} sent a new invitation link to ${quoted(i.targetLabel, i.targetId)}` },
  'user.invitation_revoked': { category: 'User', sentence: (i) => `${i.actorName} revoked the invitation of ${quoted(i.targetLabel, i.targetId)}` },
  'user.invitation_accepted': { category: 'User', sentence: (i) => `${i.actorName} accepted the invitation and joined` },
  'user.role_changed': { category: 'User', sentence: (i) => `${i.actorName} changed the role of ${quoted(i.targetLabel, i.targetId)} ${change(i, 'role')}` },
  'user.availability_changed': {
    category: 'User',
    sentence: (i) =>
      i.details.own
        ? `${i.actorName} changed their own availability ${change(i, 'availability')}`
        : `${i.actorName} changed the availability of ${quoted(i.targetLabel, i.targetId)} ${change(i, 'availability')}`,
  },
  'user.updated': { category: 'User', sentence: (i) => `${i.actorName} updated ${fieldList(i)} of user ${quoted(i.targetLabel, i.targetId)}` },
  'user.deleted': { category: 'User', sentence: (i) => `${i.actorName} removed user ${quoted(i.targetLabel, i.targetId)}` },
  'account.updated': { category: 'Account', sentence: (i) => `${i.actorName} changed account settings: ${fieldList(i)}` },
  ...lifecycle('Automation Rule', 'automation_rule', 'automation rule'),
  ...lifecycle('Inbox', 'inbox', 'inbox'),
  ...membership('Inbox', 'inbox', 'inbox'),
  ...lifecycle('Webhook', 'webhook', 'webhook'),
  ...lifecycle('Team', 'team', 'team'),
  ...membership('Team', 'team', 'team'),
  'audit_log.exported': {
    category: 'Audit',
    sentence: (i) => `${i.actorName} exported ${String(i.details.rows ?? 0)} audit entries as ${String(i.details.format ?? 'a file')}`,
  },
  'audit_log.purged': {
    category: 'Audit',
    sentence: (i) => `${i.actorName} purged ${String(i.details.count ?? 0)} audit entries older than ${String(i.details.olderThan)}`,
  },
});

export type ActionKey = keyof typeof activities;
