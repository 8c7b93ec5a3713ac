// Spanish names of the panel resources' fields and of their badge values, in the shape of en.ts
// (whose header says where each key is read). Terms as in the audit log's Spanish
// (activities/es.ts): bandeja de entrada, equipo, regla de automatización, rol.
// Dates are "Fecha de …" rather than "Creado el", which would have to agree with each resource.
import { LANGUAGE_NAMES } from '../../../domain/languages.js';
import type { FieldTexts } from './index.js';

const yesNo = { true: 'Sí', false: 'No' };

const timestamps = { createdAt: 'Fecha de creación', updatedAt: 'Fecha de actualización' };

const userProperties = {
  id: 'ID',
  name: 'Nombre',
  displayName: 'Nombre visible',
  email: 'Correo electrónico',
  passwordHash: 'Contraseña',
  role: 'Rol',
  availability: 'Disponibilidad',
  status: 'Estado',
  invitationTokenHash: 'Enlace de invitación',
  invitationExpiresAt: 'Caducidad de la invitación',
  lastSignInAt: 'Último inicio de sesión',
  lastAccountId: 'Última cuenta usada',
  ...timestamps,
};

const userValues = {
  role: { agent: 'Agente', administrator: 'Administrador' },
  availability: { online: 'En línea', offline: 'Fuera de línea', busy: 'Ocupado' },
  status: { invited: 'Invitado', active: 'Activo', disabled: 'Desactivado' },
};

export const fieldTextsEs: FieldTexts = {
  resources: {
    Account: {
      properties: {
        id: 'ID',
        name: 'Nombre',
        supportEmail: 'Correo de soporte',
        locale: 'Idioma',
        timezone: 'Zona horaria',
        autoResolveAfterDays: 'Resolver automáticamente tras (días)',
        csatSurveyEnabled: 'Encuesta CSAT',
        autoAssignmentEnabled: 'Asignación automática',
        emailTranscriptsEnabled: 'Transcripciones por correo',
        auditRetentionDays: 'Conservación del registro de auditoría (días)',
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
      // "Activada": agrees with "la bandeja de entrada".
      properties: { id: 'ID', accountId: 'Cuenta', name: 'Nombre', channelType: 'Canal', greeting: 'Saludo', enabled: 'Activada', ...timestamps },
      labels: {
        channelType: {
          website: 'Sitio web',
          email: 'Correo electrónico',
          api: 'API',
          whatsapp: 'WhatsApp',
          sms: 'SMS',
          facebook: 'Facebook',
          telegram: 'Telegram',
        },
        enabled: yesNo,
      },
    },
    Team: {
      properties: { id: 'ID', accountId: 'Cuenta', name: 'Nombre', description: 'Descripción', allowAutoAssign: 'Permitir asignación automática', ...timestamps },
      labels: { allowAutoAssign: yesNo },
    },
    Webhook: {
      properties: { id: 'ID', accountId: 'Cuenta', url: 'URL', subscribedEvents: 'Eventos', signingSecret: 'Secreto de firma', enabled: 'Activado', ...timestamps },
      labels: { enabled: yesNo },
    },
    AutomationRule: {
      properties: {
        id: 'ID',
        accountId: 'Cuenta',
        name: 'Nombre',
        description: 'Descripción',
        event: 'Evento',
        conditions: 'Condiciones',
        actions: 'Acciones',
        active: 'Activa',
        ...timestamps,
      },
      labels: {
        event: {
          conversation_created: 'Conversación creada',
          conversation_updated: 'Conversación actualizada',
          message_created: 'Mensaje creado',
          conversation_resolved: 'Conversación resuelta',
        },
        active: yesNo,
      },
    },
    InboxMember: { properties: { id: 'ID', accountId: 'Cuenta', inboxId: 'Bandeja de entrada', userId: 'Agente', createdAt: 'Fecha de incorporación' } },
    TeamMember: { properties: { id: 'ID', accountId: 'Cuenta', teamId: 'Equipo', userId: 'Agente', createdAt: 'Fecha de incorporación' } },
  },
};
