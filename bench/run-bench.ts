// `npm run bench`: measures MessageHub's audit plugin and writes bench/RESULTS.md.
//
//   npm run bench -- [--sizes 1000000,10000000] [--runs 20] [--stock-runs 5] [--edits 100]
//                    [--export-rows 1000000] [--skip startup,edit,list,api,export,verify,engine,accounts] [--port 4310]
//   npm run bench -- --render-only   (RESULTS.md again from bench/results.json + results-notes.md)
//   npm run bench -- --cases search --skip startup,edit,export,verify
//                                    (only the cases whose name holds "search": a partial run,
//                                     printed, RESULTS.md and results.json left as they are)
//   npm run bench -- --cases api --skip startup,edit,export,verify
//                                    (only the read API's cases, GET /api/v1/audit_logs: their names
//                                     are "api, <filter>", so "api, search" picks the API's searches)
//   npm run bench -- --sizes 1000 --skip list,api,export,verify,startup,engine,accounts
//                                    (the edit alone, on a small database: MessageHub audited and
//                                     unaudited, bare AdminJS with and without @adminjs/logger; the
//                                     skipped steps keep their last figures in results.json)
//   … --print-only                   (measure and print; results.json and RESULTS.md left as they are)
//   npm run bench -- --skip startup,list,api,edit,export,verify,accounts
//                                    (the engine case set alone, bench/engine-bench.ts: the default
//                                     `npm start`'s embedded PostgreSQL server, the former PGlite and the
//                                     server of BENCH_DATABASE_URL side by side; no sized database is
//                                     touched, the other steps keep their figures in results.json)
//   npm run bench -- --cases engine --skip startup,edit,export,verify
//                                    (the same, printed only: a partial run)
//   … [--engines embedded,pglite,server] [--engine-entries 100000] [--engine-clients 20]
//     [--engine-seconds 20] [--engine-loads 1000,0,1000/no-export]
//                                    (the engine case set's options: a load per item of --engine-loads,
//                                     each admin's pause in ms after each answer, exports of every
//                                     entry streaming meanwhile unless "/no-export"; it listens on
//                                     --port + 20; --skip engine leaves it out, keeping its last figures)
//   npm run bench -- --skip startup,list,api,edit,export,verify,engine
//                                    (with the engine skipped too: the accounts case set alone,
//                                     bench/accounts-bench.ts: appends with 20 writers in one account and
//                                     over 20 accounts, on one node (database mh_bench_accounts) and on a
//                                     Citus cluster made for them; one account's first list page among
//                                     10 M entries on the bench's lasting Citus cluster (BENCH_CITUS_DIR,
//                                     seeded when it holds fewer, stopped at the end). No sized database
//                                     is touched; its figures replace the accounts figures in results.json)
//   npm run bench -- --cases accounts --skip startup,list,api,edit,export,verify,engine
//                                    (the same, printed only: a partial run)
//   … [--accounts-entries 10000000] [--accounts-writers 20] [--accounts-transactions 2000]
//                                    (the accounts case set's options: the Citus list set's size, the
//                                     writers, the appends per round; --skip accounts leaves it out,
//                                     keeping its last figures)
//
// Each size gets its own database (mh_bench_1m, mh_bench_10m, … beside BENCH_DATABASE_URL's),
// filled with `seed:bulk` rows (chained, as the writer chains them) when it holds fewer; one holding
// entries outside the chain (an older, unchained seed:bulk) is re-created first. The apps run as child processes; every
// comparison alternates requests between the two apps in the same run. Not run in CI.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, BENCH_DATABASE_URL, prepareBenchDatabase } from './bench-database.js';
import { benchEdit, type EditContenders, type EditResult } from './edit-bench.js';
import { describeEnvironment, type Environment } from './environment.js';
import { benchExport, type ExportResult } from './export-bench.js';
import { signIn, median, getList } from './http-client.js';
import { benchList, listCases, type ListResult } from './list-bench.js';
import { API_TARGET_P95_MS, apiCases, benchApi, benchApiToken, type ApiResult } from './api-bench.js';
import { seedBulkEntries, unchainedEntries } from './seed-bulk.js';
import { benchVerify, type VerifyResult } from './verify-bench.js';
import { benchEngines, describeEngineLoad, ENGINE_IDS, parseEngineLoads, type EngineId, type EngineRun } from './engine-bench.js';
import { memoryOf, startServer, type RunningServer } from './servers.js';
import { editReference, editTarget, engineTable, renderResults, type ResultsInput, type StartupResult } from './results.js';
import { ACCOUNTS_CASE_SET, benchAccounts, type AccountsRun } from './accounts-bench.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SESSION_SECRET = 'bench-session-secret-that-is-long-enough-0123456789';
const BUNDLE_DIR = '/tmp/mh-bench-adminjs-bundle';
const FIGURES_PATH = path.join(HERE, 'results.json');

