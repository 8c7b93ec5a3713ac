// Brazilian Portuguese texts of the audit log: the sentence templates of the activity catalogue
// (src/audit/activities.ts), the category names and the value words, in the shape of en.ts.
// Templates keep exactly the English placeholders (test/app/activity-translations.test.ts checks).
// Nouns carry their own article ("a caixa de entrada", "a equipe") and verbs are in the simple
// past, so nothing has to agree with the actor, whose gender the log does not know.
import type { ActivityTexts } from './index.js';

export const activityTextsPtBR: ActivityTexts = {
  activities: {
    'session.signed_in': '{{actor}} iniciou uma sessão',
    'session.signed_out': '{{actor}} encerrou a sessão',
    'session.sign_in_failed': 'Login recusado para {{email}} ({{reason}})',
    // "função" (not "perfil", which the panel could also mean as a user's profile page).
    'user.invited': '{{actor}} convidou "{{target}}" com a função de {{role}}',
    'user.invitation_resent': '{{actor}} enviou um novo link de convite para "{{target}}"',
    'user.invitation_revoked': '{{actor}} revogou o convite de "{{target}}"',
    'user.invitation_accepted': '{{actor}} aceitou o convite e ingressou na conta',
    'user.role_changed': '{{actor}} alterou a função de "{{target}}" de {{from}} para {{to}}',
    'user.availability_changed': '{{actor}} alterou a disponibilidade de "{{target}}" de {{from}} para {{to}}',
    // "a própria" agrees with "disponibilidade", not with the actor.
    'user.availability_changed_own': '{{actor}} alterou a própria disponibilidade de {{from}} para {{to}}',
    // The changed fields follow a colon, as in the other updates.
    'user.updated': '{{actor}} atualizou o usuário "{{target}}": {{fields}}',
    'user.deleted': '{{actor}} removeu o usuário "{{target}}"',
    'account.created': '{{actor}} criou a conta "{{target}}"',
    'account.updated': '{{actor}} alterou as configurações da conta: {{fields}}',
    'automation_rule.created': '{{actor}} criou a regra de automação "{{target}}" (#{{targetId}})',
    'automation_rule.updated': '{{actor}} atualizou a regra de automação "{{target}}" (#{{targetId}}): {{fields}}',
    'automation_rule.deleted': '{{actor}} excluiu a regra de automação "{{target}}" (#{{targetId}})',
    'inbox.created': '{{actor}} criou a caixa de entrada "{{target}}" (#{{targetId}})',
    'inbox.updated': '{{actor}} atualizou a caixa de entrada "{{target}}" (#{{targetId}}): {{fields}}',
    'inbox.deleted': '{{actor}} excluiu a caixa de entrada "{{target}}" (#{{targetId}})',
    'inbox.member_added': '{{actor}} adicionou "{{member}}" à caixa de entrada "{{target}}"',
    'inbox.member_removed': '{{actor}} removeu "{{member}}" da caixa de entrada "{{target}}"',
    'webhook.created': '{{actor}} criou o webhook "{{target}}" (#{{targetId}})',
    'webhook.updated': '{{actor}} atualizou o webhook "{{target}}" (#{{targetId}}): {{fields}}',
    'webhook.deleted': '{{actor}} excluiu o webhook "{{target}}" (#{{targetId}})',
    'team.created': '{{actor}} criou a equipe "{{target}}" (#{{targetId}})',
    'team.updated': '{{actor}} atualizou a equipe "{{target}}" (#{{targetId}}): {{fields}}',
    'team.deleted': '{{actor}} excluiu a equipe "{{target}}" (#{{targetId}})',
    'team.member_added': '{{actor}} adicionou "{{member}}" à equipe "{{target}}"',
    'team.member_removed': '{{actor}} removeu "{{member}}" da equipe "{{target}}"',
    'audit_log.export_started': '{{actor}} iniciou uma exportação de registros de auditoria no formato {{format}}',
    'audit_log.exported': '{{actor}} exportou {{rows}} registros de auditoria no formato {{format}}',
    'audit_log.checkpoint': '{{actor}} assinou um ponto de verificação do log de auditoria na posição {{position}}',
    'audit_log.purged': '{{actor}} eliminou {{count}} registros de auditoria anteriores a {{olderThan}}',
    'audit_log.read_via_api': '{{actor}} leu o log de auditoria pela API com o token "{{target}}"',
    'api_token.created': '{{actor}} criou o token de API "{{target}}"',
    'api_token.revoked': '{{actor}} revogou o token de API "{{target}}"',
    'api_token.refused': 'O token de API revogado "{{target}}" foi apresentado e recusado',
    'api_token.refused_expired': 'O token de API expirado "{{target}}" foi apresentado e recusado',
  },
  resources: {
    AuditLog: {
      labels: {
        category: {
          User: 'Usuário',
          Account: 'Conta',
          'Automation Rule': 'Regra de automação',
          Inbox: 'Caixa de entrada',
          Webhook: 'Webhook',
          Team: 'Equipe',
          Audit: 'Auditoria',
          Access: 'Acesso',
        },
      },
    },
  },
  activityValues: {
    role: { agent: 'agente', administrator: 'administrador' },
    availability: { online: 'online', offline: 'offline', busy: 'ocupado' },
    signInRefusal: {
      unknown_email: 'e-mail desconhecido',
      wrong_password: 'senha incorreta',
      disabled: 'usuário desativado',
      not_active: 'convite ainda não aceito',
      no_account: 'sem conta: não é membro de nenhuma conta',
      throttled: 'tentativas em excesso',
      unknown: 'motivo desconhecido',
    },
  },
};
