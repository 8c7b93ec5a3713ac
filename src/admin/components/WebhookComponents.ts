// The Webhooks resource's own views, registered on the app's ComponentLoader under fixed names
// its options refer to. Paths are resolved next to this file (sources and dist/ alike).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentLoader } from 'adminjs';

const here = path.dirname(fileURLToPath(import.meta.url));

export const WebhookComponent = {
  /** The subscribed events as a list of their labels (list and show pages). */
  eventList: 'WebhookEventList',
} as const;

export function registerWebhookComponents(loader: ComponentLoader): void {
  loader.add(WebhookComponent.eventList, path.join(here, 'WebhookEventList'));
}
