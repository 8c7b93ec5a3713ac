// Removes entries older than a cutoff through the database's one sanctioned path
// (audit_logs_purge, see migration/add-audit-roles.ts), which records the purge as an entry in the
// same transaction, then signs a checkpoint. The chain is verified first: a purge must never destroy the evidence that
// the part it removes was tampered with.
import type { DataSource, EntityManager } from 'typeorm';
import { activityOf, type ActivityCatalogue } from '../catalogue/activity-catalogue.js';
import type { AuditLog } from '../entity/AuditLog.js';
import { verifyAuditChain, type ChainVerification, type VerifyOptions } from '../chain/verify-chain.js';
import type { ActivityDraft } from '../writer/audit-writer.js';
import type { Checkpointer, SignedCheckpoint } from '../chain/checkpoints.js';

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
  /** The checkpoint signed after the purge (with `checkpoints` configured). */
  checkpoint?: SignedCheckpoint | null;
}

/** The chain did not verify, so nothing was purged. */
export class AuditChainBrokenError extends Error {
  constructor(public readonly verification: Extract<ChainVerification, { ok: false }>) {
    super(`Audit log not purged: the chain does not verify (${verification.message})`);
    this.name = 'AuditChainBrokenError';
  }
}

export interface PurgeContext {
  accountId: () => string | null;
  /** Builds an entry as the writer would (for the purge entry's category and search text). */
  build: (draft: ActivityDraft, manager: EntityManager) => Promise<AuditLog>;
  checkpointer: Checkpointer | null;
  verifyOptions?: VerifyOptions;
}

/**
 * The database function audit_logs_purge (migration 1764000000500, EXECUTE for the maintenance role
 * only) removes the entries, moves the anchor and writes the purge's own entry, all in one
 * transaction; it refuses a cutoff newer than the retention period the database keeps. The entry's
 * search text is its sentence in the account's language, with the count filled in by the database.
 */
export async function purgeEntries(
  dataSource: DataSource,
  catalogue: ActivityCatalogue,
  purgedAction: string,
  request: PurgeRequest,
  context: PurgeContext,
): Promise<PurgeResult> {
  activityOf(catalogue, purgedAction);
  if (Number.isNaN(request.olderThan.getTime())) throw new Error('purge: olderThan is not a valid date');
  const verification = await verifyAuditChain(dataSource, context.verifyOptions);
  if (!verification.ok) throw new AuditChainBrokenError(verification);

  const details = { ...request.details, olderThan: request.olderThan.toISOString() };
  const { sentence, category } = await context.build({ action: purgedAction, actor: null, details: { ...details, count: COUNT_MARKER, anchorSeq: ANCHOR_MARKER } }, dataSource.manager);
  const [row] = (await dataSource.query(
    `SELECT purged_count::text AS purged, new_anchor_seq::text AS "anchorSeq" FROM audit_logs_purge($1, $2::jsonb, $3, $4, $5, $6)`,
    [request.olderThan.toISOString(), JSON.stringify(request.details ?? {}), sentence, purgedAction, category, context.accountId()],
  )) as Array<{ purged: string; anchorSeq: string }>;
  const result: PurgeResult = { purged: Number(row!.purged), anchorSeq: row!.anchorSeq };
  if (result.purged > 0 && context.checkpointer) result.checkpoint = await context.checkpointer.checkpoint();
  return result;
}

const COUNT_MARKER = '{{count}}';
const ANCHOR_MARKER = '{{anchorSeq}}';
