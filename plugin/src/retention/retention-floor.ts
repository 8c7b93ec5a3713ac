// The shortest time the database keeps an entry: audit_retention.min_age, set by the role migration
// and only lengthened later (audit_set_retention). A host that lets people choose a retention period
// checks their choice against this, the same floor the purge functions enforce.
import type { DataSource } from 'typeorm';

const DAY_SECONDS = 86_400;

/** The retention floor in days (fractional if the floor is not a whole number of days). */
export async function retentionFloorDays(dataSource: DataSource): Promise<number> {
  const rows = (await dataSource.query(`SELECT extract(epoch FROM min_age)::float8 AS seconds FROM audit_retention WHERE id = 1`)) as Array<{ seconds: number }>;
  if (rows.length === 0) throw new Error('audit_retention has no row: run auditRoleMigrations');
  return Number(rows[0]!.seconds) / DAY_SECONDS;
}
