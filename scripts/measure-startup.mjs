// Times `npm start` as a newcomer runs it (no DATABASE_URL, no NODE_ENV): from the spawn to the
// first healthy /healthz, with when each start-up step was logged and the CPU it used, then a
// clean stop (SIGTERM). Issue #15's targets: first start after `npm install` ≤ 15 s, restart ≤ 2 s.
//
//   node scripts/measure-startup.mjs --fresh          # a first start: an empty data folder
//   node scripts/measure-startup.mjs                  # a restart (of the data the last run left)
//   node scripts/measure-startup.mjs --runs 5         # the median of five
//   node scripts/measure-startup.mjs -- node dist/src/main.js   # another command than `npm start`
//
// The app's data and component bundle go to a folder of this script's own (--data-dir, default
// $TMPDIR/messagehub-measure-startup), never ./data. Options: --fresh, --runs N, --port P (default
// 3917), --data-dir DIR, --env KEY=VALUE (repeatable). Plain JavaScript, like build-if-stale.mjs.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const TIMEOUT_MS = 300_000;

function parseArgs(argv) {
  const options = { fresh: false, runs: 1, port: 3917, dataDir: path.join(os.tmpdir(), 'messagehub-measure-startup'), env: {}, command: ['npm', 'start'] };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') {
      options.command = argv.slice(i + 1);
      break;
    }
    if (arg === '--fresh') options.fresh = true;
    else if (arg === '--runs') options.runs = Number(argv[++i]);
    else if (arg === '--port') options.port = Number(argv[++i]);
    else if (arg === '--data-dir') options.dataDir = path.resolve(argv[++i]);
    else if (arg === '--env') {
      const [key, ...value] = argv[++i].split('=');
      options.env[key] = value.join('=');
    } else throw new Error(`unknown option ${arg} (see the comment at the top of ${path.relative(process.cwd(), fileURLToPath(import.meta.url))})`);
  }
  if (!(options.runs >= 1) || !(options.port > 0) || options.command.length === 0) throw new Error('bad --runs, --port or command');
  return options;
}

// What a line of output says about the start-up, in the order the steps happen.
const MARKERS = [
  ['build started', /Building the app into dist\//],
  ['build finished', /Built dist\/ in/],
  ['database open', /Embedded PostgreSQL: data lives in|Using the PostgreSQL server from DATABASE_URL/],
  ['migrations applied', /Applied \d+ migration/],
  ['demo data seeded', /Seeded demo data/],
  ['listening', /MessageHub admin ready on/],
];

async function healthy(port) {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * CPU seconds (user + system) used so far by the process `pid` and everything under it, reaped
 * children included (the build, initdb): what the start-up costs whatever else the machine runs.
 * Linux only (/proc); NaN elsewhere.
 */
function treeCpuSeconds(pid) {
  const ticks = 100; // USER_HZ, 100 on Linux
  try {
    const stats = new Map();
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
        stats.set(Number(entry), { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]) });
      } catch {
        // gone meanwhile
      }
    }
    const inTree = (candidate) => {
      for (let at = candidate; at > 1; at = stats.get(at)?.ppid ?? 0) if (at === pid) return true;
      return false;
    };
    let total = 0;
    for (const [candidate, { cpu }] of stats) if (inTree(candidate)) total += cpu;
    return total / ticks;
  } catch {
    return NaN;
  }
}

async function measureOnce(options) {
  if (options.fresh) fs.rmSync(options.dataDir, { recursive: true, force: true });
  // A plain folder, not mkdtemp's 0700 one: as root, the embedded PostgreSQL runs as another user.
  fs.mkdirSync(options.dataDir, { recursive: true });
  const env = { ...process.env, PORT: String(options.port), DATA_DIR: options.dataDir, ADMIN_JS_TMP_DIR: path.join(options.dataDir, 'adminjs-bundle'), ...options.env };
  for (const key of ['DATABASE_URL', 'NODE_ENV', 'NODE_OPTIONS']) if (!(key in options.env)) delete env[key];
  const spawnedAt = performance.now();
  const child = spawn(options.command[0], options.command.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = new Map();
  let output = '';
  const onData = (chunk) => {
    const at = performance.now() - spawnedAt;
    output += chunk.toString('utf8');
    for (const [name, pattern] of MARKERS) if (!seen.has(name) && pattern.test(output)) seen.set(name, at);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  let exitedEarly = null;
  void exited.then((code) => { exitedEarly = code; });

  let healthyAt = null;
  while (healthyAt === null) {
    if (exitedEarly !== null) throw new Error(`${options.command.join(' ')} exited (${exitedEarly}) before /healthz answered:\n${output}`);
    if (performance.now() - spawnedAt > TIMEOUT_MS) {
      child.kill('SIGKILL');
      throw new Error(`no healthy /healthz within ${TIMEOUT_MS / 1000} s:\n${output}`);
    }
    if (await healthy(options.port)) healthyAt = performance.now() - spawnedAt;
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const cpuSeconds = treeCpuSeconds(child.pid);
  const startupMs = Number(output.match(/"startupMs":(\d+)/)?.[1] ?? NaN);
  child.kill('SIGTERM');
  const code = await exited;
  return { healthyAt, seen, startupMs, cpuSeconds, exitCode: code };
}

const seconds = (ms) => `${(ms / 1000).toFixed(2)} s`;

const options = parseArgs(process.argv.slice(2));
const results = [];
for (let run = 1; run <= options.runs; run += 1) {
  const result = await measureOnce(options);
  results.push(result);
  const steps = [...result.seen].map(([name, at]) => `${name} ${seconds(at)}`).join(', ');
  process.stdout.write(`run ${run}: healthy /healthz after ${seconds(result.healthyAt)} (${steps}; main() to listening ${Number.isNaN(result.startupMs) ? '?' : seconds(result.startupMs)}; CPU used ${result.cpuSeconds.toFixed(2)} s; exit ${result.exitCode} on SIGTERM)\n`);
}
if (options.runs > 1) {
  const sorted = results.map((r) => r.healthyAt).sort((a, b) => a - b);
  process.stdout.write(`median: ${seconds(sorted[Math.floor(sorted.length / 2)])} over ${options.runs} runs\n`);
}
