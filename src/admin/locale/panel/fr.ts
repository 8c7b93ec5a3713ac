// French texts of the panel: everything the English panel texts say (en.ts, people.ts,
// webhook-translations.ts, the one-time secret dialog's and My profile's API tokens page's texts),
// key for key, with the same {{placeholders}}. The reader is addressed as "vous". Typography as in
// adminjs-fr.ts: « » around names, ’ for the apostrophe, a space before : ; ? and !. Terms as in
// the audit log (activities/fr.ts): boîte de réception, équipe, règle d’automatisation, journal
// d’audit; resource names as the audit plugin gives its own (plugin/src/locale/fr.ts).
import type { PanelTexts } from './index.js';

/** The one-time secret dialog (invitation link, signing secret): the same for each resource that reveals one. */
const oneTimeSecret = {
  buttons: {
    copyOneTimeSecret: 'Copier',
    oneTimeSecretCopied: 'Copié',
    dismissOneTimeSecret: 'Je l’ai copié, fermer',
  },
  messages: {
    oneTimeSecretShownOnce: 'Affiché une seule fois',
    oneTimeSecretCopyFailed: 'La copie n’a pas fonctionné dans ce navigateur : sélectionnez le texte ci-dessus et copiez-le vous-même.',
    oneTimeSecretActionFailed: 'L’opération n’a pas abouti. Rechargez la page pour voir où en sont les choses, puis réessayez.',
  },
};

// My profile → API tokens (components/ApiTokensComponents.ts): « jeton d’API », as the audit log says it.
const apiTokens = {
  actions: { apiTokens: 'Jetons d’API' },
  buttons: { createApiToken: 'Créer le jeton', revokeApiToken: 'Révoquer', confirmRevokeApiToken: 'Révoquer le jeton' },
  messages: {
    apiTokensIntro:
      'Un jeton d’accès personnel permet à un programme de lire le journal d’audit par l’API (GET /api/v1/audit_logs) en votre nom. Chaque jeton n’est affiché qu’une seule fois, à sa création : MessageHub n’en garde qu’une empreinte (hash).',
    apiTokenNewHeading: 'Nouveau jeton',
    apiTokenName: 'Nom',
    apiTokenNameHelp: 'À quoi sert le jeton, pour le reconnaître plus tard ({{max}} caractères au plus).',
    apiTokenLifetime: 'Expiration',
    apiTokenLifetime30: 'Dans 30 jours',
    apiTokenLifetime90: 'Dans 90 jours',
    apiTokenLifetime365: 'Dans un an',
    apiTokenLifetimeNever: 'Jamais',
    apiTokensHeading: 'Vos jetons',
    apiTokensNone: 'Vous n’avez encore aucun jeton d’API.',
    apiTokensNotLoaded: 'Vos jetons n’ont pas pu être chargés. Rechargez la page pour réessayer.',
    apiTokenColumnName: 'Nom',
    apiTokenColumnHint: 'Jeton',
    apiTokenColumnCreated: 'Créé le',
    apiTokenColumnExpires: 'Expire le',
    apiTokenColumnLastUsed: 'Dernière utilisation',
    apiTokenColumnState: 'État',
    apiTokenNeverExpires: 'Jamais',
    apiTokenNotUsedYet: 'Pas encore',
    apiTokenStateActive: 'Actif',
    apiTokenStateExpired: 'Expiré',
    apiTokenStateRevoked: 'Révoqué',
    apiTokenRevokeTitle: 'Révoquer le jeton « {{name}} » ?',
    apiTokenRevokePrompt:
      'Les programmes qui utilisent le jeton {{hint}} ne pourront plus lire le journal d’audit, dès maintenant. C’est définitif : pour leur rendre l’accès, créez un nouveau jeton.',
    apiTokenCreated: 'Jeton « {{name}} » créé. Copiez-le depuis la boîte de dialogue : il n’est affiché qu’une seule fois.',
    apiTokenRevoked: 'Jeton « {{name}} » révoqué : il ne fonctionne plus.',
    apiTokenSecretTitle: 'Jeton d’API « {{name}} »',
    apiTokenSecretExplanation:
      'Ce jeton n’est affiché qu’une seule fois : MessageHub n’en garde qu’une empreinte et ne peut pas l’afficher de nouveau. Copiez-le maintenant dans le programme qui lit le journal d’audit ; celui-ci l’envoie dans l’en-tête Authorization, après « Bearer ». S’il est perdu, révoquez-le et créez-en un nouveau.',
    apiTokenForbidden: 'Seuls les administrateurs peuvent détenir des jetons d’API.',
    apiTokenInvalidName: 'Donnez au jeton un nom de 1 à {{max}} caractères, sur une seule ligne.',
    apiTokenInvalidExpiry: 'Cette expiration n’est pas autorisée ici pour les jetons d’API : choisissez-en une plus proche.',
    apiTokenTooMany: 'Vous détenez déjà autant de jetons actifs que permis : révoquez d’abord un jeton dont vous ne vous servez plus.',
    apiTokenNotFound: 'Ce jeton n’est pas l’un des vôtres, ou il est déjà révoqué. La liste montre où en sont les choses.',
    apiTokenUnknownRequest: 'Cette page ne fait pas cette demande. Rechargez la page et réessayez.',
  },
};

