// The same Inbox edit over HTTP in MessageHub (audited: one transaction, row lock, audit entry in
// the chain) and in the comparison app (bench/stock-server.ts: MessageHub's HTTP stack and sign-in
// with the audit plugin off), alternating, on the same row.
import { median, percentile, postEdit, timed, type Session } from './http-client.js';

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
}

export async function benchEdit(audited: Session, plain: Session, inboxId: string, edits: number): Promise<EditResult> {
  const auditedMs: number[] = [];
  const plainMs: number[] = [];
  const warmUp = Math.min(10, edits);
  for (let i = 0; i < edits + warmUp; i += 1) {
    // A new name every time: an edit that changes nothing runs no UPDATE and writes no entry.
    const a = await timed(() => postEdit(audited, 'Inbox', inboxId, { name: `Bench inbox a${i}` }));
    const p = await timed(() => postEdit(plain, 'Inbox', inboxId, { name: `Bench inbox p${i}` }));
    if (i < warmUp) continue;
    auditedMs.push(a.ms);
    plainMs.push(p.ms);
  }
  const auditedP50 = median(auditedMs);
  const plainP50 = median(plainMs);
  return {
    edits,
    auditedP50,
    auditedP95: percentile(auditedMs, 95),
    plainP50,
    plainP95: percentile(plainMs, 95),
    ratio: auditedP50 / plainP50,
    perEntryMs: auditedP50 - plainP50,
  };
}
