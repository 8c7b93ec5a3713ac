// `npx tsx bench/export/export-memory.ts [--entries 1000000]`: does the audit export stream with
// flat memory? Seeds the bench database up to N entries (npm run seed:bulk's code), starts the app
// in production mode in its own process, and exports the newest 1 000, 100 000 and N rows as CSV
// and JSON Lines, sampling the server's RSS every 50 ms. Flat memory means the peak does not grow
// with the row count: streaming N rows should cost about what 1 000 rows cost.
// Owned by the viewer/export work; the bench's own export figure lives in bench/export-bench.ts.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD, BENCH_DATABASE_URL, prepareBenchDatabase } from '../bench-database.js';
import { signIn, type Session } from '../http-client.js';
import { seedBulkEntries } from '../seed-bulk.js';
import { memoryOf, startServer, type RunningServer } from '../servers.js';

const { values } = parseArgs({ options: { entries: { type: 'string', default: '1000000' }, port: { type: 'string', default: '3917' } } });
const entries = Number(values.entries);

interface Measure {
  format: string;
  limit: number;
  rows: number;
  seconds: number;
  rssBeforeMb: number;
  peakRssMb: number;
}

async function countEntries(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM audit_logs')).rows[0].n);
  } finally {
    await client.end();
  }
}

/** Exports the newest `limit` rows (a date filter would do as well; a row limit is exact). */
async function exportOnce(server: RunningServer, session: Session, format: 'csv' | 'jsonl', limit: number): Promise<Measure> {
  const pid = server.process.pid!;
  const rssBeforeMb = memoryOf(pid).rssMb;
  let peak = rssBeforeMb;
  const sampler = setInterval(() => (peak = Math.max(peak, memoryOf(pid).rssMb)), 50);
  const started = performance.now();
  let newlines = 0;
  try {
    const response = await fetch(`${session.base}/admin/audit-logs/export?format=${format}`, { headers: { cookie: session.cookie } });
    if (response.status !== 200 || !response.body) throw new Error(`export answered HTTP ${response.status}`);
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) newlines += 1;
    }
  } finally {
    clearInterval(sampler);
  }
  const rows = format === 'csv' ? newlines - 1 : newlines;
  return { format, limit, rows, seconds: (performance.now() - started) / 1000, rssBeforeMb, peakRssMb: peak };
}

async function main(): Promise<void> {
  const url = BENCH_DATABASE_URL;
  await prepareBenchDatabase(url);
  const have = await countEntries(url);
  if (have < entries) await seedBulkEntries({ entries: entries - have, url, log: (line) => console.log(`  ${line}`) });
  console.log(`audit_logs holds ${(await countEntries(url)).toLocaleString('en')} entries`);

  const results: Measure[] = [];
  for (const limit of [1_000, 100_000, entries]) {
    // One server per limit: EXPORT_MAX_ROWS is the exact row count, and each run starts from a fresh heap.
    const server = await startServer({
      script: 'src/main.ts',
      port: Number(values.port),
      env: { NODE_ENV: 'production', DATABASE_URL: url, SESSION_SECRET: 'export-memory-check-secret-0123456789abcdef', EXPORT_MAX_ROWS: String(limit), SEED_ON_START: 'false' },
    });
    try {
      const session = await signIn(server.url, BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD);
      for (const format of ['csv', 'jsonl'] as const) {
        const measure = await exportOnce(server, session, format, limit);
        results.push(measure);
        console.log(
          `${format.padEnd(5)} ${measure.rows.toLocaleString('en').padStart(10)} rows in ${measure.seconds.toFixed(1)} s ` +
            `(${Math.round(measure.rows / measure.seconds).toLocaleString('en')} rows/s); RSS ${measure.rssBeforeMb.toFixed(0)} MB before, peak ${measure.peakRssMb.toFixed(0)} MB`,
        );
      }
    } finally {
      await server.stop();
    }
  }
  // Each limit runs in a fresh server whose idle RSS differs by tens of MB (bundling, GC timing),
  // so what the export itself costs is its peak over the same server's RSS just before it.
  const growth = results.map((r) => `${r.format} ${r.rows.toLocaleString('en')}: +${(r.peakRssMb - r.rssBeforeMb).toFixed(0)} MB`);
  console.log(`RSS growth during each export (flat memory: about the same for 1 000 and ${entries.toLocaleString('en')} rows): ${growth.join(', ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
