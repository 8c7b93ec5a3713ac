// Starting and stopping the apps the bench measures, each in its own process, and reading their memory.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface RunningServer {
  url: string;
  process: ChildProcess;
  /** Milliseconds from spawn to the first healthy answer. */
  startMs: number;
  stop(): Promise<void>;
}

export interface ServerSpec {
  /** Script relative to the project root, run by node with tsx's loader (one process, as `npm start` but without tsx's wrapper process). */
  script: string;
  /** false: plain JavaScript (the compiled build), no tsx loader. */
  typescript?: boolean;
  port: number;
  env: Record<string, string>;
  healthPath?: string;
  timeoutMs?: number;
}

export async function startServer(spec: ServerSpec): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, spec.typescript === false ? [spec.script] : ['--conditions=hashtrail-source', '--import', 'tsx', spec.script], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(spec.port), LOG_LEVEL: 'silent', ...spec.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  child.stderr?.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${spec.port}`;
  const deadline = started + (spec.timeoutMs ?? 120_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${spec.script} exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}${spec.healthPath ?? '/healthz'}`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${spec.script} did not become healthy in time:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const startMs = performance.now() - started;
  return {
    url,
    process: child,
    startMs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** Resident and peak resident memory of a process, in MB (Linux /proc). */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}
