// `npm run audit:purge`: removes audit entries older than AUDIT_RETENTION_DAYS through the
// database's sanctioned purge path and records an audit_log.purged entry. Refuses (exit 1) when the
// chain does not verify, so a purge never erases evidence of tampering.
import { AuditChainBrokenError } from '@hashtrail/adminjs-audit';
import { boot } from '../boot.js';
import { createMessageHubAudit } from '../audit/messagehub-audit.js';
import { invitationSettings } from '../invitations/invitation-settings.js';
import { purgeExpiredEntries } from '../audit/retention.js';

const { config, logger, database } = await boot({ migrate: false });
try {
  const audit = createMessageHubAudit(database.dataSource, config, logger, invitationSettings(config, logger));
  const { purged, olderThan, anchorSeq } = await purgeExpiredEntries(audit, config);
  process.stdout.write(`Purged ${purged} audit entries older than ${olderThan.toISOString()} (retention ${config.AUDIT_RETENTION_DAYS} days; chain now starts at position ${anchorSeq})\n`);
} catch (error) {
  if (!(error instanceof AuditChainBrokenError)) throw error;
  process.stdout.write(`${error.message}\n`);
  process.exitCode = 1;
} finally {
  await database.close();
}
