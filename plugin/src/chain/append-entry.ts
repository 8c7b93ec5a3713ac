// Appends one entry to its chain inside the caller's transaction (called just before COMMIT, see
// commit-time-append.ts), in one statement: the database function audit_append_entry_v3 (migration
// 1764000000800) picks the entry's chain (its account's, or the global one), locks that chain's head, takes the next position, id and time, hashes the entry,
// inserts it, moves the head past it and queues it for every enabled sink (outbox). One short
// round trip while the head is locked, and an audited edit costs less (bench: "Edit overhead").
// The head row's FOR UPDATE makes concurrent writers queue behind it until this transaction ends:
// each gets the next position and the hash the previous one left, and a rollback leaves the head
// untouched (positions stay gap-free). Always the caller's own manager: on an embedded PostgreSQL
// (PGlite: one session under every connection) a second connection inside a transaction would
// wait forever for the first to finish.
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditLog } from '../entity/AuditLog.js';
import { asStoredJson, asStoredText, CHAIN_FORMAT, entryHash, type ChainedEntry } from './canonical.js';

export interface AppendedEntry {
  id: string;
  /** The position in its chain: the account's (accountId), or the global chain's when accountId is null. */
  chainSeq: string;
  eventId: string;
  hash: string;
  accountId: string | null;
}

interface AppendedRow {
  id: string;
  chainSeq: string;
  occurredAt: string;
  prevHash: string;
  hash: string;
  chainFormat: number;
}

// One call of the database function that appends (migration 1764000000800): its plan is kept by
// PL/pgSQL for the session, so each change sends only this short statement.
const APPEND_SQL = `
  SELECT appended_id AS id, appended_seq AS "chainSeq", appended_at AS "occurredAt", appended_prev_hash AS "prevHash", appended_hash AS hash,
         appended_format AS "chainFormat"
    FROM audit_append_entry_v3($1::uuid, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13, $14, $15, $16, $17::jsonb, $18)`;

const json = (value: unknown) => (value === null ? null : JSON.stringify(value));

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
    params: asStoredJson(row.params),
    chainFormat: CHAIN_FORMAT,
  };
  const rows = (await manager.query(APPEND_SQL, [
    content.eventId, content.actorId, content.actorName, content.actorEmail, content.actorRole,
    content.action, content.category, content.targetType, content.targetId, content.targetLabel,
    json(content.changes), json(content.details), content.ip, content.userAgent, content.requestId, content.accountId,
    json(content.params), content.sentence,
  ])) as AppendedRow[];
  const appended = rows[0];
  if (!appended) throw new Error('audit_chain_head has no row: run the audit migrations');

  // The database hashed what it stored; the verifier hashes in Node. Check they agree now, so a
  // difference (say, a database encoding other than UTF-8) fails this change instead of making the
  // chain unverifiable later.
  const expected = entryHash(appended.prevHash, {
    ...content, chainSeq: appended.chainSeq, id: appended.id, occurredAt: appended.occurredAt, chainFormat: appended.chainFormat,
  });
  if (expected !== appended.hash) {
    throw new Error(`audit chain: the database hashed entry ${appended.id} as ${appended.hash}, the writer as ${expected}; nothing was recorded`);
  }
  return { id: appended.id, chainSeq: appended.chainSeq, eventId: content.eventId, hash: appended.hash, accountId: content.accountId };
}

// Who wants to know the position of each entry appended on a DataSource, once its transaction has
// committed (so a reader sees it): the checkpointer counts entries with it.
const appendListeners = new WeakMap<DataSource, Set<(seq: bigint, account: string | null) => void>>();

/** `listener(seq, account)`: the entry at `seq` of account `account`'s chain (null: the global chain) is committed. */
export function onAppended(dataSource: DataSource, listener: (seq: bigint, account: string | null) => void): () => void {
  const listeners = appendListeners.get(dataSource) ?? new Set();
  listeners.add(listener);
  appendListeners.set(dataSource, listeners);
  return () => listeners.delete(listener);
}

/** Tells the listeners of `dataSource` that `entry` is committed. */
export function notifyAppended(dataSource: DataSource, entry: Pick<AppendedEntry, 'chainSeq' | 'accountId'>): void {
  const listeners = appendListeners.get(dataSource);
  if (!listeners || listeners.size === 0) return;
  const seq = BigInt(entry.chainSeq);
  for (const listener of listeners) listener(seq, entry.accountId);
}
