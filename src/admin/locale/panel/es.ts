// Spanish texts of the panel: everything the English panel texts say (en.ts, people.ts,
// webhook-translations.ts, the one-time secret dialog's and My profile's API tokens page's texts),
// key for key, with the same {{placeholders}}. The reader is addressed as "usted", as in the audit
// plugin's Spanish. Terms as in the audit log (activities/es.ts): bandeja de entrada, equipo, regla
// de automatización, registro de auditoría; resource names as the audit plugin gives its own
// (plugin/src/locale/es.ts).
import type { PanelTexts } from './index.js';

/** The one-time secret dialog (invitation link, signing secret): the same for each resource that reveals one. */
const oneTimeSecret = {
  buttons: {
    copyOneTimeSecret: 'Copiar',
    oneTimeSecretCopied: 'Copiado',
    dismissOneTimeSecret: 'Ya lo he copiado, cerrar',
  },
  messages: {
    oneTimeSecretShownOnce: 'Se muestra una sola vez',
    oneTimeSecretCopyFailed: 'No se pudo copiar en este navegador: seleccione el texto de arriba y cópielo manualmente.',
    oneTimeSecretActionFailed: 'La operación no se completó. Recargue la página para ver el estado actual y vuelva a intentarlo.',
  },
};

// My profile → API tokens (components/ApiTokensComponents.ts). Names in "…", as the panel quotes buttons.
const apiTokens = {
  actions: { apiTokens: 'Tokens de API' },
  buttons: { createApiToken: 'Crear token', revokeApiToken: 'Revocar', confirmRevokeApiToken: 'Revocar el token' },
  messages: {
    apiTokensIntro:
      'Un token de acceso personal permite que un programa lea el registro de auditoría a través de la API (GET /api/v1/audit_logs) en su nombre. Cada token se muestra una sola vez, al crearlo: MessageHub solo guarda un hash de él.',
    apiTokenNewHeading: 'Nuevo token',
    apiTokenName: 'Nombre',
    apiTokenNameHelp: 'Para qué sirve el token, para reconocerlo más adelante (hasta {{max}} caracteres).',
    apiTokenLifetime: 'Caduca',
    apiTokenLifetime30: 'En 30 días',
    apiTokenLifetime90: 'En 90 días',
    apiTokenLifetime365: 'En un año',
    apiTokenLifetimeNever: 'Nunca',
    apiTokensHeading: 'Sus tokens',
    apiTokensNone: 'Todavía no tiene tokens de API.',
    apiTokensNotLoaded: 'No se pudieron cargar sus tokens. Recargue la página para volver a intentarlo.',
    apiTokenColumnName: 'Nombre',
    apiTokenColumnHint: 'Token',
    apiTokenColumnCreated: 'Creado',
    apiTokenColumnExpires: 'Caduca',
    apiTokenColumnLastUsed: 'Último uso',
    apiTokenColumnState: 'Estado',
    apiTokenNeverExpires: 'Nunca',
    apiTokenNotUsedYet: 'Todavía no',
    apiTokenStateActive: 'Activo',
    apiTokenStateExpired: 'Caducado',
    apiTokenStateRevoked: 'Revocado',
    apiTokenRevokeTitle: '¿Revocar el token "{{name}}"?',
    apiTokenRevokePrompt:
      'Los programas que usan el token {{hint}} dejarán de poder leer el registro de auditoría desde ahora. No se puede deshacer: para que vuelvan a leerlo, cree un token nuevo.',
    apiTokenCreated: 'Token "{{name}}" creado. Cópielo desde el cuadro de diálogo: se muestra una sola vez.',
    apiTokenRevoked: 'Token "{{name}}" revocado: ya no funciona.',
    apiTokenSecretTitle: 'Token de API "{{name}}"',
    apiTokenSecretExplanation:
      'Este token se muestra una sola vez: MessageHub solo guarda un hash de él y no puede volver a mostrarlo. Cópielo ahora en el programa que lee el registro de auditoría, que lo envía en el encabezado Authorization, después de "Bearer". Si se pierde, revóquelo y cree uno nuevo.',
    apiTokenForbidden: 'Solo los administradores pueden tener tokens de API.',
    apiTokenInvalidName: 'Dé al token un nombre de 1 a {{max}} caracteres, en una sola línea.',
    apiTokenInvalidExpiry: 'Esa caducidad no está permitida aquí para los tokens de API: elija una más corta.',
    apiTokenTooMany: 'Ya tiene tantos tokens activos como se permite: primero revoque uno que ya no use.',
    apiTokenNotFound: 'Ese token no es suyo o ya está revocado. La lista muestra cómo están las cosas.',
    apiTokenUnknownRequest: 'Esta página no hace esa solicitud. Recargue la página y vuelva a intentarlo.',
  },
};

