// Walks the chain from its anchor to its head and reports the first entry whose content, order or
// presence does not match. Reads one consistent snapshot (REPEATABLE READ), in pages by position.
// Given the checkpoints' public key it also holds the chain to every signed checkpoint (found in
// the log and in an external copy): a rewrite that re-hashed the entries, a head rolled back, or
// an anchor moved without a signed purge are all reported.
import type { KeyObject } from 'node:crypto';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import { canonicalTextV2Sql, chainHashSql, CHAINED_COLUMNS_SQL, entryHash, GENESIS_HASH, storedFieldsV2Sql, type ChainedEntry } from './canonical.js';
import { checkpointOf, checkpointSignatureValid, DEFAULT_CHECKPOINT_ACTION, type SignedCheckpoint } from './checkpoints.js';
import type { AuditEvent } from '../sinks/audit-event.js';
import { ACCOUNT_CHAINS_SQL, chainHeadQuery, type ChainHead } from './chain-heads.js';

/** Positions per page: the database checks a page in one statement and returns only what the walk must see. */
const PAGE_SPAN = 20_000;

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
  /**
   * Database connections reading pages at once, all in the same snapshot (default 2). The
   * database re-hashes format-2 entries itself, so this is what spreads the work over its CPUs.
   * The embedded engine has one session: there it is always 1.
   */
  connections?: number;
  /**
   * Which chain to walk: an account's id (its own chain), null (the global chain: entries with no
   * account, and every entry written before 0.5), or undefined (every chain: the global one, then
   * each account's, stopping at the first that fails).
   */
  account?: string | null;
}

/** The result for one chain; `account` says which (null: the global chain). */
export type ChainVerification = (
  | { ok: true; count: number; headSeq: string; headHash: string; checkpoints?: number; externalEvents?: number }
  | { ok: false; count: number; entryId: string | null; chainSeq: string | null; problem: ChainProblem; message: string }
) & { account?: string | null; chains?: ChainVerification[] };

/** chainSeq is null only on a row written around the writer. */
type StoredEntry = ChainedEntry & { prevHash: string | null; hash: string | null };

/**
 * Verifies one chain (options.account) or all of them. For all: the global chain's result with
 * `chains` (each chain's own) and `count` (all of them) when every chain holds, else the first
 * failure (its `account` says whose chain).
 */
export async function verifyAuditChain(dataSource: DataSource, options: VerifyOptions = {}): Promise<ChainVerification> {
  if (options.account !== undefined) return verifyOneChain(dataSource, options, options.account);
  const chains: ChainVerification[] = [await verifyOneChain(dataSource, options, null)];
  if (!chains[0]!.ok) return { ...chains[0]!, chains };
  const accounts = (await dataSource.query(ACCOUNT_CHAINS_SQL)) as Array<{ account: string }>;
  for (const { account } of accounts) {
    const result = await verifyOneChain(dataSource, options, account);
    chains.push(result);
    if (!result.ok) return { ...result, chains };
  }
  // An account's entry with no chain head for its account: written around the writer (or the head was removed).
  const [stray] = (await dataSource.query(
    `SELECT l.id::text AS id, l.chain_seq::text AS seq, l.account_id::text AS account FROM audit_logs l
      WHERE l.chain_format = 3 AND NOT EXISTS (SELECT 1 FROM audit_account_chains h WHERE h.account_id = l.account_id) LIMIT 1`,
  )) as Array<{ id: string; seq: string | null; account: string | null }>;
  const count = chains.reduce((sum, chain) => sum + chain.count, 0);
  if (stray) {
    return {
      ok: false, count, entryId: stray.id, chainSeq: stray.seq, problem: 'not_in_chain', account: stray.account, chains,
      message: `entry ${stray.id} belongs to account ${stray.account}, which has no chain: it was written around the audit writer`,
    };
  }
  return { ...chains[0]!, count, chains };
}

