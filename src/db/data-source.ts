import { DataSource } from 'typeorm';
import { auditEntities } from '@hashtrail/adminjs-audit';
import type { AuditRoleOptions } from '@hashtrail/adminjs-audit';
import { migrationsFor } from '../../migrations/index.js';
import { appEntities } from '../entities/index.js';
import { AdministratorGuardSubscriber } from '../users/administrator-guard-subscriber.js';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  /** The audit log's database roles (auditRoleSettings(config)); default audit_owner / audit_maintainer. */
  auditRoles?: AuditRoleOptions;
}

/** The app's TypeORM DataSource. The schema comes from migrations only: never synchronized. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: [...appEntities, ...auditEntities],
    migrations: migrationsFor(settings.auditRoles),
    // The audit plugin's subscriber (added by createAuditPlugin, after this one) removes the
    // memberships a deletion would cascade to through the ORM, so each removal is recorded.
    subscribers: [AdministratorGuardSubscriber],
    synchronize: false,
    migrationsRun: false,
    extra: { max: settings.poolSize },
  });
}
