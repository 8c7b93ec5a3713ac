// The sink interface: somewhere audit events are delivered to, at least once, in chain order
// per batch. `deliver` resolves only when the whole batch is safely received; a rejection makes
// the delivery worker retry the batch later with backoff, so receivers de-duplicate by eventId.
import type { AuditEvent } from './audit-event.js';

export interface AuditSink {
  /** Stable name: the outbox keys delivery state by it. Letters, digits, `-`, `_`, `.`. */
  readonly name: string;
  deliver(events: AuditEvent[]): Promise<void>;
}

const SINK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

export function checkSinkNames(sinks: readonly AuditSink[]): void {
  const seen = new Set<string>();
  for (const sink of sinks) {
    if (!SINK_NAME.test(sink.name)) throw new Error(`Audit sink name "${sink.name}" must be 1-100 letters, digits, "-", "_" or "."`);
    if (seen.has(sink.name)) throw new Error(`Two audit sinks are named "${sink.name}"`);
    seen.add(sink.name);
  }
}
