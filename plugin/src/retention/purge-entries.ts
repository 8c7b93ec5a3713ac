// Removes entries older than a cutoff through the database's one sanctioned path per chain
// (audit_logs_purge for the global chain, see migration/add-audit-roles.ts; audit_logs_purge_account
// for an account's, migration/add-audit-account-chains.ts), which records the purge as an entry of
// that chain in the same transaction, then signs a checkpoint of it. The chain is verified first: a purge must never destroy the evidence that
// the part it removes was tampered with.
import type { DataSource, EntityManager } from 'typeorm';
import { activityOf, type ActivityCatalogue } from '../catalogue/activity-catalogue.js';
import type { AuditLog } from '../entity/AuditLog.js';
import { verifyAuditChain, type ChainVerification, type VerifyOptions } from '../chain/verify-chain.js';
import type { ActivityDraft } from '../writer/audit-writer.js';
import type { Checkpointer, SignedCheckpoint } from '../chain/checkpoints.js';
import { ACCOUNT_CHAINS_SQL, chainHeadQuery, type ChainHead } from '../chain/chain-heads.js';

/** A chain's cutoff: entries that occurred before it are removed; null keeps that chain whole. */
export type ChainCutoff = (account: string | null) => Date | null;

export interface PurgeRequest {
  /**
   * Entries that occurred before this instant are removed. A function gives each chain its own
   * cutoff (a retention period per account), or null to leave that chain alone.
   */
  olderThan: Date | ChainCutoff;
  /**
   * Whose entries: one account's chain, the global chain (null), or every chain (left out: the
   * global one, then each account's).
   */
  account?: string | null;
  /** Extra details for the purge's own entry (the retention period that set the cutoff, say); a function gives each chain its own. */
  details?: Record<string, unknown> | ((account: string | null) => Record<string, unknown>);
}

export interface PurgeResult {
  purged: number;
  /** Chain position of the oldest entry kept (of the global chain, when every chain was purged). */
  anchorSeq: string;
  /** The checkpoint signed after the purge (with `checkpoints` configured; the last one, when several chains were purged). */
  checkpoint?: SignedCheckpoint | null;
  /** Every chain, when the request named no account; `olderThan` is null for a chain the cutoff function left alone. */
  chains?: Array<{ account: string | null; purged: number; anchorSeq: string; olderThan: Date | null }>;
}

/** The chain did not verify, so nothing was purged. */
export class AuditChainBrokenError extends Error {
  constructor(public readonly verification: Extract<ChainVerification, { ok: false }>) {
    super(`Audit log not purged: the chain does not verify (${verification.message})`);
    this.name = 'AuditChainBrokenError';
  }
}

export interface PurgeContext {
  /** Account stamped on the global chain's purge entry (the plugin's accountId option). */
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
  if (request.olderThan instanceof Date) checkCutoff(request.olderThan, null);
  else if (typeof request.olderThan !== 'function') throw new Error('purge: olderThan must be a Date or a function of the account');
  const verification = await verifyAuditChain(dataSource, { ...context.verifyOptions, account: request.account });
  if (!verification.ok) throw new AuditChainBrokenError(verification);
  if (request.account !== undefined) {
    const olderThan = cutoffOf(request, request.account);
    if (olderThan === null) throw new Error(`purge: the cutoff function gave no cutoff for ${chainName(request.account)}`);
    return purgeChain(dataSource, purgedAction, olderThan, detailsOf(request, request.account), context, request.account);
  }

  const accounts = (await dataSource.query(ACCOUNT_CHAINS_SQL)) as Array<{ account: string }>;
  const chains: NonNullable<PurgeResult['chains']> = [];
  let checkpoint: SignedCheckpoint | null | undefined;
  // Every cutoff is asked for (once) before any chain is purged, so a bad one stops the run with nothing removed.
  const cutoffs = [null, ...accounts.map((row) => row.account)].map((account) => ({ account, olderThan: cutoffOf(request, account) }));
  for (const { account, olderThan } of cutoffs) {
    if (olderThan === null) {
      chains.push({ account, purged: 0, anchorSeq: await anchorOf(dataSource, account), olderThan: null });
      continue;
    }
    const result = await purgeChain(dataSource, purgedAction, olderThan, detailsOf(request, account), context, account);
    chains.push({ account, purged: result.purged, anchorSeq: result.anchorSeq, olderThan });
    if (result.checkpoint) checkpoint = result.checkpoint;
  }
  return { purged: chains.reduce((sum, chain) => sum + chain.purged, 0), anchorSeq: chains[0]!.anchorSeq, chains, ...(checkpoint ? { checkpoint } : {}) };
}

/**
 * One chain's purge in one call of its database function (the global chain's audit_logs_purge, an
 * account's audit_logs_purge_account), then a checkpoint of that chain.
 */
async function purgeChain(
  dataSource: DataSource,
  purgedAction: string,
  olderThan: Date,
  extraDetails: Record<string, unknown>,
  context: PurgeContext,
  account: string | null,
): Promise<PurgeResult> {
  const details = { ...extraDetails, olderThan: olderThan.toISOString() };
  const entryAccount = account ?? context.accountId();
  const { sentence, category } = await context.build(
    { action: purgedAction, actor: null, accountId: entryAccount, details: { ...details, count: COUNT_MARKER, anchorSeq: ANCHOR_MARKER } },
    dataSource.manager,
  );
  const detailsJson = JSON.stringify(extraDetails);
  const [row] = (await (account === null
    ? dataSource.query(
        `SELECT purged_count::text AS purged, new_anchor_seq::text AS "anchorSeq" FROM audit_logs_purge($1, $2::jsonb, $3, $4, $5, $6)`,
        [olderThan.toISOString(), detailsJson, sentence, purgedAction, category, entryAccount],
      )
    : dataSource.query(
        `SELECT purged_count::text AS purged, new_anchor_seq::text AS "anchorSeq" FROM audit_logs_purge_account($1, $2, $3::jsonb, $4, $5, $6)`,
        [account, olderThan.toISOString(), detailsJson, sentence, purgedAction, category],
      ))) as Array<{ purged: string; anchorSeq: string }>;
  const result: PurgeResult = { purged: Number(row!.purged), anchorSeq: row!.anchorSeq };
  if (result.purged > 0 && context.checkpointer) result.checkpoint = await context.checkpointer.checkpoint({ account });
  return result;
}

const COUNT_MARKER = '{{count}}';
const ANCHOR_MARKER = '{{anchorSeq}}';

function chainName(account: string | null): string {
  return account === null ? 'the global chain' : `account ${account}`;
}

function checkCutoff(cutoff: Date, account: string | null): Date {
  if (!(cutoff instanceof Date) || Number.isNaN(cutoff.getTime())) throw new Error(`purge: the cutoff for ${chainName(account)} is not a valid date`);
  return cutoff;
}

function cutoffOf(request: PurgeRequest, account: string | null): Date | null {
  if (request.olderThan instanceof Date) return request.olderThan;
  const cutoff = request.olderThan(account);
  return cutoff === null ? null : checkCutoff(cutoff, account);
}

function detailsOf(request: PurgeRequest, account: string | null): Record<string, unknown> {
  return (typeof request.details === 'function' ? request.details(account) : request.details) ?? {};
}

/** Where a chain the cutoff function left alone starts (1 for an account's chain never purged). */
async function anchorOf(dataSource: DataSource, account: string | null): Promise<string> {
  const rows = (await dataSource.query(...chainHeadQuery(account))) as ChainHead[];
  return rows[0]?.anchorSeq ?? '1';
}
