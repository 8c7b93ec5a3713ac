// German texts of the panel: everything the English panel texts say (en.ts, people.ts,
// webhook-translations.ts, the one-time secret dialog's and My profile's API tokens page's texts),
// key for key, with the same {{placeholders}}. The reader is addressed as "Sie"; names in „…“.
// Terms as in the audit log (activities/de.ts): Posteingang, Team, Automatisierungsregel,
// Audit-Protokoll; resource names as the audit plugin gives its own (plugin/src/locale/de.ts).
import type { PanelTexts } from './index.js';

/** The one-time secret dialog (invitation link, signing secret): the same for each resource that reveals one. */
const oneTimeSecret = {
  buttons: {
    copyOneTimeSecret: 'Kopieren',
    oneTimeSecretCopied: 'Kopiert',
    dismissOneTimeSecret: 'Ich habe es kopiert, schließen',
  },
  messages: {
    oneTimeSecretShownOnce: 'Wird nur einmal angezeigt',
    oneTimeSecretCopyFailed: 'Kopieren hat in diesem Browser nicht funktioniert: Markieren Sie den Text oben und kopieren Sie ihn selbst.',
    oneTimeSecretActionFailed: 'Das hat nicht geklappt. Laden Sie die Seite neu, um den aktuellen Stand zu sehen, und versuchen Sie es dann erneut.',
  },
};

// My profile → API tokens (components/ApiTokensComponents.ts): „API-Token“, as the audit log says it.
const apiTokens = {
  actions: { apiTokens: 'API-Tokens' },
  buttons: { createApiToken: 'Token erstellen', revokeApiToken: 'Widerrufen', confirmRevokeApiToken: 'Token widerrufen' },
  messages: {
    apiTokensIntro:
      'Mit einem persönlichen Zugriffstoken kann ein Programm das Audit-Protokoll über die API (GET /api/v1/audit_logs) in Ihrem Namen lesen. Jeder Token wird nur einmal angezeigt, beim Erstellen: MessageHub speichert nur einen Hash davon.',
    apiTokenNewHeading: 'Neuer Token',
    apiTokenName: 'Name',
    apiTokenNameHelp: 'Wofür der Token dient, damit Sie ihn später wiedererkennen (höchstens {{max}} Zeichen).',
    apiTokenLifetime: 'Läuft ab',
    apiTokenLifetime30: 'In 30 Tagen',
    apiTokenLifetime90: 'In 90 Tagen',
    apiTokenLifetime365: 'In einem Jahr',
    apiTokenLifetimeNever: 'Nie',
    apiTokensHeading: 'Ihre Tokens',
    apiTokensNone: 'Sie haben noch keine API-Tokens.',
    apiTokensNotLoaded: 'Ihre Tokens konnten nicht geladen werden. Laden Sie die Seite neu, um es erneut zu versuchen.',
    apiTokenColumnName: 'Name',
    apiTokenColumnHint: 'Token',
    apiTokenColumnCreated: 'Erstellt',
    apiTokenColumnExpires: 'Läuft ab',
    apiTokenColumnLastUsed: 'Zuletzt verwendet',
    apiTokenColumnState: 'Status',
    apiTokenNeverExpires: 'Nie',
    apiTokenNotUsedYet: 'Noch nicht',
    apiTokenStateActive: 'Aktiv',
    apiTokenStateExpired: 'Abgelaufen',
    apiTokenStateRevoked: 'Widerrufen',
    apiTokenRevokeTitle: 'Den Token „{{name}}“ widerrufen?',
    apiTokenRevokePrompt:
      'Programme, die den Token {{hint}} verwenden, können das Audit-Protokoll ab sofort nicht mehr lesen. Das lässt sich nicht rückgängig machen: Damit sie es wieder lesen können, erstellen Sie einen neuen Token.',
    apiTokenCreated: 'Token „{{name}}“ erstellt. Kopieren Sie ihn aus dem Dialog: Er wird nur einmal angezeigt.',
    apiTokenRevoked: 'Token „{{name}}“ widerrufen: Er funktioniert nicht mehr.',
    apiTokenSecretTitle: 'API-Token „{{name}}“',
    apiTokenSecretExplanation:
      'Dieser Token wird nur einmal angezeigt: MessageHub speichert nur einen Hash davon und kann ihn nicht erneut anzeigen. Kopieren Sie ihn jetzt in das Programm, das das Audit-Protokoll liest; es sendet ihn im Authorization-Header nach „Bearer“. Geht er verloren, widerrufen Sie ihn und erstellen Sie einen neuen.',
    apiTokenForbidden: 'Nur Administratoren können API-Tokens besitzen.',
    apiTokenInvalidName: 'Geben Sie dem Token einen Namen mit 1 bis {{max}} Zeichen in einer Zeile.',
    apiTokenInvalidExpiry: 'Diese Ablaufzeit ist für API-Tokens hier nicht erlaubt: Wählen Sie eine kürzere.',
    apiTokenTooMany: 'Sie besitzen bereits so viele aktive Tokens wie erlaubt: Widerrufen Sie zuerst einen, den Sie nicht mehr verwenden.',
    apiTokenNotFound: 'Dieser Token gehört nicht Ihnen oder ist bereits widerrufen. Die Liste zeigt den aktuellen Stand.',
    apiTokenUnknownRequest: 'Diese Seite stellt eine solche Anfrage nicht. Laden Sie die Seite neu und versuchen Sie es erneut.',
  },
};

