// bulk-entries-sql.ts's realistic rows, linked into their accounts' hash chains (chain format 3,
// the plugin's since 0.5) in the INSERT itself: each account's rows get the positions after its
// head and are hashed in order by the same window aggregate (bench_chain_hash, see
// bulkChainFunctionsSql), partitioned by account. All on the server: no row crosses the wire.
import { canonicalTextV2Sql, storedFieldsV2Sql } from '../plugin/src/chain/canonical.js';
import { ACCOUNTS, bulkEntryRows } from './bulk-entries-sql.js';

/** Where an account's chain ends before a batch: its last position and hash (0 and the genesis hash for a new chain). */
export interface AccountHead {
  account: number;
  lastSeq: bigint;
  lastHash: string;
}

/** The columns taken from bulkEntryRows as they are (account_id is written from account_no, a number, as the column's type now is). */
const COPIED = `occurred_at, actor_id, actor_name, actor_email, actor_role, action, category, target_type, target_id,
  target_label, changes, details, ip, user_agent, request_id, sentence, params`;

/** The accounts the rows fall in (bulkEntryRows: 1 … ACCOUNTS, the busiest first). */
export const SEEDED_ACCOUNTS = Array.from({ length: ACCOUNTS }, (_, i) => i + 1);

/**
 * INSERT for rows `first` … `first + count - 1` of a run of `total` ending at `endsAt`, each appended
 * to its account's chain after `heads` (one per account of SEEDED_ACCOUNTS), with ids
 * `idStart` … `idStart + count - 1` (reserved from the id sequence by the caller) in row order.
 * Times are strictly in row order (no jitter), so each chain is in time order, as the append keeps it.
 */
export function accountChainedInsert(options: { first: number; count: number; total: number; endsAt: Date; heads: AccountHead[]; idStart: bigint; seed: number }): string {
  const { first, count, total, endsAt, heads, idStart, seed } = options;
  for (const head of heads) {
    if (!/^[0-9a-f]{64}$/.test(head.lastHash) || !Number.isInteger(head.account)) throw new Error(`bad chain head for account ${head.account}`);
  }
  const headRows = heads.map((head) => `(${head.account}, ${head.lastSeq}::bigint, '${head.lastHash}')`).join(', ');
  const rows = bulkEntryRows(first, count, total, endsAt, { jitter: false });
  return `${rows}, heads(account_no, last_seq, last_hash) AS (VALUES ${headRows}
), positioned AS (
  SELECT r.*, h.last_hash AS start_hash,
         h.last_seq + row_number() OVER (PARTITION BY r.account_no ORDER BY r.i) AS chain_seq,
         (${idStart}::bigint + (r.i - ${first})) AS id
    FROM r JOIN heads h ON h.account_no = r.account_no
), linked AS (
  -- Event ids from the seed and the entry's place in its chain: the same seed gives the same log.
  SELECT p.*, md5('${Math.trunc(seed)}:' || p.account_no || ':' || p.chain_seq)::uuid AS event_id FROM positioned p
), hashed AS (
  SELECT l.*, bench_chain_hash(l.start_hash, ${canonicalTextV2Sql(storedFieldsV2Sql('l'), 3)})
           OVER (PARTITION BY l.account_no ORDER BY l.chain_seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
    FROM linked l
)
INSERT INTO audit_logs (id, chain_seq, event_id, ${COPIED}, account_id, chain_format, prev_hash, hash)
SELECT id, chain_seq, event_id, ${COPIED}, account_no, 3,
  coalesce(lag(hash) OVER (PARTITION BY account_no ORDER BY chain_seq), start_hash), hash
FROM hashed`;
}
