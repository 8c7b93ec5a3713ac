// MessageHub's activity catalogue: the one place action keys, categories, sentences and "when it is
// written" are defined. The plugin, the panel's filters and the tests all read it from here, and
// docs/activities.md is generated from it (npm run docs:activities; docs/decisions/0016-activity-catalogue-as-data.md).
import { defineActivities, type SentenceInput } from '@hashtrail/adminjs-audit';

const quoted = (label: string | null, id: string | null) => (label ? `"${label}"` : `#${id ?? '?'}`);
const fieldList = (input: SentenceInput) => Object.keys(input.changes ?? {}).join(', ') || 'nothing';
const change = (input: SentenceInput, field: string) => {
  const entry = input.changes?.[field];
  return entry ? `from ${String(entry.from)} to ${String(entry.to)}` : '';
};
const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');
const member = (input: SentenceInput) => quoted((input.details.memberLabel as string | null) ?? null, (input.details.memberId as string | null) ?? null);

/** created / updated / deleted for an entity named `noun`; `changed` says what an update covers. */
function lifecycle(category: string, prefix: string, noun: string, changed = 'any of its fields') {
  return {
    [`${prefix}.created`]: { category, when: `an administrator creates ${article(noun)} ${noun}`, sentence: (i: SentenceInput) => `${i.actorName} created ${noun} ${quoted(i.targetLabel, i.targetId)} (#${i.targetId})` },
    [`${prefix}.updated`]: { category, when: `an administrator saves a change to ${article(noun)} ${noun} (${changed}); an edit that changes nothing writes nothing`, sentence: (i: SentenceInput) => `${i.actorName} updated ${noun} ${quoted(i.targetLabel, i.targetId)} (#${i.targetId}): ${fieldList(i)}` },
    [`${prefix}.deleted`]: { category, when: `an administrator deletes ${article(noun)} ${noun} (one entry per record in a bulk delete)`, sentence: (i: SentenceInput) => `${i.actorName} deleted ${noun} ${quoted(i.targetLabel, i.targetId)} (#${i.targetId})` },
  };
}

/** member_added / member_removed for the agents of a `noun`, whichever page edited them. */
function membership(category: string, prefix: string, noun: string) {
  return {
    [`${prefix}.member_added`]: { category, when: `an agent is added to ${article(noun)} ${noun}, from the ${noun}'s page or the user's page (one entry per agent)`, sentence: (i: SentenceInput) => `${i.actorName} added ${member(i)} to ${noun} ${quoted(i.targetLabel, i.targetId)}` },
    [`${prefix}.member_removed`]: {
      category,
      when: `an agent is removed from ${article(noun)} ${noun}, from either page, or because the ${noun} or the agent is deleted (one entry per agent)`,
      sentence: (i: SentenceInput) => `${i.actorName} removed ${member(i)} from ${noun} ${quoted(i.targetLabel, i.targetId)}`,
    },
  };
}

