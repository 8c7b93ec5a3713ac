import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Audit-log retention per account: how many days the account's audit entries are kept before the
 * retention purge removes them. NULL: the deployment default (AUDIT_RETENTION_DAYS). The shortest
 * allowed period is the database's floor (audit_retention.min_age), which can be lengthened later,
 * so it is checked when the value is chosen and again by the purge, not here.
 *
 * The purge runs as the audit maintenance role (AUDIT_MAINTENANCE_ROLE) and now reads each
 * account's period: that role may read the account ids and periods, nothing else of the table.
 */
export function addAccountAuditRetentionMigration(maintenanceRole: string) {
  return class AddAccountAuditRetention1764000000830 implements MigrationInterface {
    name = 'AddAccountAuditRetention1764000000830';

    async up(db: QueryRunner): Promise<void> {
      await db.query(`ALTER TABLE account ADD COLUMN audit_retention_days integer CONSTRAINT account_audit_retention_days_positive CHECK (audit_retention_days > 0)`);
      const [role] = (await db.query(`SELECT quote_ident(rolname) AS name FROM pg_roles WHERE rolname = $1`, [maintenanceRole])) as Array<{ name: string }>;
      if (role) await db.query(`GRANT SELECT (id, audit_retention_days) ON account TO ${role.name}`);
    }

    async down(db: QueryRunner): Promise<void> {
      const [role] = (await db.query(`SELECT quote_ident(rolname) AS name FROM pg_roles WHERE rolname = $1`, [maintenanceRole])) as Array<{ name: string }>;
      if (role) await db.query(`REVOKE SELECT (id, audit_retention_days) ON account FROM ${role.name}`);
      await db.query(`ALTER TABLE account DROP COLUMN IF EXISTS audit_retention_days`);
    }
  };
}
