// The embedded engine: pg-pool closes a connection left idle for 10 s and opens another later, and
// a CLI (audit:purge, seed) connects beside the app. Audited changes from a new connection and from
// two connections in turn must chain as on any server (the former engine, PGlite, shared one
// session under every connection: a named prepared statement broke it). Runs on the embedded
// engine whatever TEST_DATABASE_URL says.
import { transactionInAuditScope, type AuditPlugin } from '@hashtrail/adminjs-audit';
import { createDataSource } from '../../src/db/data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { EMBEDDED_SPARE_CONNECTIONS } from '../../src/db/database.js';

const POOL_SIZE = 5;
import { runMigrations } from '../../src/db/migrate.js';
import { poolOf } from '../../src/http/session.js';
import { messageHubAuditFor } from '../helpers/test-app.js';
import { createLogger } from '../../src/logger.js';
import type { DataSource } from 'typeorm';

let embedded: EmbeddedPostgres;
let app: DataSource;
let cli: DataSource;
beforeAll(async () => {
  embedded = await startEmbeddedPostgres({ maxConnections: POOL_SIZE + EMBEDDED_SPARE_CONNECTIONS });
  app = await createDataSource({ url: embedded.url, poolSize: POOL_SIZE }).initialize();
  await runMigrations(app, createLogger('silent'));
  cli = await createDataSource({ url: embedded.url, poolSize: POOL_SIZE }).initialize();
});
afterAll(async () => {
  await cli.destroy();
  await app.destroy();
  await embedded.close();
});

const signOut = (audit: AuditPlugin, dataSource: DataSource, id: string) =>
  transactionInAuditScope(dataSource, {}, (manager) =>
    audit.record(manager, { action: 'session.signed_out', actor: { id, name: `Person ${id}`, email: null, role: null }, targetType: 'user', targetId: id }),
  );

it('records audited changes from a new connection after one closed, and from two connections in turn', async () => {
  const appAudit = messageHubAuditFor(app);
  await signOut(appAudit, app, '1');
  // What pg-pool does to an idle connection: close it; the next query opens another.
  const idle = await poolOf(app).connect();
  idle.release(true);
  await signOut(appAudit, app, '2');
  // A second process's connection (a CLI) writing between the app's changes.
  const cliAudit = messageHubAuditFor(cli);
  await signOut(cliAudit, cli, '3');
  await signOut(appAudit, app, '4');

  const names = (await app.query(`SELECT actor_name FROM audit_logs WHERE action = 'session.signed_out' ORDER BY chain_seq`)) as Array<{ actor_name: string }>;
  expect(names.map((row) => row.actor_name)).toEqual(['Person 1', 'Person 2', 'Person 3', 'Person 4']);
  expect((await appAudit.verify()).ok).toBe(true);
});
