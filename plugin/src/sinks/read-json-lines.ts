// Reads back what a JsonLinesSink wrote: one AuditEvent per line (blank lines skipped), for
// `verifyAuditChain(…, { against })`. Streams the file, so a large copy is not held as text.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AuditEvent } from './audit-event.js';

export async function readAuditEvents(path: string): Promise<AuditEvent[]> {
  const events: AuditEvent[] = [];
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (!line.trim()) continue;
    let event: AuditEvent;
    try {
      event = JSON.parse(line) as AuditEvent;
    } catch (error) {
      throw new Error(`${path}:${number}: not a JSON line (${(error as Error).message})`);
    }
    if (!event || typeof event !== 'object' || !event.entry || typeof event.hash !== 'string' || typeof event.prevHash !== 'string') {
      throw new Error(`${path}:${number}: not an audit event (eventId, entry, prevHash, hash)`);
    }
    events.push(event);
  }
  return events;
}
