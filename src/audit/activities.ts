// MessageHub's activity catalogue: the one place action keys, categories, sentences and "when it is
// written" are defined. The plugin, the panel's filters and the tests all read it from here, and
// docs/activities.md is generated from it (npm run docs:activities; docs/decisions/0016-activity-catalogue-as-data.md).
import { defineActivities, type SentenceInput, type SentenceParams } from '@hashtrail/adminjs-audit';

// Sentences are English templates here; other languages' are in src/admin/locale/<language>/activities.ts.
// The entry keeps the values below (params) and is rendered in the reader's language when read.
const fieldsChanged = (input: SentenceInput): SentenceParams => ({ fields: { fields: Object.keys(input.changes ?? {}) } });
const fieldChange = (field: string) => (input: SentenceInput): SentenceParams => {
  const change = input.changes?.[field];
  const value = (side: unknown) => (side === null || side === undefined ? null : String(side));
  return { from: { field, value: value(change?.from) }, to: { field, value: value(change?.to) } };
};
const memberOf = (input: SentenceInput): SentenceParams => ({
  member: (input.details.memberLabel as string | null | undefined) ?? `#${String(input.details.memberId ?? '?')}`,
});
const article = (noun: string) => (/^[aeiou]/.test(noun) ? 'an' : 'a');

/** created / updated / deleted for an entity named `noun`; `changed` says what an update covers. */
function lifecycle(category: string, prefix: string, noun: string, changed = 'any of its fields') {
  return {
    [`${prefix}.created`]: { category, when: `an administrator creates ${article(noun)} ${noun}`, sentence: `{{actor}} created ${noun} "{{target}}" (#{{targetId}})` },
    [`${prefix}.updated`]: {
      category,
      when: `an administrator saves a change to ${article(noun)} ${noun} (${changed}); an edit that changes nothing writes nothing`,
      sentence: `{{actor}} updated ${noun} "{{target}}" (#{{targetId}}): {{fields}}`,
      params: fieldsChanged,
    },
    [`${prefix}.deleted`]: { category, when: `an administrator deletes ${article(noun)} ${noun} (one entry per record in a bulk delete)`, sentence: `{{actor}} deleted ${noun} "{{target}}" (#{{targetId}})` },
  };
}

/** member_added / member_removed for the agents of a `noun`, whichever page edited them. */
function membership(category: string, prefix: string, noun: string) {
  return {
    [`${prefix}.member_added`]: {
      category,
      when: `an agent is added to ${article(noun)} ${noun}, from the ${noun}'s page or the user's page (one entry per agent)`,
      sentence: `{{actor}} added "{{member}}" to ${noun} "{{target}}"`,
      params: memberOf,
    },
    [`${prefix}.member_removed`]: {
      category,
      when: `an agent is removed from ${article(noun)} ${noun}, from either page, or because the ${noun} or the agent is deleted (one entry per agent)`,
      sentence: `{{actor}} removed "{{member}}" from ${noun} "{{target}}"`,
      params: memberOf,
    },
  };
}

