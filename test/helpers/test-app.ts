// The real app over a real PostgreSQL, for supertest: migrated, seeded with the demo data.
import type { Express } from 'express';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { AuditLog, type AuditPlugin } from '@hashtrail/adminjs-audit';
import { createMessageHubAudit } from '../../src/audit/messagehub-audit.js';
import { invitationSettings } from '../../src/invitations/invitation-settings.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createDataSource } from '../../src/db/data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoData } from '../../seeds/seed-demo.js';
import { createTestDatabase, onCitus, type TestDatabase } from './test-database.js';
import { distributeMessageHub } from '../../src/db/citus/distribute-messagehub.js';

export const ADMIN_EMAIL = 'admin@messagehub.local';
export const ADMIN_PASSWORD = 'Admin-Test-Password-1';
export const AGENT_EMAIL = 'alice@acme.example';
export const AGENT_PASSWORD = 'Agent-Test-Password-1';
export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) MessageHubTest/1.0';

export interface TestApp {
  app: Express;
  /** The app's audit plugin (one per DataSource: a second one is refused). */
  audit: AuditPlugin;
  dataSource: DataSource;
  config: Config;
  /** A supertest agent (cookie jar) signed in as `email`. */
  signIn(email?: string, password?: string, headers?: Record<string, string>): Promise<ReturnType<typeof request.agent>>;
  /** Audit entries newest first, optionally only those with `action`. */
  entries(action?: string): Promise<AuditLog[]>;
  close(): Promise<void>;
}

/** MessageHub's audit plugin on a DataSource of a test's own (no app around it), with test settings. */
export function messageHubAuditFor(dataSource: DataSource): AuditPlugin {
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: 'postgres://unused', SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789', LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  return createMessageHubAudit(dataSource, config, logger, invitationSettings(config, logger));
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database: TestDatabase = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
    LOG_LEVEL: 'silent',
    BCRYPT_ROUNDS: '4',
    DB_POOL_SIZE: String(database.poolSize),
    ...(onCitus() ? { DATABASE_DISTRIBUTION: 'citus' } : {}),
    ...env,
  });
  const logger = createLogger(config.LOG_LEVEL);
  const dataSource = createDataSource({ url: database.url, poolSize: config.DB_POOL_SIZE, distribution: config.DATABASE_DISTRIBUTION });
  let started: ReturnType<typeof createApp>;
  try {
    await dataSource.initialize();
    await runMigrations(dataSource, logger);
    // As boot() does: on Citus the tables take their places before anything is written.
    if (config.DATABASE_DISTRIBUTION === 'citus') await distributeMessageHub(dataSource, logger);
    // As in main.ts: the app (and its audit plugin) first, so the seed is recorded, by System.
    started = createApp(config, dataSource, logger);
    await seedDemoData(dataSource, { record: started.audit.record, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, bcryptRounds: 4 });
  } catch (error) {
    // A start that fails leaves no database (or Citus cluster) running behind it.
    if (dataSource.isInitialized) await dataSource.destroy();
    await database.drop();
    throw error;
  }
  const { express, audit } = started;

  return {
    app: express,
    audit,
    dataSource,
    config,
    async signIn(email = ADMIN_EMAIL, password = email === ADMIN_EMAIL ? ADMIN_PASSWORD : AGENT_PASSWORD, headers = {}) {
      const agent = request.agent(express);
      const response = await agent.post('/admin/login').set({ 'User-Agent': BROWSER_UA, ...headers }).type('form').send({ email, password });
      if (response.status !== 302 || response.headers.location !== '/admin') {
        throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
      }
      return agent;
    },
    async entries(action?: string) {
      return dataSource.getRepository(AuditLog).find({ where: action ? { action } : {}, order: { occurredAt: 'DESC', id: 'DESC' } });
    },
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
