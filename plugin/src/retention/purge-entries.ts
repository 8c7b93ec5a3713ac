// Removes entries older than a cutoff through the database's one sanctioned path
// (audit_logs_purge, see migration/add-audit-purge.ts) and records the purge as an entry, in the
// same transaction. The chain is verified first: a purge must never destroy the evidence that
// the part it removes was tampered with.
import type { DataSource } from 'typeorm';
import { activityOf, type ActivityCatalogue } from '../catalogue/activity-catalogue.js';
import { verifyAuditChain, type ChainVerification } from '../chain/verify-chain.js';
import type { AuditWriter } from '../writer/audit-writer.js';

export interface PurgeRequest {
  /** Entries that occurred before this instant are removed. */
  olderThan: Date;
  /** Extra details for the purge's own entry (the retention period that set the cutoff, say). */
  details?: Record<string, unknown>;
}

export interface PurgeResult {
  purged: number;
  /** Chain position of the oldest entry kept. */
  anchorSeq: string;
}

/** The chain did not verify, so nothing was purged. */
export class AuditChainBrokenError extends Error {
  constructor(public readonly verification: Extract<ChainVerification, { ok: false }>) {
    super(`Audit log not purged: the chain does not verify (${verification.message})`);
    this.name = 'AuditChainBrokenError';
  }
}

export async function purgeEntries(
  dataSource: DataSource,
  writer: AuditWriter,
  catalogue: ActivityCatalogue,
  purgedAction: string,
  request: PurgeRequest,
): Promise<PurgeResult> {
  activityOf(catalogue, purgedAction);
  if (Number.isNaN(request.olderThan.getTime())) throw new Error('purge: olderThan is not a valid date');
  const verification = await verifyAuditChain(dataSource);
  if (!verification.ok) throw new AuditChainBrokenError(verification);

  return dataSource.transaction(async (manager) => {
    const [row] = (await manager.query(
      `SELECT purged_count::text AS purged, new_anchor_seq::text AS "anchorSeq" FROM audit_logs_purge($1)`,
      [request.olderThan.toISOString()],
    )) as Array<{ purged: string; anchorSeq: string }>;
    const result = { purged: Number(row!.purged), anchorSeq: row!.anchorSeq };
    if (result.purged > 0) {
      await writer.write(manager, {
        action: purgedAction,
        actor: null,
        details: { ...request.details, count: result.purged, olderThan: request.olderThan.toISOString() },
      });
    }
    return result;
  });
}