export const panelTextsDe: PanelTexts = {
  labels: {
    chatSettings: 'Chat-Einstellungen',
    Account: 'Konto',
    User: 'Benutzer',
    Inbox: 'Posteingänge',
    Team: 'Teams',
    Webhook: 'Webhooks',
    AutomationRule: 'Automatisierungsregeln',
    InboxMember: 'Posteingangsmitglieder',
    TeamMember: 'Teammitglieder',
    AuditLog: 'Audit-Protokoll',
    AuditDelivery: 'Audit-Zustellungen',
  },
  messages: {
    recordActionHeading: '{{action}}: {{title}}',
    forbiddenError: 'Dazu sind Sie nicht berechtigt.',
  },
  components: {
    Login: {
      welcomeHeader: 'MessageHub',
      welcomeMessage:
        'Backoffice für Einstellungen: Agenten, Posteingänge, Teams, Webhooks, Automatisierungsregeln. Jede Änderung wird im Audit-Protokoll erfasst.',
    },
  },
  resources: {
    User: {
      // "Rolle … zuweisen" rather than "Zum Administrator machen": nothing inflects for the user.
      actions: {
        new: 'Benutzer einladen',
        resendInvitation: 'Einladung erneut senden',
        revokeInvitation: 'Einladung widerrufen',
        makeAdministrator: 'Rolle Administrator zuweisen',
        makeAgent: 'Rolle Agent zuweisen',
      },
      properties: { inboxIds: 'Posteingänge', teamIds: 'Teams', locale: 'Sprache' },
      buttons: {
        ...oneTimeSecret.buttons,
        resendInvitation: 'Neuen Link senden',
      },
      messages: {
        ...oneTimeSecret.messages,
        userAddedToAccount: '{{email}} hat bereits eine MessageHub-Anmeldung: zu diesem Konto hinzugefügt. Das Konto erscheint bei der nächsten Anmeldung oder beim Kontowechsel.',
        userInvited: '{{email}} wurde eingeladen. Kopieren Sie den Einladungslink aus dem Dialog: Er wird nur einmal angezeigt.',
        invitationResent:
          'Neuer Einladungslink für {{email}}; der vorherige funktioniert nicht mehr. Kopieren Sie ihn aus dem Dialog: Er wird nur einmal angezeigt.',
        invitationLinkTitle: 'Einladungslink für {{email}}',
        invitationLinkExplanation:
          'Dieser Link wird nur einmal angezeigt: MessageHub speichert keine Kopie davon und kann ihn nicht erneut anzeigen. Kopieren Sie ihn jetzt und senden Sie ihn an {{email}}; er kann einmal verwendet werden, bis {{expiresAt}} (UTC). Geht er verloren, verwenden Sie „Einladung erneut senden“: Ein neuer Link ersetzt diesen.',
        resendInvitationPrompt:
          '{{record.name}} ({{record.email}}) einen neuen Einladungslink senden? Der aktuelle Link funktioniert dann nicht mehr. Der neue wird einmal in einem Dialog angezeigt, damit Sie ihn kopieren und weitergeben können.',
        sharedWithOtherAccounts:
          'Diese Person gehört auch zu einem anderen Konto: Name, E-Mail, Status, Verfügbarkeit und Einladung teilt sie mit ihm und sie können in diesem Konto nicht geändert werden. Hier können Sie ihre Rolle, Posteingänge und Teams ändern oder sie aus diesem Konto entfernen.',
      },
    },
    MyProfile: {
      labels: { MyProfile: 'Mein Profil' },
      actions: { goOnline: 'Online gehen', goBusy: 'Als beschäftigt markieren', goOffline: 'Offline gehen', chooseLanguage: 'Sprache', switchAccount: 'Konten', ...apiTokens.actions },
      properties: { inboxIds: 'Meine Posteingänge', teamIds: 'Meine Teams', locale: 'Sprache' },
      buttons: { ...oneTimeSecret.buttons, ...apiTokens.buttons },
      messages: {
        ...oneTimeSecret.messages,
        ...apiTokens.messages,
        chooseLanguageHelp:
          'Die Sprache, in der Ihnen das Panel und das Audit-Protokoll angezeigt werden. Solange Sie keine wählen, sehen Sie die Sprache des Kontos.',
        languageChanged: 'Sprache gespeichert.',
        languageNotSaved: 'Die Sprache konnte nicht gespeichert werden. Laden Sie die Seite neu und versuchen Sie es erneut.',
        languageOnlyYours: 'Sie können nur Ihre eigene Sprache wählen.',
        languageUnknown: 'In diese Sprache ist das Panel nicht übersetzt.',
        languageUserGone: 'Ihr Konto ist nicht mehr aktiv.',
        switchAccountHelp: 'Sie gehören zu mehreren Konten. Das Panel zeigt jeweils eines: Wählen Sie das Konto, in dem Sie arbeiten möchten.',
        switchAccountCurrent: 'Aktuelles Konto',
        switchAccountButton: 'In diesem Konto arbeiten',
        switchAccountRoleAdministrator: 'Administrator',
        switchAccountRoleAgent: 'Agent',
      },
    },
    Inbox: { properties: { memberIds: 'Agenten' } },
    Team: { properties: { memberIds: 'Agenten' } },
    Account: {
      messages: {
        auditRetentionDaysHelp:
          'Leer: Vorgabe der Installation, {{defaultDays}} Tage. Sonst {{minDays}} bis {{maxDays}} Tage.',
        auditRetentionDaysNotWholeNumber:
          'Geben Sie eine ganze Zahl von Tagen zwischen {{minDays}} und {{maxDays}} ein, oder lassen Sie das Feld leer für die Vorgabe dieser Installation von {{defaultDays}} Tagen.',
        auditRetentionDaysTooShort: 'Mindestens {{minDays}} Tage: So lange bewahrt die Datenbank Audit-Einträge mindestens auf.',
        auditRetentionDaysTooLong: 'Höchstens {{maxDays}} Tage: Länger erlaubt es diese Installation nicht.',
      },
    },
    AuditLog: {
      messages: {
        noRecordsInResource:
          'Keine passenden Audit-Einträge. Das Protokoll erfasst Anmeldungen und Abmeldungen (auch abgelehnte Anmeldungen), jede Änderung an Benutzern, Posteingängen, Teams, Webhooks, Automatisierungsregeln und Kontoeinstellungen, Änderungen an Mitgliedschaften sowie Exporte dieses Protokolls.',
      },
    },
    Webhook: {
      labels: {
        subscribedEvents: {
          conversation_created: 'Konversation erstellt',
          conversation_updated: 'Konversation aktualisiert',
          conversation_resolved: 'Konversation gelöst',
          message_created: 'Nachricht erstellt',
          contact_created: 'Kontakt erstellt',
          contact_updated: 'Kontakt aktualisiert',
        },
      },
      buttons: { ...oneTimeSecret.buttons },
      messages: {
        ...oneTimeSecret.messages,
        webhookCreated: 'Webhook an {{url}} erstellt. Kopieren Sie seinen Signaturschlüssel aus dem Dialog: Er wird nur einmal angezeigt.',
        signingSecretTitle: 'Signaturschlüssel des Webhooks an {{url}}',
        signingSecretExplanation:
          'Dieser Signaturschlüssel wird nur einmal angezeigt: MessageHub zeigt ihn nie wieder an. Hinterlegen Sie ihn jetzt im Dienst unter {{url}}, der damit prüft, dass jede Zustellung von MessageHub stammt. Geht er verloren, löschen Sie diesen Webhook und legen Sie ihn neu an.',
        noSubscribedEvents: 'Keine Ereignisse',
      },
    },
  },
};
