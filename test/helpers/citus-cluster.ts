// A throwaway Citus cluster (distributed PostgreSQL) for tests: a coordinator and N workers, each
// an initdb'd PostgreSQL in its own folder under one temp folder, on free ports, 127.0.0.1 only,
// trust auth. Binaries and the OS user (root cannot run PostgreSQL) as in throwaway-postgres.ts.
// The shared server on 5432 is never touched. Citus itself is built by ../shared/citus/install.sh.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';
import { clusterUser, postgresBinDir } from './throwaway-postgres.js';

const run = promisify(execFile);

export interface CitusCluster {
  /** The coordinator's `postgres` database: the one every node has the extension in. */
  coordinatorUrl: string;
  workerUrls: string[];
  /** Coordinator first, then the workers in order. */
  nodes: { port: number; logFile: string }[];
  /** Stops every node (immediate) and removes the folder; fine to call twice. */
  destroy(): Promise<void>;
}

/** Where this PostgreSQL keeps citus.so (the bench's lasting cluster looks there too). */
export function citusLibrary(bin: string): string {
  let libDir = path.join(path.dirname(bin), 'lib');
  try {
    libDir = execFileSync(path.join(bin, 'pg_config'), ['--pkglibdir'], { encoding: 'utf8' }).trim();
  } catch {
    // no pg_config beside initdb: the sibling lib folder is where Debian and source builds put it
  }
  return path.join(libDir, 'citus.so');
}

/** The `postgres` database of the node on `port`: the one every node has the extension in. */
export const citusNodeUrl = (port: number) => `postgres://postgres@127.0.0.1:${port}/postgres`;
const urlOf = citusNodeUrl;

/**
 * Makes running nodes one cluster: the extension on each, the first the coordinator, the rest its
 * workers. For new nodes only (the bench's lasting cluster calls it once, when it makes them).
 */
export async function joinCitusNodes(ports: number[]): Promise<void> {
  const [coordinator, ...workers] = ports;
  await Promise.all(ports.map((port) => sql(urlOf(port), 'CREATE EXTENSION citus')));
  await sql(urlOf(coordinator!), `SELECT citus_set_coordinator_host('127.0.0.1', ${coordinator})`);
  // citus_add_node syncs metadata to the new worker: one at a time keeps that simple and ordered.
  for (const worker of workers) await sql(urlOf(coordinator!), `SELECT citus_add_node('127.0.0.1', ${worker})`);
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export async function startCitusCluster(options: { workers?: number } = {}): Promise<CitusCluster> {
  const bin = postgresBinDir();
  const library = citusLibrary(bin);
  if (!existsSync(library)) {
    throw new Error(`Citus is not installed in this PostgreSQL (${library} is missing): run the Citus installer, ../shared/citus/install.sh relative to the repository (as root).`);
  }
  const user = clusterUser();
  const folder = await mkdtemp(path.join(tmpdir(), 'mh-citus-'));
  await chmod(folder, 0o700);
  if (user) await chown(folder, user.uid, user.gid);
  // HOME is the folder: the nodes connect to each other with libpq, which looks for client
  // certificates under $HOME/.postgresql, and root's home is not readable by the cluster's user.
  const env = { ...process.env, LC_ALL: 'C', ...(user ? { HOME: folder } : {}) };
  const tool = (command: string, args: string[]) =>
    run(path.join(bin, command), args, { timeout: 60_000, cwd: folder, env, ...(user ? { uid: user.uid, gid: user.gid } : {}) });

  const names = ['coordinator', ...Array.from({ length: options.workers ?? 2 }, (_, i) => `worker${i + 1}`)];
  const nodes: { port: number; logFile: string; data: string }[] = [];
  for (const name of names) {
    // One after another: two freePort() calls in flight could be handed the same port.
    nodes.push({ port: await freePort(), logFile: path.join(folder, `${name}.log`), data: path.join(folder, name) });
  }

  let destroyed = false;
  const destroy = async () => {
    if (destroyed) return;
    destroyed = true;
    await Promise.all(nodes.map((node) => tool('pg_ctl', ['-D', node.data, '-m', 'immediate', '-w', '-t', '60', 'stop']).catch(() => undefined)));
    await rm(folder, { recursive: true, force: true });
  };

  try {
    await Promise.all(
      nodes.map(async (node) => {
        await tool('initdb', ['-D', node.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
        // Each node opens connections to the others (metadata sync, distributed queries, the
        // maintenance daemon), so it needs more than the few a single test server gets by with.
        // Those connections stay on 127.0.0.1: no TLS (Citus asks for sslmode=require by default).
        const settings =
          `-p ${node.port} -k ${folder} -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus -c fsync=off -c full_page_writes=off ` +
          `-c max_connections=100 -c citus.node_conninfo=sslmode=disable`;
        await tool('pg_ctl', ['-D', node.data, '-o', settings, '-l', node.logFile, '-w', '-t', '60', 'start']);
      }),
    );
    const [coordinator, ...workers] = nodes;
    await joinCitusNodes(nodes.map((node) => node.port));
    return {
      coordinatorUrl: urlOf(coordinator!.port),
      workerUrls: workers.map((worker) => urlOf(worker.port)),
      nodes: nodes.map(({ port, logFile }) => ({ port, logFile })),
      destroy,
    };
  } catch (error) {
    await destroy();
    throw error;
  }
}
