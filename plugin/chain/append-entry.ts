// Appends one entry to the chain inside the caller's transaction (called just before COMMIT, see
// commit-time-append.ts), in one statement: lock the chain head, take the next position, id and
// time, hash the entry in the database, insert it, move the head past it and queue it for every
// enabled sink (outbox). One round trip instead of a head SELECT and then an INSERT: the head is
// locked for less time and an audited edit costs less (bench: "Edit overhead").
// The head row's FOR UPDATE makes concurrent writers queue behind it until this transaction ends:
// each gets the next position and the hash the previous one left, and a rollback leaves the head
// untouched (positions stay gap-free). Always the caller's own manager: on the embedded engine a
// second connection inside a transaction would wait forever (STACK-NOTES).
import { randomUUID } from 'node:crypto';
import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';
import type { AuditLog } from '../entity/AuditLog.js';
import { asStoredJson, asStoredText, canonicalTail, entryHash, entryHashSql, utcMicros, type ChainedEntry } from './canonical.js';

export interface AppendedEntry {
  id: string;
  chainSeq: string;
  eventId: string;
  hash: string;
}

interface AppendedRow {
  id: string;
  chainSeq: string;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

const HASH = entryHashSql({ prevHash: 'head.prev_hash', chainSeq: 'head.chain_seq', id: 'head.id', eventId: '$1', occurredAt: 'head.occurred_at', tail: '$2' });

// Under READ COMMITTED a writer that waited for the head lock reads the head as the one before it
// left it (FOR UPDATE returns the newest row version), and the UPDATE in `moved` follows it there.
const APPEND_SQL = `
  WITH head AS (
    SELECT last_seq + 1 AS chain_seq, last_hash AS prev_hash, now() AS occurred_at,
           nextval(pg_get_serial_sequence('audit_logs', 'id')) AS id
      FROM audit_chain_head WHERE id = 1 FOR UPDATE),
  entry AS (
    INSERT INTO audit_logs (id, chain_seq, event_id, occurred_at, actor_id, actor_name, actor_email, actor_role, action, category,
                            target_type, target_id, target_label, changes, details, ip, user_agent, request_id, account_id, sentence,
                            prev_hash, hash)
    SELECT head.id, head.chain_seq, $1::uuid, head.occurred_at, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::jsonb, $13::jsonb, $14, $15, $16, $17, $18,
           head.prev_hash, ${HASH}
      FROM head
    RETURNING id, chain_seq, occurred_at, prev_hash, hash),
  moved AS (
    UPDATE audit_chain_head SET last_seq = entry.chain_seq, last_hash = entry.hash FROM entry WHERE audit_chain_head.id = 1 RETURNING 1),
  queued AS (
    INSERT INTO audit_outbox (entry_id, event_id, sink) SELECT entry.id, $1::uuid, s.name FROM audit_sinks s, entry, moved WHERE s.enabled)
  SELECT entry.id::text AS id, entry.chain_seq::text AS "chainSeq", ${utcMicros('entry.occurred_at')} AS "occurredAt",
         entry.prev_hash AS "prevHash", entry.hash
    FROM entry, moved`;

/**
 * Runs APPEND_SQL as a named prepared statement on the transaction's own connection: parsed and
 * planned once per connection instead of at every append (about half of its cost in the database
 * when it was sent unnamed through manager.query).
 */
async function runAppend(manager: EntityManager, values: unknown[]): Promise<AppendedRow[]> {
  const runner = manager.queryRunner;
  if (!runner?.isTransactionActive) throw new Error('audit chain: an entry can only be appended inside a transaction');
  // TypeORM's Postgres query runner hands out the pg client it holds for the transaction.
  const client = (await runner.connect()) as ClientBase;
  return (await client.query<AppendedRow>({ name: 'audit_append_entry', text: APPEND_SQL, values })).rows;
}

export async function appendEntry(manager: EntityManager, row: AuditLog): Promise<AppendedEntry> {
  const content: Omit<ChainedEntry, 'chainSeq' | 'id' | 'occurredAt'> = {
    eventId: randomUUID(),
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
  const rows = await runAppend(manager, [
    content.eventId, canonicalTail(content), content.actorId, content.actorName, content.actorEmail, content.actorRole,
    content.action, content.category, content.targetType, content.targetId, content.targetLabel,
    content.changes === null ? null : JSON.stringify(content.changes), content.details === null ? null : JSON.stringify(content.details),
    content.ip, content.userAgent, content.requestId, content.accountId, content.sentence,
  ]);
  const appended = rows[0];
  if (!appended) throw new Error('audit_chain_head has no row: run the audit migrations');

  // The database hashed what it stored; the verifier hashes in Node. Check they agree now, so a
  // difference (say, a database encoding other than UTF-8) fails this change instead of making the
  // chain unverifiable later.
  const expected = entryHash(appended.prevHash, { ...content, chainSeq: appended.chainSeq, id: appended.id, occurredAt: appended.occurredAt });
  if (expected !== appended.hash) {
    throw new Error(`audit chain: the database hashed entry ${appended.id} as ${appended.hash}, the writer as ${expected}; nothing was recorded`);
  }
  return { id: appended.id, chainSeq: appended.chainSeq, eventId: content.eventId, hash: appended.hash };
}
