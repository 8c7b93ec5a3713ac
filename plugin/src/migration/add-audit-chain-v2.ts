import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalTextV2Sql, chainHashSql, utcMicros } from '../chain/canonical.js';
import { ownedPurgeFunctionSql, V1_PURGE_APPEND } from './add-audit-roles.js';
import { ident } from './audit-roles.js';

export const V1_APPEND = 'audit_append_entry(uuid, text, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, text)';
export const V2_APPEND = 'audit_append_entry_v2(uuid, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, jsonb, text)';

/**
 * Chain format 2 (chain/canonical.ts): entries keep their sentence's parameters (`params`), hashed
 * with the rest, and readers see the sentence rendered from them in their own language. Each entry
 * records its format (`chain_format`: 1 for every entry before this migration), so
 * `audit:verify` checks old and new entries alike. The canonical text is PostgreSQL's own jsonb
 * rendering, so the database hashes it in the append (audit_append_entry_v2) and re-hashes it
 * when verifying, millions of rows at a time.
 *
 * The tables and functions belong to the owner role since migration 1764000000500: the changes
 * are made as that role (the migrating role takes membership for the migration if it must), and
 * the new append function gets exactly the EXECUTE grants the format-1 one has.
 */
export class AddAuditChainV21764000000600 implements MigrationInterface {
  name = 'AddAuditChainV21764000000600';

  async up(db: QueryRunner): Promise<void> {
    await asTableOwner(db, async (schema) => {
      await db.query(`ALTER TABLE audit_logs ADD COLUMN params jsonb, ADD COLUMN chain_format smallint NOT NULL DEFAULT 1`);
      await db.query(appendFunctionV2Sql(schema));
      // Its own entry, from now on in format 2 (replacing the function keeps its owner and grants).
      await db.query(ownedPurgeFunctionSql(searchPath(schema), V2_PURGE_APPEND(ident(schema)), false));
    });
    await db.query(`REVOKE ALL ON FUNCTION ${V2_APPEND} FROM PUBLIC`);
    const grantees = (await db.query(
      `SELECT DISTINCT a.grantee::regrole::text AS grantee
         FROM pg_proc p, aclexplode(p.proacl) a
        WHERE p.oid = '${V1_APPEND}'::regprocedure AND a.privilege_type = 'EXECUTE' AND a.grantee <> 0 AND a.grantee <> p.proowner`,
    )) as Array<{ grantee: string }>;
    for (const { grantee } of grantees) await db.query(`GRANT EXECUTE ON FUNCTION ${V2_APPEND} TO ${grantee}`);
  }

  async down(db: QueryRunner): Promise<void> {
    await asTableOwner(db, async (schema) => {
      await db.query(`DROP FUNCTION IF EXISTS ${V2_APPEND}`);
      await db.query(ownedPurgeFunctionSql(searchPath(schema), V1_PURGE_APPEND(ident(schema)), false));
      await db.query(`ALTER TABLE audit_logs DROP COLUMN params, DROP COLUMN chain_format`);
    });
  }
}

export const searchPath = (schema: string) => `pg_catalog, ${ident(schema)}, pg_temp`;

/**
 * Runs `work` as the role that owns audit_logs, so what it creates belongs to that role. A
 * superuser or the owner itself just runs it; another role needs membership in the owner, taken
 * here for the migration when it may grant it (CREATEROLE), as migration 1764000000500 does.
 */
export async function asTableOwner(db: QueryRunner, work: (schema: string) => Promise<void>): Promise<void> {
  const [state] = (await db.query(`
    SELECT n.nspname AS schema, pg_get_userbyid(c.relowner) AS owner, current_user::text AS me,
           (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS super,
           pg_has_role(current_user, c.relowner, 'MEMBER') AS member
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'audit_logs'::regclass`)) as Array<{
    schema: string; owner: string; me: string; super: boolean; member: boolean;
  }>;
  const { schema, owner, me } = state!;
  if (state!.super || owner === me) {
    await work(schema);
    if (owner !== me) await db.query(`ALTER FUNCTION ${V2_APPEND} OWNER TO ${ident(owner)}`);
    return;
  }
  if (!state!.member) {
    try {
      await db.query(`GRANT ${ident(owner)} TO ${ident(me)}`);
    } catch (error) {
      throw new Error(
        `audit migration: "${me}" must act as "${owner}" (the audit tables' owner) to add chain format 2, and may not take that role ` +
          `(${(error as Error).message}). Run the migrations as a superuser or a role with CREATEROLE, or GRANT ${owner} TO ${me} for the migration.`,
      );
    }
  }
  await db.query(`GRANT CREATE ON SCHEMA ${ident(schema)} TO ${ident(owner)}`);
  await db.query(`SET ROLE ${ident(owner)}`);
  try {
    await work(schema);
  } finally {
    await db.query(`RESET ROLE`);
    await db.query(`REVOKE CREATE ON SCHEMA ${ident(schema)} FROM ${ident(owner)}`);
    if (!state!.member) await db.query(`REVOKE ${ident(owner)} FROM ${ident(me)}`);
  }
}

/**
 * The format-2 append: locks the chain head, takes the next position, id and time, inserts the
 * entry hashed in SQL (canonicalTextV2Sql over the values it inserts), moves the head and queues
 * the entry for every enabled sink — as audit_append_entry does for format 1.
 */
