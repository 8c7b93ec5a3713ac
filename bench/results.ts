// bench/RESULTS.md from the measured figures, with each target checked.
import { API_PAGE_SIZE, API_TARGET_P95_MS, type ApiResult } from './api-bench.js';
import type { EditResult } from './edit-bench.js';
import type { Environment } from './environment.js';
import type { ExportResult } from './export-bench.js';
import type { ListResult } from './list-bench.js';
import type { VerifyResult } from './verify-bench.js';

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
}

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
  if (edit) lines.push(`| audited edit ≤ 1.10× unaudited | ${edit.ratio.toFixed(2)}× (p50 ${ms(edit.auditedP50)} vs ${ms(edit.plainP50)} ms) | ${verdict(edit.ratio <= 1.1)} |`);
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
  return lines.join('\n');
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
  if (edit) {
    sections.push(
      '## Edit overhead',
      '',
      `The same Inbox edit over HTTP, ${edit.edits} times each, alternating: MessageHub (audited) vs MessageHub with the audit plugin off (bench/stock-server.ts: the same HTTP stack, sessions, sign-in and per-request role refresh, stock AdminJS resources; same database).`,
      '',
      '| | p50 ms | p95 ms |',
      '|---|---:|---:|',
      `| audited | ${ms(edit.auditedP50)} | ${ms(edit.auditedP95)} |`,
      `| unaudited | ${ms(edit.plainP50)} | ${ms(edit.plainP95)} |`,
      '',
      `Ratio ${edit.ratio.toFixed(2)}×; per-entry write cost (p50 difference) ${edit.perEntryMs.toFixed(2)} ms.`,
      '',
    );
  }
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
  if (input.notes.trim()) sections.push(input.notes.trim(), '');
  return sections.join('\n');
}
