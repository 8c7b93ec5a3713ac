// The edit workload of the load and fault tests, and the check that proves nothing was lost:
// every edit renames one inbox to a unique name, so the inbox.updated entries of an inbox must
// form an unbroken from -> to sequence from its first name to its current one. A change committed
// without its entry, or an entry committed without its change, breaks that sequence.
import type { DataSource } from 'typeorm';
import type { adminApi } from '../helpers/admin-api.js';

export type Outcome = 'ok' | 'refused' | 'server_error' | 'network_error';

export interface EditRecord {
  inboxId: string;
  name: string;
  outcome: Outcome;
}

/** The inboxes a workload renames, created through the API; their first names anchor checkContinuity. */
export async function createInboxes(api: ReturnType<typeof adminApi>, names: string[]): Promise<{ inboxes: string[]; firstNames: Map<string, string> }> {
  const inboxes: string[] = [];
  const firstNames = new Map<string, string>();
  for (const name of names) {
    const created = await api.create('Inbox', { name, channelType: 'email' });
    const id = created.body.record?.params.id;
    if (id == null) throw new Error(`could not create inbox "${name}": ${created.body.notice?.message ?? created.status}`);
    inboxes.push(String(id));
    firstNames.set(String(id), name);
  }
  return { inboxes, firstNames };
}

/** One edit; never throws: a dead server or database is an outcome to count, not a test crash. */
export async function renameInbox(api: ReturnType<typeof adminApi>, inboxId: string, name: string): Promise<EditRecord> {
  try {
    const response = await api.edit('Inbox', inboxId, { name });
    const outcome: Outcome =
      response.status >= 500 ? 'server_error' : response.status === 200 && response.body.notice?.type === 'success' ? 'ok' : 'refused';
    return { inboxId, name, outcome };
  } catch {
    return { inboxId, name, outcome: 'network_error' };
  }
}

/**
 * Each session renames its own inbox until it has `okPerSession` acknowledged edits or the
 * deadline passes, pausing `retryAfterMs` after any other outcome (an outage: try again shortly).
 * Every attempt is pushed to `edits` as it ends, so the caller can watch progress meanwhile.
 */
export function renameUntilAcknowledged(
  sessions: Array<ReturnType<typeof adminApi>>,
  inboxes: string[],
  options: { okPerSession: number; deadline: number; retryAfterMs: number; edits: EditRecord[] },
): Promise<void> {
  return Promise.all(
    sessions.map(async (api, session) => {
      let ok = 0;
      for (let k = 0; ok < options.okPerSession && Date.now() < options.deadline; k++) {
        const edit = await renameInbox(api, inboxes[session]!, `S${session}-E${k}`);
        options.edits.push(edit);
        if (edit.outcome === 'ok') ok += 1;
        else await new Promise((resolve) => setTimeout(resolve, options.retryAfterMs));
      }
    }),
  ).then(() => undefined);
}

export interface ContinuityReport {
  entries: number;
  acknowledged: number;
  /** Places where an entry's "from" is not the previous "to", or the last "to" is not the stored name. */
  breaks: string[];
  /** Edits the server said succeeded that have no entry. */
  lostAcknowledged: string[];
}

export async function checkContinuity(dataSource: DataSource, firstNames: Map<string, string>, edits: EditRecord[]): Promise<ContinuityReport> {
  const report: ContinuityReport = { entries: 0, acknowledged: 0, breaks: [], lostAcknowledged: [] };
  for (const [inboxId, firstName] of firstNames) {
    const entries = (await dataSource.query(
      `SELECT changes->'name'->>'from' AS "from", changes->'name'->>'to' AS "to" FROM audit_logs
        WHERE action = 'inbox.updated' AND target_id = $1 AND changes ? 'name' ORDER BY chain_seq`,
      [inboxId],
    )) as Array<{ from: string; to: string }>;
    const [{ name: stored }] = await dataSource.query(`SELECT name FROM inboxes WHERE id = $1`, [inboxId]);
    let current = firstName;
    for (const entry of entries) {
      if (entry.from !== current) report.breaks.push(`inbox ${inboxId}: entry from "${entry.from}" follows "${current}"`);
      current = entry.to;
    }
    if (current !== stored) report.breaks.push(`inbox ${inboxId}: entries end at "${current}" but the inbox is named "${stored}"`);
    const recorded = new Set(entries.map((entry) => entry.to));
    for (const edit of edits.filter((candidate) => candidate.inboxId === inboxId && candidate.outcome === 'ok')) {
      report.acknowledged += 1;
      if (!recorded.has(edit.name)) report.lostAcknowledged.push(`inbox ${inboxId}: "${edit.name}"`);
    }
    report.entries += entries.length;
  }
  return report;
}

export const count = (edits: EditRecord[], outcome: Outcome) => edits.filter((edit) => edit.outcome === outcome).length;
