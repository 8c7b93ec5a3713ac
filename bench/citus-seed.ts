// The Citus list set: the plugin's audit tables on the bench's Citus cluster (migrations with
// accounts, ids as integers; distributeAuditLog), filled with realistic entries over 40 accounts,
// each account's entries linked into its own hash chain (format 3) by SQL run on the server.
//
//   tsx --conditions=hashtrail-source bench/citus-seed.ts --entries 10000000 [--batch 250000]
//     (what the accounts case set does before measuring; alone, to seed ahead of a run)
//
// A seed is planned once (its size, end time, random seed) in bench_seed_plan, a plain table of the
// coordinator's, and done in batches, each one statement (all or nothing across the shards): an
// interrupted seed goes on from where it stopped. A set holding fewer entries than asked for under
// another plan is made again from scratch (the log is append-only: its rows cannot be deleted).
import { parseArgs } from 'node:util';
import pg from 'pg';
import { distributeAuditLog } from '@hashtrail/adminjs-audit';
import { GENESIS_HASH } from '../plugin/src/chain/canonical.js';
import { benchDataSource } from './account-appends.js';
import { accountChainedInsert, SEEDED_ACCOUNTS, type AccountHead } from './account-entries-sql.js';
import { bulkChainFunctionsSql } from './bulk-entries-sql.js';
import { openBenchCitusCluster } from './citus-bench-cluster.js';

/** Migrations, then the Citus layout; both do nothing the second time. */
export async function prepareCitusAuditSchema(url: string): Promise<void> {
  const dataSource = await benchDataSource(url, 2);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const runner = dataSource.createQueryRunner();
    try {
      const distribution = await distributeAuditLog(runner);
      if (distribution.warnings.length) throw new Error(`distributeAuditLog: ${distribution.warnings.join('; ')}`);
    } finally {
      await runner.release();
    }
  } finally {
    await dataSource.destroy();
  }
}

interface SeedPlan {
  total: number;
  endsAt: Date;
  seed: number;
  /** The secondary indexes dropped for the load, rebuilt once every batch is in (kept here so an interrupted seed still rebuilds them). */
  indexes: string[];
  done: boolean;
}

export interface SeedOutcome {
  /** Entries in the set now. */
  entries: number;
  /** Seconds spent seeding in this call (0 when the set was already full). */
  seconds: number;
}

const PLAN_TABLE = `CREATE TABLE IF NOT EXISTS bench_seed_plan (
  id int PRIMARY KEY CHECK (id = 1), total bigint NOT NULL, ends_at timestamptz NOT NULL, seed int NOT NULL,
  indexes jsonb NOT NULL DEFAULT '[]', done boolean NOT NULL DEFAULT false)`;

async function readPlan(client: pg.Client): Promise<SeedPlan | null> {
  await client.query(PLAN_TABLE);
  const row = (await client.query<{ total: string; ends_at: Date; seed: number; indexes: string[]; done: boolean }>('SELECT total::text, ends_at, seed, indexes, done FROM bench_seed_plan')).rows[0];
  return row ? { total: Number(row.total), endsAt: row.ends_at, seed: row.seed, indexes: row.indexes, done: row.done } : null;
}

/** Entries in the accounts' chains (what the seed wrote; nothing else writes to this set). */
async function chainedEntries(client: pg.Client): Promise<number> {
  return Number((await client.query<{ n: string }>('SELECT count(*)::text AS n FROM audit_logs WHERE chain_format = 3')).rows[0]!.n);
}

/** The non-unique indexes of audit_logs: cheaper built once after the load than kept up row by row. */
async function secondaryIndexes(client: pg.Client): Promise<Array<{ name: string; definition: string }>> {
  return (
    await client.query<{ name: string; definition: string }>(`
      SELECT c.relname::text AS name, pg_get_indexdef(x.indexrelid) AS definition
        FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
       WHERE x.indrelid = 'audit_logs'::regclass AND NOT x.indisunique AND NOT x.indisprimary ORDER BY 1`)
  ).rows;
}

/** Each account's last position and hash, read from its entries (the truth, whatever the head table says). */
async function headsOf(client: pg.Client): Promise<AccountHead[]> {
  const heads: AccountHead[] = [];
  for (const account of SEEDED_ACCOUNTS) {
    const last = (await client.query<{ seq: string; hash: string }>(
      'SELECT chain_seq::text AS seq, hash FROM audit_logs WHERE account_id = $1 AND chain_format = 3 ORDER BY chain_seq DESC LIMIT 1',
      [account],
    )).rows[0];
    heads.push({ account, lastSeq: BigInt(last?.seq ?? '0'), lastHash: last?.hash ?? GENESIS_HASH });
  }
  return heads;
}

/** A setseed() argument in [-1, 1] from the seed and the batch's first row: a batch's rows depend only on them. */
const batchSeed = (seed: number, first: number) => (Math.abs(Math.imul(seed ^ 0x5bd1e995, 0x27d4eb2d) ^ Math.imul(first + 1, 0x165667b1)) % 2_000_001) / 1_000_000 - 1;

