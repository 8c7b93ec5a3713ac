// A PostgreSQL cluster of the test's own, for fault tests that stop and crash the server and for
// tests whose point is concurrency: made with initdb in a temp folder, on a free port. The shared
// server on 5432 is never touched.
//
// The binaries are the newest installed PostgreSQL that has both initdb and pg_ctl
// (/usr/lib/postgresql/<version>/bin, else `pg_config --bindir`, else PATH). PostgreSQL refuses to
// run as root: when the tests run as root, initdb and pg_ctl run as an unprivileged OS user (the
// `postgres` user if there is one, else `nobody`; THROWAWAY_PG_USER overrides), and the cluster's
// folder is handed to that user. As any other user they run as that user.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chown, mkdtemp, rm, chmod, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  url: string;
  port: number;
  /** The server's log file (pg_ctl -l): readable by the test process. */
  logFile: string;
  start(): Promise<void>;
  /** "immediate" is a crash: no checkpoint, connections cut, recovery at the next start. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  /** The running postmaster's process id (from postmaster.pid), or null when it is not running. */
  postmasterPid(): Promise<number | null>;
  destroy(): Promise<void>;
}

const hasTools = (dir: string) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'pg_ctl'));

/** The bin folder of the newest installed PostgreSQL with initdb and pg_ctl. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+(\.\d+)?$/.test(name) && hasTools(path.join(root, name, 'bin')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length > 0) return path.join(root, versions[0]!, 'bin');
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (hasTools(dir)) return dir;
  } catch {
    // no pg_config on PATH
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir && hasTools(dir)) return dir;
  throw new Error('no PostgreSQL with initdb and pg_ctl found (looked in /usr/lib/postgresql/*/bin, pg_config --bindir and PATH)');
}

interface OsUser {
  name: string;
  uid: number;
  gid: number;
}

function lookUpUser(name: string): OsUser | null {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((candidate) => candidate.split(':')[0] === name);
  if (!line) return null;
  const [, , uid, gid] = line.split(':');
  return { name, uid: Number(uid), gid: Number(gid) };
}

/** Who runs the cluster: null means "this process's own user" (not root). */
export function clusterUser(): OsUser | null {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return null;
  const wanted = process.env.THROWAWAY_PG_USER;
  const user = wanted ? lookUpUser(wanted) : (lookUpUser('postgres') ?? lookUpUser('nobody'));
  if (!user) throw new Error(`running as root and no unprivileged user to run PostgreSQL as (${wanted ? `THROWAWAY_PG_USER=${wanted} does not exist` : 'neither postgres nor nobody exists'})`);
  if (user.uid === 0) throw new Error(`refusing to run PostgreSQL as ${user.name}: uid 0`);
  return user;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const user = clusterUser();
  const folder = await mkdtemp(path.join(tmpdir(), 'mh-throwaway-pg-'));
  await chmod(folder, 0o700);
  if (user) await chown(folder, user.uid, user.gid);
  const data = path.join(folder, 'data');
  const logFile = path.join(folder, 'server.log');
  const port = await freePort();
  // As the cluster's user: Node drops to its uid/gid (and clears root's supplementary groups).
  const tool = (command: string, args: string[]) =>
    run(path.join(bin, command), args, { timeout: 60_000, cwd: folder, env: { ...process.env, LC_ALL: 'C' }, ...(user ? { uid: user.uid, gid: user.gid } : {}) });
  await tool('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`;
  const pg: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    logFile,
    start: async () => {
      await tool('pg_ctl', ['-D', data, '-o', options, '-l', logFile, '-w', '-t', '60', 'start']);
    },
    stop: async (mode = 'fast') => {
      await tool('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
    },
    postmasterPid: async () => {
      const text = await readFile(path.join(data, 'postmaster.pid'), 'utf8').catch(() => null);
      return text ? Number(text.split('\n')[0]) : null;
    },
    destroy: async () => {
      await pg.stop('immediate').catch(() => undefined); // already stopped is fine
      await rm(folder, { recursive: true, force: true });
    },
  };
  await pg.start();
  return pg;
}

/**
 * A PostgreSQL server for tests whose point is concurrency: the shared one (TEST_DATABASE_URL) or,
 * without it, a throwaway cluster. Not the embedded engine: it serves one connection at a time, so
 * "concurrent" work would run one piece after another (and with several connections busy at once
 * its socket server mixes up their extended-protocol messages).
 */
export async function concurrencyCapableServer(): Promise<{ url: string; release(): Promise<void> }> {
  const shared = process.env.TEST_DATABASE_URL;
  if (shared) return { url: shared, release: async () => undefined };
  const pg = await startThrowawayPostgres();
  return { url: pg.url, release: () => pg.destroy() };
}

/** Runs `start` with TEST_DATABASE_URL pointing at `url` (test-database.ts reads it when creating a database). */
export async function onServer<T>(url: string, start: () => Promise<T>): Promise<T> {
  const previous = process.env.TEST_DATABASE_URL;
  process.env.TEST_DATABASE_URL = url;
  try {
    return await start();
  } finally {
    if (previous === undefined) delete process.env.TEST_DATABASE_URL;
    else process.env.TEST_DATABASE_URL = previous;
  }
}

/**
 * `start` (e.g. () => startTestApp(env)) on a concurrency-capable server; the result's close() also
 * releases the server. For test files whose point is concurrent work.
 */
export async function onConcurrencyCapableServer<T extends { close(): Promise<void> }>(start: () => Promise<T>): Promise<T> {
  const server = await concurrencyCapableServer();
  try {
    const started = await onServer(server.url, start);
    const close = started.close.bind(started);
    started.close = async () => {
      try {
        await close();
      } finally {
        await server.release();
      }
    };
    return started;
  } catch (error) {
    await server.release();
    throw error;
  }
}
