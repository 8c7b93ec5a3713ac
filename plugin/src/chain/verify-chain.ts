// Walks the chain from its anchor to its head and reports the first entry whose content, order or
// presence does not match. Reads one consistent snapshot (REPEATABLE READ), in pages by position.
// Given the checkpoints' public key it also holds the chain to every signed checkpoint (found in
// the log and in an external copy): a rewrite that re-hashed the entries, a head rolled back, or
// an anchor moved without a signed purge are all reported.
import type { KeyObject } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { CHAINED_COLUMNS_SQL, entryHash, type ChainedEntry } from './canonical.js';
import { checkpointOf, checkpointSignatureValid, DEFAULT_CHECKPOINT_ACTION, type SignedCheckpoint } from './checkpoints.js';
import type { AuditEvent } from '../sinks/audit-event.js';

const PAGE_SIZE = 2000;

export type ChainProblem =
  /** The stored hash is not the hash of the stored content: the entry was edited. */
  | 'content_altered'
  /** prev_hash does not match the hash of the entry before it: an entry was replaced or reordered. */
  | 'link_broken'
  /** Positions jump: one or more entries before this one were deleted. */
  | 'entries_missing_before'
  /** The head says the chain is longer than what is stored: the newest entries were deleted. */
  | 'entries_missing_at_end'
  /** The entry sits past the head or outside the chain: it was inserted outside the writer. */
  | 'not_in_chain'
  /** The chain does not start where the last purge left its anchor: the oldest entries were deleted. */
  | 'anchor_missing'
  /** A checkpoint's signature does not verify with the public key: it was forged or altered. */
  | 'checkpoint_signature_invalid'
  /** The entry at a checkpoint's position has another hash, or the count differs: entries up to it were rewritten. */
  | 'checkpoint_mismatch'
  /** A signed checkpoint names a position past the chain head: the newest entries were cut and the head rolled back. */
  | 'checkpoint_ahead_of_head'
  /** The anchor moved past every signed checkpoint's anchor: entries were removed without a signed purge. */
  | 'anchor_unsigned'
  /** The external copy (a sink's file) holds an event the database does not have, or has with another hash. */
  | 'external_copy_mismatch';

export interface VerifyProgress {
  /** Entries verified so far. */
  verified: number;
  /** Entries in the chain (head - anchor + 1). */
  total: number;
}

export interface VerifyOptions {
  /** The checkpoints' Ed25519 public key (PEM or KeyObject): checks the chain against every signed checkpoint. */
  publicKey?: KeyObject | string;
  /** Action key of checkpoint entries. Default `audit_log.checkpoint`. */
  checkpointAction?: string;
  /** Events from outside the database (a JSON Lines sink's file): each must be in the chain, or purged per a signed checkpoint. */
  against?: Iterable<AuditEvent>;
  /** Called every `progressEvery` entries (default 1 000 000) and at the end. */
  onProgress?: (progress: VerifyProgress) => void;
  progressEvery?: number;
}

export type ChainVerification =
  | { ok: true; count: number; headSeq: string; headHash: string; checkpoints?: number; externalEvents?: number }
  | { ok: false; count: number; entryId: string | null; chainSeq: string | null; problem: ChainProblem; message: string };

interface HeadRow {
  anchorSeq: string;
  anchorPrevHash: string;
  lastSeq: string;
  lastHash: string;
}

/** chainSeq is null only on a row written around the writer. */
type StoredEntry = ChainedEntry & { prevHash: string | null; hash: string | null };

export async function verifyAuditChain(dataSource: DataSource, options: VerifyOptions = {}): Promise<ChainVerification> {
  return dataSource.transaction('REPEATABLE READ', (manager) => walk(manager, options));
}

interface KnownCheckpoint extends SignedCheckpoint {
  /** Where it was found: "entry 123" or "external copy line 45". */
  source: string;
}

