// Spanish texts of the audit log: the sentence templates of the activity catalogue
// (src/audit/activities.ts), the category names and the value words, in the shape of en.ts.
// Templates keep exactly the English placeholders (test/app/activity-translations.test.ts checks).
// Nouns carry their own article ("la bandeja de entrada", "el equipo") so nothing has to agree with
// the actor, whose gender the log does not know.
import type { ActivityTexts } from './index.js';

export const activityTextsEs: ActivityTexts = {
  activities: {
    'session.signed_in': '{{actor}} inició sesión',
    'session.signed_out': '{{actor}} cerró sesión',
    'session.sign_in_failed': 'Inicio de sesión rechazado para {{email}} ({{reason}})',
    'user.invited': '{{actor}} invitó a "{{target}}" con el rol de {{role}}',
    'user.invitation_resent': '{{actor}} envió un nuevo enlace de invitación a "{{target}}"',
    'user.invitation_revoked': '{{actor}} revocó la invitación de "{{target}}"',
    'user.invitation_accepted': '{{actor}} aceptó la invitación y se unió a la cuenta',
    'user.role_changed': '{{actor}} cambió el rol de "{{target}}" de {{from}} a {{to}}',
    'user.availability_changed': '{{actor}} cambió la disponibilidad de "{{target}}" de {{from}} a {{to}}',
    'user.availability_changed_own': '{{actor}} cambió su propia disponibilidad de {{from}} a {{to}}',
    // The changed fields follow a colon, as in the other updates: a list of form labels reads
    // naturally there, whereas "actualizó Nombre visible del usuario" would need articles per field.
    'user.updated': '{{actor}} actualizó al usuario "{{target}}": {{fields}}',
    'user.deleted': '{{actor}} eliminó al usuario "{{target}}"',
    'account.created': '{{actor}} creó la cuenta "{{target}}"',
    'account.updated': '{{actor}} cambió la configuración de la cuenta: {{fields}}',
    'automation_rule.created': '{{actor}} creó la regla de automatización "{{target}}" (#{{targetId}})',
    'automation_rule.updated': '{{actor}} actualizó la regla de automatización "{{target}}" (#{{targetId}}): {{fields}}',
    'automation_rule.deleted': '{{actor}} eliminó la regla de automatización "{{target}}" (#{{targetId}})',
    'inbox.created': '{{actor}} creó la bandeja de entrada "{{target}}" (#{{targetId}})',
    'inbox.updated': '{{actor}} actualizó la bandeja de entrada "{{target}}" (#{{targetId}}): {{fields}}',
    'inbox.deleted': '{{actor}} eliminó la bandeja de entrada "{{target}}" (#{{targetId}})',
    'inbox.member_added': '{{actor}} añadió a "{{member}}" a la bandeja de entrada "{{target}}"',
    'inbox.member_removed': '{{actor}} quitó a "{{member}}" de la bandeja de entrada "{{target}}"',
    'webhook.created': '{{actor}} creó el webhook "{{target}}" (#{{targetId}})',
    'webhook.updated': '{{actor}} actualizó el webhook "{{target}}" (#{{targetId}}): {{fields}}',
    'webhook.deleted': '{{actor}} eliminó el webhook "{{target}}" (#{{targetId}})',
    'team.created': '{{actor}} creó el equipo "{{target}}" (#{{targetId}})',
    'team.updated': '{{actor}} actualizó el equipo "{{target}}" (#{{targetId}}): {{fields}}',
    'team.deleted': '{{actor}} eliminó el equipo "{{target}}" (#{{targetId}})',
    'team.member_added': '{{actor}} añadió a "{{member}}" al equipo "{{target}}"',
    'team.member_removed': '{{actor}} quitó a "{{member}}" del equipo "{{target}}"',
    'audit_log.export_started': '{{actor}} inició una exportación de entradas de auditoría en formato {{format}}',
    'audit_log.exported': '{{actor}} exportó {{rows}} entradas de auditoría en formato {{format}}',
    'audit_log.checkpoint': '{{actor}} firmó un punto de control del registro de auditoría en la posición {{position}}',
    'audit_log.purged': '{{actor}} depuró {{count}} entradas de auditoría anteriores a {{olderThan}}',
    'audit_log.read_via_api': '{{actor}} leyó el registro de auditoría a través de la API con el token «{{target}}»',
    'api_token.created': '{{actor}} creó el token de API «{{target}}»',
    'api_token.revoked': '{{actor}} revocó el token de API «{{target}}»',
    'api_token.refused': 'Se presentó el token de API revocado «{{target}}» y fue rechazado',
    'api_token.refused_expired': 'Se presentó el token de API caducado «{{target}}» y fue rechazado',
  },
  resources: {
    AuditLog: {
      labels: {
        category: {
          User: 'Usuario',
          Account: 'Cuenta',
          'Automation Rule': 'Regla de automatización',
          Inbox: 'Bandeja de entrada',
          Webhook: 'Webhook',
          Team: 'Equipo',
          Audit: 'Auditoría',
          Access: 'Acceso',
        },
      },
    },
  },
  activityValues: {
    role: { agent: 'agente', administrator: 'administrador' },
    // "fuera de línea" rather than "desconectado": a phrase, so it agrees with no one.
    availability: { online: 'en línea', offline: 'fuera de línea', busy: 'ocupado' },
    signInRefusal: {
      unknown_email: 'correo electrónico desconocido',
      wrong_password: 'contraseña incorrecta',
      disabled: 'usuario desactivado',
      not_active: 'invitación aún no aceptada',
      no_account: 'sin cuenta: no es miembro de ninguna cuenta',
      throttled: 'demasiados intentos',
      unknown: 'motivo desconocido',
    },
  },
};
