// Appends one entry to the chain inside the caller's transaction (called just before COMMIT, see
// commit-time-append.ts). The chain head row is locked FOR UPDATE first, so concurrent writers
// queue behind it until this transaction ends: each gets the next position and the hash the
// previous one left, and a rollback leaves the head untouched (positions stay gap-free). The
// outbox rows for the sinks are written in the same transaction. Always the caller's own manager:
// on the embedded engine a second connection inside a transaction would wait forever (STACK-NOTES).
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../entity/AuditLog.js';
import { asStoredJson, asStoredText, entryHash, utcMicros, type ChainedEntry } from './canonical.js';

interface HeadRow {
  lastSeq: string;
  lastHash: string;
  now: string;
  id: string;
}

export interface AppendedEntry {
  id: string;
  chainSeq: string;
  eventId: string;
  hash: string;
}

export async function appendEntry(manager: EntityManager, row: AuditLog): Promise<AppendedEntry> {
  const heads = (await manager.query(
    `SELECT last_seq::text AS "lastSeq", last_hash AS "lastHash", ${utcMicros('now()')} AS now,
            nextval(pg_get_serial_sequence('audit_logs', 'id'))::text AS id
       FROM audit_chain_head WHERE id = 1 FOR UPDATE`,
  )) as HeadRow[];
  const head = heads[0];
  if (!head) throw new Error('audit_chain_head has no row: run the audit migrations');

  const entry: ChainedEntry = {
    chainSeq: String(BigInt(head.lastSeq) + 1n),
    id: head.id,
    eventId: randomUUID(),
    occurredAt: head.now,
    actorId: asStoredText(row.actorId),
    actorName: asStoredText(row.actorName),
    actorEmail: asStoredText(row.actorEmail),
    actorRole: asStoredText(row.actorRole),
    action: row.action,
    category: asStoredText(row.category),
    targetType: asStoredText(row.targetType),
    targetId: asStoredText(row.targetId),
    targetLabel: asStoredText(row.targetLabel),
    changes: asStoredJson(row.changes),
    details: asStoredJson(row.details),
    ip: asStoredText(row.ip),
    userAgent: asStoredText(row.userAgent),
    requestId: asStoredText(row.requestId),
    accountId: asStoredText(row.accountId),
    sentence: asStoredText(row.sentence),
  };
  const hash = entryHash(head.lastHash, entry);

  // One statement, one round trip while the head is locked: the entry, the head moved past it,
  // and the entry queued for every enabled sink (outbox).
  await manager.query(
    `WITH entry AS (
       INSERT INTO audit_logs (id, chain_seq, event_id, occurred_at, actor_id, actor_name, actor_email, actor_role, action, category,
                               target_type, target_id, target_label, changes, details, ip, user_agent, request_id, account_id, sentence,
                               prev_hash, hash)
       VALUES ($1, $2, $3, $4::timestamptz, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::jsonb, $15::jsonb, $16, $17, $18, $19, $20, $21, $22)
       RETURNING id),
     moved AS (UPDATE audit_chain_head SET last_seq = $2, last_hash = $22 WHERE id = 1 RETURNING 1)
     INSERT INTO audit_outbox (entry_id, event_id, sink) SELECT entry.id, $3, s.name FROM audit_sinks s, entry, moved WHERE s.enabled`,
    [
      entry.id, entry.chainSeq, entry.eventId, entry.occurredAt, entry.actorId, entry.actorName, entry.actorEmail, entry.actorRole,
      entry.action, entry.category, entry.targetType, entry.targetId, entry.targetLabel,
      entry.changes === null ? null : JSON.stringify(entry.changes), entry.details === null ? null : JSON.stringify(entry.details),
      entry.ip, entry.userAgent, entry.requestId, entry.accountId, entry.sentence, head.lastHash, hash,
    ],
  );
  return { id: entry.id, chainSeq: entry.chainSeq, eventId: entry.eventId, hash };
}
