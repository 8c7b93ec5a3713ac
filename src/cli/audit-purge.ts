// `npm run audit:purge`: removes audit entries past their retention period, in every chain: each
// account's keeps its entries for the period chosen in its Account settings, else
// AUDIT_RETENTION_DAYS, as do the global chain and the system log. Goes through the database's
// purge functions, which record an audit_log.purged entry in the same transaction, then signs a
// checkpoint (with a checkpoint key configured). Connects as the maintenance role
// (AUDIT_MAINTENANCE_DATABASE_URL; DATABASE_URL when unset): only that role may run the purge.
// Refuses (exit 1) when the chain does not verify, so a purge never erases evidence of tampering,
// and when the database refuses (a cutoff inside its retention period, a role without the right).
import { AuditChainBrokenError } from '@hashtrail/adminjs-audit';
import { loadConfigOrExit } from '../boot.js';
import { createLogger } from '../logger.js';
import { openDatabase } from '../db/database.js';
import { createMessageHubAudit } from '../audit/messagehub-audit.js';
import { invitationSettings } from '../invitations/invitation-settings.js';
import { purgeExpiredEntries, type ChainRetention } from '../audit/retention.js';
import { SYSTEM_ACCOUNT_ID } from '../accounts/system-log.js';

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
    const { purged, checkpoint, chains } = await purgeExpiredEntries(audit, database.dataSource, config);
    const signed = checkpoint ? `; checkpoint signed at position ${checkpoint.checkpoint.seq}` : '';
    // Each chain is purged with its own period: one line per chain.
    for (const chain of chains) {
      const moved = chain.purged > 0 ? `, chain now starts at position ${chain.anchorSeq}` : '';
      process.stdout.write(`  ${chainName(chain.account)}: ${chain.purged} purged, ${retentionText(chain.retention)}${moved}\n`);
    }
    process.stdout.write(`Purged ${purged} audit entries in ${chains.length} chains (default retention ${config.AUDIT_RETENTION_DAYS} days${signed})\n`);
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

function chainName(account: string | null): string {
  if (account === null) return 'global chain';
  return account === SYSTEM_ACCOUNT_ID ? 'system log' : `account ${account}`;
}

function retentionText(retention: ChainRetention): string {
  const days = `retention ${retention.retentionDays} days`;
  if (retention.raisedToRetentionFloor) return `${days} (the database's floor: the account's own ${retention.accountRetentionDays} days is below it)`;
  return `${days} (${retention.retentionFrom === 'account' ? "the account's own" : 'the deployment default'})`;
}
