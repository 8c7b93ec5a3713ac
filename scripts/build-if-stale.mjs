// `npm start` runs the compiled app (dist/), not TypeScript through tsx: tsx's loader costs about
// 200 MB of memory and a slower start. This script is npm's `prestart`: it compiles when dist/ is
// missing or older than the sources, so `npm start` works right after `npm install` and after every
// edit or pull, with no build step to remember, and is instant when nothing changed.
// Plain JavaScript, because it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// Written after a successful build, dated when that build started (an edit made during the build
// is then still newer, so the next start builds again); removed while a build runs.
const STAMP = path.join(DIST, '.build-stamp');
// Two starts at once (two terminals, the test workers) must not both run tsc into dist/.
const LOCK = path.join(DIST, '.build-lock');
// What tsconfig.build.json compiles (its `include`: keep the two in step; tests, bench and
// scripts are type-checked by `npm run typecheck`, not built), and the files that change
// the build's output without touching a source.
const SOURCE_DIRS = ['src', 'plugin/src', 'migrations', 'seeds'];
const INPUT_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'plugin/tsconfig.json', 'plugin/package.json'];
// The app imports the audit plugin by its package name, which resolves to the plugin's own
// compiled dist/ (plugin/package.json `exports`): it is built first, from plugin/tsconfig.json.
const PLUGIN = path.join(ROOT, 'plugin');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

/** The newest file the build reads, with its mtime. */
function newestInput() {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  for (const dir of SOURCE_DIRS) {
    if (!fs.existsSync(path.join(ROOT, dir))) continue;
    for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /\.(ts|tsx|mts|cts)$/.test(entry.name)) consider(path.join(entry.parentPath ?? entry.path, entry.name));
    }
  }
  for (const file of INPUT_FILES) consider(path.join(ROOT, file));
  return newest;
}

/** Why dist/ must be built, or null when it is up to date. */
function reasonToBuild() {
  if (!fs.existsSync(path.join(DIST, 'src', 'main.js'))) return 'first build';
  if (!fs.existsSync(STAMP)) return 'no finished build on record';
  const newest = newestInput();
  return newest.mtimeMs > fs.statSync(STAMP).mtimeMs ? `sources changed: ${path.relative(ROOT, newest.file)}` : null;
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM'; // exists, but not ours
  }
}

async function acquireLock() {
  fs.mkdirSync(DIST, { recursive: true });
  let said = false;
  for (;;) {
    try {
      fs.writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      return;
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    // A build killed midway (Ctrl-C) leaves its lock behind: take it over once its process is gone.
    const holder = Number(fs.readFileSync(LOCK, 'utf8'));
    if (holder > 0 && !isRunning(holder)) {
      fs.rmSync(LOCK, { force: true });
      continue;
    }
    if (!said) process.stdout.write('Waiting for another build of dist/ to finish…\n');
    said = true;
    await sleep(200);
  }
}

/** Builds when stale; false when the build is needed and cannot be done. */
function buildIfStale() {
  const reason = reasonToBuild();
  if (!reason) return true;
  if (!fs.existsSync(TSC)) {
    process.stderr.write(`dist/ needs building (${reason}), but TypeScript is not installed: run npm install (with dev dependencies).\n`);
    return false;
  }
  process.stdout.write(`Building the app into dist/ (${reason}); this takes about 10–20 s…\n`);
  const startedAt = new Date();
  // Gone until this build succeeds: a failed or interrupted build leaves dist/ half-written.
  fs.rmSync(STAMP, { force: true });
  // A module moved or deleted in the plugin must not linger in its dist/.
  fs.rmSync(path.join(PLUGIN, 'dist'), { recursive: true, force: true });
  for (const [project, cwd] of [['tsconfig.json', PLUGIN], ['tsconfig.build.json', ROOT]]) {
    // tsc reports errors on stdout; sent to stderr, they reach whoever shows the failure (npm, a test).
    const tsc = spawnSync(process.execPath, [TSC, '-p', project], { cwd, stdio: ['inherit', 2, 2] });
    // tsc writes its output even when it finds errors: never let the app start from such a build.
    if (tsc.status !== 0) {
      process.stderr.write(`The build of ${path.relative(ROOT, path.join(cwd, project))} failed (tsc exited with ${tsc.status ?? tsc.signal}); not starting.\n`);
      return false;
    }
  }
  fs.writeFileSync(STAMP, `built from the sources as of ${startedAt.toISOString()}\n`);
  fs.utimesSync(STAMP, startedAt, startedAt);
  return true;
}

await acquireLock();
try {
  // Checked under the lock: when another process has just built, there is nothing left to do.
  if (!buildIfStale()) process.exitCode = 1;
} finally {
  fs.rmSync(LOCK, { force: true });
}