export const activities = defineActivities({
  'session.signed_in': { category: 'User', when: 'a sign-in on the login page succeeds', sentence: '{{actor}} signed in' },
  'session.signed_out': { category: 'User', when: 'a signed-in user signs out, before the session ends', sentence: '{{actor}} signed out' },
  'session.sign_in_failed': {
    category: 'User',
    when: 'a sign-in is refused: unknown email, wrong password, a disabled user, one who has not joined yet, one who belongs to no account, or too many attempts; the password is never recorded. A known user\'s refusal goes to the log of the account they would have entered, an unknown email\'s to the system log',
    sentence: 'Sign-in refused for {{email}} ({{reason}})',
    params: (i) => ({ email: String(i.details.email || '—'), reason: { field: 'signInRefusal', value: String(i.details.reason ?? 'unknown') } }),
  },
  'user.invited': { category: 'User', when: 'an administrator invites someone into the account, as an agent or an administrator (a new email becomes an invited user; an email that already has a user joins the account at once), or the operator makes an account\'s first administrator', sentence: '{{actor}} invited "{{target}}" as {{role}}', params: (i) => ({ role: { field: 'role', value: String(i.details.role ?? 'agent') } }) },
  'user.invitation_resent': { category: 'User', when: 'an administrator replaces a pending invitation\'s link with a new one', sentence: '{{actor}} sent a new invitation link to "{{target}}"' },
  'user.invitation_revoked': { category: 'User', when: 'an administrator withdraws a pending invitation\'s link', sentence: '{{actor}} revoked the invitation of "{{target}}"' },
  'user.invitation_accepted': { category: 'User', when: 'the invitee opens their link, sets a password and joins', sentence: '{{actor}} accepted the invitation and joined' },
  'user.role_changed': { category: 'User', when: 'a user\'s role changes between agent and administrator', sentence: '{{actor}} changed the role of "{{target}}" from {{from}} to {{to}}', params: fieldChange('role') },
  'user.availability_changed': {
    category: 'User',
    when: 'a user\'s availability changes (online, offline, busy), set by themselves or by an administrator',
    sentence: '{{actor}} changed the availability of "{{target}}" from {{from}} to {{to}}',
    variants: { own: '{{actor}} changed their own availability from {{from}} to {{to}}' },
    params: (i) => ({ ...fieldChange('availability')(i), ...(i.details.own ? { variant: 'own' } : {}) }),
  },
  'user.updated': { category: 'User', when: 'other fields of a user change (name, display name, email, status); one entry naming every such field', sentence: '{{actor}} updated {{fields}} of user "{{target}}"', params: fieldsChanged },
  'user.deleted': { category: 'User', when: 'an administrator removes a user from the account (one entry per user in a bulk delete); the user itself is deleted when it belongs to no other account', sentence: '{{actor}} removed user "{{target}}"' },
  'account.created': { category: 'Account', when: 'the operator creates an account (npm run account:create), or the seed of a fresh install does; written as System, in the system log (account 0)', sentence: '{{actor}} created the account "{{target}}"' },
  'account.updated': { category: 'Account', when: 'an administrator saves a change to the account\'s settings', sentence: '{{actor}} changed account settings: {{fields}}', params: fieldsChanged },
  ...lifecycle('Automation Rule', 'automation_rule', 'automation rule', 'including switching it on or off'),
  ...lifecycle('Inbox', 'inbox', 'inbox'),
  ...membership('Inbox', 'inbox', 'inbox'),
  ...lifecycle('Webhook', 'webhook', 'webhook', 'its signing secret shows as changed, masked'),
  ...lifecycle('Team', 'team', 'team'),
  ...membership('Team', 'team', 'team'),
  'audit_log.export_started': {
    category: 'Audit',
    when: 'an administrator starts an export of audit entries, committed before the first row is sent (an export that cannot be recorded never starts); audit_log.exported follows with what was sent',
    sentence: '{{actor}} started an export of audit entries as {{format}}',
  },
  'audit_log.exported': {
    category: 'Audit',
    when: 'an administrator exports audit entries (CSV or JSON Lines), once the last row has been sent; an export that breaks off is recorded too',
    sentence: '{{actor}} exported {{rows}} audit entries as {{format}}',
  },
  'audit_log.checkpoint': {
    category: 'Audit',
    when: 'every AUDIT_CHECKPOINT_EVERY_ENTRIES entries or AUDIT_CHECKPOINT_EVERY_SECONDS seconds, and after every purge, when a checkpoint key is configured: the chain head signed with Ed25519; written as System',
    sentence: '{{actor}} signed a checkpoint of the audit log at position {{position}}',
    params: (i) => ({ position: String((i.details.checkpoint as { seq?: string } | undefined)?.seq ?? '?') }),
  },
  'audit_log.read_via_api': {
    category: 'Audit',
    when: 'an administrator\'s personal access token reads the audit log through the API (GET /api/v1/audit_logs…); once per token per AUDIT_API_READ_WINDOW_MINUTES (an hour), not once per page, so polling does not flood the log',
    sentence: '{{actor}} read the audit log through the API with the token "{{target}}"',
  },
  'audit_log.purged': {
    category: 'Audit',
    when: 'the retention purge (npm run audit:purge, or daily with AUDIT_PURGE_DAILY) removes entries past their retention period: the account\'s own (Account settings), else AUDIT_RETENTION_DAYS; one per chain that lost entries, in that chain, with the period in its details; written as System',
    sentence: '{{actor}} purged {{count}} audit entries older than {{olderThan}}',
  },
  'api_token.created': { category: 'Access', when: 'an administrator creates a personal access token on My profile (its name; never the token)', sentence: '{{actor}} created the API token "{{target}}"' },
  'api_token.revoked': { category: 'Access', when: 'an administrator revokes one of their personal access tokens on My profile', sentence: '{{actor}} revoked the API token "{{target}}"' },
  'api_token.refused': {
    category: 'Access',
    when: 'a revoked or expired personal access token is presented to the API and refused; once per token per AUDIT_API_READ_WINDOW_MINUTES; written as System with the caller\'s IP',
    sentence: 'The revoked API token "{{target}}" was presented and refused',
    variants: { expired: 'The expired API token "{{target}}" was presented and refused' },
    params: (i) => (i.details.state === 'expired' ? { variant: 'expired' } : {}),
  },
});

export type ActionKey = keyof typeof activities;
