// German names of the panel resources' fields and of their badge values, in the shape of en.ts
// (whose header says where each key is read). Terms as in the audit log's German
// (activities/de.ts): Posteingang, Team, Automatisierungsregel, Rolle.
import { LANGUAGE_NAMES } from '../../../domain/languages.js';
import type { FieldTexts } from './index.js';

const yesNo = { true: 'Ja', false: 'Nein' };

const timestamps = { createdAt: 'Erstellt am', updatedAt: 'Geändert am' };

const userProperties = {
  id: 'ID',
  name: 'Name',
  displayName: 'Anzeigename',
  email: 'E-Mail',
  passwordHash: 'Passwort',
  role: 'Rolle',
  availability: 'Verfügbarkeit',
  status: 'Status',
  invitationTokenHash: 'Einladungslink',
  invitationExpiresAt: 'Einladung gültig bis',
  lastSignInAt: 'Letzte Anmeldung',
  lastAccountId: 'Zuletzt verwendetes Konto',
  ...timestamps,
};

const userValues = {
  role: { agent: 'Agent', administrator: 'Administrator' },
  availability: { online: 'Online', offline: 'Offline', busy: 'Beschäftigt' },
  status: { invited: 'Eingeladen', active: 'Aktiv', disabled: 'Deaktiviert' },
};

export const fieldTextsDe: FieldTexts = {
  resources: {
    Account: {
      properties: {
        id: 'ID',
        name: 'Name',
        supportEmail: 'Support-E-Mail',
        locale: 'Sprache',
        timezone: 'Zeitzone',
        autoResolveAfterDays: 'Automatisch lösen nach (Tagen)',
        csatSurveyEnabled: 'CSAT-Umfrage',
        autoAssignmentEnabled: 'Automatische Zuweisung',
        emailTranscriptsEnabled: 'Transkripte per E-Mail',
        auditRetentionDays: 'Aufbewahrung des Audit-Protokolls (Tage)',
        ...timestamps,
      },
      labels: {
        locale: LANGUAGE_NAMES,
        csatSurveyEnabled: yesNo,
        autoAssignmentEnabled: yesNo,
        emailTranscriptsEnabled: yesNo,
      },
    },
    User: { properties: userProperties, labels: userValues },
    MyProfile: { properties: userProperties, labels: userValues },
    Inbox: {
      properties: { id: 'ID', accountId: 'Konto', name: 'Name', channelType: 'Kanal', greeting: 'Begrüßung', enabled: 'Aktiviert', ...timestamps },
      labels: {
        channelType: { website: 'Website', email: 'E-Mail', api: 'API', whatsapp: 'WhatsApp', sms: 'SMS', facebook: 'Facebook', telegram: 'Telegram' },
        enabled: yesNo,
      },
    },
    Team: {
      properties: { id: 'ID', accountId: 'Konto', name: 'Name', description: 'Beschreibung', allowAutoAssign: 'Automatische Zuweisung erlauben', ...timestamps },
      labels: { allowAutoAssign: yesNo },
    },
    Webhook: {
      properties: { id: 'ID', accountId: 'Konto', url: 'URL', subscribedEvents: 'Ereignisse', signingSecret: 'Signaturschlüssel', enabled: 'Aktiviert', ...timestamps },
      labels: { enabled: yesNo },
    },
    AutomationRule: {
      properties: {
        id: 'ID',
        accountId: 'Konto',
        name: 'Name',
        description: 'Beschreibung',
        event: 'Ereignis',
        conditions: 'Bedingungen',
        actions: 'Aktionen',
        active: 'Aktiv',
        ...timestamps,
      },
      labels: {
        event: {
          conversation_created: 'Konversation erstellt',
          conversation_updated: 'Konversation aktualisiert',
          message_created: 'Nachricht erstellt',
          conversation_resolved: 'Konversation gelöst',
        },
        active: yesNo,
      },
    },
    InboxMember: { properties: { id: 'ID', accountId: 'Konto', inboxId: 'Posteingang', userId: 'Agent', createdAt: 'Hinzugefügt am' } },
    TeamMember: { properties: { id: 'ID', accountId: 'Konto', teamId: 'Team', userId: 'Agent', createdAt: 'Hinzugefügt am' } },
  },
};
