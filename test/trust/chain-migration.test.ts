// An existing install upgrading: entries written before the chain existed are chained by the
// migration, in id order, and the log verifies afterwards and keeps verifying as new entries come.
import { DataSource } from 'typeorm';
import { AuditLog, verifyAuditChain } from '@hashtrail/adminjs-audit';
import { CreateAuditLog1764000000100 } from '../../plugin/src/migration/create-audit-log.js';
import { migrations } from '../../migrations/index.js';
import { createDataSource } from '../../src/db/data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { messageHubAuditFor } from '../helpers/test-app.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

it('chains the entries an install already had, and the log verifies after the upgrade', async () => {
  // The install as it was: migrations up to the audit table, entries written by the old writer (a plain INSERT).
  const upToAuditTable = migrations.slice(0, migrations.indexOf(CreateAuditLog1764000000100) + 1);
  const before = new DataSource({ type: 'postgres', url: database.url, migrations: upToAuditTable, entities: [] });
  await before.initialize();
  await before.runMigrations({ transaction: 'each' });
  for (let i = 0; i < 25; i++) {
    await before.query(
      `INSERT INTO audit_logs (occurred_at, actor_name, action, category, target_type, target_id, target_label, changes, details, ip, sentence)
       VALUES (now() - make_interval(days => $1), 'Ada Admin', 'inbox.updated', 'Inbox', 'inbox', $2, $3, $4::jsonb, $5::jsonb, '10.0.0.1', $6)`,
      [30 - i, String(i), `Legacy inbox ${i} «ü»`, JSON.stringify({ name: { from: `Old ${i}`, to: `Legacy inbox ${i}` }, b: { x: 1.5, a: [1, null] } }), i % 2 ? null : JSON.stringify({ note: 'legacy' }), `Ada Admin updated inbox "Legacy inbox ${i}"`],
    );
  }
  // More than one backfill batch (1000), written in one statement.
  await before.query(
    `INSERT INTO audit_logs (occurred_at, actor_name, action, category, sentence)
     SELECT now() - interval '40 days', 'System', 'inbox.created', 'Inbox', 'Bulk ' || g FROM generate_series(1, 2100) g`,
  );
  await before.destroy();

  // The upgrade, then new entries on top.
  const after = await createDataSource({ url: database.url, poolSize: 2 }).initialize();
  try {
    await runMigrations(after, createLogger('silent'));
    // The legacy entries form the global chain (entries with no account), positions 1 to 2125.
    const migrated = await verifyAuditChain(after);
    expect(migrated).toMatchObject({ ok: true, count: 2125, headSeq: '2125' });
    expect(migrated.chains?.map((chain) => [chain.account, chain.count])).toEqual([[null, 2125]]);
    const rows = await after.getRepository(AuditLog).find({ order: { chainSeq: 'ASC' }, take: 25 });
    expect(rows.map((row) => row.targetId)).toEqual(Array.from({ length: 25 }, (_unused, i) => String(i)));
    const audit = messageHubAuditFor(after);
    await after.transaction((manager) => audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: 99, targetLabel: 'After the upgrade' }));
    // A new entry carries an account (the system log, 0, with no admin signed in): it starts that
    // account's chain, and the global chain keeps its head.
    const grown = await verifyAuditChain(after);
    expect(grown).toMatchObject({ ok: true, count: 2126, headSeq: '2125', headHash: migrated.ok ? migrated.headHash : '' });
    expect(grown.chains?.map((chain) => [chain.account, chain.count])).toEqual([[null, 2125], ['0', 1]]);
    expect(await after.query(`SELECT account_id::text AS account, chain_format, chain_seq::text AS seq FROM audit_logs WHERE target_id = '99'`)).toEqual([
      { account: '0', chain_format: 3, seq: '1' },
    ]);
    await expect(after.query(`UPDATE audit_logs SET sentence = 'x'`)).rejects.toThrow(/append-only/);
  } finally {
    await after.destroy();
  }
});
