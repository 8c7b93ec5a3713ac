// bench/RESULTS.md from the measured figures, with each target checked.
import { API_PAGE_SIZE, API_TARGET_P95_MS, type ApiResult } from './api-bench.js';
import type { BareEditResult, EditResult } from './edit-bench.js';
import type { Environment } from './environment.js';
import type { ExportResult } from './export-bench.js';
import type { ListResult } from './list-bench.js';
import type { VerifyResult } from './verify-bench.js';
import type { AccountsRun } from './accounts-bench.js';
import { accountsSection, accountsTargetRows } from './accounts-results.js';
import { describeEngineLoad, ENGINE_LABELS, ENGINE_SETUPS, ENGINE_TARGETS, type EngineLoad, type EngineLoadSpec, type EngineResult, type EngineRun } from './engine-bench.js';

/** `npm run audit:verify` over the biggest bench database: at most this long. */
export const VERIFY_TARGET_SECONDS = 120;
export const VERIFY_TARGET_ENTRIES = 10_000_000;

export interface StartupResult {
  firstStartMs: number;
  restartRuns: number;
  /** Development (`npm run dev`): tsx compiles TypeScript in the process. For comparison, not a target. */
  tsx: { restartMs: number; idleRssMb: number };
  /** `npm start`: the compiled build, `node dist/src/main.js` (after its prestart has built dist/). */
  compiled: { restartMs: number; idleRssMb: number };
}

export interface ResultsInput {
  environment: Environment;
  sizes: number[];
  runs: number;
  stockRuns: number;
  startup: StartupResult | null;
  lists: ListResult[];
  /** The read API's pages (absent in figures from before it was measured). */
  apis?: ApiResult[];
  edit: EditResult | null;
  exported: ExportResult | null;
  /** verifyAuditChain per size (absent in figures from before it was measured). */
  verifies?: VerifyResult[];
  notes: string;
  minutes: number;
  /** The engine case set (bench/engine-bench.ts), measured in a run of its own or with the rest; absent before it existed. */
  engines?: EngineRun | null;
  /** The accounts case set (bench/accounts-bench.ts): appends by account on one node and on Citus, one account's list on Citus; absent before it existed. */
  accounts?: AccountsRun | null;
}

/**
 * What MessageHub's audited edit is held to: bare AdminJS + @adminjs/logger as the docs wire it,
 * sessions in PostgreSQL (as MessageHub's must be); null in figures without it.
 */
export function editTarget(edit: EditResult): BareEditResult | null {
  return (edit.bare ?? []).find((bare) => bare.logger && bare.sessions === 'postgresql') ?? null;
}

/** For comparison, not a target: bare AdminJS + @adminjs/logger with sessions in process memory (no session read at all). */
export function editReference(edit: EditResult): BareEditResult | null {
  return (edit.bare ?? []).find((bare) => bare.logger && bare.sessions === 'memory') ?? null;
}

const signed = (value: number) => `${value > 0 ? '+' : ''}${value.toFixed(2)}`;

const sessionsIn = (bare: BareEditResult) => (bare.sessions === 'memory' ? 'memory' : 'PostgreSQL');

