// The retention policy, through the plugin's purge: each account's chain keeps its entries for the
// period chosen in its Account settings, else for AUDIT_RETENTION_DAYS; the global chain and the
// system log keep theirs for AUDIT_RETENTION_DAYS. One run purges every chain.
import type { AuditPlugin, PurgeResult } from '@hashtrail/adminjs-audit';
import { IsNull, Not, type DataSource } from 'typeorm';
import { SYSTEM_ACCOUNT_ID } from '../accounts/system-log.js';
import type { Config } from '../config.js';
import { Account } from '../entities/index.js';
import { DAY_MS } from '../time-units.js';
import { floorInWholeDays } from './retention-limits.js';

/** Where a chain's retention period comes from: its account's settings, or the deployment's default. */
export type RetentionFrom = 'account' | 'deployment';

/** The period a chain is purged with, as its purge entry's details record it. */
export type ChainRetention = {
  retentionDays: number;
  retentionFrom: RetentionFrom;
  /** Set when the account's own period is below the database's floor: the floor was used instead. */
  accountRetentionDays?: number;
  raisedToRetentionFloor?: true;
};

export type RetentionPurgeChain = NonNullable<PurgeResult['chains']>[number] & { retention: ChainRetention };

export interface RetentionPurgeResult extends PurgeResult {
  /** AUDIT_RETENTION_DAYS's cutoff: the global chain's, the system log's, and that of every account with no period of its own. */
  olderThan: Date;
  chains: RetentionPurgeChain[];
}

export function retentionCutoff(retentionDays: number, now: Date = new Date()): Date {
  return new Date(now.getTime() - retentionDays * DAY_MS);
}

/** The periods accounts chose, by account id as the audit log names accounts (text). */
async function accountRetentionDays(dataSource: DataSource): Promise<Map<string, number>> {
  const accounts = await dataSource.getRepository(Account).find({
    select: { id: true, auditRetentionDays: true },
    where: { auditRetentionDays: Not(IsNull()) },
  });
  return new Map(accounts.map((account) => [String(account.id), account.auditRetentionDays!]));
}

/** One chain's period: its account's own, raised to the floor when below it; else the deployment default. */
export function chainRetention(account: string | null, chosen: ReadonlyMap<string, number>, defaultDays: number, floorDays: number): ChainRetention {
  const own = account === null || account === SYSTEM_ACCOUNT_ID ? undefined : chosen.get(account);
  if (own === undefined) return { retentionDays: defaultDays, retentionFrom: 'deployment' };
  if (own >= floorDays) return { retentionDays: own, retentionFrom: 'account' };
  // The floor was lengthened after the account chose its period: the database would refuse that
  // cutoff, and one account's stale setting must not stop every other chain's purge.
  return { retentionDays: floorDays, retentionFrom: 'account', accountRetentionDays: own, raisedToRetentionFloor: true };
}

/**
 * Purges every chain, each with its own period (recorded in its purge entry's details). The account
 * settings and the database's floor are read once, before any chain is purged. A deployment default
 * below the floor is not raised: the database refuses it, and the operator has to fix the setting.
 */
export async function purgeExpiredEntries(
  audit: Pick<AuditPlugin, 'purge' | 'retentionFloorDays'>,
  dataSource: DataSource,
  config: Pick<Config, 'AUDIT_RETENTION_DAYS'>,
  now: Date = new Date(),
): Promise<RetentionPurgeResult> {
  const [chosen, floorDays] = await Promise.all([accountRetentionDays(dataSource), audit.retentionFloorDays()]);
  const retentionOf = (account: string | null) => chainRetention(account, chosen, config.AUDIT_RETENTION_DAYS, floorInWholeDays(floorDays));
  const result = await audit.purge({
    olderThan: (account) => retentionCutoff(retentionOf(account).retentionDays, now),
    details: (account) => retentionOf(account),
  });
  const chains = (result.chains ?? []).map((chain) => ({ ...chain, retention: retentionOf(chain.account) }));
  return { ...result, chains, olderThan: retentionCutoff(config.AUDIT_RETENTION_DAYS, now) };
}