async function verifyOneChain(dataSource: DataSource, options: VerifyOptions, account: string | null): Promise<ChainVerification> {
  const runners: QueryRunner[] = [];
  try {
    const main = await snapshotRunner(dataSource, runners);
    const wanted = Math.max(1, Math.floor(options.connections ?? 2));
    const [{ embedded }] = (await main.query(`SELECT version() ~* '(pglite|emscripten)' AS embedded`)) as Array<{ embedded: boolean }>;
    if (wanted > 1 && !embedded) {
      // Every reader sees exactly what the first one sees: the snapshot it exports.
      const [{ snapshot }] = (await main.query(`SELECT pg_export_snapshot() AS snapshot`)) as Array<{ snapshot: string }>;
      for (let i = 1; i < wanted; i += 1) await snapshotRunner(dataSource, runners, snapshot);
    }
    return { ...(await walk(main.manager, options, runners, chainOf(account))), account };
  } finally {
    for (const runner of runners) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }
}

/** A connection in a REPEATABLE READ transaction, in `snapshot` when given; added to `runners` to be released. */
async function snapshotRunner(dataSource: DataSource, runners: QueryRunner[], snapshot?: string): Promise<QueryRunner> {
  const runner = dataSource.createQueryRunner();
  runners.push(runner);
  await runner.connect();
  await runner.startTransaction('REPEATABLE READ');
  if (snapshot !== undefined) await runner.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
  return runner;
}

/** A row of a page as the database returns it (see pageSql). */
interface PageRow {
  chainSeq: string;
  id: string;
  prevHash: string | null;
  hash: string | null;
  chainFormat: number;
  /** Format 2: whether the stored hash is the hash of the stored content. Null for format 1. */
  contentOk: boolean | null;
  /** Whether the row's position is the one after the row before it in the page (null for the first). */
  follows: boolean | null;
  /** Whether prev_hash is the hash of the row before it in the page (null for the first). */
  linked: boolean | null;
  /** The position of the row before it in the page. */
  beforeSeq: string | null;
  /** The page's first row, which the walk links to the page before. */
  first: boolean;
}

interface Page {
  from: bigint;
  to: bigint;
  rows: PageRow[];
}

/**
 * Where a chain's head and entries are. The global chain: audit_chain_head, entries in formats 1
 * and 2. An account's chain: its row of audit_account_chains, its entries in format 3. Each
 * condition's last parameter is the account id (none for the global chain).
 */
interface Chain {
  account: string | null;
  /** The chain's entries, as a condition on audit_logs; `$n` is the account's parameter. */
  entries: (n: number) => string;
  params: string[];
  /** Format of entries the database re-hashes (2 for the global chain, 3 for an account's). */
  format: 2 | 3;
}

function chainOf(account: string | null): Chain {
  if (account === null) {
    return { account, entries: () => 'chain_format < 3', params: [], format: 2 };
  }
  return {
    account,
    entries: (n) => `account_id = $${n} AND chain_format = 3`,
    params: [account],
    format: 3,
  };
}

/**
 * One page: the database re-hashes every row of format 2 or 3 and checks each row against the one
 * before it, and returns only the rows the walk must look at — the first and last, every row that
 * fails a check or is in format 1 (hashed in Node), and the watched positions ($3).
 */
const pageSql = (chain: Chain) => `
  WITH page AS (
    SELECT chain_seq, id, prev_hash, hash, chain_format,
           CASE WHEN chain_format = ${chain.format} THEN hash = ${chainHashSql('prev_hash', canonicalTextV2Sql(storedFieldsV2Sql(), chain.format))} END AS content_ok,
           chain_seq = lag(chain_seq) OVER w + 1 AS follows,
           prev_hash = lag(hash) OVER w AS linked,
           lag(chain_seq) OVER w AS before_seq,
           row_number() OVER w AS n,
           count(*) OVER () AS rows_in_page
      FROM audit_logs
     WHERE chain_seq >= $1 AND chain_seq <= $2 AND ${chain.entries(4)}
    WINDOW w AS (ORDER BY chain_seq))
  SELECT chain_seq::text AS "chainSeq", id::text AS id, prev_hash AS "prevHash", hash, chain_format AS "chainFormat",
         content_ok AS "contentOk", follows, linked, before_seq::text AS "beforeSeq", n = 1 AS first
    FROM page
   WHERE n = 1 OR n = rows_in_page OR content_ok IS NOT TRUE OR follows IS NOT TRUE OR linked IS NOT TRUE OR chain_seq = ANY($3::bigint[])
   ORDER BY chain_seq`;

