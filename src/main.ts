// `npm start`: migrate (MIGRATE_ON_START), seed an empty database (SEED_ON_START), serve the panel.
import './admin-bundle-dir.js'; // first: AdminJS reads ADMIN_JS_TMP_DIR when its modules load
import type { Server } from 'node:http';
import { seedDemoData, isEmpty } from '../seeds/seed-demo.js';
import { boot } from './boot.js';
import { createApp } from './http/app.js';
import { startAuditDelivery } from './audit/delivery.js';
import { schedulePurge } from './audit/purge-schedule.js';
import { purgeExpiredEntries } from './audit/retention.js';
import { DataDirLockedError } from './db/data-dir-lock.js';
import { FormerEngineFolderError } from './db/embedded-postgres.js';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const { config, logger, database } = await boot({ migrate: (process.env.MIGRATE_ON_START ?? 'true') !== 'false' });
  if (config.sessionSecretGenerated) {
    logger.warn('SESSION_SECRET is not set: using a generated secret, so sessions end when the process restarts. Set it in production.');
  }
  const app = createApp(config, database.dataSource, logger);
  await app.ready;
  // Before the seed: entries are queued only for sinks registered by now.
  const delivery = await startAuditDelivery(app.audit, config);
  const purgeSchedule = config.AUDIT_PURGE_DAILY ? schedulePurge(() => purgeExpiredEntries(app.audit, database.dataSource, config), logger) : null;
  if (config.SEED_ON_START && (await isEmpty(database.dataSource))) {
    const summary = await seedDemoData(database.dataSource, {
      record: app.audit.record,
      adminEmail: config.SEED_ADMIN_EMAIL,
      adminPassword: config.SEED_ADMIN_PASSWORD,
      agentPassword: config.SEED_AGENT_PASSWORD,
      bcryptRounds: config.BCRYPT_ROUNDS,
    });
    logger.info({ created: summary.created }, `Seeded demo data. Sign in as ${config.SEED_ADMIN_EMAIL} (password in README.md, or SEED_ADMIN_PASSWORD).`);
  }

  const server: Server = app.express.listen(config.PORT, config.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.PORT;
    logger.info({ startupMs: Date.now() - startedAt }, `MessageHub admin ready on http://${config.HOST}:${port}/admin`);
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'Shutting down');
    const force = setTimeout(() => {
      logger.error('Shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      try {
        purgeSchedule?.stop();
        await delivery.stop();
        await database.close();
        process.exit(0);
      } catch (error) {
        logger.error({ err: error }, 'Error while closing the database');
        process.exit(1);
      }
    });
    server.closeAllConnections?.();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error) => {
  // The refusals a person acts on are said in a sentence; anything else keeps its stack for a bug report.
  const plain = error instanceof DataDirLockedError || error instanceof FormerEngineFolderError;
  process.stderr.write(`MessageHub failed to start: ${error instanceof Error ? (plain ? error.message : error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
