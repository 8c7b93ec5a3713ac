// The same Inbox edit over HTTP, on the same row, in every app at once, one request each in turn
// (the order rotating every round, so no app always follows the same one):
// - MessageHub, audited: the change and its audit entry in one transaction;
// - MessageHub with the audit plugin off (bench/stock-server.ts: MessageHub's HTTP stack, sessions,
//   sign-in and role refresh, stock @adminjs/typeorm resources): the 1.10× target;
// - bare AdminJS + @adminjs/typeorm + @adminjs/express (bench/stock-logger-server.ts), with and
//   without @adminjs/logger, sessions in PostgreSQL as AdminJS's docs wire them, and again with
//   express-session's memory store: what MessageHub's audited edit is held to.
import { median, percentile, postEdit, timed, type Session } from './http-client.js';

/** One bare AdminJS app's figures. */
export interface BareEditResult {
  /** Where its sessions live: PostgreSQL (connect-pg-simple, as AdminJS's docs) or express-session's memory store. */
  sessions: 'postgresql' | 'memory';
  /** With @adminjs/logger on the edited resource (a Log row per edit), or the resource alone. */
  logger: boolean;
  p50: number;
  p95: number;
}

export interface EditResult {
  edits: number;
  auditedP50: number;
  auditedP95: number;
  plainP50: number;
  plainP95: number;
  /** audited p50 / plain p50 */
  ratio: number;
  /** audited p50 − plain p50: what one audited edit's entry costs over HTTP. */
  perEntryMs: number;
  /** Bare AdminJS apps in the same rounds (absent in figures from before they were measured). */
  bare?: BareEditResult[];
  /** Entries in the audit table of the database edited, when it was measured, the load then (absent in older figures). */
  entries?: number;
  date?: string;
  loadAverage?: string;
}

export interface EditContenders {
  audited: Session;
  plain: Session;
  bare: Array<{ session: Session; sessions: BareEditResult['sessions']; logger: boolean }>;
}

/** The resource each bare app edits: the same `inboxes` row, with or without the logger feature. */
const bareResource = (logger: boolean) => (logger ? 'Inbox' : 'InboxPlain');

export async function benchEdit(apps: EditContenders, inboxId: string, edits: number): Promise<EditResult> {
  const contenders = [
    { key: 'audited', edit: (name: string) => postEdit(apps.audited, 'Inbox', inboxId, { name }) },
    { key: 'plain', edit: (name: string) => postEdit(apps.plain, 'Inbox', inboxId, { name }) },
    ...apps.bare.map((bare, index) => ({ key: `bare${index}`, edit: (name: string) => postEdit(bare.session, bareResource(bare.logger), inboxId, { name }) })),
  ];
  const samples = new Map<string, number[]>(contenders.map((contender) => [contender.key, []]));
  const warmUp = Math.min(10, edits);
  for (let round = 0; round < edits + warmUp; round += 1) {
    for (let turn = 0; turn < contenders.length; turn += 1) {
      const contender = contenders[(round + turn) % contenders.length]!;
      // A new name every time: an edit that changes nothing runs no UPDATE and writes no entry.
      const { ms } = await timed(() => contender.edit(`Bench inbox ${contender.key} ${round}`));
      if (round >= warmUp) samples.get(contender.key)!.push(ms);
    }
  }
  const of = (key: string) => samples.get(key)!;
  const auditedP50 = median(of('audited'));
  const plainP50 = median(of('plain'));
  return {
    edits,
    auditedP50,
    auditedP95: percentile(of('audited'), 95),
    plainP50,
    plainP95: percentile(of('plain'), 95),
    ratio: auditedP50 / plainP50,
    perEntryMs: auditedP50 - plainP50,
    bare: apps.bare.map((bare, index) => ({ sessions: bare.sessions, logger: bare.logger, p50: median(of(`bare${index}`)), p95: percentile(of(`bare${index}`), 95) })),
  };
}
