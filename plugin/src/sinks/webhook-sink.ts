// Delivers batches of audit events as one JSON POST. The receiver authenticates the body with
// X-Audit-Signature: "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body), where timestamp is
// the X-Audit-Timestamp header (Unix seconds; reject old ones to stop replays). Any 2xx answer
// means received; anything else, a network error or a timeout makes the worker retry later.
import { createHmac } from 'node:crypto';
import type { AuditEvent } from './audit-event.js';
import type { AuditSink } from './audit-sink.js';

export interface WebhookSinkOptions {
  name?: string;
  url: string;
  /** Shared secret for the signature; at least 16 characters. */
  secret: string;
  timeoutMs?: number;
  /** Only these accounts' entries (see AuditSink.accounts); left out, every entry. */
  accounts?: readonly string[];
}

export const SIGNATURE_HEADER = 'x-audit-signature';
export const TIMESTAMP_HEADER = 'x-audit-timestamp';

export function signWebhookBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export class WebhookDeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebhookDeliveryError';
  }
}

/**
 * fetch reports a refused connection as "fetch failed" with the reason in `cause`. Duck-typed:
 * errors from another realm (a test VM) are not instanceof this realm's Error.
 */
function describeFailure(error: unknown): string {
  const fields = (value: unknown) => (typeof value === 'object' && value !== null ? (value as { message?: unknown; code?: unknown; name?: unknown; cause?: unknown }) : null);
  const outer = fields(error);
  const cause = fields(outer?.cause);
  if (outer?.name === 'TimeoutError') return 'timed out';
  const reason = cause ? [cause.code, cause.message].filter(Boolean).join(' ') : '';
  return reason || String(outer?.message ?? error);
}

export class WebhookSink implements AuditSink {
  readonly name: string;
  readonly accounts?: readonly string[];
  private readonly url: URL;
  private readonly timeoutMs: number;

  constructor(private readonly options: WebhookSinkOptions) {
    this.name = options.name ?? 'webhook';
    if (options.accounts !== undefined) this.accounts = [...options.accounts];
    this.url = new URL(options.url);
    if (!['http:', 'https:'].includes(this.url.protocol)) throw new Error('WebhookSink: url must be http:// or https://');
    if (!options.secret || options.secret.length < 16) throw new Error('WebhookSink: secret must be at least 16 characters');
    // Under the server's 10 s shutdown grace, so a hanging receiver cannot hold a shutdown past it.
    this.timeoutMs = options.timeoutMs ?? 5_000;
  }

  async deliver(events: AuditEvent[]): Promise<void> {
    const body = JSON.stringify({ events });
    const timestamp = String(Math.floor(Date.now() / 1000));
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signWebhookBody(this.options.secret, timestamp, body),
        },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new WebhookDeliveryError(`POST ${this.url.origin}${this.url.pathname} failed: ${describeFailure(error)}`, { cause: error });
    }
    // Drain the body so the connection can be reused; its content does not matter.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new WebhookDeliveryError(`POST ${this.url.origin}${this.url.pathname} answered HTTP ${response.status}`);
  }
}
