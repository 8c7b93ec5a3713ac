// The bench's own Citus cluster (a coordinator and two workers on this machine) that outlives a run:
// seeding millions of entries into it takes many minutes, so its data folders stay in one named
// folder (BENCH_CITUS_DIR, default /var/tmp/messagehub-bench-citus) and the next run restarts the
// nodes with pg_ctl instead of making them again. A run stops the nodes when it ends; the data stays.
//
// Made like test/helpers/citus-cluster.ts's throwaway clusters (same binaries, same OS user when run
// as root, same settings), except that the ports are fixed (BENCH_CITUS_PORT, default 5461, and the
// next two): the coordinator's node list names the workers by port, so a restart must reuse them.
// Citus itself comes from the Citus installer (../shared/citus/install.sh relative to the repository).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, chown, mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { clusterUser, postgresBinDir } from '../test/helpers/throwaway-postgres.js';
import { citusLibrary, citusNodeUrl, joinCitusNodes } from '../test/helpers/citus-cluster.js';

const run = promisify(execFile);

export const BENCH_CITUS_DIR = process.env.BENCH_CITUS_DIR ?? '/var/tmp/messagehub-bench-citus';
const FIRST_PORT = Number(process.env.BENCH_CITUS_PORT ?? 5461);
const NODE_NAMES = ['coordinator', 'worker1', 'worker2'] as const;
/** Written last when the cluster is made: a folder without it is a half-made cluster, made again. */
const STATE_FILE = 'cluster.json';

interface ClusterState {
  ports: number[];
  created: string;
}

export interface BenchCitusCluster {
  folder: string;
  /** The coordinator's `postgres` database: the one every node has the extension in. */
  coordinatorUrl: string;
  workerUrls: string[];
  /** Whether this call made the cluster (false: it was restarted, or was already running). */
  created: boolean;
  /** Stops every node (fast shutdown: a checkpoint, so the next start needs no recovery); the data folder stays. */
  stop(): Promise<void>;
  /** Stops every node and removes the nodes' folders and the state file (a cluster made again next time). */
  destroy(): Promise<void>;
}

/** Only what this module makes in the folder (never the folder itself: BENCH_CITUS_DIR may name one that holds other things). */
async function removeNodes(folder: string): Promise<void> {
  for (const name of [...NODE_NAMES, STATE_FILE, ...NODE_NAMES.map((node) => `${node}.log`)]) await rm(path.join(folder, name), { recursive: true, force: true });
}

const urlOf = citusNodeUrl;

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * Server settings: the throwaway clusters' (by default no fsync: a bench cluster is rebuilt, not recovered),
 * plus room for the bulk load's WAL so it is not checkpointing every few seconds. Memory settings
 * are PostgreSQL's defaults, as on the one-node server the figures are compared with.
 */
const settings = (folder: string, port: number, durability: 'on' | 'off') =>
  `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c shared_preload_libraries=citus -c fsync=${durability} -c full_page_writes=${durability} ` +
  `-c max_connections=100 -c citus.node_conninfo=sslmode=disable -c max_wal_size=4GB`;

export interface BenchCitusOptions {
  /** Default BENCH_CITUS_DIR. */
  folder?: string;
  /** The coordinator's port; the workers take the next two. Default BENCH_CITUS_PORT (5461). */
  firstPort?: number;
  /**
   * fsync and full-page writes on, as on the one-node server the appends are compared with (a commit
   * then waits for its WAL to reach the disk on both). Off by default: the list set is read, not written.
   */
  durable?: boolean;
  log?: (line: string) => void;
}

/** Starts the cluster in `folder`: restarts it when it is there, makes it otherwise. */
export async function openBenchCitusCluster(options: BenchCitusOptions = {}): Promise<BenchCitusCluster> {
  const folder = options.folder ?? BENCH_CITUS_DIR;
  const firstPort = options.firstPort ?? FIRST_PORT;
  const log = options.log ?? (() => undefined);
  const durability = options.durable ? 'on' : 'off';
  const bin = postgresBinDir();
  const library = citusLibrary(bin);
  if (!existsSync(library)) throw new Error(`Citus is not installed in this PostgreSQL (${library} is missing): run the Citus installer (as root)`);
  const user = clusterUser();
  // HOME is the folder: the nodes connect to each other with libpq, which looks for client
  // certificates under $HOME/.postgresql, and root's home is not readable by the cluster's user.
  const env = { ...process.env, LC_ALL: 'C', ...(user ? { HOME: folder } : {}) };
  const tool = (command: string, args: string[], timeout = 120_000) =>
    run(path.join(bin, command), args, { timeout, cwd: folder, env, ...(user ? { uid: user.uid, gid: user.gid } : {}) });
  const dataOf = (name: string) => path.join(folder, name);
  const running = async (name: string) => tool('pg_ctl', ['-D', dataOf(name), 'status']).then(() => true, () => false);

  const statePath = path.join(folder, STATE_FILE);
  let state: ClusterState | null = existsSync(statePath) ? (JSON.parse(readFileSync(statePath, 'utf8')) as ClusterState) : null;
  const created = state === null;
  if (state === null) {
    // A half-made cluster (a run stopped while making it): its node folders go, nothing else in the folder.
    await removeNodes(folder);
    await mkdir(folder, { recursive: true, mode: 0o700 });
    await chmod(folder, 0o700);
    if (user) await chown(folder, user.uid, user.gid);
    const ports = NODE_NAMES.map((_, i) => firstPort + i);
    for (const port of ports) {
      if (!(await portIsFree(port))) throw new Error(`port ${port} is taken: set BENCH_CITUS_PORT to the first of three free ports for the bench's Citus cluster`);
    }
    log(`making a Citus cluster (coordinator + 2 workers) in ${folder}, ports ${ports.join(', ')}…`);
    await Promise.all(NODE_NAMES.map((name) => tool('initdb', ['-D', dataOf(name), '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C'])));
    state = { ports, created: new Date().toISOString() };
  }
  const ports = state.ports;
  const stop = async () => {
    await Promise.all(NODE_NAMES.map((name) => tool('pg_ctl', ['-D', dataOf(name), '-m', 'fast', '-w', '-t', '300', 'stop']).catch(() => undefined)));
  };
  try {
    await Promise.all(
      NODE_NAMES.map(async (name, i) => {
        if (await running(name)) return;
        await tool('pg_ctl', ['-D', dataOf(name), '-o', settings(folder, ports[i]!, durability), '-l', path.join(folder, `${name}.log`), '-w', '-t', '300', 'start'], 330_000);
      }),
    );
    if (created) {
      await joinCitusNodes(ports);
      await writeFile(statePath, `${JSON.stringify(state, null, 2)}\n`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  const destroy = async () => {
    await stop();
    await removeNodes(folder);
  };
  return { folder, coordinatorUrl: urlOf(ports[0]!), workerUrls: ports.slice(1).map(urlOf), created, stop, destroy };
}
