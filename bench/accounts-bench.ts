// The accounts case set (issue: per-account hash chains, plugin 0.5): does a deployment's append
// rate grow with its accounts, now that each account's chain has a head of its own, on one
// PostgreSQL node and on Citus; and how fast is one account's first list page among 10 M entries
// on Citus. See bench/account-appends.ts and bench/account-list-bench.ts for what is timed.
//
// - Appends, one node: a fresh database mh_bench_accounts beside BENCH_DATABASE_URL's, the plugin's
//   migrations with accounts (integer ids); no MessageHub app.
// - Appends, Citus: a fresh cluster (coordinator + 2 workers on this machine, fsync on as on the
//   one-node server), the same migrations, then distributeAuditLog; removed afterwards.
// - List: the bench's lasting Citus cluster (bench/citus-bench-cluster.ts), seeded by
//   bench/citus-seed.ts when it holds fewer entries than asked, stopped at the end (data kept).
import os from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { benchAccountAppends, benchAudit, benchDataSource, type AccountAppendsResult } from './account-appends.js';
import { benchAccountList, type AccountListResult } from './account-list-bench.js';
import { BENCH_DATABASE_URL } from './bench-database.js';
import { BENCH_CITUS_DIR, openBenchCitusCluster, type BenchCitusCluster } from './citus-bench-cluster.js';
import { prepareCitusAuditSchema, RestartSeed, seedAccountEntries } from './citus-seed.js';
import { SEEDED_ACCOUNTS } from './account-entries-sql.js';

export const ACCOUNTS_CASE_SET = 'accounts';

export interface AccountsOptions {
  /** Entries the Citus list set should hold (default 10 M). */
  entries: number;
  writers: number;
  /** Appends per round (three rounds per load, after a warm-up). */
  transactions: number;
  /** Timed list requests per case. */
  runs: number;
  log: (line: string) => void;
}

export interface AppendsOn extends AccountAppendsResult {
  /** What ran the appends, in words (versions, nodes, durability). */
  setup: string;
  loadAverageStart: string;
  loadAverageEnd: string;
}

export interface AccountsRun {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  oneNode: AppendsOn | null;
  citus: AppendsOn | null;
  /** Why an append side was not measured, when it was not. */
  appendFailures: string[];
  list: {
    /** Entries in the Citus list set when it was measured. */
    entries: number;
    /** What was asked for (10 M unless --accounts-entries). */
    asked: number;
    /** Seconds this run spent seeding (0: the set was already there). */
    seedSeconds: number;
    /** Accounts the entries are spread over. */
    accounts: number;
    /** Timed requests per case. */
    runs: number;
    /** The small account's whole chain re-verified after the list was measured (each account's seeded entries are chained). */
    smallAccountVerified: { account: string; ok: boolean; entries: number; seconds: number } | null;
    results: AccountListResult[];
    setup: string;
  } | null;
  listFailure?: string;
}

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const version = (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
    const citus = (await client.query<{ v: string | null }>(`SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'`)).rows[0]?.v;
    const durable = (await client.query<{ fsync: string; sync: string }>(`SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS sync`)).rows[0]!;
    return `PostgreSQL ${version.replace(/ \(.*\)$/, '')}${citus ? `, Citus ${citus}` : ''}; fsync ${durable.fsync}, synchronous_commit ${durable.sync}`;
  } finally {
    await client.end();
  }
}

/** The two append loads on a migrated `url`, then every chain verified. */
async function appendsOn(url: string, setup: string, options: AccountsOptions): Promise<AppendsOn> {
  const dataSource = await benchDataSource(url, options.writers);
  try {
    const audit = benchAudit(dataSource);
    const loadAverageStart = loadAverage();
    const result = await benchAccountAppends(dataSource, audit, { writers: options.writers, transactions: options.transactions });
    return { ...result, setup, loadAverageStart, loadAverageEnd: loadAverage() };
  } finally {
    await dataSource.destroy();
  }
}

function logAppends(side: string, result: AppendsOn, log: (line: string) => void): void {
  const line = (label: string, rate: AppendsOn['oneAccount']) =>
    `  ${side}, ${label}: ${Math.round(rate.perSecond).toLocaleString('en')} appends/s, mean ${rate.meanMs.toFixed(1)} / p95 ${rate.p95Ms.toFixed(1)} ms`;
  log(line(`${result.oneAccount.writers} writers in one account`, result.oneAccount));
  log(line(`${result.spread.writers} writers over ${result.spread.accounts} accounts`, result.spread));
  log(`  ${side}: ${(result.spread.perSecond / result.oneAccount.perSecond).toFixed(2)}× over accounts; every chain verified: ${result.verified ? 'yes' : 'NO'}; load ${result.loadAverageStart} → ${result.loadAverageEnd}`);
}

/** A fresh mh_bench_accounts on BENCH_DATABASE_URL's server, migrated. */
async function freshOneNodeDatabase(): Promise<string> {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = '/mh_bench_accounts';
  const server = new URL(BENCH_DATABASE_URL);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query('DROP DATABASE IF EXISTS mh_bench_accounts WITH (FORCE)');
    await client.query('CREATE DATABASE mh_bench_accounts');
  } finally {
    await client.end();
  }
  const dataSource = await benchDataSource(url.toString(), 2);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  return url.toString();
}

async function measureOneNode(options: AccountsOptions): Promise<AppendsOn> {
  const url = await freshOneNodeDatabase();
  const setup = `one node: ${await serverVersion(url)} (the BENCH_DATABASE_URL server, database mh_bench_accounts made afresh)`;
  options.log(`appends, ${setup}; load ${loadAverage()}…`);
  const result = await appendsOn(url, setup, options);
  logAppends('one node', result, options.log);
  return result;
}

