// Allowed values, defined once: entities, validation, the panel's selects and the seed all read them here.
export const USER_ROLES = ['agent', 'administrator'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_AVAILABILITIES = ['online', 'offline', 'busy'] as const;
export type UserAvailability = (typeof USER_AVAILABILITIES)[number];

export const USER_STATUSES = ['invited', 'active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const INBOX_CHANNEL_TYPES = ['website', 'email', 'api', 'whatsapp', 'sms', 'facebook', 'telegram'] as const;
export type InboxChannelType = (typeof INBOX_CHANNEL_TYPES)[number];

export const WEBHOOK_EVENTS = [
  'conversation_created',
  'conversation_updated',
  'conversation_resolved',
  'message_created',
  'contact_created',
  'contact_updated',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const AUTOMATION_EVENTS = ['conversation_created', 'conversation_updated', 'message_created', 'conversation_resolved'] as const;
export type AutomationEvent = (typeof AUTOMATION_EVENTS)[number];

export const AUTOMATION_CONDITION_ATTRIBUTES = ['status', 'inbox_id', 'team_id', 'message_type', 'content', 'email', 'browser_language'] as const;
export const AUTOMATION_CONDITION_OPERATORS = ['equal_to', 'not_equal_to', 'contains', 'does_not_contain'] as const;
export const AUTOMATION_ACTION_TYPES = ['assign_team', 'assign_agent', 'add_label', 'send_message', 'resolve_conversation', 'mute_conversation'] as const;

/** The account's language: one the panel is translated into (src/domain/languages.ts). */
export { LANGUAGES as ACCOUNT_LOCALES } from '../domain/languages.js';
