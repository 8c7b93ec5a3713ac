// A PostgreSQL cluster of the test's own, for fault tests that stop and crash the server: made
// with initdb in a temp folder, on a free port, run as the `postgres` OS user (the tests run as
// root, and PostgreSQL refuses to run as root). The shared server on 5432 is never touched.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, chmod } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

export interface ThrowawayPostgres {
  url: string;
  port: number;
  start(): Promise<void>;
  /** "immediate" is a crash: no checkpoint, connections cut, recovery at the next start. */
  stop(mode?: 'fast' | 'immediate'): Promise<void>;
  destroy(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const asPostgres = (command: string, args: string[]) => run('runuser', ['-u', 'postgres', '--', path.join(BIN, command), ...args], { timeout: 60_000 });

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const folder = await mkdtemp(path.join(tmpdir(), 'mh-throwaway-pg-'));
  await chmod(folder, 0o777);
  const data = path.join(folder, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60`;
  const pg: ThrowawayPostgres = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start: async () => {
      await asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', path.join(folder, 'server.log'), '-w', '-t', '60', 'start']);
    },
    stop: async (mode = 'fast') => {
      await asPostgres('pg_ctl', ['-D', data, '-m', mode, '-w', '-t', '60', 'stop']);
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
 * without it, a throwaway cluster. Not the embedded engine: with several connections busy at once
 * its socket server mixes up their extended-protocol messages ("portal does not exist", "bind
 * message supplies 1 parameters") and requests fail for reasons that are not the app's.
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