export function appendFunctionV2Sql(schema: string, options: { monotonicTime?: boolean; accountIdType?: string; sinkAccounts?: boolean } = {}): string {
  const text = canonicalTextV2Sql({
    chainSeq: 'head.chain_seq::text', id: 'head.id::text', eventId: 'p_event_id::text', occurredAt: utcMicros('head.occurred_at'),
    actorId: 'p_actor_id', actorName: 'p_actor_name', actorEmail: 'p_actor_email', actorRole: 'p_actor_role', action: 'p_action',
    category: 'p_category', targetType: 'p_target_type', targetId: 'p_target_id', targetLabel: 'p_target_label', changes: 'p_changes',
    details: 'p_details', ip: 'p_ip', userAgent: 'p_user_agent', requestId: 'p_request_id', accountId: 'p_account_id', params: 'p_params',
    sentence: 'p_sentence',
  });
  // Output names differ from every column the query reads, so PL/pgSQL never mistakes one for the other.
  return `
    CREATE OR REPLACE FUNCTION audit_append_entry_v2(
      p_event_id uuid, p_actor_id text, p_actor_name text, p_actor_email text, p_actor_role text,
      p_action text, p_category text, p_target_type text, p_target_id text, p_target_label text,
      p_changes jsonb, p_details jsonb, p_ip text, p_user_agent text, p_request_id text, p_account_id text, p_params jsonb, p_sentence text)
    RETURNS TABLE (appended_id text, appended_seq text, appended_at text, appended_prev_hash text, appended_hash text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${searchPath(schema)} AS $$
    BEGIN
      RETURN QUERY
      WITH head AS (
        SELECT h.last_seq + 1 AS chain_seq, h.last_hash AS prev_hash, ${options.monotonicTime ? MONOTONIC_TIME : 'now()'} AS occurred_at,
               nextval(pg_get_serial_sequence('audit_logs', 'id')) AS id
          FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE),
      entry AS (
        INSERT INTO audit_logs (id, chain_seq, event_id, occurred_at, actor_id, actor_name, actor_email, actor_role, action, category,
                                target_type, target_id, target_label, changes, details, ip, user_agent, request_id, account_id, params,
                                sentence, chain_format, prev_hash, hash)
        SELECT head.id, head.chain_seq, p_event_id, head.occurred_at, p_actor_id, p_actor_name, p_actor_email, p_actor_role, p_action,
               p_category, p_target_type, p_target_id, p_target_label, p_changes, p_details, p_ip, p_user_agent, p_request_id,
               ${options.accountIdType ? `p_account_id::${options.accountIdType}` : 'p_account_id'}, p_params, p_sentence, 2, head.prev_hash, ${chainHashSql('head.prev_hash', text)}
          FROM head
        RETURNING audit_logs.id, audit_logs.chain_seq, audit_logs.occurred_at, audit_logs.prev_hash, audit_logs.hash),
      moved AS (
        UPDATE audit_chain_head SET last_seq = entry.chain_seq, last_hash = entry.hash${options.monotonicTime ? ', last_at = entry.occurred_at' : ''}
          FROM entry WHERE audit_chain_head.id = 1 RETURNING 1),
      queued AS (
        ${options.sinkAccounts ? SINK_ACCOUNTS_QUEUE : 'INSERT INTO audit_outbox (entry_id, event_id, sink) SELECT entry.id, p_event_id, s.name FROM audit_sinks s, entry, moved WHERE s.enabled'})
      SELECT entry.id::text, entry.chain_seq::text, ${utcMicros('entry.occurred_at')}, entry.prev_hash::text, entry.hash::text
        FROM entry, moved;
    END $$`;
}

/**
 * The queueing of migration 1764000000820: a sink that names accounts gets only those accounts'
 * entries, and each outbox row keeps its entry's account (for the Audit Deliveries view's confinement).
 */
const SINK_ACCOUNTS_QUEUE = `INSERT INTO audit_outbox (entry_id, event_id, sink, account_id)
          SELECT entry.id, p_event_id, s.name, p_account_id FROM audit_sinks s, entry, moved
           WHERE s.enabled AND (s.accounts IS NULL OR p_account_id = ANY (s.accounts))`;

/**
 * The time of an entry appended under the head's lock (migration 1764000000700): the clock when it
 * is appended — just before its transaction commits — never earlier than the entry before it. So
 * (occurred_at, id) follows the order entries become visible, which a reader tailing the log by
 * time relies on; now() (the transaction's start) did not: a long transaction committed after a
 * short one it began before.
 */
const MONOTONIC_TIME = `greatest(clock_timestamp(), h.last_at + interval '1 microsecond')`;

/** The purge's own entry in format 2: its details say what went (the template reads them), empty params, the sentence is the search text. */
export const V2_PURGE_APPEND = (s: string) => `      SELECT * INTO appended FROM ${s}.audit_append_entry_v2(gen_random_uuid(), NULL, 'System', NULL, NULL, p_action, p_category,
                                                             NULL, NULL, NULL, NULL, entry_details, NULL, NULL, NULL, p_account_id, '{}'::jsonb, entry_sentence);
`;
