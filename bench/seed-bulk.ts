// `npm run seed:bulk -- --entries N [--batch B] [--database-url URL]`: adds N realistic audit
// entries to the bench database (mh_bench unless BENCH_DATABASE_URL / --database-url say otherwise).
// Rows are made by the server (see bulk-entries-sql.ts). When the load is at least as big as what
// is already there, the table's indexes are dropped first and rebuilt after: building an index
// once is several times cheaper than maintaining it row by row.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { BENCH_DATABASE_URL, prepareBenchDatabase } from './bench-database.js';
import { bulkEntriesInsert } from './bulk-entries-sql.js';

export interface BulkSeedOptions {
  entries: number;
  batch?: number;
  url?: string;
  /** Progress lines; silent when omitted. */
  log?: (line: string) => void;
}

interface IndexDefinition {
  name: string;
  definition: string;
}

async function secondaryIndexes(client: pg.Client): Promise<IndexDefinition[]> {
  const result = await client.query<IndexDefinition>(`
    SELECT i.indexname AS name, i.indexdef AS definition
    FROM pg_indexes i
    JOIN pg_class c ON c.relname = i.indexname
    JOIN pg_index x ON x.indexrelid = c.oid
    WHERE i.tablename = 'audit_logs' AND i.schemaname = current_schema() AND NOT x.indisprimary AND NOT x.indisunique`);
  return result.rows;
}

/** Adds `entries` rows; returns the table's row count after. */
export async function seedBulkEntries(options: BulkSeedOptions): Promise<number> {
  const url = options.url ?? BENCH_DATABASE_URL;
  const batch = options.batch ?? 250_000;
  const log = options.log ?? (() => undefined);
  await prepareBenchDatabase(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // Index builds and the final vacuum get room to sort in memory.
    await client.query(`SET maintenance_work_mem = '1GB'`);
    const existing = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs')).rows[0]!.n);
    const rebuild = options.entries >= existing && options.entries >= 100_000;
    const indexes = rebuild ? await secondaryIndexes(client) : [];
    for (const index of indexes) await client.query(`DROP INDEX ${index.name}`);
    if (indexes.length) log(`dropped ${indexes.length} indexes for the load`);

    const endsAt = new Date();
    const started = Date.now();
    for (let first = 0; first < options.entries; first += batch) {
      const count = Math.min(batch, options.entries - first);
      await client.query(bulkEntriesInsert(first, count, options.entries, endsAt));
      const done = first + count;
      const seconds = (Date.now() - started) / 1000;
      log(`${done.toLocaleString('en')} / ${options.entries.toLocaleString('en')} entries (${Math.round(done / seconds).toLocaleString('en')} rows/s)`);
    }
    for (const index of indexes) {
      const at = Date.now();
      await client.query(index.definition);
      log(`rebuilt ${index.name} in ${((Date.now() - at) / 1000).toFixed(1)} s`);
    }
    // Fresh statistics for the planner, and a visibility map so the list's id lookups are index-only.
    await client.query('VACUUM (ANALYZE) audit_logs');
    const total = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_logs')).rows[0]!.n);
    log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s; audit_logs holds ${total.toLocaleString('en')} entries`);
    return total;
  } finally {
    await client.end();
  }
}

function positive(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined && fallback !== undefined) return fallback;
  const parsed = Number(String(value).replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${name} must be a whole number ≥ 1 (got ${String(value)})`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { entries: { type: 'string' }, batch: { type: 'string' }, 'database-url': { type: 'string' } },
  });
  const entries = positive('entries', values.entries);
  const batch = positive('batch', values.batch, 250_000);
  await seedBulkEntries({ entries, batch, url: values['database-url'], log: (line) => process.stdout.write(`${line}\n`) });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`seed:bulk failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
