// Shared start-up steps for the server and the CLI scripts: config, logger, database, migrations.
import { loadConfig, ConfigError, type Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { runMigrations } from './db/migrate.js';
import { distributeMessageHub } from './db/citus/distribute-messagehub.js';
import { createLogger, type Logger } from './logger.js';

export interface Booted {
  config: Config;
  logger: Logger;
  database: Database;
}

/** Exits with the list of bad settings when the configuration is invalid. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\nSee the configuration table in README.md.\n`);
      process.exit(2);
    }
    throw error;
  }
}

/** `cli`: a command run beside the app, which may share the app's embedded server (openDatabase's besideApp). */
export async function boot(options: { migrate: boolean; cli?: boolean }): Promise<Booted> {
  const config = loadConfigOrExit();
  const logger = createLogger(config.LOG_LEVEL);
  if (config.DATABASE_DISTRIBUTION === 'citus' && !config.DATABASE_URL) {
    process.stderr.write('DATABASE_DISTRIBUTION=citus needs DATABASE_URL: the Citus coordinator (the embedded server is one PostgreSQL)\n');
    process.exit(2);
  }
  const database = await openDatabase(config, logger, { besideApp: options.cli ?? false });
  if (options.migrate) {
    await runMigrations(database.dataSource, logger);
    // The same migrations as on one server; then, on Citus, the tables take their places (once).
    if (config.DATABASE_DISTRIBUTION === 'citus') await distributeMessageHub(database.dataSource, logger);
  }
  return { config, logger, database };
}
