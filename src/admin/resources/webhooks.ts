import type { ActionContext, ActionRequest, ActionResponse, ResourceOptions } from 'adminjs';
import { WEBHOOK_EVENTS } from '../../entities/enums.js';
import { Webhook } from '../../entities/Webhook.js';
import { administratorsOnlyActions } from '../access.js';
import { OneTimeSecretComponent } from '../components/OneTimeSecretComponents.js';
import { withOneTimeSecret } from '../components/OneTimeSecretResponse.js';
import { WebhookComponent } from '../components/WebhookComponents.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';

const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

/**
 * new.after: the signing secret is given out once, to the admin who created the webhook, as the
 * action's one-time secret (the panel shows it in a dialog until dismissed). Records never carry
 * it (the resource strips secrets), so it is read back here by id.
 */
async function revealSigningSecretOnce(response: ActionResponse, request: ActionRequest, context: ActionContext): Promise<ActionResponse> {
  const id = response.record?.params?.id;
  if (request.method !== 'post' || response.notice?.type !== 'success' || id == null) return response;
  const webhook = await Webhook.findOneByOrFail({ id: Number(id) });
  const resourceId = context.resource.decorate().id();
  return withOneTimeSecret(
    { ...response, notice: { type: 'success', message: 'webhookCreated', resourceId, options: { url: webhook.url } } },
    { value: webhook.signingSecret, titleKey: 'signingSecretTitle', explanationKey: 'signingSecretExplanation', values: { url: webhook.url } },
  );
}

export const webhookOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'url', 'subscribedEvents', 'enabled', 'updatedAt'],
  editProperties: ['url', 'subscribedEvents', 'enabled'],
  properties: {
    // Always the current account (the audit plugin keeps it so): nothing to show or choose.
    accountId: { isVisible: false },
    signingSecret: { isVisible: false },
    subscribedEvents: {
      isArray: true,
      availableValues: choices(WEBHOOK_EVENTS),
      // Read as a list of event names, not as AdminJS's "Length: 2"; the form keeps AdminJS's selects.
      components: { list: WebhookComponent.eventList, show: WebhookComponent.eventList },
    },
    createdAt: showOnly,
    updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
  },
  actions: {
    ...administratorsOnlyActions,
    new: { ...administratorsOnlyActions.new, component: OneTimeSecretComponent.newForm, after: revealSigningSecretOnce },
  },
};
