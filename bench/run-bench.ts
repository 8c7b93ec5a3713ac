// `npm run bench`: measures MessageHub's audit plugin and writes bench/RESULTS.md.
//
//   npm run bench -- [--sizes 1000000,10000000] [--runs 20] [--stock-runs 5] [--edits 100]
//                    [--export-rows 1000000] [--skip startup,edit,list,api,export,verify] [--port 4310]
//   npm run bench -- --render-only   (RESULTS.md again from bench/results.json + results-notes.md)
//   npm run bench -- --cases search --skip startup,edit,export,verify
//                                    (only the cases whose name holds "search": a partial run,
//                                     printed, RESULTS.md and results.json left as they are)
//   npm run bench -- --cases api --skip startup,edit,export,verify
//                                    (only the read API's cases, GET /api/v1/audit_logs: their names
//                                     are "api, <filter>", so "api, search" picks the API's searches)
//
// Each size gets its own database (mh_bench_1m, mh_bench_10m, … beside BENCH_DATABASE_URL's),
// filled with `seed:bulk` rows (chained, as the writer chains them) when it holds fewer; one holding
// entries outside the chain (an older, unchained seed:bulk) is re-created first. The apps run as child processes; every
// comparison alternates requests between the two apps in the same run. Not run in CI.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, BENCH_DATABASE_URL, prepareBenchDatabase } from './bench-database.js';
import { benchEdit, type EditResult } from './edit-bench.js';
import { describeEnvironment, type Environment } from './environment.js';
import { benchExport, type ExportResult } from './export-bench.js';
import { signIn, median, getList } from './http-client.js';
import { benchList, listCases, type ListResult } from './list-bench.js';
import { API_TARGET_P95_MS, apiCases, benchApi, benchApiToken, type ApiResult } from './api-bench.js';
import { seedBulkEntries, unchainedEntries } from './seed-bulk.js';
import { benchVerify, type VerifyResult } from './verify-bench.js';
import { memoryOf, startServer, type RunningServer } from './servers.js';
import { renderResults, type ResultsInput, type StartupResult } from './results.js';

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

/** dist/ as `npm start` builds it (its prestart, scripts/build-if-stale.mjs: compiles when stale, fails on type errors). */
function buildDist(): string {
  const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: path.join(HERE, '..'), encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  return 'dist/src/main.js';
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
    },
  });
  if (values['render-only']) {
    log(writeResults(JSON.parse(readFileSync(FIGURES_PATH, 'utf8')) as Omit<ResultsInput, 'notes'>));
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
        log(`edit, audited vs not (${values.edits} each)…`);
        const inboxId = await scalar(url, 'SELECT min(id) FROM inboxes');
        edit = await benchEdit(oursSession, stockSession, inboxId, Number(values.edits));
        log(`  audited p50 ${edit.auditedP50.toFixed(2)} ms, unaudited p50 ${edit.plainP50.toFixed(2)} ms, ratio ${edit.ratio.toFixed(2)}`);
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

  if (values.cases) {
    log(`partial run (--cases ${values.cases}): ${path.relative(process.cwd(), FIGURES_PATH)} and RESULTS.md left as they were`);
    return;
  }
  const figures: Omit<ResultsInput, 'notes'> = { environment, sizes, runs, stockRuns, startup, lists, apis, edit, exported, verifies, minutes: (Date.now() - started) / 60_000 };
  writeFileSync(FIGURES_PATH, `${JSON.stringify(figures, null, 2)}\n`);
  log('');
  log(writeResults(figures));
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

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
