// Brazilian Portuguese texts of the panel: everything the English panel texts say (en.ts,
// people.ts, webhook-translations.ts, the one-time secret dialog's and My profile's API tokens
// page's texts), key for key, with the same {{placeholders}}. The reader is addressed as "você".
// Terms as in the audit log (activities/pt-BR.ts): caixa de entrada, equipe, regra de automação,
// log de auditoria; resource names as the audit plugin gives its own (plugin/src/locale/pt-BR.ts).
import type { PanelTexts } from './index.js';

/** The one-time secret dialog (invitation link, signing secret): the same for each resource that reveals one. */
const oneTimeSecret = {
  buttons: {
    copyOneTimeSecret: 'Copiar',
    oneTimeSecretCopied: 'Copiado',
    dismissOneTimeSecret: 'Já copiei, fechar',
  },
  messages: {
    oneTimeSecretShownOnce: 'Exibido apenas uma vez',
    oneTimeSecretCopyFailed: 'Não foi possível copiar neste navegador: selecione o texto acima e copie-o manualmente.',
    oneTimeSecretActionFailed: 'A operação não foi concluída. Recarregue a página para ver a situação atual e tente novamente.',
  },
};

// My profile → API tokens (components/ApiTokensComponents.ts): "token de API", as the audit log says it.
const apiTokens = {
  actions: { apiTokens: 'Tokens de API' },
  buttons: { createApiToken: 'Criar token', revokeApiToken: 'Revogar', confirmRevokeApiToken: 'Revogar o token' },
  messages: {
    apiTokensIntro:
      'Um token de acesso pessoal permite que um programa leia o log de auditoria pela API (GET /api/v1/audit_logs) em seu nome. Cada token é exibido apenas uma vez, ao ser criado: o MessageHub guarda somente um hash dele.',
    apiTokenNewHeading: 'Novo token',
    apiTokenName: 'Nome',
    apiTokenNameHelp: 'Para que serve o token, para você reconhecê-lo depois (até {{max}} caracteres).',
    apiTokenLifetime: 'Expira',
    apiTokenLifetime30: 'Em 30 dias',
    apiTokenLifetime90: 'Em 90 dias',
    apiTokenLifetime365: 'Em um ano',
    apiTokenLifetimeNever: 'Nunca',
    apiTokensHeading: 'Seus tokens',
    apiTokensNone: 'Você ainda não tem tokens de API.',
    apiTokensNotLoaded: 'Não foi possível carregar seus tokens. Recarregue a página para tentar novamente.',
    apiTokenColumnName: 'Nome',
    apiTokenColumnHint: 'Token',
    apiTokenColumnCreated: 'Criado em',
    apiTokenColumnExpires: 'Expira em',
    apiTokenColumnLastUsed: 'Último uso',
    apiTokenColumnState: 'Estado',
    apiTokenNeverExpires: 'Nunca',
    apiTokenNotUsedYet: 'Ainda não',
    apiTokenStateActive: 'Ativo',
    apiTokenStateExpired: 'Expirado',
    apiTokenStateRevoked: 'Revogado',
    apiTokenRevokeTitle: 'Revogar o token "{{name}}"?',
    apiTokenRevokePrompt:
      'Os programas que usam o token {{hint}} deixarão de ler o log de auditoria a partir de agora. Isso não pode ser desfeito: para que voltem a lê-lo, crie um novo token.',
    apiTokenCreated: 'Token "{{name}}" criado. Copie-o da caixa de diálogo: ele é exibido apenas uma vez.',
    apiTokenRevoked: 'Token "{{name}}" revogado: ele não funciona mais.',
    apiTokenSecretTitle: 'Token de API "{{name}}"',
    apiTokenSecretExplanation:
      'Este token é exibido apenas uma vez: o MessageHub guarda somente um hash dele e não pode exibi-lo novamente. Copie-o agora para o programa que lê o log de auditoria, que o envia no cabeçalho Authorization, depois de "Bearer". Se ele se perder, revogue-o e crie um novo.',
    apiTokenForbidden: 'Somente administradores podem ter tokens de API.',
    apiTokenInvalidName: 'Dê ao token um nome de 1 a {{max}} caracteres, em uma única linha.',
    apiTokenInvalidExpiry: 'Essa expiração não é permitida aqui para tokens de API: escolha uma mais curta.',
    apiTokenTooMany: 'Você já tem tantos tokens ativos quanto o permitido: revogue primeiro um que não usa mais.',
    apiTokenNotFound: 'Esse token não é seu ou já foi revogado. A lista mostra a situação atual.',
    apiTokenUnknownRequest: 'Esta página não faz essa solicitação. Recarregue a página e tente novamente.',
  },
};

