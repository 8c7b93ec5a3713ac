// The real app as a child process, started as `npm start` starts it but from the TypeScript sources
// (tsx: no build), and what it leaves running, read from /proc: the embedded PostgreSQL server's
// processes on a cluster, the watchdog shell that stops that server when the app dies. For the
// tests of kill -9, leftovers, the data folder's lock and shutdown (test/app/embedded-server.test.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;
const READY = /MessageHub admin ready on (http:\/\/\S+)\/admin/;

export interface AppProcess {
  child: ChildProcess;
  pid: number;
  /** Resolves with the base URL (http://host:port) once the app says it is ready; rejects if it exits first. */
  ready: Promise<string>;
  /** Resolves when the process has exited (and been reaped). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it wrote so far, stdout and stderr. */
  output(): string;
  /** Its pino lines (JSON) so far. */
  logLines(): LogLine[];
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** pino's levels: 20 debug, 30 info, 40 warn, 50 error. */
export const INFO = 30;

/**
 * Runs `node --import tsx src/main.ts` (or `script`) in the repository with `env` over this
 * process's environment, minus DATABASE_URL (so the embedded engine, whatever the test run
 * uses) and NODE_OPTIONS (jest's). In a process group of its own, as a shell job: a signal to
 * the group (-pid) is what Ctrl-C in a terminal sends.
 */
export function startAppProcess(env: Record<string, string>, script = 'src/main.ts'): AppProcess {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  delete childEnv.NODE_OPTIONS;
  delete childEnv.TRUST_SUMMARY_DIR;
  const child = spawn(process.execPath, ['--conditions=hashtrail-source', '--import', 'tsx', script], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const ready = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(READY);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(({ code, signal }) => reject(new Error(`the app exited (code ${code}, signal ${signal}) before it was ready:\n${output}`)));
  });
  ready.catch(() => undefined); // a caller that expects a refusal awaits `exited` instead
  return {
    child,
    pid: child.pid!,
    ready,
    exited,
    output: () => output,
    logLines: () =>
      output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .flatMap((line) => {
          try {
            return [JSON.parse(line) as LogLine];
          } catch {
            return [];
          }
        }),
  };
}

/** Polls `check` until it is true; fails with `what` when `timeoutMs` passes first. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  /** The kernel's state letter: R, S, D, Z (a zombie: exited, not yet reaped)… */
  state: string;
  args: string[];
}

function readProcess(pid: number): ProcessInfo | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so split after the last ")".
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const args = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(ppid), state: state!, args };
  } catch {
    return null; // gone meanwhile
  }
}

/** Processes that have not exited (zombies are left out: they run nothing and hold nothing). */
export function liveProcesses(): ProcessInfo[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((info): info is ProcessInfo => info !== null && info.state !== 'Z');
}

/**
 * Every live process of a PostgreSQL server on `clusterDir`: the postmaster changes into its data
 * directory and its children (checkpointer, backends…) inherit that working directory, whatever
 * their rewritten command lines say.
 */
export function clusterProcesses(clusterDir: string): ProcessInfo[] {
  const wanted = path.resolve(clusterDir);
  return liveProcesses().filter((info) => {
    try {
      return fs.readlinkSync(`/proc/${info.pid}/cwd`) === wanted;
    } catch {
      return false;
    }
  });
}

/** The postmasters on `clusterDir`: started as `postgres -D <clusterDir> …`. */
export function postmastersOf(clusterDir: string): ProcessInfo[] {
  const wanted = path.resolve(clusterDir);
  return clusterProcesses(clusterDir).filter((info) => info.args.some((arg, i) => arg === '-D' && info.args[i + 1] === wanted));
}

/** The watchdog shells that wait for the app `appPid` to die (`while kill -0 <appPid> …`). */
export function watchdogsOf(appPid: number): ProcessInfo[] {
  return liveProcesses().filter((info) => info.args[0] === '/bin/sh' && info.args.some((arg) => arg.includes(`kill -0 ${appPid} `)));
}

export function isAlive(pid: number): boolean {
  const info = readProcess(pid);
  return info !== null && info.state !== 'Z';
}

/** The URL of the embedded server running on `dataDir` (port from its postmaster.pid, password from DATA_DIR). */
export function embeddedServerUrl(dataDir: string): string {
  const lines = fs.readFileSync(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8').split('\n');
  const port = Number(lines[3]);
  const password = fs.readFileSync(path.join(dataDir, 'postgres-password'), 'utf8').trim();
  return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}
