import type { ActionRequest, ActionResponse, ResourceOptions } from 'adminjs';
import { WEBHOOK_EVENTS } from '../../entities/enums.js';
import { Webhook } from '../../entities/Webhook.js';
import { administratorsOnlyActions } from '../access.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';

const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

/**
 * The signing secret is shown once, to the admin who created the webhook, in the success notice.
 * Records never carry it (the resource strips secrets), so it is read back here by id.
 */
async function revealSecretOnce(response: ActionResponse, request: ActionRequest): Promise<ActionResponse> {
  const id = response.record?.params?.id;
  if (request.method !== 'post' || response.notice?.type !== 'success' || id == null) return response;
  const webhook = await Webhook.findOneByOrFail({ id: Number(id) });
  return {
    ...response,
    notice: {
      type: 'success',
      message: `Webhook created. Its signing secret is shown this once, copy it now: ${webhook.signingSecret}`,
    },
  };
}

export const webhookOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'url', 'subscribedEvents', 'enabled', 'updatedAt'],
  editProperties: ['url', 'subscribedEvents', 'enabled'],
  properties: {
    signingSecret: { isVisible: false },
    subscribedEvents: { isArray: true, availableValues: choices(WEBHOOK_EVENTS) },
    createdAt: showOnly,
    updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
  },
  actions: {
    ...administratorsOnlyActions,
    new: { ...administratorsOnlyActions.new, after: revealSecretOnce },
  },
};