const label = (entries: number) => (entries % 1_000_000 === 0 ? `${entries / 1_000_000}m` : entries % 1000 === 0 ? `${entries / 1000}k` : String(entries));

function databaseFor(entries: number): string {
  const url = new URL(BENCH_DATABASE_URL);
  url.pathname = `${url.pathname}_${label(entries)}`;
  return url.toString();
}

const log = (line: string) => process.stdout.write(`${line}\n`);

async function scalar(url: string, sql: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return String(Object.values((await client.query(sql)).rows[0] ?? {})[0] ?? '');
  } finally {
    await client.end();
  }
}

/** The database for `entries`, migrated and holding at least 99 % of that many entries. */
async function filledDatabase(entries: number): Promise<string> {
  const url = databaseFor(entries);
  await prepareBenchDatabase(url);
  const outside = await unchainedEntries(url);
  if (outside > 0) {
    log(`${url} holds ${outside.toLocaleString('en')} entries outside the chain (an older seed:bulk): re-creating it…`);
    await seedBulkEntries({ entries, url, reset: true, log: (line) => log(`  ${line}`) });
    return url;
  }
  const have = Number(await scalar(url, 'SELECT count(*) FROM audit_logs'));
  if (have < entries * 0.99) {
    log(`filling ${url} with ${(entries - have).toLocaleString('en')} entries…`);
    await seedBulkEntries({ entries: entries - have, url, log: (line) => log(`  ${line}`) });
  }
  return url;
}

function appEnv(url: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: url,
    NODE_ENV: 'production',
    SESSION_SECRET,
    ADMIN_JS_TMP_DIR: BUNDLE_DIR,
    ADMIN_JS_SKIP_BUNDLE: 'true',
    SEED_ADMIN_EMAIL: BENCH_ADMIN_EMAIL,
    SEED_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    EXPORT_MAX_ROWS: '50000000',
    // The read API's per-token limit (default 120 a minute) far above what the bench asks, so it
    // measures the API, not the limiter (each request still takes from the allowance, as in production).
    AUDIT_API_RATE_LIMIT: '1000000',
    ...extra,
  };
}

async function withServers<T>(url: string, port: number, work: (ours: RunningServer, stock: RunningServer) => Promise<T>): Promise<T> {
  const ours = await startServer({ script: 'src/main.ts', port, env: appEnv(url) });
  let stock: RunningServer | undefined;
  try {
    stock = await startServer({ script: 'bench/stock-server.ts', port: port + 1, env: { DATABASE_URL: url, SESSION_SECRET, NODE_ENV: 'test' } });
    return await work(ours, stock);
  } finally {
    await stock?.stop();
    await ours.stop();
  }
}

