// French names of the panel resources' fields and of their badge values, in the shape of en.ts
// (whose header says where each key is read). Terms as in the audit log's French
// (activities/fr.ts): boîte de réception, équipe, règle d’automatisation, rôle; typography as in
// adminjs-fr.ts (’ for the apostrophe). Dates are "Date de …" rather than "Créé le", which would
// have to agree with each resource.
import { LANGUAGE_NAMES } from '../../../domain/languages.js';
import type { FieldTexts } from './index.js';

const yesNo = { true: 'Oui', false: 'Non' };

const timestamps = { createdAt: 'Date de création', updatedAt: 'Date de modification' };

const userProperties = {
  id: 'ID',
  name: 'Nom',
  displayName: 'Nom affiché',
  email: 'E-mail',
  passwordHash: 'Mot de passe',
  role: 'Rôle',
  availability: 'Disponibilité',
  status: 'Statut',
  invitationTokenHash: 'Lien d’invitation',
  invitationExpiresAt: 'Expiration de l’invitation',
  lastSignInAt: 'Dernière connexion',
  lastAccountId: 'Dernier compte utilisé',
  ...timestamps,
};

const userValues = {
  role: { agent: 'Agent', administrator: 'Administrateur' },
  availability: { online: 'En ligne', offline: 'Hors ligne', busy: 'Occupé' },
  status: { invited: 'Invité', active: 'Actif', disabled: 'Désactivé' },
};

export const fieldTextsFr: FieldTexts = {
  resources: {
    Account: {
      properties: {
        id: 'ID',
        name: 'Nom',
        supportEmail: 'E-mail du support',
        locale: 'Langue',
        timezone: 'Fuseau horaire',
        autoResolveAfterDays: 'Résolution automatique après (jours)',
        csatSurveyEnabled: 'Enquête CSAT',
        autoAssignmentEnabled: 'Attribution automatique',
        emailTranscriptsEnabled: 'Transcriptions par e-mail',
        auditRetentionDays: 'Conservation du journal d’audit (jours)',
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
      // "Activée": agrees with "la boîte de réception".
      properties: { id: 'ID', accountId: 'Compte', name: 'Nom', channelType: 'Canal', greeting: 'Message d’accueil', enabled: 'Activée', ...timestamps },
      labels: {
        channelType: { website: 'Site web', email: 'E-mail', api: 'API', whatsapp: 'WhatsApp', sms: 'SMS', facebook: 'Facebook', telegram: 'Telegram' },
        enabled: yesNo,
      },
    },
    Team: {
      properties: { id: 'ID', accountId: 'Compte', name: 'Nom', description: 'Description', allowAutoAssign: 'Autoriser l’attribution automatique', ...timestamps },
      labels: { allowAutoAssign: yesNo },
    },
    Webhook: {
      properties: { id: 'ID', accountId: 'Compte', url: 'URL', subscribedEvents: 'Événements', signingSecret: 'Secret de signature', enabled: 'Activé', ...timestamps },
      labels: { enabled: yesNo },
    },
    AutomationRule: {
      properties: {
        id: 'ID',
        accountId: 'Compte',
        name: 'Nom',
        description: 'Description',
        event: 'Événement',
        conditions: 'Conditions',
        actions: 'Actions',
        active: 'Active',
        ...timestamps,
      },
      labels: {
        event: {
          conversation_created: 'Conversation créée',
          conversation_updated: 'Conversation mise à jour',
          message_created: 'Message créé',
          conversation_resolved: 'Conversation résolue',
        },
        active: yesNo,
      },
    },
    InboxMember: { properties: { id: 'ID', accountId: 'Compte', inboxId: 'Boîte de réception', userId: 'Agent', createdAt: 'Date d’ajout' } },
    TeamMember: { properties: { id: 'ID', accountId: 'Compte', teamId: 'Équipe', userId: 'Agent', createdAt: 'Date d’ajout' } },
  },
};
