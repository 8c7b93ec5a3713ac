// Writes each audit event as one JSON line, to a file (appended and fsynced before the batch
// counts as delivered) or to stdout (for a log shipper reading the process output).
import { open } from 'node:fs/promises';
import type { AuditEvent } from './audit-event.js';
import type { AuditSink } from './audit-sink.js';

export interface JsonLinesSinkOptions {
  name?: string;
  /** A file path, or "-" for stdout. */
  path: string;
}

export class JsonLinesSink implements AuditSink {
  readonly name: string;

  constructor(private readonly options: JsonLinesSinkOptions) {
    if (!options.path) throw new Error('JsonLinesSink: path is required ("-" for stdout)');
    this.name = options.name ?? 'jsonl';
  }

  async deliver(events: AuditEvent[]): Promise<void> {
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
    if (this.options.path === '-') {
      await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
      return;
    }
    const file = await open(this.options.path, 'a');
    try {
      await file.writeFile(text);
      await file.sync();
    } finally {
      await file.close();
    }
  }
}