/**
 * The bare AdminJS comparison apps of the edit bench (bench/stock-logger-server.ts), signed in:
 * sessions in PostgreSQL as AdminJS's docs wire them, and in express-session's memory store; each
 * with @adminjs/logger on the edited resource (Inbox) and without it (InboxPlain). One process per
 * app, as MessageHub's: a process answering twice as many requests runs with warmer caches.
 */
async function withBareServers<T>(url: string, port: number, work: (bare: EditContenders['bare']) => Promise<T>): Promise<T> {
  const started: RunningServer[] = [];
  try {
    const bare: EditContenders['bare'] = [];
    const variants = [
      { sessions: 'postgresql', logger: true },
      { sessions: 'postgresql', logger: false },
      { sessions: 'memory', logger: true },
      { sessions: 'memory', logger: false },
    ] as const;
    for (const [index, variant] of variants.entries()) {
      const server = await startServer({
        script: 'bench/stock-logger-server.ts',
        port: port + index,
        env: { DATABASE_URL: url, SESSION_SECRET, NODE_ENV: 'production', ADMIN_JS_SKIP_BUNDLE: 'true', ADMIN_JS_TMP_DIR: BUNDLE_DIR, BARE_SESSIONS: variant.sessions === 'memory' ? 'memory' : 'postgres' },
      });
      started.push(server);
      bare.push({ ...variant, session: await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD) });
    }
    return await work(bare);
  } finally {
    for (const server of started) await server.stop();
  }
}

const describeLoad = () => os.loadavg().map((load) => load.toFixed(2)).join(' / ');

/** The edit figures on a few lines: MessageHub against its unaudited self and against bare AdminJS + @adminjs/logger. */
function logEditSummary(edit: EditResult): void {
  log(`  MessageHub audited p50 ${edit.auditedP50.toFixed(2)} / p95 ${edit.auditedP95.toFixed(2)} ms; unaudited p50 ${edit.plainP50.toFixed(2)} / p95 ${edit.plainP95.toFixed(2)} ms (ratio ${edit.ratio.toFixed(2)})`);
  for (const bare of edit.bare ?? []) {
    log(`  bare AdminJS${bare.logger ? ' + @adminjs/logger' : ''}, sessions in ${bare.sessions === 'memory' ? 'memory' : 'PostgreSQL'}: p50 ${bare.p50.toFixed(2)} / p95 ${bare.p95.toFixed(2)} ms`);
  }
  const target = editTarget(edit);
  if (target) log(`  audited p50 ${edit.auditedP50.toFixed(2)} ms vs bare AdminJS + @adminjs/logger (sessions in PostgreSQL, as its docs) p50 ${target.p50.toFixed(2)} ms: ${edit.auditedP50 <= target.p50 ? 'within' : 'OVER'} the target`);
  const reference = editReference(edit);
  if (reference) log(`  (for comparison, its sessions in memory: p50 ${reference.p50.toFixed(2)} ms, audited ${edit.auditedP50 <= reference.p50 ? 'at or under' : 'over'} it by ${Math.abs(edit.auditedP50 - reference.p50).toFixed(2)} ms)`);
}