const ms = (value: number) => (Number.isNaN(value) ? '—' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');

function listTable(lists: ListResult[]): string {
  const lines = [
    '| entries | filter | page | ours p50 | ours p95 | stock p50 | stock p95 | faster (p50) | total shown |',
    '|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of lists) {
    lines.push(
      `| ${row.entries.toLocaleString('en')} | ${row.caseName} | ${row.page} | ${ms(row.oursP50)} | ${ms(row.oursP95)} | ${ms(row.stockP50)} | ${ms(row.stockP95)} | ${(row.stockP50 / row.oursP50).toFixed(0)}× | ${row.oursTotal.toLocaleString('en')} |`,
    );
  }
  return lines.join('\n');
}

function apiTable(apis: ApiResult[]): string {
  const lines = [`| entries | filter | page | p50 | p95 | p95 ≤ ${API_TARGET_P95_MS} ms | entries on the page |`, '|---:|---|---:|---:|---:|---|---:|'];
  for (const row of apis) {
    lines.push(`| ${row.entries.toLocaleString('en')} | ${row.caseName} | ${row.page} | ${ms(row.p50)} | ${ms(row.p95)} | ${row.p95 <= API_TARGET_P95_MS ? 'yes' : '**no**'} | ${row.records}${row.hasMore ? '' : ' (last)'} |`);
  }
  return lines.join('\n');
}

function targets(input: ResultsInput): string {
  const lines = ['| target | measured | |', '|---|---|---|'];
  const { edit, startup, exported } = input;
  if (edit) {
    const target = editTarget(edit);
    if (target) {
      lines.push(
        `| audited edit p50 ≤ bare AdminJS + \`@adminjs/logger\` edit p50 (wired as the docs say, sessions in PostgreSQL), same run | ${ms(edit.auditedP50)} vs ${ms(target.p50)} ms | ${verdict(edit.auditedP50 <= target.p50)} |`,
      );
    }
    lines.push(`| audited edit ≤ 1.10× unaudited | ${edit.ratio.toFixed(2)}× (p50 ${ms(edit.auditedP50)} vs ${ms(edit.plainP50)} ms) | ${verdict(edit.ratio <= 1.1)} |`);
  }
  const biggest = Math.max(...input.sizes);
  const firstPages = input.lists.filter((row) => row.page === 1 && row.entries === biggest);
  if (firstPages.length) {
    const worstP95 = firstPages.reduce((worst, row) => (row.oursP95 > worst.oursP95 ? row : worst));
    const leastGain = firstPages.reduce((least, row) => (row.stockP50 / row.oursP50 < least.stockP50 / least.oursP50 ? row : least));
    lines.push(`| first page p95 ≤ 50 ms, every single filter/search, ${biggest.toLocaleString('en')} entries | worst p95 ${ms(worstP95.oursP95)} ms (${worstP95.caseName}) | ${verdict(worstP95.oursP95 <= 50)} |`);
    const gain = leastGain.stockP50 / leastGain.oursP50;
    lines.push(`| first page ≥ 20× faster than stock, ${biggest.toLocaleString('en')} entries | least gain ${gain.toFixed(1)}× (${leastGain.caseName}) | ${verdict(gain >= 20)} |`);
  }
  const apiPages = (input.apis ?? []).filter((row) => row.entries === biggest);
  if (apiPages.length) {
    const worst = apiPages.reduce((top, row) => (row.p95 > top.p95 ? row : top));
    lines.push(
      `| read API, a page of ${API_PAGE_SIZE} p95 ≤ ${API_TARGET_P95_MS} ms, every single filter/search (first and deep pages), ${biggest.toLocaleString('en')} entries | worst p95 ${ms(worst.p95)} ms (${worst.caseName}, page ${worst.page}) | ${verdict(worst.p95 <= API_TARGET_P95_MS)} |`,
    );
  }
  if (exported) {
    lines.push(`| export ≥ 50 k rows/s | ${Math.round(exported.rowsPerSecond).toLocaleString('en')} rows/s (${exported.rows.toLocaleString('en')} rows) | ${verdict(exported.rowsPerSecond >= 50_000)} |`);
    lines.push(`| export peak RSS ≤ 300 MB | ${exported.peakRssMb.toFixed(0)} MB | ${verdict(exported.peakRssMb <= 300)} |`);
  }
  const verified = (input.verifies ?? []).filter((row) => row.ok);
  if (verified.length) {
    const biggestVerify = verified.reduce((big, row) => (row.entries > big.entries ? row : big));
    const at10m = (biggestVerify.seconds * VERIFY_TARGET_ENTRIES) / biggestVerify.entries;
    const measured = biggestVerify.entries >= VERIFY_TARGET_ENTRIES * 0.99;
    lines.push(
      `| chain verify of ${VERIFY_TARGET_ENTRIES.toLocaleString('en')} entries ≤ ${VERIFY_TARGET_SECONDS / 60} min | ${measured ? `${biggestVerify.seconds.toFixed(0)} s` : `${at10m.toFixed(0)} s **extrapolated** from ${biggestVerify.seconds.toFixed(1)} s at ${biggestVerify.entries.toLocaleString('en')}`} (${Math.round(biggestVerify.entriesPerSecond).toLocaleString('en')} entries/s) | ${verdict(at10m <= VERIFY_TARGET_SECONDS)} |`,
    );
  }
  if (startup) {
    const { compiled } = startup;
    lines.push(`| idle RSS ≤ 250 MB (server database), \`npm start\` (compiled, \`node dist/src/main.js\`) | ${compiled.idleRssMb.toFixed(0)} MB | ${verdict(compiled.idleRssMb <= 250)} |`);
    lines.push(`| restart ≤ 3 s (prebuilt bundle), \`npm start\` (compiled, \`node dist/src/main.js\`) | ${(compiled.restartMs / 1000).toFixed(2)} s (median of ${startup.restartRuns}) | ${verdict(compiled.restartMs <= 3000)} |`);
  }
  lines.push(...engineTargetRows(input.engines));
  lines.push(...accountsTargetRows(input.accounts));
  return lines.join('\n');
}

function editSection(edit: EditResult, env: Environment): string[] {
  const measuredApart = edit.date !== undefined && edit.date !== env.date;
  const lines = [
    '## Edit',
    '',
    `The same Inbox edit over HTTP (a new name each time), on the same row, ${edit.edits} times in each app after 10 warm-up rounds, one request per app in turn (the order rotating each round), all apps running at once, each in a process of its own, on the same database server${edit.entries !== undefined ? ` (its audit table holding ${edit.entries.toLocaleString('en')} entries)` : ''}${measuredApart ? `; measured on ${edit.date}, load average ${edit.loadAverage}, in a run of its own (\`--skip\`ping the other steps)` : ''}:`,
    '',
    '- **MessageHub, audited**: the change and its audit entry in one transaction (`src/main.ts`);',
    '- **MessageHub, unaudited**: MessageHub with the audit plugin off (`bench/stock-server.ts`: the same HTTP stack, sessions, sign-in and per-request role refresh, stock AdminJS resources);',
  ];
  if (edit.bare?.length) {
    lines.push(
      '- **bare AdminJS** (`bench/stock-logger-server.ts`): AdminJS + `@adminjs/typeorm` + `@adminjs/express` and nothing else, with `@adminjs/logger` wired as its docs say (its `Log` entity and `logs` table, the logger feature on the Inbox resource: a Log row per edit) and without it; sessions in PostgreSQL with connect-pg-simple as AdminJS\'s Express docs wire them (`resave` and `saveUninitialized` true, so the session row is written at every request), and again in express-session\'s memory store.',
    );
  }
  lines.push('', '| app | p50 ms | p95 ms |', '|---|---:|---:|', `| MessageHub, audited | ${ms(edit.auditedP50)} | ${ms(edit.auditedP95)} |`, `| MessageHub, unaudited | ${ms(edit.plainP50)} | ${ms(edit.plainP95)} |`);
  for (const bare of edit.bare ?? []) lines.push(`| bare AdminJS${bare.logger ? ' + `@adminjs/logger`' : ''}, sessions in ${sessionsIn(bare)} | ${ms(bare.p50)} | ${ms(bare.p95)} |`);
  lines.push('', `- Audited vs unaudited: ${edit.ratio.toFixed(2)}×; the entry's cost (p50 difference) ${edit.perEntryMs.toFixed(2)} ms.`);
  const target = editTarget(edit);
  if (target) lines.push(`- Audited vs bare AdminJS + \`@adminjs/logger\` with sessions in PostgreSQL (the target): ${ms(edit.auditedP50)} vs ${ms(target.p50)} ms p50 (${signed(edit.auditedP50 - target.p50)} ms).`);
  const reference = editReference(edit);
  if (reference) lines.push(`- For comparison, with its sessions in memory (no session read at all; MessageHub's must live in PostgreSQL): ${ms(reference.p50)} ms p50 (audited ${signed(edit.auditedP50 - reference.p50)} ms).`);
  lines.push('');
  return lines;
}

export function renderResults(input: ResultsInput): string {
  const { environment: env, edit, startup, exported } = input;
  const sections = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${env.date} (${input.minutes.toFixed(0)} min).`,
    '',
    `- CPU: ${env.cpu}, ${env.cores} cores, ${env.memoryGb} GB RAM; load average at start ${env.loadAverage}`,
    `- Node ${env.node}; ${env.postgres} on the same machine`,
    `- Sizes: ${input.sizes.map((size) => size.toLocaleString('en')).join(', ')} entries (\`seed:bulk\` rows, two years of history)`,
    `- List: median (p50) and nearest-rank p95 of ${input.runs} requests for ours and ${input.stockRuns} for stock per row, after one warm-up each, ours and stock alternating; perPage 20 (the app's default), sorted newest first`,
    '',
    '## Targets',
    '',
    targets(input),
    '',
    '## Audit Logs list API',
    '',
    listTable(input.lists),
    '',
  ];
  if (input.apis?.length) {
    sections.push(
      '## Read API',
      '',
      `\`GET /api/v1/audit_logs?limit=${API_PAGE_SIZE}\` with a personal access token (made by the bench as the plugin makes one, revoked after), newest first: the list's cases as query parameters. Page 1, and for a few filters a deeper page reached by following \`next_cursor\` (the pages before it unmeasured). Median (p50) and nearest-rank p95 of ${input.runs} requests per row after one warm-up; each search request spells its term in other letter cases, so none reuses the last search's figures. The rate limit is raised for the bench (\`AUDIT_API_RATE_LIMIT\`); each request still takes from it and is checked against its token, as in production.`,
      '',
      apiTable(input.apis),
      '',
    );
  }
  if (edit) sections.push(...editSection(edit, env));
  if (exported) {
    sections.push('## Export', '', `CSV over HTTP from the compiled app (\`node dist/src/main.js\`), filter category = User: ${exported.rows.toLocaleString('en')} rows in ${exported.seconds.toFixed(1)} s = ${Math.round(exported.rowsPerSecond).toLocaleString('en')} rows/s; peak RSS of the app ${exported.peakRssMb.toFixed(0)} MB.`, '');
  }
  if (startup) {
    sections.push(
      '## Start-up and memory',
      '',
      `\`npm start\` runs the compiled build (\`node dist/src/main.js\`, once its prestart has built dist/; npm's own process is not counted). First start with bundling ${(startup.firstStartMs / 1000).toFixed(1)} s. Restart with the prebuilt bundle (spawn to first healthy /healthz, pending migrations checked, median of ${startup.restartRuns}): ${(startup.compiled.restartMs / 1000).toFixed(2)} s. Idle RSS after sign-in, a list page and the bundle served, then 5 s idle: ${startup.compiled.idleRssMb.toFixed(0)} MB.`,
      '',
      `For comparison, not a target: development (\`npm run dev\`, TypeScript through tsx's loader) restarts in ${(startup.tsx.restartMs / 1000).toFixed(2)} s and idles at ${startup.tsx.idleRssMb.toFixed(0)} MB.`,
      '',
    );
  }
  if (input.verifies?.length) {
    sections.push('## Chain verification', '', '`verifyAuditChain` (what `npm run audit:verify` runs) over each bench database, whose `seed:bulk` entries are chained as the writer chains them.', '');
    sections.push('| entries | time | entries/s | result |', '|---:|---:|---:|---|');
    for (const row of input.verifies) {
      sections.push(`| ${row.entries.toLocaleString('en')} | ${row.seconds.toFixed(1)} s | ${Math.round(row.entriesPerSecond).toLocaleString('en')} | ${row.ok ? 'OK' : `**${row.problem ?? 'failed'}**`} |`);
    }
    sections.push('');
  }
  if (input.engines) sections.push(...engineSection(input.engines));
  if (input.accounts) sections.push(...accountsSection(input.accounts));
  if (input.notes.trim()) sections.push(input.notes.trim(), '');
  return sections.join('\n');
}

// ── The engine case set (bench/engine-bench.ts): the default's database beside the former one ──

const seconds = (value: number) => (Number.isNaN(value) ? '—' : `${(value / 1000).toFixed(value < 10_000 ? 2 : 1)} s`);

const loadMet = (load: EngineLoad) => load.listP95 <= ENGINE_TARGETS.listP95Ms && load.errors === 0 && load.exportsComplete;

const pacing = (spec: EngineLoadSpec) =>
  `${spec.pauseMs ? `each admin pausing ${spec.pauseMs / 1000} s after each answer` : 'no pause (each admin\'s next request as soon as its last is answered)'}, ${spec.exporting ? 'exports streaming' : 'no export (the control)'}`;

function exportsCell(load: EngineLoad): string {
  const complete = load.exports.filter((exported) => exported.complete);
  const times = complete.map((exported) => exported.seconds);
  const span = times.length ? `, ${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)} s each` : '';
  return `${complete.length} of ${load.exports.length} complete${span} — ${verdict(load.exportsComplete)}`;
}

/** Measures down, engines across, each cell marked against the target of the default `npm start`. */
export function engineTable(run: EngineRun): string {
  const rows = run.results;
  const cells = (render: (row: EngineResult) => string) => rows.map(render).join(' | ');
  const perLoad = (index: number, render: (load: EngineLoad) => string) => cells((row) => (row.loads[index] ? render(row.loads[index]!) : '—'));
  const lines = [
    `| | target | ${rows.map((row) => ENGINE_LABELS[row.engine]).join(' | ')} |`,
    `|---|---|${rows.map(() => '---:').join('|')}|`,
    `| idle PSS of every process, after sign-in and a list page | ≤ ${ENGINE_TARGETS.idlePssMb} MB | ${cells((row) => (row.memory ? `${row.memory.totalPssMb.toFixed(0)} MB — ${verdict(row.memory.totalPssMb <= ENGINE_TARGETS.idlePssMb)}` : '—'))} |`,
    `| … app + database (processes counted) | | ${cells((row) => (row.memory ? `${row.memory.appPssMb.toFixed(0)} + ${row.memory.databasePssMb.toFixed(0)} MB (${row.memory.processes})` : '—'))} |`,
  ];
  run.loads.forEach((spec, index) => {
    const who = `${run.clients} admins, ${describeEngineLoad(spec)}`;
    // The target is for lists while an export streams; without one, the figures are a control.
    const target = (text: string) => (spec.exporting ? text : '(control)');
    lines.push(
      `| **list** p50 / p95, ${who} | ${target(`p95 ≤ ${ENGINE_TARGETS.listP95Ms} ms`)} | ${perLoad(index, (load) => `${ms(load.listP50)} / ${ms(load.listP95)} ms${spec.exporting ? ` — ${verdict(load.listP95 <= ENGINE_TARGETS.listP95Ms)}` : ''}`)} |`,
      `| edit p50 / p95, ${who} | | ${perLoad(index, (load) => `${ms(load.editP50)} / ${ms(load.editP95)} ms`)} |`,
      `| lists + edits answered, ${who} | | ${perLoad(index, (load) => `${load.lists} + ${load.edits} in ${load.seconds.toFixed(0)} s`)} |`,
      `| errors, ${who} | 0 | ${perLoad(index, (load) => `${load.errors} — ${verdict(load.errors === 0)}`)} |`,
      `| CPU seconds used: app / database / bench client, ${who} | | ${perLoad(index, (load) => (load.cpu ? `${load.cpu.app.toFixed(1)} / ${load.cpu.database.toFixed(1)} / ${load.cpu.bench.toFixed(1)}` : '—'))} |`,
    );
    if (spec.exporting) lines.push(`| exports of all ${run.entries.toLocaleString('en')}+ entries, back to back, ${who} | each complete | ${perLoad(index, exportsCell)} |`);
  });
  lines.push(
    `| first start, empty storage, to a healthy /healthz | ≤ ${ENGINE_TARGETS.firstStartMs / 1000} s | ${cells((row) => (Number.isNaN(row.firstStartMs) ? '—' : `${seconds(row.firstStartMs)} — ${verdict(row.firstStartMs <= ENGINE_TARGETS.firstStartMs)}`))} |`,
    `| restart (median of ${run.restartRuns}) | ≤ ${ENGINE_TARGETS.restartMs / 1000} s | ${cells((row) => (Number.isNaN(row.restartMs) ? '—' : `${seconds(row.restartMs)} — ${verdict(row.restartMs <= ENGINE_TARGETS.restartMs)}`))} |`,
    `| \`seed:bulk\` of ${run.entries.toLocaleString('en')} entries, app stopped | | ${cells((row) => (Number.isNaN(row.seedSeconds) ? '—' : `${row.seedSeconds.toFixed(0)} s`))} |`,
    `| PostgreSQL | | ${cells((row) => row.postgres.replace(/^PostgreSQL /, '').replace(/ \(.*\)$/, '') || '—')} |`,
    `| load average when its measures began | | ${cells((row) => row.loadAverage)} |`,
  );
  return lines.join('\n');
}

/** The default engine's figures in the Targets table. */
function engineTargetRows(run: EngineRun | null | undefined): string[] {
  const row = run?.results.find((result) => result.engine === 'embedded');
  if (!run || !row) return [];
  const what = 'default `npm start` (embedded PostgreSQL server)';
  const lines: string[] = [];
  if (row.memory) {
    lines.push(`| idle PSS of app + database ≤ ${ENGINE_TARGETS.idlePssMb} MB, ${what} | ${row.memory.totalPssMb.toFixed(0)} MB (app ${row.memory.appPssMb.toFixed(0)} + database ${row.memory.databasePssMb.toFixed(0)}) | ${verdict(row.memory.totalPssMb <= ENGINE_TARGETS.idlePssMb)} |`);
  }
  for (const load of row.loads.filter((measured) => measured.exporting)) {
    lines.push(
      `| ${run.clients} admins listing and editing (${load.pauseMs ? `${load.pauseMs / 1000} s pause` : 'no pause'}) during ${run.entries.toLocaleString('en')}-entry exports: list p95 ≤ ${ENGINE_TARGETS.listP95Ms} ms, 0 errors, exports complete, ${what} | p95 ${ms(load.listP95)} ms, ${load.errors} errors, ${load.exports.filter((exported) => exported.complete).length} of ${load.exports.length} exports complete | ${verdict(loadMet(load))} |`,
    );
  }
  if (!Number.isNaN(row.firstStartMs)) lines.push(`| first start (fresh DATA_DIR) ≤ ${ENGINE_TARGETS.firstStartMs / 1000} s, ${what} | ${seconds(row.firstStartMs)} | ${verdict(row.firstStartMs <= ENGINE_TARGETS.firstStartMs)} |`);
  if (!Number.isNaN(row.restartMs)) lines.push(`| restart ≤ ${ENGINE_TARGETS.restartMs / 1000} s, ${what} | ${seconds(row.restartMs)} (median of ${run.restartRuns}) | ${verdict(row.restartMs <= ENGINE_TARGETS.restartMs)} |`);
  if (row.failure) lines.push(`| ${what} measured in full | failed: ${row.failure} | **missed** |`);
  return lines;
}

function engineSection(run: EngineRun): string[] {
  return [
    '## Database engines (issue #15)',
    '',
    `Measured on ${run.date}, ${run.cpu}, ${run.cores} cores, Node ${run.node}; load average ${run.loadAverageStart} at the start, ${run.loadAverageEnd} at the end (the two cores shared with other work: read the times with it). ` +
      `Each engine in turn, the app started as the default \`npm start\` starts it: package.json's start script (\`${run.startScript}\` at the time) run as node with the same options and script, without npm (npm's own process is not counted; dist/ built beforehand), no NODE_ENV, no DATABASE_URL unless the engine needs one, the default pool, log level and settings. ` +
      `For each: a first start on empty storage (initdb or PGlite's own, the migrations, the demo data); ${run.entries.toLocaleString('en')} chained audit entries added with \`seed:bulk\`'s SQL (the app stopped); ${run.restartRuns} restarts; then one more start for the rest: ` +
      `idle memory as PSS (\`/proc/<pid>/smaps_rollup\`, so pages shared between processes count once) once the app's start-up work is over (a development start bundles the panel in the background), 5 s after a sign-in and a list page; ` +
      `then ${run.clients} administrators, each signed in with a session of its own, looping for ${run.seconds} s over an Audit Logs list page (pages 1–5 in turn) and an edit of an inbox of its own (made for it beforehand), while one more, from a process of its own (bench/export-reader.ts, as from a browser of its own), downloads CSV exports of every entry back to back (at least one). ` +
      `The loads, in turn: ${run.loads.map(pacing).join('; ')}. An export counts as complete when its file ends normally (the app ends it only once the export's own entry is committed) and holds at least the ${run.entries.toLocaleString('en')}+ entries there were before the load.`,
    '',
    engineTable(run),
    '',
    ...run.results.map((row) => {
      const errors = [...new Set(row.loads.flatMap((load) => load.errorSamples))];
      return `- **${ENGINE_LABELS[row.engine]}**: ${ENGINE_SETUPS[row.engine]}.${row.failure ? ` **Failed:** ${row.failure}.` : ''}${errors.length ? ` Errors, e.g.: ${errors.slice(0, 3).map((sample) => `\`${sample}\``).join('; ')}.` : ''}`;
    }),
    '',
  ];
}
