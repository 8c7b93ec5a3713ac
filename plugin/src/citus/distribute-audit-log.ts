// Turns the audit tables, as the plugin's migrations leave them on a Citus coordinator (plain local
// tables), into a Citus layout: the log and its per-account chain heads split by account and
// co-located with each other (in a group of their own), the small global tables copied to every
// node, the purge run on the account's worker. A host on Citus calls it once, as a superuser, after
// running the migrations; calling it again changes nothing and says so.
//
// What cannot be done here is the plugin's SQL itself: the global chain (entries with no account)
// and its single-statement append cannot work on Citus, so on Citus every entry needs an account.
import type { QueryRunner } from 'typeorm';
import { ACCOUNT_TABLES, OWN_KEY_TABLES, REFERENCE_TABLES } from './audit-table-placement.js';

export interface AuditLogDistribution {
  /** False when everything was already in place: nothing was changed. */
  changed: boolean;
  /** What was done, in order, in words (empty when nothing was to do). */
  steps: string[];
  /** Something left undone that the deployer or the plugin must still fix, with how. */
  warnings: string[];
  /** One line for a log: what happened. */
  summary: string;
}

/** The setting that lets Citus distribute tables with triggers, and create triggers on shards. */
const UNSAFE_TRIGGERS = 'citus.enable_unsafe_triggers';
/** The plugin's per-account purge, which must run on the worker holding the account (see delegatePurge). */
const ACCOUNT_PURGE_NAME = 'audit_logs_purge_account';

/** Whether Citus can turn a function argument of `argType` into the distribution column's `columnType` (an implicit cast: text to varchar, not text to integer). */
const delegable = (argType: string, columnType: string) => argType === columnType || (argType === 'text' && columnType === 'character varying');

/** PostgreSQL's quote_ident for the names read from the catalogue here. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function rows<T>(db: QueryRunner, sql: string, params: unknown[] = []): Promise<T[]> {
  return (await db.query(sql, params)) as T[];
}

/**
 * The log gets a co-location group of its own, never the host's: Citus lets one transaction reach a
 * shard group over one connection, and its connections are per user. The append runs as the
 * owner role (SECURITY DEFINER), the host's change as the app, so a transaction that changed a row
 * co-located with the log could not then append its entry ("cannot perform query on placements
 * that were modified in this transaction by a different user"). In a group of its own the append
 * takes a connection of its own, and a change and its entry on two nodes commit in two phases.
 */
export async function distributeAuditLog(db: QueryRunner): Promise<AuditLogDistribution> {
  await checkPreconditions(db);
  const steps: string[] = [];
  const warnings: string[] = [];

  await allowTriggersOnShards(db, steps);
  await letOwnerConnectToWorkers(db, steps);
  for (const { table } of REFERENCE_TABLES) {
    if (await isCitusTable(db, table)) continue;
    await db.query(`SELECT create_reference_table($1)`, [table]);
    steps.push(`${table}: reference table (copied to every node)`);
  }
  for (const { table, placement } of OWN_KEY_TABLES) {
    if (placement.kind !== 'by-own-key' || (await isCitusTable(db, table))) continue;
    await db.query(`SELECT create_distributed_table($1, $2, colocate_with => 'none')`, [table, placement.column]);
    steps.push(`${table}: distributed by ${placement.column}, in a co-location group of its own`);
  }
  // A group of its own (see above): Citus's 'default' would silently put the log with any host table of the same key type.
  let colocateWith = 'none';
  for (const { table } of ACCOUNT_TABLES) {
    if (!(await isCitusTable(db, table))) {
      await keysWithAccount(db, table, steps);
      await db.query(`SELECT create_distributed_table($1, 'account_id', colocate_with => $2)`, [table, colocateWith]);
      steps.push(`${table}: distributed by account_id, ${colocateWith === 'none' ? 'in a co-location group of its own' : `co-located with ${colocateWith}`}`);
    }
    // The chain heads follow the log, whatever the log was co-located with.
    colocateWith = 'audit_logs';
  }
  await delegatePurge(db, steps, warnings);

  const changed = steps.length > 0;
  const summary = changed
    ? `audit log distributed on Citus: ${steps.length} step(s)${warnings.length > 0 ? `, ${warnings.length} warning(s)` : ''}`
    : `audit log already distributed on Citus: nothing to do${warnings.length > 0 ? ` (${warnings.length} warning(s) remain)` : ''}`;
  return { changed, steps, warnings, summary };
}

