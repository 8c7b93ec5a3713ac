// The retention policy: entries older than AUDIT_RETENTION_DAYS go, through the plugin's purge.
import type { AuditPlugin, PurgeResult } from '@hashtrail/adminjs-audit';
import type { Config } from '../config.js';
import { DAY_MS } from '../time-units.js';


export function retentionCutoff(retentionDays: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

export async function purgeExpiredEntries(audit: AuditPlugin, config: Pick<Config, 'AUDIT_RETENTION_DAYS'>, now: Date = new Date()): Promise<PurgeResult & { olderThan: Date }> {
  const olderThan = retentionCutoff(config.AUDIT_RETENTION_DAYS, now);
  const result = await audit.purge({ olderThan, details: { retentionDays: config.AUDIT_RETENTION_DAYS } });
  return { ...result, olderThan };
}
