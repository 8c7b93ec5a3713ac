// Start-up checks a host meets before anything is recorded: a complete catalogue, and the audit
// tables made by the plugin's migrations (also when the shop's own tables come from synchronize).
import { DataSource } from 'typeorm';
import { auditEntities, auditMigrations, createAuditPlugin } from '@hashtrail/adminjs-audit';
import { auditExport } from '@hashtrail/adminjs-audit/export';
import { activities } from '../src/activities.js';
import { auditedEntities } from '../src/audited-entities.js';
import { createShopApp } from '../src/app.js';
import { shopDataSource } from '../src/data-source.js';
import { shopEntities } from '../src/entities/index.js';
import { CreateSessionTable1770000000100 } from '../src/migrations/1770000000100-CreateSessionTable.js';
import { seedSuperuser } from '../src/seed.js';
import { adminApi } from './helpers/admin-api.js';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';
import request from 'supertest';

let database: TestDatabase;
const open: DataSource[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  for (const dataSource of open) if (dataSource.isInitialized) await dataSource.destroy();
  await database.drop();
});

async function initialized(dataSource: DataSource): Promise<DataSource> {
  open.push(dataSource);
  return dataSource.initialize();
}

const without = (...keys: string[]) => Object.fromEntries(Object.entries(activities).filter(([key]) => !keys.includes(key)));
const pluginOn = (dataSource: DataSource, catalogue: typeof activities) => () =>
  createAuditPlugin({ dataSource, activities: catalogue, entities: auditedEntities, viewer: { canRead: () => true }, export: auditExport({ maxRows: 10 }) });

describe('start-up', () => {
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await initialized(shopDataSource(database.url));
  });

  it.each([
    ['order.shipped', /"order\.shipped" \(entity Order\)/],
    ['session.signed_out', /"session\.signed_out" \(sign-out\)/],
    ['audit_log.exported', /"audit_log\.exported" \(export\)/],
    ['audit_log.purged', /"audit_log\.purged" \(retention purge\)/],
    ['product.tag_removed', /"product\.tag_removed" \(entity Product\)/],
  ])('refuses to start when the catalogue lacks %s, naming it', (key, message) => {
    expect(pluginOn(dataSource, without(key) as typeof activities)).toThrow(message);
    expect(pluginOn(dataSource, without(key) as typeof activities)).toThrow(/add them to defineActivities/);
  });

  it('names every missing key at once', () => {
    expect(pluginOn(dataSource, without('tag.created', 'session.signed_in') as typeof activities)).toThrow(/"session\.signed_in".*"tag\.created"/);
  });
});

describe('a DataSource with synchronize: true', () => {
  it('without the audit migrations, createAuditPlugin throws saying what to do', async () => {
    const dataSource = await initialized(new DataSource({ type: 'postgres', url: database.url, entities: [...shopEntities, ...auditEntities], synchronize: true }));
    expect(pluginOn(dataSource, activities)).toThrow(/lack .*CreateAuditLog/);
    expect(pluginOn(dataSource, activities)).toThrow(/Add \.\.\.auditMigrations .*also set migrationsRun: true/);
    await dataSource.destroy();
  });

  it('with migrationsRun: true and the audit migrations, works: changes over HTTP are recorded', async () => {
    const fresh = await createTestDatabase();
    try {
      const dataSource = await initialized(
        new DataSource({
          type: 'postgres',
          url: fresh.url,
          entities: [...shopEntities, ...auditEntities],
          // The shop's tables from synchronize; the audit tables (and connect-pg-simple's) from migrations.
          synchronize: true,
          migrationsRun: true,
          migrations: [...auditMigrations, CreateSessionTable1770000000100],
        }),
      );
      const { app, close } = createShopApp(dataSource, { databaseUrl: fresh.url, sessionSecret: 'synchronize-test-secret-0123456789abcdef' });
      try {
        const owner = await seedSuperuser(dataSource, { email: 'sync@shop.example', name: 'Sync Owner', password: 'Sync-Password-1', rounds: 4 });
        const agent = request.agent(app);
        const signedIn = await agent.post('/admin/login').type('form').send({ email: 'sync@shop.example', password: 'Sync-Password-1' });
        expect(signedIn.status).toBe(302);
        expect(signedIn.headers.location).toBe('/admin');
        const created = await adminApi(agent).create('Tag', { name: 'Synced' });
        expect(created.body.notice?.type).toBe('success');
        const rows: Array<{ action: string; actor_id: string; target_label: string }> = await dataSource.query(
          'SELECT action, actor_id, target_label FROM audit_logs ORDER BY id',
        );
        expect(rows).toEqual([
          { action: 'session.signed_in', actor_id: owner.id, target_label: 'sync@shop.example' },
          { action: 'tag.created', actor_id: owner.id, target_label: 'Synced' },
        ]);
      } finally {
        await close();
        await dataSource.destroy();
      }
    } finally {
      await fresh.drop();
    }
  });
});