export const panelTextsFr: PanelTexts = {
  labels: {
    chatSettings: 'Paramètres du chat',
    Account: 'Compte',
    User: 'Utilisateurs',
    Inbox: 'Boîtes de réception',
    Team: 'Équipes',
    Webhook: 'Webhooks',
    AutomationRule: 'Règles d’automatisation',
    InboxMember: 'Membres des boîtes de réception',
    TeamMember: 'Membres des équipes',
    AuditLog: 'Journal d’audit',
    AuditDelivery: 'Transmissions d’audit',
  },
  messages: {
    recordActionHeading: '{{action}} : {{title}}',
    forbiddenError: 'Vous n’êtes pas autorisé à faire cela.',
  },
  components: {
    Login: {
      welcomeHeader: 'MessageHub',
      welcomeMessage:
        'Back-office de configuration : agents, boîtes de réception, équipes, webhooks, règles d’automatisation. Chaque modification est consignée dans le journal d’audit.',
    },
  },
  resources: {
    User: {
      // "Passer au rôle …" as the audit log says it ("du rôle … au rôle …"): no agreement with the user.
      actions: {
        new: 'Inviter un utilisateur',
        resendInvitation: 'Renvoyer l’invitation',
        revokeInvitation: 'Révoquer l’invitation',
        makeAdministrator: 'Passer au rôle administrateur',
        makeAgent: 'Passer au rôle agent',
      },
      properties: { inboxIds: 'Boîtes de réception', teamIds: 'Équipes', locale: 'Langue' },
      buttons: {
        ...oneTimeSecret.buttons,
        resendInvitation: 'Envoyer un nouveau lien',
      },
      messages: {
        ...oneTimeSecret.messages,
        // "Invitation créée pour …" rather than "… a été invité(e)": the notice does not know the invitee's gender.
        userAddedToAccount: '{{email}} a déjà un accès à MessageHub : ajouté à ce compte. Il le verra à sa prochaine connexion ou en changeant de compte.',
        userInvited: 'Invitation créée pour {{email}}. Copiez le lien d’invitation depuis la boîte de dialogue : il n’est affiché qu’une seule fois.',
        invitationResent:
          'Nouveau lien d’invitation pour {{email}} ; le précédent ne fonctionne plus. Copiez-le depuis la boîte de dialogue : il n’est affiché qu’une seule fois.',
        invitationLinkTitle: 'Lien d’invitation pour {{email}}',
        invitationLinkExplanation:
          'Ce lien n’est affiché qu’une seule fois : MessageHub n’en garde aucune copie et ne peut pas l’afficher de nouveau. Copiez-le maintenant et envoyez-le à {{email}} ; il ne peut servir qu’une fois, jusqu’à {{expiresAt}} (UTC). S’il est perdu, utilisez « Renvoyer l’invitation » : un nouveau lien remplace celui-ci.',
        resendInvitationPrompt:
          'Envoyer un nouveau lien d’invitation à {{record.name}} ({{record.email}}) ? Le lien actuel cessera de fonctionner. Le nouveau s’affiche une seule fois, dans une boîte de dialogue, pour que vous le copiiez et l’envoyiez.',
        sharedWithOtherAccounts:
          'Cette personne appartient aussi à un autre compte : son nom, son e-mail, son statut, sa disponibilité et son invitation sont partagés avec lui et ne peuvent pas être changés depuis ce compte. Ici, vous pouvez changer son rôle, ses boîtes de réception et ses équipes, ou la retirer de ce compte.',
      },
    },
    MyProfile: {
      labels: { MyProfile: 'Mon profil' },
      actions: { goOnline: 'Passer en ligne', goBusy: 'Passer au statut occupé', goOffline: 'Passer hors ligne', chooseLanguage: 'Langue', switchAccount: 'Comptes', ...apiTokens.actions },
      properties: { inboxIds: 'Mes boîtes de réception', teamIds: 'Mes équipes', locale: 'Langue' },
      buttons: { ...oneTimeSecret.buttons, ...apiTokens.buttons },
      messages: {
        ...oneTimeSecret.messages,
        ...apiTokens.messages,
        chooseLanguageHelp:
          'La langue dans laquelle le panneau et le journal d’audit s’affichent pour vous. Tant que vous n’en avez choisi aucune, vous voyez la langue du compte.',
        languageChanged: 'Langue enregistrée.',
        languageNotSaved: 'La langue n’a pas pu être enregistrée. Rechargez la page et réessayez.',
        languageOnlyYours: 'Vous ne pouvez choisir que votre propre langue.',
        languageUnknown: 'Le panneau n’est pas traduit dans cette langue.',
        languageUserGone: 'Votre compte n’est plus actif.',
        switchAccountHelp: 'Vous appartenez à plusieurs comptes. Le panneau en montre un à la fois : choisissez celui dans lequel travailler.',
        switchAccountCurrent: 'Compte actuel',
        switchAccountButton: 'Travailler dans ce compte',
        switchAccountRoleAdministrator: 'administrateur',
        switchAccountRoleAgent: 'agent',
      },
    },
    Inbox: { properties: { memberIds: 'Agents' } },
    Team: { properties: { memberIds: 'Agents' } },
    Account: {
      messages: {
        auditRetentionDaysHelp:
          'Vide : la valeur de l’installation, {{defaultDays}} jours. Sinon de {{minDays}} à {{maxDays}} jours.',
        auditRetentionDaysNotWholeNumber:
          'Saisissez un nombre entier de jours, de {{minDays}} à {{maxDays}}, ou laissez le champ vide pour la valeur par défaut de l’installation, {{defaultDays}} jours.',
        auditRetentionDaysTooShort: 'Au moins {{minDays}} jours : la base de données conserve les entrées d’audit au moins aussi longtemps.',
        auditRetentionDaysTooLong: 'Au plus {{maxDays}} jours, la durée la plus longue que permet cette installation.',
      },
    },
    AuditLog: {
      messages: {
        noRecordsInResource:
          'Aucune entrée d’audit ne correspond. Le journal consigne les connexions et les déconnexions (et les connexions refusées), chaque modification des utilisateurs, des boîtes de réception, des équipes, des webhooks, des règles d’automatisation et des paramètres du compte, les changements de membres, et les exports de ce journal.',
      },
    },
    Webhook: {
      labels: {
        subscribedEvents: {
          conversation_created: 'Conversation créée',
          conversation_updated: 'Conversation mise à jour',
          conversation_resolved: 'Conversation résolue',
          message_created: 'Message créé',
          contact_created: 'Contact créé',
          contact_updated: 'Contact mis à jour',
        },
      },
      buttons: { ...oneTimeSecret.buttons },
      messages: {
        ...oneTimeSecret.messages,
        webhookCreated: 'Webhook vers {{url}} créé. Copiez son secret de signature depuis la boîte de dialogue : il n’est affiché qu’une seule fois.',
        signingSecretTitle: 'Secret de signature du webhook vers {{url}}',
        signingSecretExplanation:
          'Ce secret de signature n’est affiché qu’une seule fois : MessageHub ne l’affichera plus jamais. Copiez-le maintenant dans le service à l’adresse {{url}}, qui s’en sert pour vérifier que chaque envoi provient bien de MessageHub. S’il est perdu, supprimez ce webhook et créez-le de nouveau.',
        noSubscribedEvents: 'Aucun événement',
      },
    },
  },
};
