// The bench's own database: `mh_bench` on the local server unless BENCH_DATABASE_URL says
// otherwise. Never the test database, never the app's: the bench fills it with millions of rows.
import pg from 'pg';
import { createDataSource } from '../src/db/data-source.js';
import { runMigrations } from '../src/db/migrate.js';
import { createLogger } from '../src/logger.js';
import { seedDemoData, isEmpty } from '../seeds/seed-demo.js';

export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mh_bench';
export const BENCH_ADMIN_EMAIL = 'admin@messagehub.local';
export const BENCH_ADMIN_PASSWORD = 'Bench-Admin-Password-1';

/** Creates the bench database when it does not exist (connects to the server's `postgres` database to do so). */
export async function ensureBenchDatabase(url = BENCH_DATABASE_URL): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bench database name "${name}" must be a plain identifier`);
  const server = new URL(url);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
}

/** Migrated, with the demo users (so the panel can be signed into), ready for bulk entries. */
export async function prepareBenchDatabase(url = BENCH_DATABASE_URL): Promise<void> {
  await ensureBenchDatabase(url);
  const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
  try {
    await runMigrations(dataSource, createLogger('silent'));
    if (await isEmpty(dataSource)) {
      await seedDemoData(dataSource, { adminEmail: BENCH_ADMIN_EMAIL, adminPassword: BENCH_ADMIN_PASSWORD, agentPassword: BENCH_ADMIN_PASSWORD, bcryptRounds: 4 });
    }
  } finally {
    await dataSource.destroy();
  }
}