export const panelTextsPtBR: PanelTexts = {
  labels: {
    chatSettings: 'Configurações do chat',
    Account: 'Conta',
    User: 'Usuários',
    Inbox: 'Caixas de entrada',
    Team: 'Equipes',
    Webhook: 'Webhooks',
    AutomationRule: 'Regras de automação',
    InboxMember: 'Membros das caixas de entrada',
    TeamMember: 'Membros das equipes',
    AuditLog: 'Logs de auditoria',
    AuditDelivery: 'Entregas de auditoria',
  },
  messages: {
    recordActionHeading: '{{action}}: {{title}}',
    forbiddenError: 'Você não tem permissão para fazer isso.',
  },
  components: {
    Login: {
      welcomeHeader: 'MessageHub',
      welcomeMessage:
        'Painel de configurações: agentes, caixas de entrada, equipes, webhooks, regras de automação. Toda alteração fica registrada no log de auditoria.',
    },
  },
  resources: {
    User: {
      actions: {
        new: 'Convidar usuário',
        resendInvitation: 'Reenviar convite',
        revokeInvitation: 'Revogar convite',
        makeAdministrator: 'Tornar administrador',
        makeAgent: 'Tornar agente',
      },
      properties: { inboxIds: 'Caixas de entrada', teamIds: 'Equipes', locale: 'Idioma' },
      buttons: {
        ...oneTimeSecret.buttons,
        resendInvitation: 'Enviar um novo link',
      },
      messages: {
        ...oneTimeSecret.messages,
        // "Convite criado para …" rather than "… foi convidado(a)": the notice does not know the invitee's gender.
        userAddedToAccount: '{{email}} já tem acesso ao MessageHub: adicionado a esta conta. A conta aparece ao entrar ou ao trocar de conta.',
        userInvited: 'Convite criado para {{email}}. Copie o link de convite na caixa de diálogo: ele é exibido apenas uma vez.',
        invitationResent:
          'Novo link de convite para {{email}}; o anterior não funciona mais. Copie-o na caixa de diálogo: ele é exibido apenas uma vez.',
        invitationLinkTitle: 'Link de convite para {{email}}',
        invitationLinkExplanation:
          'Este link é exibido apenas uma vez: o MessageHub não guarda nenhuma cópia dele e não pode exibi-lo novamente. Copie-o agora e envie-o para {{email}}; ele pode ser usado uma única vez, até {{expiresAt}} (UTC). Se ele se perder, use "Reenviar convite": um novo link substitui este.',
        resendInvitationPrompt:
          'Enviar um novo link de convite para {{record.name}} ({{record.email}})? O link atual deixará de funcionar. O novo é exibido uma única vez, em uma caixa de diálogo, para você copiar e enviar.',
        sharedWithOtherAccounts:
          'Esta pessoa também pertence a outra conta: nome, e-mail, status, disponibilidade e convite são compartilhados com ela e não podem ser alterados a partir desta conta. Aqui você pode mudar a função, as caixas de entrada e as equipes dela, ou removê-la desta conta.',
      },
    },
    MyProfile: {
      labels: { MyProfile: 'Meu perfil' },
      // "Mudar para …" names the state the button sets, in the words its badge shows ("ocupado"
      // agrees with the status, not with the user).
      actions: { goOnline: 'Mudar para online', goBusy: 'Mudar para ocupado', goOffline: 'Mudar para offline', chooseLanguage: 'Idioma', switchAccount: 'Contas', ...apiTokens.actions },
      properties: { inboxIds: 'Minhas caixas de entrada', teamIds: 'Minhas equipes', locale: 'Idioma' },
      buttons: { ...oneTimeSecret.buttons, ...apiTokens.buttons },
      messages: {
        ...oneTimeSecret.messages,
        ...apiTokens.messages,
        chooseLanguageHelp:
          'O idioma em que o painel e o log de auditoria são exibidos para você. Enquanto você não escolher um, verá o idioma da conta.',
        languageChanged: 'Idioma salvo.',
        languageNotSaved: 'Não foi possível salvar o idioma. Recarregue a página e tente novamente.',
        languageOnlyYours: 'Você só pode escolher o seu próprio idioma.',
        languageUnknown: 'O painel não está traduzido para esse idioma.',
        languageUserGone: 'Sua conta não está mais ativa.',
        switchAccountHelp: 'Você pertence a várias contas. O painel mostra uma de cada vez: escolha aquela em que quer trabalhar.',
        switchAccountCurrent: 'Conta atual',
        switchAccountButton: 'Trabalhar nesta conta',
        switchAccountRoleAdministrator: 'administrador',
        switchAccountRoleAgent: 'agente',
      },
    },
    Inbox: { properties: { memberIds: 'Agentes' } },
    Team: { properties: { memberIds: 'Agentes' } },
    Account: {
      messages: {
        auditRetentionDaysHelp:
          'Vazio: o padrão da instalação, {{defaultDays}} dias. Senão, de {{minDays}} a {{maxDays}} dias.',
        auditRetentionDaysNotWholeNumber:
          'Informe um número inteiro de dias de {{minDays}} a {{maxDays}}, ou deixe o campo vazio para usar o padrão da instalação, {{defaultDays}} dias.',
        auditRetentionDaysTooShort: 'Deve ser de pelo menos {{minDays}} dias: o banco de dados mantém os registros de auditoria por pelo menos esse tempo.',
        auditRetentionDaysTooLong: 'Deve ser de no máximo {{maxDays}} dias, o mais longo que esta instalação permite.',
      },
    },
    AuditLog: {
      messages: {
        noRecordsInResource:
          'Nenhuma entrada de auditoria corresponde. O log registra logins e logouts (e logins recusados), todas as alterações em usuários, caixas de entrada, equipes, webhooks, regras de automação e configurações da conta, as alterações de membros e as exportações deste log.',
      },
    },
    Webhook: {
      labels: {
        subscribedEvents: {
          conversation_created: 'Conversa criada',
          conversation_updated: 'Conversa atualizada',
          conversation_resolved: 'Conversa resolvida',
          message_created: 'Mensagem criada',
          contact_created: 'Contato criado',
          contact_updated: 'Contato atualizado',
        },
      },
      buttons: { ...oneTimeSecret.buttons },
      messages: {
        ...oneTimeSecret.messages,
        webhookCreated: 'Webhook para {{url}} criado. Copie o segredo de assinatura dele na caixa de diálogo: ele é exibido apenas uma vez.',
        signingSecretTitle: 'Segredo de assinatura do webhook para {{url}}',
        signingSecretExplanation:
          'Este segredo de assinatura é exibido apenas uma vez: o MessageHub nunca o exibirá novamente. Copie-o agora no serviço em {{url}}, que o usa para verificar se cada entrega vem do MessageHub. Se ele se perder, exclua este webhook e crie-o novamente.',
        noSubscribedEvents: 'Nenhum evento',
      },
    },
  },
};