/** The pages from `from` to `to` in order, up to one query in flight per runner. */
async function* readPages(runners: QueryRunner[], chain: Chain, from: bigint, to: bigint, watched: bigint[]): AsyncGenerator<Page> {
  const sql = pageSql(chain);
  const ranges: Array<[bigint, bigint]> = [];
  for (let start = from; start <= to; start += BigInt(PAGE_SPAN)) {
    const end = start + BigInt(PAGE_SPAN) - 1n;
    ranges.push([start, end < to ? end : to]);
  }
  const read = (index: number): Promise<Page> => {
    const [start, end] = ranges[index]!;
    const inRange = watched.filter((seq) => seq >= start && seq <= end).map(String);
    return runners[index % runners.length]!.query(sql, [String(start), String(end), inRange, ...chain.params]).then((rows: PageRow[]) => ({ from: start, to: end, rows }));
  };
  const inFlight: Array<Promise<Page>> = [];
  let next = 0;
  while (next < ranges.length && inFlight.length < runners.length) inFlight.push(read(next++));
  while (inFlight.length > 0) {
    const page = await inFlight.shift()!;
    if (next < ranges.length) inFlight.push(read(next++));
    yield page;
  }
}

/** The full content of a page's format-1 rows, by position, for hashing in Node. */
async function format1Entries(manager: EntityManager, chain: Chain, page: Page): Promise<Map<string, StoredEntry>> {
  if (page.rows.every((row) => row.chainFormat === chain.format)) return new Map();
  const rows = (await manager.query(
    `SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE chain_seq >= $1 AND chain_seq <= $2 AND chain_format <> ${chain.format} AND ${chain.entries(3)}`,
    [String(page.from), String(page.to), ...chain.params],
  )) as StoredEntry[];
  return new Map(rows.map((row) => [row.chainSeq, row]));
}

interface KnownCheckpoint extends SignedCheckpoint {
  /** Where it was found: "entry 123" or "external copy line 45". */
  source: string;
}

