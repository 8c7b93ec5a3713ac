import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { AuditRoleOptions } from '@hashtrail/adminjs-audit';
import { createDataSource } from './data-source.js';
import { runningServerUrl, startEmbeddedPostgres } from './embedded-postgres.js';

export interface Database {
  dataSource: DataSource;
  /** "server" for DATABASE_URL, "embedded" for the embedded PostgreSQL server in DATA_DIR. */
  kind: 'server' | 'embedded';
  close(): Promise<void>;
}

/** DATABASE_URL set: that server. Not set: the embedded engine in DATA_DIR. */
type AuditRoleConfig = Partial<Pick<Config, 'AUDIT_OWNER_ROLE' | 'AUDIT_MAINTENANCE_ROLE' | 'AUDIT_CREATE_ROLES' | 'AUDIT_MIN_RETENTION_DAYS'>>;

/** The audit migrations' role settings from the configuration (defaults when the keys are absent). */
export function auditRoleSettings(config: AuditRoleConfig, logger?: Logger): AuditRoleOptions {
  return {
    owner: config.AUDIT_OWNER_ROLE,
    maintenance: config.AUDIT_MAINTENANCE_ROLE,
    createRoles: config.AUDIT_CREATE_ROLES,
    minRetention: config.AUDIT_MIN_RETENTION_DAYS === undefined ? undefined : `${config.AUDIT_MIN_RETENTION_DAYS} days`,
    log: logger ? (message) => logger.warn(message) : undefined,
  };
}

/** Connections the embedded server keeps beyond the app's pool: a CLI's pool, and PostgreSQL's own reserved ones. */
export const EMBEDDED_SPARE_CONNECTIONS = 15;

/**
 * `besideApp`: a CLI (audit:verify, migrate…) that may use the embedded server of an app already
 * running on DATA_DIR instead of refusing because the folder is in use.
 */
export async function openDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'DB_POOL_SIZE'> & Partial<Pick<Config, 'DATABASE_DISTRIBUTION'>> & AuditRoleConfig,
  logger: Logger,
  options: { besideApp?: boolean } = {},
): Promise<Database> {
  const auditRoles = auditRoleSettings(config, logger);
  if (config.DATABASE_URL) {
    const dataSource = await createDataSource({ url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE, auditRoles, distribution: config.DATABASE_DISTRIBUTION }).initialize();
    logger.info({ database: 'server' }, 'Using the PostgreSQL server from DATABASE_URL');
    return { dataSource, kind: 'server', close: () => dataSource.destroy() };
  }
  // Room for the app's pool, a CLI beside it (npm run audit:verify, say) and PostgreSQL's reserved slots.
  const running = options.besideApp ? runningServerUrl(config.dataDir) : null;
  if (running) {
    const dataSource = await createDataSource({ url: running, poolSize: Math.min(config.DB_POOL_SIZE, 5), auditRoles }).initialize();
    logger.info({ database: 'embedded', dataDir: config.dataDir }, 'Using the embedded PostgreSQL server of the MessageHub running on this data folder');
    return { dataSource, kind: 'embedded', close: () => dataSource.destroy() };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    maxConnections: config.DB_POOL_SIZE + EMBEDDED_SPARE_CONNECTIONS,
    log: (line) => logger.debug({ database: 'embedded' }, line),
    notice: (line) => logger.warn({ database: 'embedded' }, line),
  });
  logger.info({ database: 'embedded', dataDir: config.dataDir }, `Embedded PostgreSQL: data lives in ${config.dataDir}`);
  try {
    const dataSource = await createDataSource({ url: embedded.url, poolSize: config.DB_POOL_SIZE, auditRoles }).initialize();
    return {
      dataSource,
      kind: 'embedded',
      async close() {
        await dataSource.destroy();
        await embedded.close();
      },
    };
  } catch (error) {
    await embedded.close();
    throw error;
  }
}
