// What the audit log's sentences need in English beyond the catalogue's templates
// (src/audit/activities.ts holds the English templates): category names, and the words for the
// values sentences name (a role, an availability, why a sign-in was refused), as said mid-sentence.
// Every other language has a file of this shape plus the templates (`activities`).
export const activityTextsEn = {
  resources: {
    // AdminJS labels a value of a property with available values as `labels.<property>.<value>`:
    // the Audit Logs list and filter show categories with these.
    AuditLog: {
      labels: {
        category: { User: 'User', Account: 'Account', 'Automation Rule': 'Automation Rule', Inbox: 'Inbox', Webhook: 'Webhook', Team: 'Team', Audit: 'Audit', Access: 'Access' },
      },
    },
  },
  activityValues: {
    role: { agent: 'agent', administrator: 'administrator' },
    availability: { online: 'online', offline: 'offline', busy: 'busy' },
    signInRefusal: {
      unknown_email: 'unknown email',
      wrong_password: 'wrong password',
      disabled: 'user disabled',
      not_active: 'not joined yet',
      no_account: 'no account: not a member of any account',
      throttled: 'too many attempts',
      unknown: 'unknown reason',
    },
  },
};
