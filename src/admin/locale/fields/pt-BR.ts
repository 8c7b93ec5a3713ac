// Brazilian Portuguese names of the panel resources' fields and of their badge values, in the
// shape of en.ts (whose header says where each key is read). Terms as in the audit log's
// Portuguese (activities/pt-BR.ts): caixa de entrada, equipe, regra de automação, função (not
// "perfil", which is also My profile). Dates are "Data de …" rather than "Criado em", which would
// have to agree with each resource.
import { LANGUAGE_NAMES } from '../../../domain/languages.js';
import type { FieldTexts } from './index.js';

const yesNo = { true: 'Sim', false: 'Não' };

const timestamps = { createdAt: 'Data de criação', updatedAt: 'Data de atualização' };

const userProperties = {
  id: 'ID',
  name: 'Nome',
  displayName: 'Nome de exibição',
  email: 'E-mail',
  passwordHash: 'Senha',
  role: 'Função',
  availability: 'Disponibilidade',
  status: 'Status',
  invitationTokenHash: 'Link de convite',
  invitationExpiresAt: 'Validade do convite',
  lastSignInAt: 'Último login',
  lastAccountId: 'Última conta usada',
  ...timestamps,
};

const userValues = {
  role: { agent: 'Agente', administrator: 'Administrador' },
  availability: { online: 'Online', offline: 'Offline', busy: 'Ocupado' },
  status: { invited: 'Convidado', active: 'Ativo', disabled: 'Desativado' },
};

export const fieldTextsPtBR: FieldTexts = {
  resources: {
    Account: {
      properties: {
        id: 'ID',
        name: 'Nome',
        supportEmail: 'E-mail de suporte',
        locale: 'Idioma',
        timezone: 'Fuso horário',
        autoResolveAfterDays: 'Resolver automaticamente após (dias)',
        csatSurveyEnabled: 'Pesquisa CSAT',
        autoAssignmentEnabled: 'Atribuição automática',
        emailTranscriptsEnabled: 'Transcrições por e-mail',
        auditRetentionDays: 'Retenção do log de auditoria (dias)',
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
      // "Ativada": agrees with "a caixa de entrada".
      properties: { id: 'ID', accountId: 'Conta', name: 'Nome', channelType: 'Canal', greeting: 'Saudação', enabled: 'Ativada', ...timestamps },
      labels: {
        channelType: { website: 'Site', email: 'E-mail', api: 'API', whatsapp: 'WhatsApp', sms: 'SMS', facebook: 'Facebook', telegram: 'Telegram' },
        enabled: yesNo,
      },
    },
    Team: {
      properties: { id: 'ID', accountId: 'Conta', name: 'Nome', description: 'Descrição', allowAutoAssign: 'Permitir atribuição automática', ...timestamps },
      labels: { allowAutoAssign: yesNo },
    },
    Webhook: {
      properties: { id: 'ID', accountId: 'Conta', url: 'URL', subscribedEvents: 'Eventos', signingSecret: 'Segredo de assinatura', enabled: 'Ativado', ...timestamps },
      labels: { enabled: yesNo },
    },
    AutomationRule: {
      properties: {
        id: 'ID',
        accountId: 'Conta',
        name: 'Nome',
        description: 'Descrição',
        event: 'Evento',
        conditions: 'Condições',
        actions: 'Ações',
        active: 'Ativa',
        ...timestamps,
      },
      labels: {
        event: {
          conversation_created: 'Conversa criada',
          conversation_updated: 'Conversa atualizada',
          message_created: 'Mensagem criada',
          conversation_resolved: 'Conversa resolvida',
        },
        active: yesNo,
      },
    },
    InboxMember: { properties: { id: 'ID', accountId: 'Conta', inboxId: 'Caixa de entrada', userId: 'Agente', createdAt: 'Adicionado em' } },
    TeamMember: { properties: { id: 'ID', accountId: 'Conta', teamId: 'Equipe', userId: 'Agente', createdAt: 'Adicionado em' } },
  },
};