/** dist/ as `npm start` builds it (its prestart, scripts/build-if-stale.mjs: compiles when stale, fails on type errors). */
function buildDist(): string {
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: path.join(HERE, '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  return 'dist/server.mjs';
}

async function restarts(url: string, port: number, times: number, typescript: boolean, script: string): Promise<{ restartMs: number; idleRssMb: number }> {
  const startMs: number[] = [];
  let idleRssMb = NaN;
  for (let i = 0; i < times; i += 1) {
    const server = await startServer({ script, typescript, port, env: appEnv(url) });
    startMs.push(server.startMs);
    if (i === times - 1) {
      // Idle after real use: signed in, a list page and the bundle served, then a quiet moment.
      const session = await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
      await getList(session, 'AuditLog', {});
      await fetch(`${server.url}/admin/frontend/assets/components.bundle.js`, { headers: { cookie: session.cookie } });
      await new Promise((resolve) => setTimeout(resolve, 5000));
      idleRssMb = memoryOf(server.process.pid!).rssMb;
    }
    await server.stop();
  }
  return { restartMs: median(startMs), idleRssMb };
}

async function benchStartup(url: string, port: number, times: number): Promise<StartupResult> {
  // What `npm start` runs: the compiled build (once its prestart has built it). First start with
  // bundling, as after a deploy; then restarts with that bundle already built.
  const compiledMain = buildDist();
  const first = await startServer({ script: compiledMain, typescript: false, port, env: appEnv(url, { ADMIN_JS_SKIP_BUNDLE: 'false' }), timeoutMs: 300_000 });
  await first.stop();
  const compiled = await restarts(url, port, times, false, compiledMain);
  // For comparison only, not a target: the sources through tsx's loader, as `npm run dev` runs them.
  const tsx = await restarts(url, port, times, true, 'src/main.ts');
  return { firstStartMs: first.startMs, restartRuns: times, tsx, compiled };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: process.env.BENCH_SIZES ?? '1000000,10000000' },
      runs: { type: 'string', default: '20' },
      'stock-runs': { type: 'string', default: '5' },
      edits: { type: 'string', default: '100' },
      'export-rows': { type: 'string', default: '1000000' },
      skip: { type: 'string', default: '' },
      port: { type: 'string', default: '4310' },
      // Only the cases whose name holds this text (e.g. "search"; the API's are "api, <filter>"); the run is then partial.
      cases: { type: 'string', default: '' },
      // Re-write RESULTS.md from the last run's figures (after editing results-notes.md).
      'render-only': { type: 'boolean', default: false },
      // Measure and print only: results.json and RESULTS.md left as they are.
      'print-only': { type: 'boolean', default: false },
      // The engine case set (bench/engine-bench.ts): which engines, how many entries, admins and seconds of load.
      engines: { type: 'string', default: ENGINE_IDS.join(',') },
      'engine-entries': { type: 'string', default: '100000' },
      'engine-clients': { type: 'string', default: '20' },
      'engine-seconds': { type: 'string', default: '20' },
      // One load per item: each admin's pause after each answer, with exports streaming (or "/no-export").
      'engine-loads': { type: 'string', default: '1000,0,1000/no-export' },
      // The accounts case set (bench/accounts-bench.ts): the Citus list set's size, the writers, appends per round.
      'accounts-entries': { type: 'string', default: '10000000' },
      'accounts-writers': { type: 'string', default: '20' },
      'accounts-transactions': { type: 'string', default: '2000' },
    },
  });
  if (values['render-only']) {
    log(writeResults(JSON.parse(readFileSync(FIGURES_PATH, 'utf8')) as Omit<ResultsInput, 'notes'>));
    return;
  }
  if (ownSetsOnly(values.cases, new Set(values.skip.split(',').filter(Boolean)))) {
    await runOwnSetsAlone(values, new Set(values.skip.split(',').filter(Boolean)));
    return;
  }
  const sizes = values.sizes.split(',').map((size) => Number(size.replace(/_/g, ''))).sort((a, b) => a - b);
  if (sizes.some((size) => !Number.isInteger(size) || size < 1000)) throw new Error('--sizes: whole numbers ≥ 1000, comma-separated');
  const skip = new Set(values.skip.split(',').filter(Boolean));
  const port = Number(values.port);
  const runs = Number(values.runs);
  const stockRuns = Number(values['stock-runs']);
  const started = Date.now();

  const urls: string[] = [];
  for (const size of sizes) urls.push(await filledDatabase(size));
  const biggest = urls[urls.length - 1]!;
  const environment: Environment = await describeEnvironment(biggest);
  log(`${environment.cpu}, ${environment.cores} cores, Node ${environment.node}, ${environment.postgres}; load ${environment.loadAverage}`);

  let startup: StartupResult | null = null;
  if (!skip.has('startup')) {
    log('start-up and idle memory…');
    startup = await benchStartup(biggest, port, 3);
    log(`  npm start (compiled): first start ${(startup.firstStartMs / 1000).toFixed(1)} s, restart ${(startup.compiled.restartMs / 1000).toFixed(2)} s, idle RSS ${startup.compiled.idleRssMb.toFixed(0)} MB; development (tsx): restart ${(startup.tsx.restartMs / 1000).toFixed(2)} s, idle RSS ${startup.tsx.idleRssMb.toFixed(0)} MB`);
  } else if (!existsSync(path.join(BUNDLE_DIR, 'bundle.js'))) {
    // The apps below run with ADMIN_JS_SKIP_BUNDLE; the API works without the bundle, so this is only a note.
    log(`(no prebuilt bundle in ${BUNDLE_DIR}; the list API does not need it)`);
  }

  const lists: ListResult[] = [];
  const apis: ApiResult[] = [];
  let edit: EditResult | null = null;
  for (const [index, size] of sizes.entries()) {
    const url = urls[index]!;
    const wantList = !skip.has('list');
    const wantApi = !skip.has('api');
    const allCases = wantList || wantApi ? await listCases(url) : [];
    const listSelection = wantList ? allCases.filter((listCase) => listCase.name.includes(values.cases)) : [];
    const apiSelection = wantApi ? apiCases(allCases).filter((apiCase) => `api, ${apiCase.name}`.includes(values.cases)) : [];
    const doList = listSelection.length > 0;
    const doApi = apiSelection.length > 0;
    const doEdit = !skip.has('edit') && url === biggest;
    if (!doList && !doApi && !doEdit) continue;
    await withServers(url, port, async (ours, stock) => {
      const oursSession = await signIn(ours.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
      const stockSession = await signIn(stock.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
      if (doList) {
        log(`list at ${size.toLocaleString('en')} entries (${runs} runs ours, ${stockRuns} stock):`);
        const measured = await benchList({ entries: size, ours: oursSession, stock: stockSession, cases: listSelection, pages: [1, 1000], runs, stockRuns, log });
        lists.push(...measured);
        logSearchSummary(measured, size);
      }
      if (doApi) {
        log(`read API (GET /api/v1/audit_logs, limit=100) at ${size.toLocaleString('en')} entries (${runs} runs):`);
        const apiToken = await benchApiToken(appEnv(url), BENCH_ADMIN_EMAIL);
        try {
          const measured = await benchApi({ entries: size, base: ours.url, token: apiToken.token, cases: apiSelection, runs, log });
          apis.push(...measured);
          logApiSummary(measured, size);
        } finally {
          await apiToken.revoke();
        }
      }
      if (doEdit) {
        log(`edit: MessageHub audited, unaudited, and bare AdminJS with and without @adminjs/logger (${values.edits} each, alternating)…`);
        edit = await withBareServers(url, port + 2, async (bare) => {
          const inboxId = await scalar(url, 'SELECT min(id) FROM inboxes');
          const measured = await benchEdit({ audited: oursSession, plain: stockSession, bare }, inboxId, Number(values.edits));
          return { ...measured, entries: size, date: new Date().toISOString(), loadAverage: describeLoad() };
        });
        logEditSummary(edit);
      }
    });
  }

  let exported: ExportResult | null = null;
  if (!skip.has('export')) {
    log(`export of ${Number(values['export-rows']).toLocaleString('en')} filtered rows…`);
    // A fresh app, so the peak is the export's, not the list bench's; compiled, as in production
    // (under tsx the loader alone holds ~170 MB more).
    const server = await startServer({ script: buildDist(), typescript: false, port, env: appEnv(biggest, { EXPORT_MAX_ROWS: values['export-rows'] }) });
    try {
      const session = await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
      exported = await benchExport(server, session, { format: 'csv', 'filters.category': 'User' });
      log(`  ${exported.rows.toLocaleString('en')} rows in ${exported.seconds.toFixed(1)} s = ${Math.round(exported.rowsPerSecond).toLocaleString('en')} rows/s, peak RSS ${exported.peakRssMb.toFixed(0)} MB`);
    } catch (error) {
      log(`  export failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await server.stop();
    }
  }

  const verifies: VerifyResult[] = [];
  if (!skip.has('verify')) {
    for (const [index, size] of sizes.entries()) {
      log(`verify the chain at ${size.toLocaleString('en')} entries (verifyAuditChain, as audit:verify)…`);
      verifies.push(await benchVerify(urls[index]!, (line) => log(`  ${line}`)));
    }
  }

  // The engine case set makes its own storage (bench/engine-bench.ts).
  const engines = wantsEngines(values.cases, skip) ? await measureEngines(values) : null;
  // So does the accounts case set (bench/accounts-bench.ts).
  const accounts = wantsAccounts(values.cases, skip) ? await measureAccounts(values) : null;

  if (values.cases || values['print-only']) {
    log(`${values.cases ? `partial run (--cases ${values.cases})` : '--print-only'}: ${path.relative(process.cwd(), FIGURES_PATH)} and RESULTS.md left as they were`);
    return;
  }
  const measured: Omit<ResultsInput, 'notes'> = { environment, sizes, runs, stockRuns, startup, lists, apis, edit, exported, verifies, engines, accounts, minutes: (Date.now() - started) / 60_000 };
  const figures = skip.size > 0 ? keepSkippedFigures(measured, skip, log) : measured;
  writeFileSync(FIGURES_PATH, `${JSON.stringify(figures, null, 2)}\n`);
  log('');
  log(writeResults(figures));
}

/**
 * A run that skipped steps keeps the last figures of those steps (bench/results.json), so
 * RESULTS.md still shows them: `--skip list,api,export,verify,startup,engine,accounts` re-measures the edit alone.
 * The environment, sizes and run counts head the list's table: they stay the last run's unless the
 * list was measured; the edit says when and where it was measured itself.
 */
function keepSkippedFigures(measured: Omit<ResultsInput, 'notes'>, skip: Set<string>, say: (line: string) => void): Omit<ResultsInput, 'notes'> {
  if (!existsSync(FIGURES_PATH)) return measured;
  const last = JSON.parse(readFileSync(FIGURES_PATH, 'utf8')) as Omit<ResultsInput, 'notes'>;
  const kept = { ...measured };
  if (skip.has('list')) Object.assign(kept, { environment: last.environment, sizes: last.sizes, runs: last.runs, stockRuns: last.stockRuns, minutes: last.minutes, lists: last.lists });
  if (skip.has('api')) kept.apis = last.apis;
  if (skip.has('edit')) kept.edit = last.edit;
  if (skip.has('export')) kept.exported = last.exported;
  if (skip.has('verify')) kept.verifies = last.verifies;
  if (skip.has('startup')) kept.startup = last.startup;
  if (skip.has(ENGINE_CASE_SET)) kept.engines = last.engines;
  if (skip.has(ACCOUNTS_CASE_SET)) kept.accounts = last.accounts;
  say(`skipped ${[...skip].join(', ')}: their figures kept from the last run in ${path.relative(process.cwd(), FIGURES_PATH)}`);
  return kept;
}

/**
 * The search's first pages at one size on one line each kind of term: frequent, rare (the worst of
 * the rare cases) and absent, against the 50 ms p95 target.
 */
function logSearchSummary(measured: ListResult[], size: number): void {
  const firstPages = measured.filter((row) => row.page === 1 && row.caseName.startsWith('search'));
  if (firstPages.length === 0) return;
  const kinds: Array<[string, (name: string) => boolean]> = [
    ['frequent', (name) => name.includes('frequent')],
    ['rare', (name) => name.includes('rare')],
    ['absent', (name) => name.includes('no match')],
  ];
  const parts = kinds.flatMap(([kind, isKind]) => {
    const rows = firstPages.filter((row) => isKind(row.caseName));
    if (rows.length === 0) return [];
    const worst = rows.reduce((top, row) => (row.oursP95 > top.oursP95 ? row : top));
    return [`${kind} p50 ${worst.oursP50.toFixed(1)} / p95 ${worst.oursP95.toFixed(1)} ms`];
  });
  const worstP95 = Math.max(...firstPages.map((row) => row.oursP95));
  log(`  search, first page at ${size.toLocaleString('en')} entries: ${parts.join('; ')} — ${worstP95 <= 50 ? 'within' : 'OVER'} the 50 ms p95 target`);
}

/** The read API's pages at one size: the worst p95 against the 50 ms target. */
function logApiSummary(measured: ApiResult[], size: number): void {
  if (measured.length === 0) return;
  const worst = measured.reduce((top, row) => (row.p95 > top.p95 ? row : top));
  log(`  API, every page of 100 at ${size.toLocaleString('en')} entries: worst p95 ${worst.p95.toFixed(1)} ms (${worst.caseName}, page ${worst.page}) — ${worst.p95 <= API_TARGET_P95_MS ? 'within' : 'OVER'} the ${API_TARGET_P95_MS} ms p95 target`);
}

/** RESULTS.md from the figures and the hand-written analysis in results-notes.md (kept apart so re-rendering never loses it). */
function writeResults(figures: Omit<ResultsInput, 'notes'>): string {
  const notesPath = path.join(HERE, 'results-notes.md');
  const notes = existsSync(notesPath) ? readFileSync(notesPath, 'utf8') : '';
  const markdown = renderResults({ ...figures, notes });
  writeFileSync(path.join(HERE, 'RESULTS.md'), markdown);
  return markdown;
}

// ── The engine case set (bench/engine-bench.ts): the default `npm start`'s database beside the former one ──

const ENGINE_CASE_SET = 'engine';
/** The steps that run on the sized databases (mh_bench_1m, …); the engine case set makes its own storage. */
const SIZED_STEPS = ['startup', 'list', 'api', 'edit', 'export', 'verify'];

interface EngineValues {
  cases: string;
  port: string;
  engines: string;
  'engine-entries': string;
  'engine-clients': string;
  'engine-seconds': string;
  'engine-loads': string;
  'print-only': boolean;
}

/** Whether this run measures the engine case set: not skipped, and --cases, if given, names it. */
function wantsEngines(cases: string, skip: Set<string>): boolean {
  return !skip.has(ENGINE_CASE_SET) && ENGINE_CASE_SET.includes(cases);
}

/** Whether this run measures the accounts case set: not skipped, and --cases, if given, names it. */
function wantsAccounts(cases: string, skip: Set<string>): boolean {
  return !skip.has(ACCOUNTS_CASE_SET) && ACCOUNTS_CASE_SET.includes(cases);
}

/**
 * The case sets that make their own storage (engine, accounts) are all the run asks for (every
 * sized step skipped; list and api too when --cases names one of them): no sized database is touched.
 */
function ownSetsOnly(cases: string, skip: Set<string>): boolean {
  const namesOwnSet = cases !== '' && (ENGINE_CASE_SET.includes(cases) || ACCOUNTS_CASE_SET.includes(cases));
  const sized = SIZED_STEPS.filter((step) => !skip.has(step) && !(namesOwnSet && (step === 'list' || step === 'api')));
  return (wantsEngines(cases, skip) || wantsAccounts(cases, skip)) && sized.length === 0;
}

async function measureEngines(values: EngineValues): Promise<EngineRun> {
  const engines = values.engines.split(',').filter(Boolean) as EngineId[];
  const unknown = engines.filter((engine) => !(ENGINE_IDS as readonly string[]).includes(engine));
  if (unknown.length || engines.length === 0) throw new Error(`--engines: some of ${ENGINE_IDS.join(', ')} (got "${values.engines}")`);
  const [entries, clients, seconds] = [values['engine-entries'], values['engine-clients'], values['engine-seconds']].map((value) => Number(value.replace(/_/g, '')));
  if (![entries, clients, seconds].every((value) => Number.isInteger(value) && value! >= 1)) throw new Error('--engine-entries, --engine-clients, --engine-seconds: whole numbers ≥ 1');
  const loads = parseEngineLoads(values['engine-loads']);
  // The app as `npm start` runs it: its prestart builds dist/ first.
  buildDist();
  const port = Number(values.port) + 20;
  log(`database engines (${engines.join(', ')}): ${entries!.toLocaleString('en')} entries, ${clients} admins for ${seconds} s per load (${loads.map(describeEngineLoad).join('; ')}), port ${port}; load ${os.loadavg().map((load) => load.toFixed(2)).join(' / ')}…`);
  const run = await benchEngines({ port, engines, entries: entries!, clients: clients!, seconds: seconds!, loads, restartRuns: 3, log });
  log('');
  log(engineTable(run));
  log(`load average ${run.loadAverageStart} at the start, ${run.loadAverageEnd} at the end`);
  return run;
}

interface AccountsValues {
  runs: string;
  'accounts-entries': string;
  'accounts-writers': string;
  'accounts-transactions': string;
}

async function measureAccounts(values: AccountsValues): Promise<AccountsRun> {
  const [entries, writers, transactions, runs] = [values['accounts-entries'], values['accounts-writers'], values['accounts-transactions'], values.runs].map((value) => Number(value.replace(/_/g, '')));
  if (![entries, writers, transactions, runs].every((value) => Number.isInteger(value) && value! >= 1)) throw new Error('--accounts-entries, --accounts-writers, --accounts-transactions, --runs: whole numbers ≥ 1');
  log(`accounts (per-account chains): ${os.cpus()[0]?.model ?? 'unknown'}, ${os.cpus().length} cores, Node ${process.version}; load ${describeLoad()}…`);
  return benchAccounts({ entries: entries!, writers: writers!, transactions: transactions!, runs: runs!, log });
}

/**
 * A run of the case sets that make their own storage (engine, accounts) and nothing else: unless it
 * is partial (--cases) or --print-only, their figures replace theirs in bench/results.json, every
 * other step's kept, and RESULTS.md is rendered again.
 */
async function runOwnSetsAlone(values: EngineValues & AccountsValues, skip: Set<string>): Promise<void> {
  const engines = wantsEngines(values.cases, skip) ? await measureEngines(values) : undefined;
  const accounts = wantsAccounts(values.cases, skip) ? await measureAccounts(values) : undefined;
  if (values.cases || values['print-only']) {
    log(`${values.cases ? `partial run (--cases ${values.cases})` : '--print-only'}: ${path.relative(process.cwd(), FIGURES_PATH)} and RESULTS.md left as they were`);
    return;
  }
  const which = [engines ? 'engine' : '', accounts ? 'accounts' : ''].filter(Boolean).join(' and ');
  if (!existsSync(FIGURES_PATH)) {
    log(`no ${path.relative(process.cwd(), FIGURES_PATH)} to add the ${which} figures to: printed only`);
    return;
  }
  const figures = { ...(JSON.parse(readFileSync(FIGURES_PATH, 'utf8')) as Omit<ResultsInput, 'notes'>), ...(engines ? { engines } : {}), ...(accounts ? { accounts } : {}) };
  writeFileSync(FIGURES_PATH, `${JSON.stringify(figures, null, 2)}\n`);
  log(`${which} figures written to ${path.relative(process.cwd(), FIGURES_PATH)}, the other steps' kept`);
  writeResults(figures);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
