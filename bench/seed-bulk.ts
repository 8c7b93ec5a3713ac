// `npm run seed:bulk -- --entries N [--batch B] [--seed S] [--accounts A] [--reset] [--database-url URL]`: adds N
// realistic audit entries to the bench database (mh_bench unless BENCH_DATABASE_URL / --database-url
// say otherwise). Rows are made by the server (see bulk-entries-sql.ts) and linked into the hash
// chain as the writer links them (hashed in the INSERT, continuing from the chain head), so
// `npm run audit:verify` walks them. The same --seed (default 1) gives the same entries. Their people
// belong to accounts 1 … A (--accounts, default 40).
// --reset drops and re-creates the database first (the way out of rows an older, unchained
// seed:bulk left there: they sit outside the chain for good). When the load is at least as big as what
// is already there, the table's indexes are dropped first and rebuilt after: building an index
// once is several times cheaper than maintaining it row by row.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_DATABASE_URL, prepareBenchDatabase } from './bench-database.js';
import { ACCOUNTS, bulkChainFunctionsSql, bulkEntriesInsert } from './bulk-entries-sql.js';

export const DEFAULT_BULK_SEED = 1;

export interface BulkSeedOptions {
  entries: number;
  batch?: number;
  url?: string;
  /** Random seed: the same seed (and batch) gives the same entries. Default DEFAULT_BULK_SEED. */
  seed?: number;
  /** Drop and re-create the database first. */
  reset?: boolean;
  /** How many accounts the entries' people belong to (1 … accounts); default ACCOUNTS (40). */
  accounts?: number;
  /** Progress lines; silent when omitted. */
  log?: (line: string) => void;
}

interface IndexDefinition {
  name: string;
  definition: string;
}

async function secondaryIndexes(client: pg.Client): Promise<IndexDefinition[]> {
  const result = await client.query<IndexDefinition>(`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    JOIN pg_class c ON c.relname = i.indexname
    JOIN pg_index x ON x.indexrelid = c.oid
    WHERE i.tablename = 'audit_logs' AND i.schemaname = current_schema() AND NOT x.indisprimary AND NOT x.indisunique`);
  return result.rows;
}

/**
 * One batch, in one transaction: lock the chain head (as the writer does), reserve the ids, insert
 * the rows hashed from the head on, move the head to the batch's last row.
 */
async function appendChainedBatch(client: pg.Client, first: number, count: number, total: number, endsAt: Date, seed: number, accounts: number): Promise<void> {
  await client.query('BEGIN');
  try {
    const head = (await client.query<{ last_seq: string; last_hash: string }>('SELECT last_seq::text, last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE')).rows[0];
    if (!head) throw new Error('audit_chain_head has no row: run the audit migrations');
    const sequence = `pg_get_serial_sequence('audit_logs', 'id')`;
    const idStart = BigInt((await client.query<{ id: string }>(`SELECT nextval(${sequence})::text AS id`)).rows[0]!.id);
    await client.query(`SELECT setval(${sequence}, $1::bigint)`, [String(idStart + BigInt(count) - 1n)]);
    // random() is seeded per batch, so a batch's rows depend only on the seed and where the batch starts.
    await client.query('SELECT setseed($1)', [batchSeed(seed, first)]);
    const seqStart = BigInt(head.last_seq) + 1n;
    await client.query(bulkEntriesInsert(first, count, total, endsAt, { seqStart, idStart, prevHash: head.last_hash, seed }, accounts));
    const lastSeq = String(seqStart + BigInt(count) - 1n);
    const last = (await client.query<{ hash: string }>('SELECT hash FROM audit_logs WHERE chain_seq = $1', [lastSeq])).rows[0];
    if (!last) throw new Error(`the batch's last entry (position ${lastSeq}) is missing`);
    await client.query('UPDATE audit_chain_head SET last_seq = $1, last_hash = $2 WHERE id = 1', [lastSeq, last.hash]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Drops the bench database (closing its other sessions); prepareBenchDatabase makes it again. */
export async function resetBenchDatabase(url: string): Promise<void> {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  if (!/^mh_bench[a-z0-9_]*$/.test(name)) throw new Error(`--reset only drops a bench database (mh_bench…), not "${name}"`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** How many entries sit outside the chain (an older seed:bulk wrote them around the writer). */
export async function unchainedEntries(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs WHERE chain_seq IS NULL')).rows[0]!.n);
  } finally {
    await client.end();
  }
}

/** A setseed() argument in [-1, 1] from the run's seed and the batch's first row. */
function batchSeed(seed: number, first: number): number {
  const mixed = Math.abs(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(first + 1, 0x165667b1)) % 2_000_001;
  return mixed / 1_000_000 - 1;
}

/** Adds `entries` rows; returns the table's row count after. */
export async function seedBulkEntries(options: BulkSeedOptions): Promise<number> {
  const url = options.url ?? BENCH_DATABASE_URL;
  const batch = options.batch ?? 250_000;
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? DEFAULT_BULK_SEED;
  if (options.reset) {
    await resetBenchDatabase(url);
    log(`re-created ${new URL(url).pathname.slice(1)}`);
  }
  await prepareBenchDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Index builds and the final vacuum get room to sort in memory.
    await client.query(`SET maintenance_work_mem = '1GB'`);
    // Each batch's rows are sorted by position for the chain's window aggregate: in memory.
    await client.query(`SET work_mem = '512MB'`);
    for (const statement of bulkChainFunctionsSql()) await client.query(statement);
    const existing = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs')).rows[0]!.n);
    const outside = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs WHERE chain_seq IS NULL')).rows[0]!.n);
    if (outside > 0) log(`note: ${outside.toLocaleString('en')} entries are outside the chain (an older seed:bulk): audit:verify stops at them; --reset starts afresh`);
    const rebuild = options.entries >= existing && options.entries >= 100_000;
    const indexes = rebuild ? await secondaryIndexes(client) : [];
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    if (indexes.length) log(`dropped ${indexes.length} indexes for the load`);

    const endsAt = new Date();
    const started = Date.now();
    for (let first = 0; first < options.entries; first += batch) {
      const count = Math.min(batch, options.entries - first);
      await appendChainedBatch(client, first, count, options.entries, endsAt, seed, options.accounts ?? ACCOUNTS);
      const done = first + count;
      const seconds = (Date.now() - started) / 1000;
      log(`${done.toLocaleString('en')} / ${options.entries.toLocaleString('en')} entries (${Math.round(done / seconds).toLocaleString('en')} rows/s)`);
    }
    for (const index of indexes) {
      const at = Date.now();
      await client.query(index.definition);
      log(`rebuilt ${index.name} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    }
    // Fresh statistics for the planner, and a visibility map so the list's id lookups are index-only.
    await client.query('VACUUM (ANALYZE) audit_logs');
    const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs')).rows[0]!.n);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; audit_logs holds ${total.toLocaleString('en')} entries`);
    return total;
  } finally {
    await client.end();
  }
}

function positive(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const parsed = Number(String(value).replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${String(value)})`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      entries: { type: 'string' },
      batch: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean', default: false },
      accounts: { type: 'string' },
      'database-url': { type: 'string' },
    },
  });
  const entries = positive('entries', values.entries);
  const batch = positive('batch', values.batch, 250_000);
  const seed = positive('seed', values.seed, DEFAULT_BULK_SEED);
  const accounts = positive('accounts', values.accounts, ACCOUNTS);
  await seedBulkEntries({ entries, batch, seed, accounts, reset: values.reset, url: values['database-url'], log: (line) => process.stdout.write(`${line}\n`) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed:bulk failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
