import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { auditEntities, auditMigrations } from '@hashtrail/adminjs-audit';
import { shopEntities } from './entities/index.js';
import { CreateShop1770000000000 } from './migrations/1770000000000-CreateShop.js';
import { CreateSessionTable1770000000100 } from './migrations/1770000000100-CreateSessionTable.js';

/** The shop's DataSource: its tables and the audit log's, both from migrations (no synchronize). */
export function shopDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: [...shopEntities, ...auditEntities],
    migrations: [CreateShop1770000000000, CreateSessionTable1770000000100, ...auditMigrations],
    migrationsRun: true,
  });
}
