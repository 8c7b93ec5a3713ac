// DATABASE_DISTRIBUTION=citus: after the migrations (the same ones as on one PostgreSQL server), the
// tables take their places on a Citus cluster (distributed PostgreSQL), once; later starts find
// them placed and change nothing. Why each table goes where: docs/scale.md.
//
// - Account-owned tables are split by account, all in one co-location group with `account`
//   (split by its id): an account's settings live on one worker, and every key and foreign key
//   between them holds account_id (migration 810), so each stays a one-worker check.
// - `users` is shared by every account: a reference table, copied to every node, so a membership
//   on any worker can reference it.
// - `session` and the migrations table stay plain tables on the coordinator: only the app reads them,
//   by key. (Added to Citus's metadata, the session store's upsert would be refused: Citus allows
//   only immutable functions in an ON CONFLICT update of a table it manages.)
// - The audit log is the plugin's to place (distributeAuditLog): split by account in a group of
//   its own, for the reason decision 0024 gives.
import { distributeAuditLog } from '@hashtrail/adminjs-audit';
import type { DataSource, QueryRunner } from 'typeorm';
import type { Logger } from '../../logger.js';

/** Split by account_id, with `account` (split by id) first: the others are co-located with it. */
export const ACCOUNT_TABLES = ['account_users', 'inboxes', 'teams', 'webhooks', 'automation_rules', 'inbox_members', 'team_members'] as const;
export const REFERENCE_TABLES = ['users'] as const;

interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

const isCitusTable = async (db: QueryRunner, table: string) =>
  ((await db.query(`SELECT 1 FROM pg_dist_partition WHERE logicalrelid = to_regclass($1)`, [table])) as unknown[]).length > 0;

/**
 * Places MessageHub's tables and the audit log on Citus. Needs a superuser on the coordinator (as
 * the migrations do) and a cluster whose workers are added already. Returns what it did, in words.
 */
export async function distributeMessageHub(dataSource: DataSource, logger: Logger): Promise<string[]> {
  const db = dataSource.createQueryRunner();
  const steps: string[] = [];
  try {
    const [citus] = (await db.query(`SELECT extversion FROM pg_extension WHERE extname = 'citus'`)) as unknown[];
    if (!citus) {
      throw new Error('DATABASE_DISTRIBUTION=citus, but the citus extension is not installed in this database: CREATE EXTENSION citus on the coordinator (and add the workers) first');
    }
    const workers = (await db.query(`SELECT 1 FROM pg_dist_node WHERE noderole = 'primary' AND groupid <> 0`)) as unknown[];
    if (workers.length === 0) throw new Error('DATABASE_DISTRIBUTION=citus, but the cluster has no worker node: add them with citus_add_node first');

    if (!(await isCitusTable(db, 'account'))) {
      // Citus refuses a foreign key between a table it places and one it does not yet: the keys
      // between these tables are set aside, the tables placed, and the same keys put back.
      const keys = await foreignKeys(db, ['account', ...ACCOUNT_TABLES, ...REFERENCE_TABLES]);
      await db.startTransaction();
      try {
        // One connection per worker for the whole transaction: Citus refuses to place a table whose
        // key another table placed in parallel (over other connections) in the same transaction references.
        await db.query(`SET LOCAL citus.multi_shard_modify_mode TO 'sequential'`);
        for (const key of keys) await db.query(`ALTER TABLE ${key.table} DROP CONSTRAINT ${key.name}`);
        for (const table of REFERENCE_TABLES) {
          await db.query(`SELECT create_reference_table($1)`, [table]);
          steps.push(`${table}: reference table (every node)`);
        }
        await db.query(`SELECT create_distributed_table('account', 'id', colocate_with => 'none')`);
        steps.push('account: split by id');
        for (const table of ACCOUNT_TABLES) {
          await db.query(`SELECT create_distributed_table($1, 'account_id', colocate_with => 'account')`, [table]);
          steps.push(`${table}: split by account_id, beside its account`);
        }
        for (const key of keys) await db.query(`ALTER TABLE ${key.table} ADD CONSTRAINT ${key.name} ${key.definition}`);
        await db.commitTransaction();
      } catch (error) {
        await db.rollbackTransaction();
        throw error;
      }
    }
    // For other clients too (the CLIs, psql): the app's own connections ask for it (data-source.ts).
    await db.query(`DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET citus.multi_shard_modify_mode TO sequential', current_database()); END $$`);
    const audit = await distributeAuditLog(db);
    steps.push(...audit.steps);
    for (const warning of audit.warnings) logger.warn(warning);
    if (steps.length > 0) logger.info({ steps }, `Placed the tables on Citus (${steps.length} steps)`);
    return steps;
  } finally {
    await db.release();
  }
}

/** The foreign keys of `tables` (either end), with their definitions, to drop and re-add. */
async function foreignKeys(db: QueryRunner, tables: readonly string[]): Promise<ForeignKey[]> {
  return (await db.query(
    `SELECT DISTINCT c.conrelid::regclass::text AS table, quote_ident(c.conname) AS name, pg_get_constraintdef(c.oid) AS definition
       FROM pg_constraint c
      WHERE c.contype = 'f' AND (c.conrelid = ANY($1::regclass[]) OR c.confrelid = ANY($1::regclass[]))
      ORDER BY 1, 2`,
    [tables],
  )) as ForeignKey[];
}
