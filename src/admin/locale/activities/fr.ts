// French texts of the audit log: the sentence templates of the activity catalogue
// (src/audit/activities.ts), the category names and the value words, in the shape of en.ts.
// Templates keep exactly the English placeholders (test/app/activity-translations.test.ts checks).
// Typography as in adminjs-fr.ts: « » around names, ’ for the apostrophe, a space before the colon.
//
// The log does not know the actor's gender, so every verb takes "avoir" (no past participle agrees
// with the actor): "a ouvert une session" rather than "s'est connecté(e)".
import type { ActivityTexts } from './index.js';

export const activityTextsFr: ActivityTexts = {
  activities: {
    'session.signed_in': '{{actor}} a ouvert une session',
    'session.signed_out': '{{actor}} a fermé sa session',
    'session.sign_in_failed': 'Connexion refusée pour {{email}} ({{reason}})',
    'user.invited': '{{actor}} a invité « {{target}} » avec le rôle {{role}}',
    'user.invitation_resent': '{{actor}} a envoyé un nouveau lien d’invitation à « {{target}} »',
    'user.invitation_revoked': '{{actor}} a révoqué l’invitation de « {{target}} »',
    'user.invitation_accepted': '{{actor}} a accepté l’invitation et rejoint le compte',
    // Both roles begin with a vowel, so "de {{from}}" would need an elision the template cannot
    // make ("d’agent"); "du rôle … au rôle …" needs none.
    'user.role_changed': '{{actor}} a fait passer « {{target}} » du rôle {{from}} au rôle {{to}}',
    // Same reason ("de en ligne"): the change is shown with an arrow.
    'user.availability_changed': '{{actor}} a changé la disponibilité de « {{target}} » : {{from}} → {{to}}',
    'user.availability_changed_own': '{{actor}} a changé sa propre disponibilité : {{from}} → {{to}}',
    // The changed fields follow a colon, as in the other updates: a list of form labels reads
    // naturally there, not as the object of "a modifié".
    'user.updated': '{{actor}} a modifié l’utilisateur « {{target}} » : {{fields}}',
    'user.deleted': '{{actor}} a supprimé l’utilisateur « {{target}} »',
    'account.created': '{{actor}} a créé le compte « {{target}} »',
    'account.updated': '{{actor}} a modifié les paramètres du compte : {{fields}}',
    'automation_rule.created': '{{actor}} a créé la règle d’automatisation « {{target}} » (#{{targetId}})',
    'automation_rule.updated': '{{actor}} a modifié la règle d’automatisation « {{target}} » (#{{targetId}}) : {{fields}}',
    'automation_rule.deleted': '{{actor}} a supprimé la règle d’automatisation « {{target}} » (#{{targetId}})',
    'inbox.created': '{{actor}} a créé la boîte de réception « {{target}} » (#{{targetId}})',
    'inbox.updated': '{{actor}} a modifié la boîte de réception « {{target}} » (#{{targetId}}) : {{fields}}',
    'inbox.deleted': '{{actor}} a supprimé la boîte de réception « {{target}} » (#{{targetId}})',
    'inbox.member_added': '{{actor}} a ajouté « {{member}} » à la boîte de réception « {{target}} »',
    'inbox.member_removed': '{{actor}} a retiré « {{member}} » de la boîte de réception « {{target}} »',
    'webhook.created': '{{actor}} a créé le webhook « {{target}} » (#{{targetId}})',
    'webhook.updated': '{{actor}} a modifié le webhook « {{target}} » (#{{targetId}}) : {{fields}}',
    'webhook.deleted': '{{actor}} a supprimé le webhook « {{target}} » (#{{targetId}})',
    'team.created': '{{actor}} a créé l’équipe « {{target}} » (#{{targetId}})',
    'team.updated': '{{actor}} a modifié l’équipe « {{target}} » (#{{targetId}}) : {{fields}}',
    'team.deleted': '{{actor}} a supprimé l’équipe « {{target}} » (#{{targetId}})',
    'team.member_added': '{{actor}} a ajouté « {{member}} » à l’équipe « {{target}} »',
    'team.member_removed': '{{actor}} a retiré « {{member}} » de l’équipe « {{target}} »',
    'audit_log.export_started': '{{actor}} a lancé un export des entrées d’audit au format {{format}}',
    'audit_log.exported': '{{actor}} a exporté {{rows}} entrées d’audit au format {{format}}',
    'audit_log.checkpoint': '{{actor}} a signé un point de contrôle du journal d’audit à la position {{position}}',
    'audit_log.purged': '{{actor}} a purgé {{count}} entrées d’audit antérieures à {{olderThan}}',
    'audit_log.read_via_api': '{{actor}} a lu le journal d’audit par l’API avec le jeton « {{target}} »',
    'api_token.created': '{{actor}} a créé le jeton d’API « {{target}} »',
    'api_token.revoked': '{{actor}} a révoqué le jeton d’API « {{target}} »',
    'api_token.refused': 'Le jeton d’API révoqué « {{target}} » a été présenté et refusé',
    'api_token.refused_expired': 'Le jeton d’API expiré « {{target}} » a été présenté et refusé',
  },
  resources: {
    AuditLog: {
      labels: {
        category: {
          User: 'Utilisateur',
          Account: 'Compte',
          'Automation Rule': 'Règle d’automatisation',
          Inbox: 'Boîte de réception',
          Webhook: 'Webhook',
          Team: 'Équipe',
          Audit: 'Audit',
          Access: 'Accès',
        },
      },
    },
  },
  activityValues: {
    role: { agent: 'agent', administrator: 'administrateur' },
    availability: { online: 'en ligne', offline: 'hors ligne', busy: 'occupé' },
    signInRefusal: {
      unknown_email: 'adresse e-mail inconnue',
      wrong_password: 'mot de passe incorrect',
      disabled: 'utilisateur désactivé',
      not_active: 'invitation pas encore acceptée',
      no_account: 'aucun compte : membre d’aucun compte',
      throttled: 'trop de tentatives',
      unknown: 'raison inconnue',
    },
  },
};