export const activities = defineActivities({
  'session.signed_in': { category: 'User', when: 'a sign-in on the login page succeeds', sentence: (i) => `${i.actorName} signed in` },
  'session.signed_out': { category: 'User', when: 'a signed-in user signs out, before the session ends', sentence: (i) => `${i.actorName} signed out` },
  'session.sign_in_failed': {
    category: 'User',
    when: 'a sign-in is refused: unknown email, wrong password, a disabled user, one who has not joined yet, or too many attempts; the password is never recorded',
    sentence: (i) => `Sign-in refused for ${String(i.details.email || '(no email)')} (${String(i.details.reason).replace(/_/g, ' ')})`,
  },
  'user.invited': { category: 'User', when: 'an administrator creates a user, as an agent or an administrator: creating a user is inviting them', sentence: (i) => `${i.actorName} invited ${quoted(i.targetLabel, i.targetId)} as ${String(i.details.role ?? 'agent')}` },
  'user.invitation_resent': { category: 'User', when: 'an administrator replaces a pending invitation\'s link with a new one', sentence: (i) => `${i.actorName} sent a new invitation link to ${quoted(i.targetLabel, i.targetId)}` },
  'user.invitation_revoked': { category: 'User', when: 'an administrator withdraws a pending invitation\'s link', sentence: (i) => `${i.actorName} revoked the invitation of ${quoted(i.targetLabel, i.targetId)}` },
  'user.invitation_accepted': { category: 'User', when: 'the invitee opens their link, sets a password and joins', sentence: (i) => `${i.actorName} accepted the invitation and joined` },
  'user.role_changed': { category: 'User', when: 'a user\'s role changes between agent and administrator', sentence: (i) => `${i.actorName} changed the role of ${quoted(i.targetLabel, i.targetId)} ${change(i, 'role')}` },
  'user.availability_changed': {
    category: 'User',
    when: 'a user\'s availability changes (online, offline, busy), set by themselves or by an administrator',
    sentence: (i) =>
      i.details.own
        ? `${i.actorName} changed their own availability ${change(i, 'availability')}`
        : `${i.actorName} changed the availability of ${quoted(i.targetLabel, i.targetId)} ${change(i, 'availability')}`,
  },
  'user.updated': { category: 'User', when: 'other fields of a user change (name, display name, email, status); one entry naming every such field', sentence: (i) => `${i.actorName} updated ${fieldList(i)} of user ${quoted(i.targetLabel, i.targetId)}` },
  'user.deleted': { category: 'User', when: 'an administrator deletes a user (one entry per user in a bulk delete)', sentence: (i) => `${i.actorName} removed user ${quoted(i.targetLabel, i.targetId)}` },
  'account.created': { category: 'Account', when: 'the account row is created, by the seed of a fresh install (as System)', sentence: (i) => `${i.actorName} created the account ${quoted(i.targetLabel, i.targetId)}` },
  'account.updated': { category: 'Account', when: 'an administrator saves a change to the account\'s settings', sentence: (i) => `${i.actorName} changed account settings: ${fieldList(i)}` },
  ...lifecycle('Automation Rule', 'automation_rule', 'automation rule', 'including switching it on or off'),
  ...lifecycle('Inbox', 'inbox', 'inbox'),
  ...membership('Inbox', 'inbox', 'inbox'),
  ...lifecycle('Webhook', 'webhook', 'webhook', 'its signing secret shows as changed, masked'),
  ...lifecycle('Team', 'team', 'team'),
  ...membership('Team', 'team', 'team'),
  'audit_log.export_started': {
    category: 'Audit',
    when: 'an administrator starts an export of audit entries, committed before the first row is sent (an export that cannot be recorded never starts); audit_log.exported follows with what was sent',
    sentence: (i) => `${i.actorName} started an export of audit entries as ${String(i.details.format ?? 'a file')}`,
  },
  'audit_log.exported': {
    category: 'Audit',
    when: 'an administrator exports audit entries (CSV or JSON Lines), once the last row has been sent; an export that breaks off is recorded too',
    sentence: (i) => `${i.actorName} exported ${String(i.details.rows ?? 0)} audit entries as ${String(i.details.format ?? 'a file')}`,
  },
  'audit_log.checkpoint': {
    category: 'Audit',
    when: 'every AUDIT_CHECKPOINT_EVERY_ENTRIES entries or AUDIT_CHECKPOINT_EVERY_SECONDS seconds, and after every purge, when a checkpoint key is configured: the chain head signed with Ed25519; written as System',
    sentence: (i) => `${i.actorName} signed a checkpoint of the audit log at position ${String((i.details.checkpoint as { seq?: string } | undefined)?.seq ?? '?')}`,
  },
  'audit_log.purged': {
    category: 'Audit',
    when: 'the retention purge (npm run audit:purge, or daily with AUDIT_PURGE_DAILY) removes entries older than AUDIT_RETENTION_DAYS; written as System',
    sentence: (i) => `${i.actorName} purged ${String(i.details.count ?? 0)} audit entries older than ${String(i.details.olderThan)}`,
  },
});

export type ActionKey = keyof typeof activities;
