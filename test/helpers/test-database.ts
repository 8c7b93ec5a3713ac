// Each test file gets a database of its own: a fresh database on the server named by
// TEST_DATABASE_URL, or a throwaway embedded PostgreSQL server (a temporary folder) when it is not set.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { EMBEDDED_SPARE_CONNECTIONS } from '../../src/db/database.js';

export interface TestDatabase {
  url: string;
  /** Pool size the app should use on it. */
  poolSize: number;
  drop(): Promise<void>;
}

const TEST_POOL_SIZE = 5;

/**
 * TEST_CITUS=1 (`npm run test:citus`): a throwaway Citus cluster per test file, a coordinator and
 * two workers; the database is the coordinator's `postgres` (Citus is set up per database, and
 * there on every node). startTestApp then places the tables on it (DATABASE_DISTRIBUTION=citus).
 */
export const onCitus = () => process.env.TEST_CITUS === '1';

export async function createTestDatabase(): Promise<TestDatabase> {
  if (onCitus()) {
    const { startCitusCluster } = await import('./citus-cluster.js');
    const cluster = await startCitusCluster({ workers: 2 });
    return { url: cluster.coordinatorUrl, poolSize: TEST_POOL_SIZE, drop: () => cluster.destroy() };
  }
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ maxConnections: TEST_POOL_SIZE + EMBEDDED_SPARE_CONNECTIONS });
    return { url: embedded.url, poolSize: TEST_POOL_SIZE, drop: () => embedded.close() };
  }
  const name = `mh_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    poolSize: TEST_POOL_SIZE,
    async drop() {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}