async function walk(manager: EntityManager, options: VerifyOptions): Promise<ChainVerification> {
  const [head] = (await manager.query(
    `SELECT anchor_seq::text AS "anchorSeq", anchor_prev_hash AS "anchorPrevHash", last_seq::text AS "lastSeq", last_hash AS "lastHash"
       FROM audit_chain_head WHERE id = 1`,
  )) as HeadRow[];
  if (!head) throw new Error('audit_chain_head has no row: run the audit migrations');

  const bad = (count: number, entry: StoredEntry | null, problem: ChainProblem, message: string): ChainVerification => ({
    ok: false, count, entryId: entry?.id ?? null, chainSeq: entry?.chainSeq ?? null, problem, message,
  });

  const anchorSeq = BigInt(head.anchorSeq);
  const headSeq = BigInt(head.lastSeq);
  const total = Number(headSeq - anchorSeq + 1n);

  // Signed checkpoints, from the log and the external copy; expected hashes by position.
  const checkpoints: KnownCheckpoint[] = [];
  const external = new Map<string, { hash: string; line: number; eventId: string }>();
  let externalEvents = 0;
  if (options.against) {
    let line = 0;
    for (const event of options.against) {
      line += 1;
      externalEvents += 1;
      const seq = event.entry.chainSeq;
      if (entryHash(event.prevHash, event.entry) !== event.hash) {
        return bad(0, null, 'external_copy_mismatch', `the external copy's event ${event.eventId} (line ${line}, position ${seq}) does not match its own hash`);
      }
      const seen = external.get(seq);
      if (seen && seen.hash !== event.hash) {
        return bad(0, null, 'external_copy_mismatch', `the external copy holds two different events at position ${seq} (lines ${seen.line} and ${line})`);
      }
      external.set(seq, { hash: event.hash, line, eventId: event.eventId });
      const signed = event.entry.action === (options.checkpointAction ?? DEFAULT_CHECKPOINT_ACTION) ? checkpointOf(event.entry.details) : null;
      if (signed) checkpoints.push({ ...signed, source: `external copy line ${line}` });
    }
  }
  if (options.publicKey) {
    const rows = (await manager.query(`SELECT id::text AS id, details FROM audit_logs WHERE action = $1 ORDER BY chain_seq`, [
      options.checkpointAction ?? DEFAULT_CHECKPOINT_ACTION,
    ])) as Array<{ id: string; details: unknown }>;
    for (const row of rows) {
      const signed = checkpointOf(row.details);
      if (signed) checkpoints.push({ ...signed, source: `entry ${row.id}` });
    }
  }
  const expected = new Map<string, KnownCheckpoint>();
  let signedAnchor: bigint | null = null;
  if (options.publicKey) {
    for (const known of checkpoints) {
      if (!checkpointSignatureValid(options.publicKey, known)) {
        return bad(0, null, 'checkpoint_signature_invalid', `the checkpoint in ${known.source} (position ${String(known.checkpoint.seq)}) has an invalid signature: it was forged or altered`);
      }
      const seq = BigInt(known.checkpoint.seq);
      if (seq > headSeq) {
        return bad(0, null, 'checkpoint_ahead_of_head',
          `checkpoint ahead of head: the checkpoint signed at ${known.checkpoint.at} (${known.source}) covers position ${seq} but the chain head is at ${headSeq}: the newest entries were cut and the head rolled back`);
      }
      const kept = BigInt(known.checkpoint.anchorSeq);
      if (signedAnchor === null || kept > signedAnchor) signedAnchor = kept;
      if (seq >= anchorSeq) {
        const other = expected.get(known.checkpoint.seq);
        if (other && other.checkpoint.hash !== known.checkpoint.hash) {
          return bad(0, null, 'checkpoint_mismatch', `two signed checkpoints disagree about position ${seq} (${other.source}, ${known.source})`);
        }
        expected.set(known.checkpoint.seq, known);
      }
    }
    if (signedAnchor !== null && anchorSeq > signedAnchor) {
      return bad(0, null, 'anchor_unsigned',
        `the chain starts at position ${anchorSeq} but the newest signed checkpoint says it starts at ${signedAnchor}: entries were removed without a signed purge`);
    }
  }
  for (const [seq, event] of external) {
    const position = BigInt(seq);
    if (position > headSeq) {
      return bad(0, null, 'external_copy_mismatch',
        `the external copy holds event ${event.eventId} at position ${position} (line ${event.line}) but the chain head is at ${headSeq}: the newest entries were cut`);
    }
    if (position < anchorSeq && (signedAnchor === null || position >= signedAnchor)) {
      return bad(0, null, 'external_copy_mismatch',
        `the external copy holds event ${event.eventId} at position ${position} (line ${event.line}), which the database no longer has and no signed checkpoint says was purged`);
    }
  }
  const progressEvery = options.progressEvery ?? 1_000_000;

  // Rows below the anchor or past the head were never appended by the writer (or survived a purge that
  // should have removed them): either way the stored log is not the chain.
  const outside = (await manager.query(
    `SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE chain_seq IS NULL OR chain_seq < $1 OR chain_seq > $2 ORDER BY audit_logs.chain_seq NULLS FIRST, audit_logs.id LIMIT 1`,
    [head.anchorSeq, head.lastSeq],
  )) as StoredEntry[];

  let expectedSeq = BigInt(head.anchorSeq);
  let prevHash = head.anchorPrevHash;
  let count = 0;
  const lastSeq = BigInt(head.lastSeq);
  for (;;) {
    const page = (await manager.query(
      `SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE chain_seq >= $1 AND chain_seq <= $2 ORDER BY chain_seq LIMIT ${PAGE_SIZE}`,
      [String(expectedSeq), head.lastSeq],
    )) as StoredEntry[];
    for (const entry of page) {
      const seq = BigInt(entry.chainSeq);
      if (seq !== expectedSeq) {
        return count === 0 && expectedSeq === BigInt(head.anchorSeq)
          ? bad(count, entry, 'anchor_missing', `the chain should start at position ${expectedSeq} but starts at ${seq} (entry ${entry.id}): the oldest entries were deleted`)
          : bad(count, entry, 'entries_missing_before', `positions ${expectedSeq}..${seq - 1n} are missing before entry ${entry.id}: entries were deleted`);
      }
      if (entry.prevHash !== prevHash) {
        return bad(count, entry, 'link_broken', `entry ${entry.id} (position ${seq}) does not link to the entry before it`);
      }
      if (entryHash(entry.prevHash, entry) !== entry.hash) {
        return bad(count, entry, 'content_altered', `entry ${entry.id} (position ${seq}) does not match its hash: its content was changed`);
      }
      prevHash = entry.hash;
      expectedSeq = seq + 1n;
      count += 1;
      const signed = expected.get(entry.chainSeq);
      if (signed) {
        if (signed.checkpoint.hash !== entry.hash) {
          return bad(count, entry, 'checkpoint_mismatch',
            `checkpoint hash mismatch: entry ${entry.id} (position ${seq}) has hash ${entry.hash} but the checkpoint signed at ${signed.checkpoint.at} (${signed.source}) says ${signed.checkpoint.hash}: the entries up to it were rewritten`);
        }
        if (BigInt(signed.checkpoint.anchorSeq) === anchorSeq && signed.checkpoint.count !== count) {
          return bad(count, entry, 'checkpoint_mismatch', `the checkpoint signed at ${signed.checkpoint.at} (${signed.source}) counts ${signed.checkpoint.count} entries up to position ${seq}, the chain ${count}`);
        }
      }
      const copy = external.get(entry.chainSeq);
      if (copy && copy.hash !== entry.hash) {
        return bad(count, entry, 'external_copy_mismatch',
          `external copy mismatch: entry ${entry.id} (position ${seq}) has hash ${entry.hash} but the external copy (line ${copy.line}) has ${copy.hash}: the entry was changed after it was delivered`);
      }
      if (options.onProgress && count % progressEvery === 0) options.onProgress({ verified: count, total });
    }
    if (page.length < PAGE_SIZE) break;
  }
  if (expectedSeq - 1n !== lastSeq || (count > 0 && prevHash !== head.lastHash)) {
    return bad(count, null, 'entries_missing_at_end', `the chain ends at position ${expectedSeq - 1n} but its head says ${lastSeq}: the newest entries were deleted`);
  }
  if (outside[0]) {
    return bad(count, outside[0], 'not_in_chain', `entry ${outside[0].id} (position ${outside[0].chainSeq ?? 'none'}) is outside the chain: it was written around the audit writer`);
  }
  options.onProgress?.({ verified: count, total });
  return {
    ok: true, count, headSeq: head.lastSeq, headHash: head.lastHash,
    ...(options.publicKey ? { checkpoints: checkpoints.length } : {}),
    ...(options.against ? { externalEvents } : {}),
  };
}
