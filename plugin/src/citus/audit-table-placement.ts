// Where each audit table lives on a Citus cluster, and why. distributeAuditLog (distribute-audit-log.ts)
// applies this; the reasons are here so that a new table gets the same thought.

/** How Citus holds a table: split by a column, copied to every node, or split by its own key. */
export type Placement =
  | { kind: 'by-account' }
  | { kind: 'reference' }
  | { kind: 'by-own-key'; column: string };

export interface TablePlacement {
  table: string;
  placement: Placement;
}

/**
 * The log and the per-account chain heads are split by account and co-located: an append reads and
 * moves its account's head and inserts its entry, and with both on the account's worker that is one
 * connection and a plain COMMIT (no two-phase commit), and the purge can run there whole.
 */
export const ACCOUNT_TABLES: TablePlacement[] = [
  { table: 'audit_logs', placement: { kind: 'by-account' } },
  { table: 'audit_account_chains', placement: { kind: 'by-account' } },
];

/**
 * Copied to every node (reference tables). Each is small, read far more often than written, and read
 * from inside functions or triggers that run on the account's worker, where only local tables are
 * visible:
 *
 * - audit_chain_head: the append-only guard on every audit_logs shard names it (a plan that names a
 *   missing table fails even when the branch that reads it is not taken). The global chain itself
 *   cannot grow on Citus (its entries have no account), so the row only changes by a purge.
 * - audit_retention: the account purge reads the retention floor on the worker it runs on.
 * - audit_sinks: every append asks whether a sink is enabled, on the node it runs on.
 * - audit_outbox: the append (and the purge's own entry, on the worker) queues deliveries here, and
 *   the purge removes the queued rows of what it deletes. It has no account column, and the delivery
 *   worker claims rows across all accounts with FOR UPDATE SKIP LOCKED, which Citus refuses on a
 *   table split across shards. The price: with a sink enabled, each append is a two-phase commit on
 *   every node. Without sinks nothing is written to it.
 * - audit_api_tokens: the read API looks a token up by its hash on every request, across accounts
 *   (a key split by account would make that lookup ask every shard, and UNIQUE (token_hash) could not
 *   be kept). Tokens are few and change rarely (created, revoked, an hourly "read recorded" mark).
 */
export const REFERENCE_TABLES: TablePlacement[] = ['audit_chain_head', 'audit_retention', 'audit_sinks', 'audit_outbox', 'audit_api_tokens'].map((table) => ({
  table,
  placement: { kind: 'reference' },
}));

/**
 * Split by its own key, in a co-location group of its own: the sign-in throttle is written on every
 * sign-in attempt (an upsert by key), never joined with anything, and its key is its primary key, so
 * each write goes to one shard. As a reference table every attempt would be a two-phase commit on
 * every node; left on the coordinator, an app instance connected to a worker could not reach it.
 */
export const OWN_KEY_TABLES: TablePlacement[] = [{ table: 'audit_sign_in_throttle', placement: { kind: 'by-own-key', column: 'key' } }];
