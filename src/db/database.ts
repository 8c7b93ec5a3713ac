import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { createDataSource } from './data-source.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

export interface Database {
  dataSource: DataSource;
  /** "server" for DATABASE_URL, "embedded" for PGlite. */
  kind: 'server' | 'embedded';
  close(): Promise<void>;
}

/** DATABASE_URL set: that server. Not set: the embedded engine in DATA_DIR. */
export async function openDatabase(config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'DB_POOL_SIZE'>, logger: Logger): Promise<Database> {
  if (config.DATABASE_URL) {
    const dataSource = await createDataSource({ url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE }).initialize();
    logger.info({ database: 'server' }, 'Using the PostgreSQL server from DATABASE_URL');
    return { dataSource, kind: 'server', close: () => dataSource.destroy() };
  }
  const embedded = await startEmbeddedPostgres({ dataDir: config.dataDir, maxConnections: config.DB_POOL_SIZE * 2 + 5 });
  logger.info({ database: 'embedded', dataDir: config.dataDir }, `Embedded PostgreSQL: data lives in ${config.dataDir}`);
  try {
    const dataSource = await createDataSource({ url: embedded.url, poolSize: config.DB_POOL_SIZE }).initialize();
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
