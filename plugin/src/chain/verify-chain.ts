// Walks the chain from its anchor to its head and reports the first entry whose content, order or
// presence does not match. Reads one consistent snapshot (REPEATABLE READ), in pages by position.
import type { DataSource, EntityManager } from 'typeorm';
import { CHAINED_COLUMNS_SQL, entryHash, type ChainedEntry } from './canonical.js';

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
  | 'anchor_missing';

export type ChainVerification =
  | { ok: true; count: number; headSeq: string; headHash: string }
  | { ok: false; count: number; entryId: string | null; chainSeq: string | null; problem: ChainProblem; message: string };

interface HeadRow {
  anchorSeq: string;
  anchorPrevHash: string;
  lastSeq: string;
  lastHash: string;
}

/** chainSeq is null only on a row written around the writer. */
type StoredEntry = ChainedEntry & { prevHash: string | null; hash: string | null };

export async function verifyAuditChain(dataSource: DataSource): Promise<ChainVerification> {
  return dataSource.transaction('REPEATABLE READ', (manager) => walk(manager));
}

async function walk(manager: EntityManager): Promise<ChainVerification> {
  const [head] = (await manager.query(
    `SELECT anchor_seq::text AS "anchorSeq", anchor_prev_hash AS "anchorPrevHash", last_seq::text AS "lastSeq", last_hash AS "lastHash"
       FROM audit_chain_head WHERE id = 1`,
  )) as HeadRow[];
  if (!head) throw new Error('audit_chain_head has no row: run the audit migrations');

  const bad = (count: number, entry: StoredEntry | null, problem: ChainProblem, message: string): ChainVerification => ({
    ok: false, count, entryId: entry?.id ?? null, chainSeq: entry?.chainSeq ?? null, problem, message,
  });

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
    }
    if (page.length < PAGE_SIZE) break;
  }
  if (expectedSeq - 1n !== lastSeq || (count > 0 && prevHash !== head.lastHash)) {
    return bad(count, null, 'entries_missing_at_end', `the chain ends at position ${expectedSeq - 1n} but its head says ${lastSeq}: the newest entries were deleted`);
  }
  if (outside[0]) {
    return bad(count, outside[0], 'not_in_chain', `entry ${outside[0].id} (position ${outside[0].chainSeq ?? 'none'}) is outside the chain: it was written around the audit writer`);
  }
  return { ok: true, count, headSeq: head.lastSeq, headHash: head.lastHash };
}
