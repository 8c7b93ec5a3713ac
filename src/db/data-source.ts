import { DataSource } from 'typeorm';
import { auditEntities } from '@hashtrail/adminjs-audit';
import type { AuditRoleOptions } from '@hashtrail/adminjs-audit';
import { migrationsFor } from '../../migrations/index.js';
import { appEntities } from '../entities/index.js';
import { AccountAdministratorGuardSubscriber, AdministratorGuardSubscriber } from '../users/administrator-guard-subscriber.js';
import { TeamNameSubscriber } from '../domain/team-name-subscriber.js';

export interface DataSourceSettings {
  url: string;
  poolSize: number;
  /** The audit log's database roles (auditRoleSettings(config)); default audit_owner / audit_maintainer. */
  auditRoles?: AuditRoleOptions;
  /** DATABASE_DISTRIBUTION: on Citus every connection runs its multi-shard work over one connection per worker. */
  distribution?: 'none' | 'citus';
}

/**
 * Citus refuses to change a reference table (users, on a sign-in) in a transaction that already
 * read several shards over parallel connections (a user's memberships, across accounts). In
 * sequential mode it reads them over the one connection per worker the change then uses too.
 */
const CITUS_CONNECTION_OPTIONS = '-c citus.multi_shard_modify_mode=sequential';

/** The app's TypeORM DataSource. The schema comes from migrations only: never synchronized. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource({
    type: 'postgres',
    url: settings.url,
    entities: [...appEntities, ...auditEntities],
    migrations: migrationsFor(settings.auditRoles),
    // The audit plugin's subscriber (added by createAuditPlugin, after this one) removes the
    // memberships a deletion would cascade to through the ORM, so each removal is recorded.
    subscribers: [AdministratorGuardSubscriber, AccountAdministratorGuardSubscriber, TeamNameSubscriber],
    synchronize: false,
    migrationsRun: false,
    extra: { max: settings.poolSize, ...(settings.distribution === 'citus' ? { options: CITUS_CONNECTION_OPTIONS } : {}) },
  });
}
