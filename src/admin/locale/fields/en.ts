// English names of the panel resources' fields and of the values shown as badges. Written out
// rather than left to AdminJS's fallback, which turns a name into words ("supportEmail" ->
// "Support Email"): the wording is chosen here, and every other language has the same keys.
//
// Where AdminJS and the audit log look them up:
// - `resources.<resource id>.properties.<field>`: the field's name in forms, lists, filters, and
//   in the audit log's sentences and change table. Every column, secrets included: the change
//   table names them ("Password: masked"), and virtual fields (inboxIds, memberIds) too.
// - `resources.<resource id>.labels.<field>.<value>`: a value of a field with available values,
//   on its badge and in its select (AdminJS's default property components); for a boolean,
//   `.true` / `.false`, else AdminJS writes "Yes" / "No" in English whatever the language.
//
// Not here, because people.ts and webhook-translations.ts already name them (the panel texts
// carry them into each language): User and MyProfile inboxIds, teamIds and locale, Inbox and
// Team memberIds, and the webhook events (Webhook labels.subscribedEvents).
import { LANGUAGE_NAMES } from '../../../domain/languages.js';

const yesNo = { true: 'Yes', false: 'No' };

const timestamps = { createdAt: 'Created at', updatedAt: 'Updated at' };

/** The User table's columns: the Users resource and My profile show the same record. */
const userProperties = {
  id: 'ID',
  name: 'Name',
  displayName: 'Display name',
  email: 'Email',
  // The change table names the field and masks its values: what changed is the password.
  passwordHash: 'Password',
  role: 'Role',
  availability: 'Availability',
  status: 'Status',
  // Only the link's hash is stored, but what an administrator sends, resends or revokes is the link.
  invitationTokenHash: 'Invitation link',
  invitationExpiresAt: 'Invitation expires at',
  lastSignInAt: 'Last sign-in',
  lastAccountId: 'Last account used',
  ...timestamps,
};

const userValues = {
  role: { agent: 'Agent', administrator: 'Administrator' },
  availability: { online: 'Online', offline: 'Offline', busy: 'Busy' },
  status: { invited: 'Invited', active: 'Active', disabled: 'Disabled' },
};

export const fieldTextsEn = {
  resources: {
    Account: {
      properties: {
        id: 'ID',
        name: 'Name',
        supportEmail: 'Support email',
        locale: 'Language',
        timezone: 'Time zone',
        autoResolveAfterDays: 'Auto-resolve after (days)',
        csatSurveyEnabled: 'CSAT survey',
        autoAssignmentEnabled: 'Auto-assignment',
        emailTranscriptsEnabled: 'Email transcripts',
        auditRetentionDays: 'Audit log retention (days)',
        ...timestamps,
      },
      labels: {
        // Each language named in itself, as the language pickers name them, in every language.
        locale: LANGUAGE_NAMES,
        csatSurveyEnabled: yesNo,
        autoAssignmentEnabled: yesNo,
        emailTranscriptsEnabled: yesNo,
      },
    },
    User: { properties: userProperties, labels: userValues },
    // My profile declares no available values today, so AdminJS does not look these up yet; they
    // are given so that badges there would read as on Users the day it does.
    MyProfile: { properties: userProperties, labels: userValues },
    Inbox: {
      properties: { id: 'ID', accountId: 'Account', name: 'Name', channelType: 'Channel', greeting: 'Greeting', enabled: 'Enabled', ...timestamps },
      labels: {
        channelType: { website: 'Website', email: 'Email', api: 'API', whatsapp: 'WhatsApp', sms: 'SMS', facebook: 'Facebook', telegram: 'Telegram' },
        enabled: yesNo,
      },
    },
    Team: {
      properties: { id: 'ID', accountId: 'Account', name: 'Name', description: 'Description', allowAutoAssign: 'Allow auto-assignment', ...timestamps },
      labels: { allowAutoAssign: yesNo },
    },
    Webhook: {
      // The signing secret is never shown, but the audit log names it when it changes (masked).
      properties: { id: 'ID', accountId: 'Account', url: 'URL', subscribedEvents: 'Events', signingSecret: 'Signing secret', enabled: 'Enabled', ...timestamps },
      labels: { enabled: yesNo },
    },
    AutomationRule: {
      properties: {
        id: 'ID',
        accountId: 'Account',
        name: 'Name',
        description: 'Description',
        event: 'Event',
        conditions: 'Conditions',
        actions: 'Actions',
        active: 'Active',
        ...timestamps,
      },
      labels: {
        event: {
          conversation_created: 'Conversation created',
          conversation_updated: 'Conversation updated',
          message_created: 'Message created',
          conversation_resolved: 'Conversation resolved',
        },
        active: yesNo,
      },
    },
    // A membership row is an agent added to an inbox or a team: its creation is when they were added.
    InboxMember: { properties: { id: 'ID', accountId: 'Account', inboxId: 'Inbox', userId: 'Agent', createdAt: 'Added at' } },
    TeamMember: { properties: { id: 'ID', accountId: 'Account', teamId: 'Team', userId: 'Agent', createdAt: 'Added at' } },
  },
};