/** Refuses, before changing anything, what would fail halfway: no Citus, not a superuser, entries with no account. */
async function checkPreconditions(db: QueryRunner): Promise<void> {
  const [citus] = await rows<{ version: string }>(db, `SELECT extversion AS version FROM pg_extension WHERE extname = 'citus'`);
  if (!citus) throw new Error('distributeAuditLog: the citus extension is not installed in this database (CREATE EXTENSION citus, on the coordinator)');
  const [me] = await rows<{ super: boolean; name: string }>(db, `SELECT rolsuper AS super, rolname::text AS name FROM pg_roles WHERE rolname = current_user`);
  // ALTER DATABASE … SET for a Citus setting, ALTER ROLE of the owner and distributing its tables.
  if (!me?.super) throw new Error(`distributeAuditLog: run it as a superuser ("${me?.name ?? 'current_user'}" is not one)`);
  const [log] = await rows<{ exists: boolean }>(db, `SELECT to_regclass('audit_logs') IS NOT NULL AS exists`);
  if (!log?.exists) throw new Error('distributeAuditLog: audit_logs does not exist: run the audit migrations first');
  if (!(await isCitusTable(db, 'audit_logs'))) {
    const [orphans] = await rows<{ n: string }>(db, `SELECT count(*)::text AS n FROM audit_logs WHERE account_id IS NULL`);
    if (Number(orphans!.n) > 0) {
      throw new Error(
        `distributeAuditLog: ${orphans!.n} audit entries have no account (the global chain). Citus splits the log by account and ` +
          'cannot hold them: distribute before anything is recorded, or move the system entries to an account of their own (accountId option).',
      );
    }
  }
}

async function isCitusTable(db: QueryRunner, table: string): Promise<boolean> {
  const found = await rows<{ one: number }>(db, `SELECT 1 AS one FROM pg_dist_partition WHERE logicalrelid = to_regclass($1)`, [table]);
  return found.length > 0;
}

/**
 * The append-only guards are triggers, and Citus distributes a table with triggers, or creates a
 * trigger on its shards, only with this setting on. Set for the database (Citus passes it to the
 * workers), so a later migration that recreates a trigger works too; and for this session, where it
 * is needed now. Its own statement: a SET inside a failed transaction would be rolled back with it.
 */
async function allowTriggersOnShards(db: QueryRunner, steps: string[]): Promise<void> {
  await db.query(`SET ${UNSAFE_TRIGGERS} = on`);
  const [database] = await rows<{ name: string; set: boolean }>(
    db,
    `SELECT current_database()::text AS name,
            EXISTS (SELECT 1 FROM pg_db_role_setting s, unnest(s.setconfig) c
                     WHERE s.setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.setrole = 0
                       AND c = '${UNSAFE_TRIGGERS}=on') AS set`,
  );
  if (database!.set) return;
  await db.query(`ALTER DATABASE ${ident(database!.name)} SET ${UNSAFE_TRIGGERS} = on`);
  steps.push(`database ${database!.name}: ${UNSAFE_TRIGGERS} = on`);
}

/**
 * The plugin's functions are SECURITY DEFINER, owned by the NOLOGIN owner role, and Citus opens its
 * connections to the workers as the current user: inside an append that is the owner, so the owner
 * must be able to log in. Run on the coordinator, Citus passes the change to every node. The deployer
 * must then let the owner in only from the cluster's own nodes (pg_hba.conf on every node; see
 * the plugin README, "On Citus"). On plain PostgreSQL the migrations keep refusing an owner with LOGIN.
 */
async function letOwnerConnectToWorkers(db: QueryRunner, steps: string[]): Promise<void> {
  const [owner] = await rows<{ name: string; login: boolean }>(
    db,
    `SELECT r.rolname::text AS name, r.rolcanlogin AS login FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = 'audit_logs'::regclass`,
  );
  if (owner!.login) return;
  await db.query(`ALTER ROLE ${ident(owner!.name)} LOGIN`);
  steps.push(`role ${owner!.name}: LOGIN (Citus connects to the workers as the functions' owner; restrict it in pg_hba.conf)`);
}

interface UniqueIndex {
  name: string;
  constraint: string | null;
  primary: boolean;
  definition: string;
}

/**
 * Citus can only enforce a unique key that holds the distribution column (each shard checks its own
 * rows). Every PRIMARY KEY and UNIQUE index of `table` without account_id is replaced by the same
 * key led by account_id, in one transaction so the table is never without it:
 *
 * - PRIMARY KEY (id) -> (account_id, id). Ids still come from one sequence (the coordinator's, or a
 *   worker's copy in a range of its own), so they stay unique in practice; only the database's
 *   guarantee narrows to "per account".
 * - UNIQUE (event_id) -> (account_id, event_id): random UUIDs, as above.
 * - the global chain's UNIQUE (chain_seq) -> (account_id, chain_seq), same condition. The global
 *   chain cannot grow on Citus (its entries have no account), and a duplicate position still fails
 *   verification; the account chains' key already leads with account_id and is kept as it is.
 */
