// The demo data `npm run seed` (and the first `npm start`) puts in an empty MessageHub.
import type { RuleAction, RuleCondition } from '../src/entities/AutomationRule.js';
import type { InboxChannelType, WebhookEvent, AutomationEvent } from '../src/entities/enums.js';

export const demoAccount = {
  name: 'MessageHub',
  supportEmail: 'support@acme.example',
  locale: 'en',
  timezone: 'Europe/Paris',
  autoResolveAfterDays: 7,
};

export const demoAgents = [
  { name: 'Alice Martin', displayName: 'Alice', email: 'alice@acme.example' },
  { name: 'Bruno Costa', displayName: 'Bruno', email: 'bruno@acme.example' },
  { name: 'Chloé Dubois', displayName: 'Chloé', email: 'chloe@acme.example' },
  { name: 'Deepa Rao', displayName: 'Deepa', email: 'deepa@acme.example' },
];

export const demoInboxes: Array<{ name: string; channelType: InboxChannelType; greeting: string; members: string[] }> = [
  { name: 'Website chat', channelType: 'website', greeting: 'Hi! How can we help?', members: ['alice@acme.example', 'bruno@acme.example'] },
  { name: 'Support email', channelType: 'email', greeting: 'Thanks for writing to Acme.', members: ['chloe@acme.example', 'deepa@acme.example'] },
  { name: 'WhatsApp', channelType: 'whatsapp', greeting: 'Hello from Acme on WhatsApp.', members: ['alice@acme.example'] },
];

export const demoTeams = [
  { name: 'Billing', description: 'Invoices, refunds and plans.', members: ['alice@acme.example', 'chloe@acme.example'] },
  { name: 'Technical', description: 'Bugs and integrations.', members: ['bruno@acme.example', 'deepa@acme.example'] },
];

export const demoWebhooks: Array<{ url: string; subscribedEvents: WebhookEvent[] }> = [
  { url: 'https://hooks.acme.example/messagehub', subscribedEvents: ['conversation_created', 'conversation_resolved'] },
  { url: 'https://crm.acme.example/inbound', subscribedEvents: ['contact_created', 'message_created'] },
];

export const demoRules: Array<{ name: string; description: string; event: AutomationEvent; conditions: RuleCondition[]; actions: RuleAction[] }> = [
  {
    name: 'Route billing questions',
    description: 'Send conversations that mention invoices to Billing.',
    event: 'message_created',
    conditions: [{ attribute: 'content', operator: 'contains', values: ['invoice', 'refund'] }],
    actions: [{ action: 'assign_team', params: ['Billing'] }],
  },
  {
    name: 'Greet French visitors',
    description: 'Reply in French when the browser asks for it.',
    event: 'conversation_created',
    conditions: [{ attribute: 'browser_language', operator: 'equal_to', values: ['fr'] }],
    actions: [{ action: 'send_message', params: ['Bonjour ! Un agent arrive.'] }],
  },
];
