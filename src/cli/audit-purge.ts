// `npm run audit:purge`: removes audit entries older than AUDIT_RETENTION_DAYS, in every chain
// (each account's, and the global one), through the database's purge functions, which records an audit_log.purged entry in the same transaction, then
// signs a checkpoint (with a checkpoint key configured). Connects as the maintenance role
// (AUDIT_MAINTENANCE_DATABASE_URL; DATABASE_URL when unset): only that role may run the purge.
// Refuses (exit 1) when the chain does not verify, so a purge never erases evidence of tampering,
// and when the database refuses (a cutoff inside its retention period, a role without the right).
import { AuditChainBrokenError } from '@hashtrail/adminjs-audit';
import { loadConfigOrExit } from '../boot.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../db/database.js';
import { createMessageHubAudit } from '../audit/messagehub-audit.js';
import { invitationSettings } from '../invitations/invitation-settings.js';
import { purgeExpiredEntries } from '../audit/retention.js';

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const url = config.AUDIT_MAINTENANCE_DATABASE_URL ?? config.DATABASE_URL;
if (config.DATABASE_URL && !config.AUDIT_MAINTENANCE_DATABASE_URL) {
  logger.warn('AUDIT_MAINTENANCE_DATABASE_URL is not set: purging over DATABASE_URL, which works only if that role may run audit_logs_purge');
}
const database = await openDatabase({ ...config, DATABASE_URL: url }, logger, { besideApp: true });
try {
  const audit = createMessageHubAudit(database.dataSource, config, logger, invitationSettings(config, logger));
  try {
    const { purged, olderThan, anchorSeq, checkpoint, chains } = await purgeExpiredEntries(audit, config);
    const signed = checkpoint ? `; checkpoint signed at position ${checkpoint.checkpoint.seq}` : '';
    // Each account's chain is purged on its own: one line per chain that lost entries.
    for (const chain of chains ?? []) {
      if (chain.purged > 0) process.stdout.write(`  ${chain.account === null ? 'global chain' : `account ${chain.account}`}: ${chain.purged} purged, chain now starts at position ${chain.anchorSeq}\n`);
    }
    const where = chains ? `${chains.length} chains` : `chain now starts at position ${anchorSeq}`;
    process.stdout.write(`Purged ${purged} audit entries older than ${olderThan.toISOString()} (retention ${config.AUDIT_RETENTION_DAYS} days; ${where}${signed})\n`);
  } finally {
    audit.checkpoints?.stop();
  }
} catch (error) {
  const refusedByDatabase = (error as { code?: string }).code === '42501';
  if (!(error instanceof AuditChainBrokenError) && !refusedByDatabase) throw error;
  process.stdout.write(`${refusedByDatabase ? `Audit log not purged: the database refused: ${(error as Error).message}` : (error as Error).message}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