export const panelTextsEs: PanelTexts = {
  labels: {
    chatSettings: 'Configuración del chat',
    Account: 'Cuenta',
    User: 'Usuarios',
    Inbox: 'Bandejas de entrada',
    Team: 'Equipos',
    Webhook: 'Webhooks',
    AutomationRule: 'Reglas de automatización',
    InboxMember: 'Miembros de bandejas de entrada',
    TeamMember: 'Miembros de equipos',
    AuditLog: 'Registro de auditoría',
    AuditDelivery: 'Entregas de auditoría',
  },
  messages: {
    recordActionHeading: '{{action}}: {{title}}',
    forbiddenError: 'No tiene permiso para hacer eso.',
  },
  components: {
    Login: {
      welcomeHeader: 'MessageHub',
      welcomeMessage:
        'Panel de configuración: agentes, bandejas de entrada, equipos, webhooks, reglas de automatización. Cada cambio queda guardado en el registro de auditoría.',
    },
  },
  resources: {
    User: {
      actions: {
        new: 'Invitar usuario',
        resendInvitation: 'Reenviar invitación',
        revokeInvitation: 'Revocar invitación',
        makeAdministrator: 'Convertir en administrador',
        makeAgent: 'Convertir en agente',
      },
      properties: { inboxIds: 'Bandejas de entrada', teamIds: 'Equipos', locale: 'Idioma' },
      buttons: {
        ...oneTimeSecret.buttons,
        resendInvitation: 'Enviar un nuevo enlace',
      },
      messages: {
        ...oneTimeSecret.messages,
        userAddedToAccount: '{{email}} ya tiene acceso a MessageHub: se ha añadido a esta cuenta. La verá al iniciar sesión o al cambiar de cuenta.',
        userInvited: 'Se invitó a {{email}}. Copie su enlace de invitación desde el cuadro de diálogo: se muestra una sola vez.',
        invitationResent:
          'Nuevo enlace de invitación para {{email}}; el anterior ya no funciona. Cópielo desde el cuadro de diálogo: se muestra una sola vez.',
        invitationLinkTitle: 'Enlace de invitación para {{email}}',
        invitationLinkExplanation:
          'Este enlace se muestra una sola vez: MessageHub no guarda ninguna copia y no puede volver a mostrarlo. Cópielo ahora y envíeselo a {{email}}; se puede usar una vez, hasta {{expiresAt}} (UTC). Si se pierde, use "Reenviar invitación": un enlace nuevo reemplaza a este.',
        resendInvitationPrompt:
          '¿Enviar a {{record.name}} ({{record.email}}) un nuevo enlace de invitación? El enlace actual dejará de funcionar. El nuevo se muestra una sola vez, en un cuadro de diálogo, para que lo copie y lo envíe.',
        sharedWithOtherAccounts:
          'Esta persona también pertenece a otra cuenta: su nombre, correo, estado, disponibilidad e invitación se comparten con ella y no se pueden cambiar desde esta cuenta. Aquí puede cambiar su rol, bandejas y equipos, o quitarla de esta cuenta.',
      },
    },
    MyProfile: {
      labels: { MyProfile: 'Mi perfil' },
      // "Cambiar a …" names the state the button sets, in the words its badge shows ("ocupado"
      // agrees with "estado", not with the user).
      actions: { goOnline: 'Cambiar a en línea', goBusy: 'Cambiar a ocupado', goOffline: 'Cambiar a fuera de línea', chooseLanguage: 'Idioma', switchAccount: 'Cuentas', ...apiTokens.actions },
      properties: { inboxIds: 'Mis bandejas de entrada', teamIds: 'Mis equipos', locale: 'Idioma' },
      buttons: { ...oneTimeSecret.buttons, ...apiTokens.buttons },
      messages: {
        ...oneTimeSecret.messages,
        ...apiTokens.messages,
        chooseLanguageHelp: 'El idioma en el que usted ve el panel y el registro de auditoría. Mientras no elija uno, verá el idioma de la cuenta.',
        languageChanged: 'Idioma guardado.',
        languageNotSaved: 'No se pudo guardar el idioma. Recargue la página y vuelva a intentarlo.',
        languageOnlyYours: 'Solo puede elegir su propio idioma.',
        languageUnknown: 'El panel no está traducido a ese idioma.',
        languageUserGone: 'Su cuenta ya no está activa.',
        switchAccountHelp: 'Pertenece a varias cuentas. El panel muestra una a la vez: elija aquella en la que quiere trabajar.',
        switchAccountCurrent: 'Cuenta actual',
        switchAccountButton: 'Trabajar en esta cuenta',
        switchAccountRoleAdministrator: 'administrador',
        switchAccountRoleAgent: 'agente',
      },
    },
    Inbox: { properties: { memberIds: 'Agentes' } },
    Team: { properties: { memberIds: 'Agentes' } },
    Account: {
      messages: {
        auditRetentionDaysHelp:
          'Vacío: el valor de la instalación, {{defaultDays}} días. Si no, de {{minDays}} a {{maxDays}} días.',
        auditRetentionDaysNotWholeNumber:
          'Introduzca un número entero de días de {{minDays}} a {{maxDays}}, o deje el campo vacío para usar el valor predeterminado de la instalación, {{defaultDays}} días.',
        auditRetentionDaysTooShort: 'Debe ser de al menos {{minDays}} días: la base de datos conserva las entradas de auditoría al menos ese tiempo.',
        auditRetentionDaysTooLong: 'Debe ser de {{maxDays}} días como máximo, lo más largo que permite esta instalación.',
      },
    },
    AuditLog: {
      messages: {
        noRecordsInResource:
          'Ninguna entrada de auditoría coincide. El registro guarda los inicios y cierres de sesión (y los inicios de sesión rechazados), cada cambio en usuarios, bandejas de entrada, equipos, webhooks, reglas de automatización y configuración de la cuenta, los cambios de miembros y las exportaciones de este registro.',
      },
    },
    Webhook: {
      labels: {
        subscribedEvents: {
          conversation_created: 'Conversación creada',
          conversation_updated: 'Conversación actualizada',
          conversation_resolved: 'Conversación resuelta',
          message_created: 'Mensaje creado',
          contact_created: 'Contacto creado',
          contact_updated: 'Contacto actualizado',
        },
      },
      buttons: { ...oneTimeSecret.buttons },
      messages: {
        ...oneTimeSecret.messages,
        webhookCreated: 'Se creó el webhook hacia {{url}}. Copie su secreto de firma desde el cuadro de diálogo: se muestra una sola vez.',
        signingSecretTitle: 'Secreto de firma del webhook hacia {{url}}',
        signingSecretExplanation:
          'Este secreto de firma se muestra una sola vez: MessageHub no volverá a mostrarlo. Cópielo ahora en el servicio de {{url}}, que lo usa para comprobar que cada envío procede de MessageHub. Si se pierde, elimine este webhook y vuelva a crearlo.',
        noSubscribedEvents: 'Ningún evento',
      },
    },
  },
};
