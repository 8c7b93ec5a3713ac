// MessageHub's audit sinks from the configuration, and the delivery worker's settings.
import { JsonLinesSink, WebhookSink, type AuditDeliveryOptions, type AuditPlugin, type AuditSink } from '@hashtrail/adminjs-audit';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';

type DeliverySettings = Pick<
  Config,
  | 'AUDIT_WEBHOOK_URL'
  | 'AUDIT_WEBHOOK_SECRET'
  | 'AUDIT_WEBHOOK_ACCOUNTS'
  | 'AUDIT_JSONL_PATH'
  | 'AUDIT_JSONL_ACCOUNTS'
  | 'AUDIT_DELIVERY_POLL_MS'
  | 'AUDIT_DELIVERY_BATCH'
  | 'AUDIT_DELIVERY_RETRY_MIN_MS'
  | 'AUDIT_DELIVERY_RETRY_MAX_MS'
  | 'AUDIT_DELIVERY_LEASE_MS'
>;

/** The configured sinks; one given account ids takes only those accounts' entries (the database decides, at append). */
export function auditSinks(config: DeliverySettings): AuditSink[] {
  const sinks: AuditSink[] = [];
  if (config.AUDIT_WEBHOOK_URL) {
    sinks.push(new WebhookSink({ name: 'webhook', url: config.AUDIT_WEBHOOK_URL, secret: config.AUDIT_WEBHOOK_SECRET!, accounts: config.AUDIT_WEBHOOK_ACCOUNTS }));
  }
  if (config.AUDIT_JSONL_PATH) sinks.push(new JsonLinesSink({ name: 'jsonl', path: config.AUDIT_JSONL_PATH, accounts: config.AUDIT_JSONL_ACCOUNTS }));
  return sinks;
}

export function deliveryOptions(config: DeliverySettings, logger: Logger): AuditDeliveryOptions {
  return {
    sinks: auditSinks(config),
    pollIntervalMs: config.AUDIT_DELIVERY_POLL_MS,
    batchSize: config.AUDIT_DELIVERY_BATCH,
    retryMinMs: config.AUDIT_DELIVERY_RETRY_MIN_MS,
    retryMaxMs: config.AUDIT_DELIVERY_RETRY_MAX_MS,
    leaseMs: config.AUDIT_DELIVERY_LEASE_MS,
    onError: (error, sink) => logger.warn({ err: error, sink }, `Audit delivery${sink ? ` to ${sink}` : ''} failed; it will be retried`),
  };
}

/**
 * Registers the configured sinks (entries are queued only for those) and starts delivering.
 * With no sink configured, nothing is queued and no worker runs.
 */
export async function startAuditDelivery(audit: AuditPlugin, config: DeliverySettings): Promise<{ stop(): Promise<void> }> {
  const worker = audit.delivery!;
  if (auditSinks(config).length === 0) await worker.register();
  else await worker.start();
  return worker;
}
