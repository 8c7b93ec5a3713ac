// Texts the Webhooks screens add (AdminJS per-resource translations, keyed by resource id like
// peopleTranslations): the signing-secret dialog and the subscribed events' labels.
import type { WebhookEvent } from '../entities/enums.js';
import { oneTimeSecretTexts } from './components/OneTimeSecretComponents.js';

/** Every event the form offers, by the name the list and show pages give it. */
const webhookEventLabels: Record<WebhookEvent, string> = {
  conversation_created: 'Conversation created',
  conversation_updated: 'Conversation updated',
  conversation_resolved: 'Conversation resolved',
  message_created: 'Message created',
  contact_created: 'Contact created',
  contact_updated: 'Contact updated',
};

export const webhookTranslations = {
  Webhook: {
    // Looked up as labels.subscribedEvents.<event> (components/WebhookEventList.tsx).
    labels: { subscribedEvents: webhookEventLabels },
    buttons: { ...oneTimeSecretTexts.buttons },
    messages: {
      ...oneTimeSecretTexts.messages,
      webhookCreated: 'Webhook to {{url}} created. Copy its signing secret from the dialog: it is shown only once.',
      signingSecretTitle: 'Signing secret of the webhook to {{url}}',
      signingSecretExplanation:
        'This signing secret is shown only once: MessageHub will never show it again. Copy it now into the service at {{url}}, which checks with it that each delivery comes from MessageHub. If it gets lost, delete this webhook and create it again.',
      noSubscribedEvents: 'No events',
    },
  },
};