async function keysWithAccount(db: QueryRunner, table: string, steps: string[]): Promise<void> {
  const keys = await rows<UniqueIndex>(
    db,
    `SELECT i.relname::text AS name, con.conname::text AS constraint, ix.indisprimary AS primary, pg_get_indexdef(ix.indexrelid) AS definition
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid
       LEFT JOIN pg_constraint con ON con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u')
      WHERE ix.indrelid = to_regclass($1) AND ix.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = ix.indrelid AND a.attname = 'account_id' AND a.attnum = ANY (ix.indkey))
      ORDER BY i.relname`,
    [table],
  );
  if (keys.length === 0) return;
  const statements: string[] = [];
  for (const key of keys) {
    if (key.constraint) {
      const columns = /\((.*)\)$/.exec(key.definition.replace(/ WHERE .*$/, ''))?.[1];
      if (!columns || / WHERE /.test(key.definition)) throw new Error(`distributeAuditLog: cannot rebuild ${table}'s key ${key.name} (${key.definition})`);
      statements.push(`ALTER TABLE ${ident(table)} DROP CONSTRAINT ${ident(key.constraint)}`);
      statements.push(`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(key.constraint)} ${key.primary ? 'PRIMARY KEY' : 'UNIQUE'} (account_id, ${columns})`);
    } else {
      const rebuilt = key.definition.replace(/ USING (\w+) \(/, (_, method: string) => ` USING ${method} (account_id, `);
      if (rebuilt === key.definition) throw new Error(`distributeAuditLog: cannot rebuild ${table}'s unique index ${key.name} (${key.definition})`);
      statements.push(`DROP INDEX ${ident(key.name)}`);
      statements.push(rebuilt);
    }
  }
  await inTransaction(db, async () => {
    for (const statement of statements) await db.query(statement);
  });
  steps.push(`${table}: unique keys led by account_id (${keys.map((key) => key.name).join(', ')})`);
}

/** Runs `work` in a transaction of its own, or in the caller's when one is open. */
async function inTransaction(db: QueryRunner, work: () => Promise<void>): Promise<void> {
  if (db.isTransactionActive) return work();
  await db.startTransaction();
  try {
    await work();
    await db.commitTransaction();
  } catch (error) {
    await db.rollbackTransaction();
    throw error;
  }
}

/**
 * The account purge must run on the worker that holds the account. It turns the append-only guard
 * aside for its own DELETE with a transaction-local setting, and Citus does not pass a setting made
 * inside a function to the workers, where the shards' triggers check it: run on the coordinator, the
 * DELETE is refused. create_distributed_function makes Citus send a top-level call
 * (`SELECT * FROM audit_logs_purge_account($1, …)`, outside a transaction block) to the account's
 * worker, where the whole body runs against local shards and the setting is seen.
 *
 * Citus can delegate only when the function's account argument has the distribution column's type
 * (a text argument against an integer column fails every call with "Cannot coerce text to
 * integer"): otherwise the purge is left as it is and a warning says what the function needs.
 */
async function delegatePurge(db: QueryRunner, steps: string[], warnings: string[]): Promise<void> {
  const functions = await rows<{ signature: string; argType: string; delegated: boolean }>(
    db,
    `SELECT p.oid::regprocedure::text AS signature, format_type(p.proargtypes[0], NULL) AS "argType",
            EXISTS (SELECT 1 FROM pg_dist_object o WHERE o.classid = 'pg_proc'::regclass AND o.objid = p.oid AND o.distribution_argument_index IS NOT NULL) AS delegated
       FROM pg_proc p WHERE p.proname = $1 AND p.pronamespace = (SELECT relnamespace FROM pg_class WHERE oid = 'audit_logs'::regclass)`,
    [ACCOUNT_PURGE_NAME],
  );
  const [column] = await rows<{ type: string }>(
    db,
    `SELECT format_type(atttypid, NULL) AS type FROM pg_attribute WHERE attrelid = 'audit_logs'::regclass AND attname = 'account_id'`,
  );
  if (functions.length === 0) {
    warnings.push(`${ACCOUNT_PURGE_NAME} does not exist: run the audit migrations (1764000000800) before distributing`);
    return;
  }
  for (const fn of functions) {
    if (fn.delegated) continue;
    if (!delegable(fn.argType, column!.type)) {
      warnings.push(
        `${fn.signature} takes the account as ${fn.argType} but audit_logs is distributed by ${column!.type}: Citus cannot run it on the ` +
          `account's worker, so an account purge is refused by the append-only guard on the shards. Its account argument must be ${column!.type}.`,
      );
      continue;
    }
    await db.query(`SELECT create_distributed_function($1, '$1', colocate_with := 'audit_logs')`, [fn.signature]);
    steps.push(`${fn.signature}: runs on the worker holding the account`);
  }
}
