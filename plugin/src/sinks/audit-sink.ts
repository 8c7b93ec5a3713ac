// The sink interface: somewhere audit events are delivered to, at least once, in chain order
// per batch. `deliver` resolves only when the whole batch is safely received; a rejection makes
// the delivery worker retry the batch later with backoff, so receivers de-duplicate by eventId.
import type { AuditEvent } from './audit-event.js';

export interface AuditSink {
  /** Stable name: the outbox keys delivery state by it. Letters, digits, `-`, `_`, `.`. */
  readonly name: string;
  /**
   * Only these accounts' entries (their ids as text); left out, every entry, with an account or
   * without. The database queues an entry only for the sinks that take its account, so another
   * account's entry never reaches this sink's outbox.
   */
  readonly accounts?: readonly string[];
  deliver(events: AuditEvent[]): Promise<void>;
}

const SINK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;
/** An account id as the log stores it (text of an integer, a uuid or a key of up to 64 characters). */
const ACCOUNT_ID = /^[^\s,{}"]{1,64}$/;

/** An empty list would deliver nothing at all: surely a mistake, so it is refused rather than kept. */
function checkSinkAccounts(name: string, accounts: readonly string[]): void {
  if (!Array.isArray(accounts) || accounts.length === 0) throw new Error(`Audit sink "${name}": accounts must list at least one account id (leave it out for every account)`);
  for (const account of accounts) {
    if (typeof account !== 'string' || !ACCOUNT_ID.test(account)) throw new Error(`Audit sink "${name}": "${String(account)}" is not an account id (text, 1-64 characters, no spaces, commas, quotes or braces)`);
  }
}

export function checkSinkNames(sinks: readonly AuditSink[]): void {
  const seen = new Set<string>();
  for (const sink of sinks) {
    if (!SINK_NAME.test(sink.name)) throw new Error(`Audit sink name "${sink.name}" must be 1-100 letters, digits, "-", "_" or "."`);
    if (seen.has(sink.name)) throw new Error(`Two audit sinks are named "${sink.name}"`);
    if (sink.accounts !== undefined) checkSinkAccounts(sink.name, sink.accounts);
    seen.add(sink.name);
  }
}