/** One batch in one statement: ids reserved from the coordinator's sequence, rows hashed into their accounts' chains. */
async function appendBatch(client: pg.Client, plan: SeedPlan, first: number, count: number): Promise<void> {
  const sequence = `pg_get_serial_sequence('audit_logs', 'id')`;
  const idStart = BigInt((await client.query<{ id: string }>(`SELECT nextval(${sequence})::text AS id`)).rows[0]!.id);
  await client.query(`SELECT setval(${sequence}, $1::bigint)`, [String(idStart + BigInt(count) - 1n)]);
  await client.query('SELECT setseed($1)', [batchSeed(plan.seed, first)]);
  const heads = await headsOf(client);
  await client.query(accountChainedInsert({ first, count, total: plan.total, endsAt: plan.endsAt, heads, idStart, seed: plan.seed }));
}

/** audit_account_chains as the append would have left it: each account's head at its last entry. */
async function moveHeads(client: pg.Client): Promise<void> {
  for (const head of await headsOf(client)) {
    if (head.lastSeq === 0n) continue;
    const at = (await client.query<{ at: Date }>('SELECT occurred_at AS at FROM audit_logs WHERE account_id = $1 AND chain_format = 3 AND chain_seq = $2', [head.account, String(head.lastSeq)])).rows[0]!.at;
    await client.query(
      `INSERT INTO audit_account_chains (account_id, anchor_seq, anchor_prev_hash, last_seq, last_hash) VALUES ($1, 1, $2, 0, $2) ON CONFLICT (account_id) DO NOTHING`,
      [head.account, GENESIS_HASH],
    );
    await client.query('UPDATE audit_account_chains SET last_seq = $2, last_hash = $3, last_at = $4 WHERE account_id = $1 AND last_seq <= $2', [head.account, String(head.lastSeq), head.lastHash, at]);
  }
}

/**
 * The set on `url` holding at least `entries` (seeded when it holds fewer). Returns what it holds;
 * throws RestartSeed when an older plan of another size is in the way (the caller makes the
 * cluster again).
 */
export async function seedAccountEntries(url: string, entries: number, options: { batch?: number; log?: (line: string) => void } = {}): Promise<SeedOutcome> {
  const batch = options.batch ?? 250_000;
  const log = options.log ?? (() => undefined);
  await prepareCitusAuditSchema(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Each batch's rows are sorted by account and position for the chain's window aggregate: in memory, on the coordinator.
    await client.query(`SET work_mem = '512MB'`);
    let plan = await readPlan(client);
    const have = await chainedEntries(client);
    if (plan?.done && have >= entries) return { entries: have, seconds: 0 };
    if (plan && plan.total !== entries && !(have >= entries)) throw new RestartSeed(`the set holds ${have.toLocaleString('en')} entries of a ${plan.total.toLocaleString('en')}-entry plan; ${entries.toLocaleString('en')} asked`);
    if (!plan) {
      if (have > 0) throw new RestartSeed(`the set holds ${have.toLocaleString('en')} entries outside any plan`);
      const indexes = await secondaryIndexes(client);
      plan = { total: entries, endsAt: new Date(), seed: 1, indexes: indexes.map((index) => index.definition), done: false };
      await client.query('INSERT INTO bench_seed_plan (id, total, ends_at, seed, indexes) VALUES (1, $1, $2, $3, $4)', [plan.total, plan.endsAt, plan.seed, JSON.stringify(plan.indexes)]);
      for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
      log(`dropped ${indexes.length} secondary indexes for the load`);
    }
    for (const statement of bulkChainFunctionsSql()) await client.query(statement);
    const started = Date.now();
    for (let first = have; first < plan.total; first += batch) {
      const count = Math.min(batch, plan.total - first);
      await appendBatch(client, plan, first, count);
      const done = first + count;
      log(`${done.toLocaleString('en')} / ${plan.total.toLocaleString('en')} entries (${Math.round((done - have) / ((Date.now() - started) / 1000)).toLocaleString('en')} rows/s)`);
    }
    await moveHeads(client);
    const existing = new Set((await secondaryIndexes(client)).map((index) => index.name));
    for (const definition of plan.indexes) {
      const name = /INDEX (\S+) ON/.exec(definition)?.[1];
      if (name && existing.has(name)) continue;
      const at = Date.now();
      await client.query(definition);
      log(`rebuilt ${name} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    }
    // Fresh statistics for the planner, and visibility maps so the list's id lookups are index-only (run on every shard).
    await client.query('VACUUM (ANALYZE) audit_logs');
    await client.query('UPDATE bench_seed_plan SET done = true');
    const total = await chainedEntries(client);
    log(`seeded in ${((Date.now() - started) / 1000).toFixed(0)} s; the set holds ${total.toLocaleString('en')} entries`);
    return { entries: total, seconds: (Date.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** The set is in the way of the seed asked for: the cluster must be made again. */
export class RestartSeed extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { entries: { type: 'string', default: '10000000' }, batch: { type: 'string', default: '250000' } } });
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const cluster = await openBenchCitusCluster({ log });
  try {
    const outcome = await seedAccountEntries(cluster.coordinatorUrl, Number(values.entries.replace(/_/g, '')), { batch: Number(values.batch.replace(/_/g, '')), log });
    log(`${cluster.folder}: ${outcome.entries.toLocaleString('en')} entries`);
  } finally {
    await cluster.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`citus-seed failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}
