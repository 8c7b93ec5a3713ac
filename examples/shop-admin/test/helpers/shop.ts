// The shop app over a real PostgreSQL (its own database), migrated and seeded, driven with supertest.
import request from 'supertest';
import type { DataSource, FindOptionsWhere } from 'typeorm';
import { AuditLog } from '@hashtrail/adminjs-audit';
import { createShopApp } from '../../src/app.js';
import { shopDataSource } from '../../src/data-source.js';
import { seedSuperuser } from '../../src/seed.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const ADMIN_EMAIL = 'owner@shop.example';
export const ADMIN_PASSWORD = 'Owner-Test-Password-1';
export const CLERK_EMAIL = 'clerk@shop.example';
export const CLERK_PASSWORD = 'Clerk-Test-Password-1';

export type Agent = ReturnType<typeof request.agent>;

export interface Shop {
  app: ReturnType<typeof createShopApp>['app'];
  dataSource: DataSource;
  database: TestDatabase;
  adminId: string;
  clerkId: string;
  /** A supertest agent (cookie jar) signed in. */
  signIn(email?: string, password?: string): Promise<Agent>;
  /** Audit entries, oldest first. */
  entries(where?: FindOptionsWhere<AuditLog>): Promise<AuditLog[]>;
  close(): Promise<void>;
}

export async function startShop(): Promise<Shop> {
  const database = await createTestDatabase();
  const dataSource = await shopDataSource(database.url).initialize();
  const { app, close } = createShopApp(dataSource, { databaseUrl: database.url, sessionSecret: 'shop-test-session-secret-0123456789abcdef' });
  const admin = await seedSuperuser(dataSource, { email: ADMIN_EMAIL, name: 'Olivia Owner', password: ADMIN_PASSWORD, rounds: 4 });
  // A second account, not a superuser: it may manage the shop but not read the log.
  const clerk = await seedSuperuser(dataSource, { email: CLERK_EMAIL, name: 'Carl Clerk', password: CLERK_PASSWORD, rounds: 4 });
  await dataSource.query('UPDATE admin_users SET is_superuser = false WHERE id = $1', [clerk.id]);
  return {
    app,
    dataSource,
    database,
    adminId: admin.id,
    clerkId: clerk.id,
    async signIn(email = ADMIN_EMAIL, password = email === ADMIN_EMAIL ? ADMIN_PASSWORD : CLERK_PASSWORD) {
      const agent = request.agent(app);
      const response = await agent.post('/admin/login').type('form').send({ email, password });
      if (response.status !== 302 || response.headers.location !== '/admin') throw new Error(`sign-in as ${email} failed: HTTP ${response.status}`);
      return agent;
    },
    entries: (where = {}) => dataSource.getRepository(AuditLog).find({ where, order: { id: 'ASC' } }),
    async close() {
      await close();
      await dataSource.destroy();
      await database.drop();
    },
  };
}