async function walk(manager: EntityManager, options: VerifyOptions, pages: QueryRunner[], chain: Chain): Promise<ChainVerification> {
  const [found] = (await manager.query(...chainHeadQuery(chain.account))) as ChainHead[];
  if (!found && chain.account === null) throw new Error('audit_chain_head has no row: run the audit migrations');
  // An account with no entries yet has no head: an empty chain.
  const head = found ?? { anchorSeq: '1', anchorPrevHash: GENESIS_HASH, lastSeq: '0', lastHash: GENESIS_HASH };

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
      if (!inChain(chain, event)) continue;
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
    const rows = (await manager.query(`SELECT id::text AS id, details FROM audit_logs WHERE action = $1 AND ${chain.entries(2)} ORDER BY chain_seq`, [
      options.checkpointAction ?? DEFAULT_CHECKPOINT_ACTION, ...chain.params,
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
      // Signed for another chain and copied into this one: it says nothing about this chain.
      if ((known.checkpoint.account ?? null) !== chain.account) {
        return bad(0, null, 'checkpoint_mismatch', `the checkpoint in ${known.source} was signed for ${describeChain(known.checkpoint.account ?? null)}, not ${describeChain(chain.account)}`);
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
  // Rows with no position belong to no chain: the global walk reports them.
  const outside = (await manager.query(
    `SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs
      WHERE ${chain.account === null ? 'chain_seq IS NULL OR ' : ''}((chain_seq < $1 OR chain_seq > $2) AND ${chain.entries(3)})
      ORDER BY audit_logs.chain_seq NULLS FIRST, audit_logs.id LIMIT 1`,
    [head.anchorSeq, head.lastSeq, ...chain.params],
  )) as StoredEntry[];

  let expectedSeq = BigInt(head.anchorSeq);
  let prevHash = head.anchorPrevHash;
  let count = 0;
  const lastSeq = BigInt(head.lastSeq);
  // Positions whose hash the walk must see: signed checkpoints and the external copy's events.
  const watched = [...new Set([...expected.keys(), ...external.keys()])].map((seq) => BigInt(seq)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let nextProgress = progressEvery;
  for await (const page of readPages(pages, chain, expectedSeq, lastSeq, watched)) {
    const olderEntries = await format1Entries(manager, chain, page);
    for (const row of page.rows) {
      const seq = BigInt(row.chainSeq);
      const entry = row as unknown as StoredEntry;
      // Rows the page left out follow each other, link, and match their hashes: the database
      // checked that (pageSql). Skip over them to the row just before this one.
      if (!row.first && row.beforeSeq !== null && BigInt(row.beforeSeq) >= expectedSeq) {
        const before = BigInt(row.beforeSeq);
        count += Number(before - expectedSeq + 1n);
        expectedSeq = before + 1n;
      }
      if (seq !== expectedSeq) {
        return count === 0 && expectedSeq === BigInt(head.anchorSeq)
          ? bad(count, entry, 'anchor_missing', `the chain should start at position ${expectedSeq} but starts at ${seq} (entry ${row.id}): the oldest entries were deleted`)
          : bad(count, entry, 'entries_missing_before', `positions ${expectedSeq}..${seq - 1n} are missing before entry ${row.id}: entries were deleted`);
      }
      // The first row of a page links to the last of the page before, which only this walk saw.
      const linked = row.first ? row.prevHash === prevHash : row.linked === true;
      if (!linked) return bad(count, entry, 'link_broken', `entry ${row.id} (position ${seq}) does not link to the entry before it`);
      const older = olderEntries.get(row.chainSeq);
      const content = row.chainFormat === chain.format ? row.contentOk === true : older !== undefined && entryHash(row.prevHash ?? '', older) === row.hash;
      if (!content) return bad(count, entry, 'content_altered', `entry ${row.id} (position ${seq}) does not match its hash: its content was changed`);
      prevHash = row.hash!;
      expectedSeq = seq + 1n;
      count += 1;
      const signed = expected.get(row.chainSeq);
      if (signed) {
        if (signed.checkpoint.hash !== row.hash) {
          return bad(count, row as unknown as StoredEntry, 'checkpoint_mismatch',
            `checkpoint hash mismatch: entry ${row.id} (position ${seq}) has hash ${row.hash} but the checkpoint signed at ${signed.checkpoint.at} (${signed.source}) says ${signed.checkpoint.hash}: the entries up to it were rewritten`);
        }
        if (BigInt(signed.checkpoint.anchorSeq) === anchorSeq && signed.checkpoint.count !== count) {
          return bad(count, row as unknown as StoredEntry, 'checkpoint_mismatch', `the checkpoint signed at ${signed.checkpoint.at} (${signed.source}) counts ${signed.checkpoint.count} entries up to position ${seq}, the chain ${count}`);
        }
      }
      const copy = external.get(row.chainSeq);
      if (copy && copy.hash !== row.hash) {
        return bad(count, row as unknown as StoredEntry, 'external_copy_mismatch',
          `external copy mismatch: entry ${row.id} (position ${seq}) has hash ${row.hash} but the external copy (line ${copy.line}) has ${copy.hash}: the entry was changed after it was delivered`);
      }
    }
    if (options.onProgress && count >= nextProgress) {
      options.onProgress({ verified: count, total });
      nextProgress = (Math.floor(count / progressEvery) + 1) * progressEvery;
    }
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

/** Whether an event of the external copy belongs to `chain`: an account's entries are format 3, the global chain's 1 or 2. */
function inChain(chain: Chain, event: AuditEvent): boolean {
  const format = event.entry.chainFormat ?? 1;
  return chain.account === null ? format < 3 : format === 3 && event.entry.accountId === chain.account;
}

function describeChain(account: string | null): string {
  return account === null ? 'the global chain' : `account ${account}'s chain`;
}
