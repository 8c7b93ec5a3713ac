// The audit tables come from the plugin's migrations only: their triggers, functions and indexes
// are what make the log append-only and fast, and TypeORM's synchronize cannot make them (the
// plugin's entities are marked synchronize: false so it leaves them alone). A DataSource that does
// not list the migrations is stopped at start-up with what to do, not at the first write.
import type { DataSource } from 'typeorm';
import { auditMigrations } from './index.js';

export function assertAuditSchema(dataSource: DataSource): void {
  const listed = new Set(dataSource.migrations.map((migration) => migration.name ?? migration.constructor.name));
  const missing = auditMigrations.filter((migration) => !listed.has(migration.name));
  if (missing.length === 0) return;
  const advice = dataSource.options.synchronize
    ? 'With synchronize: true, also set migrationsRun: true: TypeORM runs migrations before it synchronizes, and never synchronizes the audit tables.'
    : 'Then run them (dataSource.runMigrations(), or migrationsRun: true).';
  throw new Error(
    `createAuditPlugin: the DataSource's migrations lack ${missing.map((migration) => migration.name).join(', ')}. ` +
      `Add ...auditMigrations (from @hashtrail/adminjs-audit) to its migrations. ${advice}`,
  );
}
