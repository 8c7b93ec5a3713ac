// German texts of the audit log: the sentence templates of the activity catalogue
// (src/audit/activities.ts), the category names and the value words, in the shape of en.ts.
// Templates keep exactly the English placeholders (test/app/activity-translations.test.ts checks).
// Names in „…“; the perfect tense throughout ("hat … erstellt"), which nothing about the actor
// inflects. Value words that are nouns (the roles) keep their capital, as German writes them mid-sentence.
import type { ActivityTexts } from './index.js';

export const activityTextsDe: ActivityTexts = {
  activities: {
    'session.signed_in': '{{actor}} hat sich angemeldet',
    'session.signed_out': '{{actor}} hat sich abgemeldet',
    'session.sign_in_failed': 'Anmeldung für {{email}} abgelehnt ({{reason}})',
    // "mit der Rolle …" rather than "als …": the role names stay names, whoever is invited.
    'user.invited': '{{actor}} hat „{{target}}“ mit der Rolle {{role}} eingeladen',
    'user.invitation_resent': '{{actor}} hat „{{target}}“ einen neuen Einladungslink gesendet',
    'user.invitation_revoked': '{{actor}} hat die Einladung von „{{target}}“ widerrufen',
    'user.invitation_accepted': '{{actor}} hat die Einladung angenommen und ist dem Konto beigetreten',
    'user.role_changed': '{{actor}} hat die Rolle von „{{target}}“ von {{from}} auf {{to}} geändert',
    'user.availability_changed': '{{actor}} hat die Verfügbarkeit von „{{target}}“ von {{from}} auf {{to}} geändert',
    // "die eigene" rather than "seine/ihre": the log does not know the actor's gender.
    'user.availability_changed_own': '{{actor}} hat die eigene Verfügbarkeit von {{from}} auf {{to}} geändert',
    // The changed fields follow a colon, as in the other updates.
    'user.updated': '{{actor}} hat den Benutzer „{{target}}“ geändert: {{fields}}',
    'user.deleted': '{{actor}} hat den Benutzer „{{target}}“ entfernt',
    'account.created': '{{actor}} hat das Konto „{{target}}“ erstellt',
    'account.updated': '{{actor}} hat die Kontoeinstellungen geändert: {{fields}}',
    'automation_rule.created': '{{actor}} hat die Automatisierungsregel „{{target}}“ (#{{targetId}}) erstellt',
    'automation_rule.updated': '{{actor}} hat die Automatisierungsregel „{{target}}“ (#{{targetId}}) geändert: {{fields}}',
    'automation_rule.deleted': '{{actor}} hat die Automatisierungsregel „{{target}}“ (#{{targetId}}) gelöscht',
    'inbox.created': '{{actor}} hat den Posteingang „{{target}}“ (#{{targetId}}) erstellt',
    'inbox.updated': '{{actor}} hat den Posteingang „{{target}}“ (#{{targetId}}) geändert: {{fields}}',
    'inbox.deleted': '{{actor}} hat den Posteingang „{{target}}“ (#{{targetId}}) gelöscht',
    'inbox.member_added': '{{actor}} hat „{{member}}“ zum Posteingang „{{target}}“ hinzugefügt',
    'inbox.member_removed': '{{actor}} hat „{{member}}“ aus dem Posteingang „{{target}}“ entfernt',
    'webhook.created': '{{actor}} hat den Webhook „{{target}}“ (#{{targetId}}) erstellt',
    'webhook.updated': '{{actor}} hat den Webhook „{{target}}“ (#{{targetId}}) geändert: {{fields}}',
    'webhook.deleted': '{{actor}} hat den Webhook „{{target}}“ (#{{targetId}}) gelöscht',
    'team.created': '{{actor}} hat das Team „{{target}}“ (#{{targetId}}) erstellt',
    'team.updated': '{{actor}} hat das Team „{{target}}“ (#{{targetId}}) geändert: {{fields}}',
    'team.deleted': '{{actor}} hat das Team „{{target}}“ (#{{targetId}}) gelöscht',
    'team.member_added': '{{actor}} hat „{{member}}“ zum Team „{{target}}“ hinzugefügt',
    'team.member_removed': '{{actor}} hat „{{member}}“ aus dem Team „{{target}}“ entfernt',
    'audit_log.export_started': '{{actor}} hat einen Export von Audit-Einträgen im Format {{format}} gestartet',
    'audit_log.exported': '{{actor}} hat {{rows}} Audit-Einträge im Format {{format}} exportiert',
    'audit_log.checkpoint': '{{actor}} hat einen Prüfpunkt des Audit-Logs an Position {{position}} signiert',
    'audit_log.purged': '{{actor}} hat {{count}} Audit-Einträge gelöscht, die älter als {{olderThan}} sind',
    'audit_log.read_via_api': '{{actor}} hat das Audit-Log über die API mit dem Token „{{target}}“ gelesen',
    'api_token.created': '{{actor}} hat den API-Token „{{target}}“ erstellt',
    'api_token.revoked': '{{actor}} hat den API-Token „{{target}}“ widerrufen',
    'api_token.refused': 'Der widerrufene API-Token „{{target}}“ wurde vorgelegt und abgelehnt',
    'api_token.refused_expired': 'Der abgelaufene API-Token „{{target}}“ wurde vorgelegt und abgelehnt',
  },
  resources: {
    AuditLog: {
      labels: {
        category: {
          User: 'Benutzer',
          Account: 'Konto',
          'Automation Rule': 'Automatisierungsregel',
          Inbox: 'Posteingang',
          Webhook: 'Webhook',
          Team: 'Team',
          Audit: 'Audit',
          Access: 'Zugang',
        },
      },
    },
  },
  activityValues: {
    role: { agent: 'Agent', administrator: 'Administrator' },
    availability: { online: 'online', offline: 'offline', busy: 'beschäftigt' },
    signInRefusal: {
      unknown_email: 'unbekannte E-Mail-Adresse',
      wrong_password: 'falsches Passwort',
      disabled: 'Benutzer deaktiviert',
      not_active: 'Einladung noch nicht angenommen',
      no_account: 'kein Konto: in keinem Konto Mitglied',
      throttled: 'zu viele Versuche',
      unknown: 'unbekannter Grund',
    },
  },
};
