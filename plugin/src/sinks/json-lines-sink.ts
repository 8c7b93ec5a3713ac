// Writes each audit event as one JSON line, to a file (appended and fsynced before the batch
// counts as delivered) or to stdout (for a log shipper reading the process output). With
// `{account}` in the path, each account's events go to a file of their own, so an operator can hand
// one customer their log without anyone else's in it.
import { open } from 'node:fs/promises';
import type { AuditEvent } from './audit-event.js';
import type { AuditSink } from './audit-sink.js';

export interface JsonLinesSinkOptions {
  name?: string;
  /**
   * A file path, or "-" for stdout. `{account}` in it is replaced by each event's account id
   * (`global` for entries with no account): a file per account.
   */
  path: string;
  /** Only these accounts' entries (see AuditSink.accounts); left out, every entry. */
  accounts?: readonly string[];
}

export const ACCOUNT_PLACEHOLDER = '{account}';
/** The file part for entries with no account (the global chain). */
export const NO_ACCOUNT_FILE_PART = 'global';

/**
 * An account id as a file-name part: letters, digits, `-` and `_` as they are; anything else
 * (a dot, a slash) as `%XX`, so no id can climb out of the folder or collide with `global`.
 */
export function accountFilePart(account: string | null | undefined): string {
  if (account === null || account === undefined) return NO_ACCOUNT_FILE_PART;
  const part = [...Buffer.from(account, 'utf8')]
    .map((byte) => (/[A-Za-z0-9_-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');
  return part === NO_ACCOUNT_FILE_PART ? `%67lobal` : part;
}

export class JsonLinesSink implements AuditSink {
  readonly name: string;
  readonly accounts?: readonly string[];

  constructor(private readonly options: JsonLinesSinkOptions) {
    if (!options.path) throw new Error('JsonLinesSink: path is required ("-" for stdout)');
    this.name = options.name ?? 'jsonl';
    if (options.accounts !== undefined) this.accounts = [...options.accounts];
  }

  async deliver(events: AuditEvent[]): Promise<void> {
    if (this.options.path === '-') {
      const text = linesOf(events);
      await new Promise<void>((resolve, reject) => process.stdout.write(text, (error) => (error ? reject(error) : resolve())));
      return;
    }
    // Grouped by file, each group in the batch's (chain) order.
    const byPath = new Map<string, AuditEvent[]>();
    for (const event of events) {
      const path = this.options.path.split(ACCOUNT_PLACEHOLDER).join(accountFilePart(event.entry.accountId));
      const group = byPath.get(path);
      if (group) group.push(event);
      else byPath.set(path, [event]);
    }
    for (const [path, group] of byPath) await appendSynced(path, linesOf(group));
  }
}

function linesOf(events: AuditEvent[]): string {
  return events.map((event) => `${JSON.stringify(event)}\n`).join('');
}

async function appendSynced(path: string, text: string): Promise<void> {
  const file = await open(path, 'a');
  try {
    await file.writeFile(text);
    await file.sync();
  } finally {
    await file.close();
  }
}