async function measureCitusAppends(options: AccountsOptions): Promise<AppendsOn> {
  // A cluster of its own, made afresh and removed: the appends start from empty chains, as on the one node.
  const folder = await mkdtemp(path.join('/var/tmp', 'mh-bench-citus-appends-'));
  const cluster = await openBenchCitusCluster({ folder, firstPort: Number(process.env.BENCH_CITUS_PORT ?? 5461) + 3, durable: true });
  try {
    await prepareCitusAuditSchema(cluster.coordinatorUrl);
    const setup = `Citus: coordinator + 2 workers on this machine, ${await serverVersion(cluster.coordinatorUrl)}; made afresh, distributeAuditLog (32 shards)`;
    options.log(`appends, ${setup}; load ${loadAverage()}…`);
    const result = await appendsOn(cluster.coordinatorUrl, setup, options);
    logAppends('Citus', result, options.log);
    return result;
  } finally {
    await cluster.destroy();
    await rm(folder, { recursive: true, force: true });
  }
}

/** The lasting cluster, seeded to `entries` (made again if an older seed of another size is in the way). */
async function seededListCluster(options: AccountsOptions): Promise<{ cluster: BenchCitusCluster; entries: number; seedSeconds: number }> {
  const seedLog = (line: string) => options.log(`  ${line}`);
  let cluster = await openBenchCitusCluster({ log: seedLog });
  try {
    options.log(`Citus list set in ${cluster.folder}: ${cluster.created ? 'made now' : 'restarted'}; seeding to ${options.entries.toLocaleString('en')} entries if it holds fewer (load ${loadAverage()})…`);
    const outcome = await seedAccountEntries(cluster.coordinatorUrl, options.entries, { log: seedLog });
    return { cluster, entries: outcome.entries, seedSeconds: outcome.seconds };
  } catch (error) {
    if (!(error instanceof RestartSeed)) {
      await cluster.stop();
      throw error;
    }
    options.log(`  ${error.message}: making the cluster again`);
    await cluster.destroy();
    cluster = await openBenchCitusCluster({ log: seedLog });
    const outcome = await seedAccountEntries(cluster.coordinatorUrl, options.entries, { log: seedLog }).catch(async (again: unknown) => {
      await cluster.stop();
      throw again;
    });
    return { cluster, entries: outcome.entries, seedSeconds: outcome.seconds };
  }
}

async function verifyAccount(dataSource: DataSource, account: string): Promise<NonNullable<NonNullable<AccountsRun['list']>['smallAccountVerified']>> {
  const audit = benchAudit(dataSource);
  const started = performance.now();
  const result = await audit.verify({ account });
  return { account, ok: result.ok, entries: result.count, seconds: (performance.now() - started) / 1000 };
}

async function measureList(options: AccountsOptions): Promise<NonNullable<AccountsRun['list']>> {
  const { cluster, entries, seedSeconds } = await seededListCluster(options);
  try {
    const setup = `Citus: coordinator + 2 workers on this machine, ${await serverVersion(cluster.coordinatorUrl)}; the set kept in ${BENCH_CITUS_DIR}`;
    const dataSource = await benchDataSource(cluster.coordinatorUrl, 4);
    try {
      // The busiest account and the quietest of the seed's (bulk-entries-sql.ts: a power law over 40 accounts).
      const big = String(SEEDED_ACCOUNTS[0]);
      const small = String(SEEDED_ACCOUNTS.at(-1));
      options.log(`list, first page of 20 for one account among ${entries.toLocaleString('en')} entries on Citus (AuditLogList: count, pageIds, rows; ${options.runs} runs after a warm-up); load ${loadAverage()}:`);
      const results = [...(await benchAccountList(dataSource, big, options.runs, options.log)), ...(await benchAccountList(dataSource, small, options.runs, options.log))];
      const worst = results.reduce((top, row) => (row.p95 > top.p95 ? row : top));
      options.log(`  worst p95 ${worst.p95.toFixed(1)} ms (account ${worst.account}, ${worst.caseName}) at ${entries.toLocaleString('en')} entries — ${worst.p95 <= 50 ? 'within' : 'OVER'} the 50 ms p95 target`);
      const smallAccountVerified = await verifyAccount(dataSource, small);
      options.log(`  account ${small}'s chain verified: ${smallAccountVerified.ok ? 'yes' : 'NO'} (${smallAccountVerified.entries.toLocaleString('en')} entries in ${smallAccountVerified.seconds.toFixed(1)} s)`);
      return { entries, asked: options.entries, seedSeconds, accounts: SEEDED_ACCOUNTS.length, runs: options.runs, smallAccountVerified, results, setup };
    } finally {
      await dataSource.destroy();
    }
  } finally {
    await cluster.stop();
  }
}

const failure = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The whole case set: appends on one node and on Citus, then the list on Citus. A side that fails is reported, the others still measured. */
export async function benchAccounts(options: AccountsOptions): Promise<AccountsRun> {
  const run: AccountsRun = { date: new Date().toISOString(), cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, node: process.version, oneNode: null, citus: null, appendFailures: [], list: null };
  try {
    run.oneNode = await measureOneNode(options);
  } catch (error) {
    run.appendFailures.push(`one node: ${failure(error)}`);
    options.log(`  appends on one node failed: ${failure(error)}`);
  }
  try {
    run.citus = await measureCitusAppends(options);
  } catch (error) {
    run.appendFailures.push(`Citus: ${failure(error)}`);
    options.log(`  appends on Citus failed: ${failure(error)}`);
  }
  try {
    run.list = await measureList(options);
  } catch (error) {
    run.listFailure = failure(error);
    options.log(`  the list on Citus failed: ${failure(error)}`);
  }
  return run;
}
