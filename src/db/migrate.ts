import type { DataSource } from 'typeorm';
import type { Logger } from '../logger.js';

/** Applies pending migrations, each in its own transaction; returns their names. */
export async function runMigrations(dataSource: DataSource, logger: Logger): Promise<string[]> {
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  const names = applied.map((migration) => migration.name);
  if (names.length > 0) logger.info({ migrations: names }, `Applied ${names.length} migration(s)`);
  return names;
}
