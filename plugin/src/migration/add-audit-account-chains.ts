import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalTextV2Sql, chainHashSql, GENESIS_HASH, utcMicros } from '../chain/canonical.js';
import { appendFunctionV2Sql, searchPath, asTableOwner, V2_APPEND, V2_PURGE_APPEND } from './add-audit-chain-v2.js';
import { appendGrantees } from './add-audit-api.js';
import { AUDIT_SEARCH_EXPRESSION } from './create-audit-log.js';
import { AUDIT_MONTH_EXPRESSION } from './add-audit-search-by-month.js';
import { ident, resolveAuditRoles, type AuditRoleOptions } from './audit-roles.js';
import { ownedPurgeFunctionSql, PURGE_SETTING, purgingSql } from './add-audit-roles.js';

export const V3_APPEND = 'audit_append_entry_v3(uuid, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, jsonb, text)';
/** The account purge's signature: its account argument has the column's own type, so Citus can run it on the account's worker. */
export const accountPurgeSignature = (idType: AccountIdType) => `audit_logs_purge_account(${accountArgumentType(idType)}, timestamptz, jsonb, text, text, text)`;
const accountArgumentType = (idType: AccountIdType) => (idType === 'varchar(64)' ? 'text' : idType);

/** The SQL types an account id may have; the host's own account key type, so Citus can co-locate the log with the host's tables. */
export const ACCOUNT_ID_TYPES = ['varchar(64)', 'integer', 'bigint', 'uuid'] as const;
export type AccountIdType = (typeof ACCOUNT_ID_TYPES)[number];

/** The list indexes that lead with the account (`accounts` option): one per filter the viewer offers, each ending in the list's sort. */
const ACCOUNT_INDEXES: Array<[name: string, definition: string, replaces: string]> = [
  ['audit_logs_account_recent', '(account_id, occurred_at DESC, id DESC)', 'audit_logs_recent'],
  ['audit_logs_account_actor', '(account_id, actor_id, occurred_at DESC, id DESC)', 'audit_logs_by_actor'],
  ['audit_logs_account_action', '(account_id, action, occurred_at DESC, id DESC)', 'audit_logs_by_action'],
  ['audit_logs_account_category', '(account_id, category, occurred_at DESC, id DESC)', 'audit_logs_by_category'],
  ['audit_logs_account_target', '(account_id, target_type, target_id, occurred_at DESC, id DESC)', 'audit_logs_by_target'],
  ['audit_logs_account_target_type', '(account_id, target_type, occurred_at DESC, id DESC)', 'audit_logs_by_target_type'],
  ['audit_logs_account_target_id', '(account_id, target_id, occurred_at DESC, id DESC)', 'audit_logs_by_target_id'],
  ['audit_logs_account_request', '(account_id, request_id, occurred_at DESC, id DESC)', 'audit_logs_by_request'],
  ['audit_logs_account_ip', '(account_id, ip varchar_pattern_ops, occurred_at DESC, id DESC)', 'audit_logs_by_ip_recent'],
];

export interface AuditAccountOptions {
  /**
   * The host has accounts (it passes `accountOf` to createAuditPlugin): every list query names one
   * account, so the list indexes lead with the account id, and the id column takes the host's key
   * type. Without it the log keeps its global indexes, and entries carry no account or a fixed one.
   */
  accounts?: { idType?: AccountIdType };
}

/**
 * A hash chain per account (chain format 3). One chain head that every append locks caps the whole
 * deployment at one append at a time; with a head per account, accounts never wait on each other
 * and each account's log verifies (and is purged) on its own.
 *
 * - `audit_account_chains`: one head per account (anchor, last position, hash and time), made by
 *   the account's first entry. Like audit_chain_head it only moves forward and is never deleted.
 * - Entries with an account are appended to their account's chain in format 3: format 2's content,
 *   hashed as `[3, …]`, with positions from 1 per account. Entries with no account, and every entry
 *   written before this migration, stay in the global chain (formats 1 and 2), which verifies as before.
 * - `audit_append_entry_v3` is the one append: by account, or the global chain for none. The app's
 *   EXECUTE on the format-2 append moves to it.
 * - The global purge now removes global-chain entries only; `audit_logs_purge_account` purges one
 *   account's chain, with the same retention floor and the same maintenance-only grant.
 * - With `accounts`, the account id column takes the host's key type and the list indexes lead
 *   with it (on a big log, rebuilding them takes minutes and blocks audit writes: run it in a quiet
 *   moment).
 */
export function addAuditAccountChainsMigration(options: AuditRoleOptions & AuditAccountOptions = {}) {
  const idType = options.accounts?.idType ?? 'varchar(64)';
  if (!(ACCOUNT_ID_TYPES as readonly string[]).includes(idType)) {
    throw new Error(`auditRoleMigrations: accounts.idType must be one of ${ACCOUNT_ID_TYPES.join(', ')} (got "${idType}")`);
  }
  const roles = resolveAuditRoles(options);
  const ACCOUNT_PURGE = accountPurgeSignature(idType);
  return class AddAuditAccountChains1764000000800 implements MigrationInterface {
    name = 'AddAuditAccountChains1764000000800';

    async up(db: QueryRunner): Promise<void> {
      const grantees = await appendGrantees(db, V2_APPEND);
      await asTableOwner(db, async (schema) => {
        if (idType !== 'varchar(64)') {
          await db.query(`ALTER TABLE audit_logs ALTER COLUMN account_id TYPE ${idType} USING account_id::${idType}`);
          await db.query(`ALTER TABLE audit_api_tokens ALTER COLUMN account_id TYPE ${idType} USING account_id::${idType}`);
          // The global chain's append stores its (absent) account in the column's new type.
          await db.query(appendFunctionV2Sql(schema, { monotonicTime: true, accountIdType: idType }));
        }
        await db.query(`
          CREATE TABLE audit_account_chains (
            account_id ${idType} PRIMARY KEY,
            anchor_seq bigint NOT NULL,
            anchor_prev_hash char(64) NOT NULL,
            last_seq bigint NOT NULL,
            last_hash char(64) NOT NULL,
            last_at timestamptz NOT NULL DEFAULT '-infinity'
          )`);
        await db.query(`
          CREATE FUNCTION audit_account_chain_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = ${searchPath(schema)} AS $$
          BEGIN
            IF TG_OP = 'INSERT' THEN
              IF NEW.anchor_seq <> 1 OR NEW.last_seq <> 0 OR NEW.anchor_prev_hash <> '${GENESIS_HASH}' OR NEW.last_hash <> '${GENESIS_HASH}' THEN
                RAISE EXCEPTION 'audit_account_chains: a chain starts empty' USING ERRCODE = 'insufficient_privilege';
              END IF;
              RETURN NEW;
            END IF;
            IF TG_OP <> 'UPDATE' THEN
              RAISE EXCEPTION 'audit_account_chains: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF NEW.account_id IS DISTINCT FROM OLD.account_id OR NEW.last_seq < OLD.last_seq OR NEW.anchor_seq < OLD.anchor_seq THEN
              RAISE EXCEPTION 'audit_account_chains: a chain head only moves forward' USING ERRCODE = 'insufficient_privilege';
            END IF;
            IF (NEW.anchor_seq <> OLD.anchor_seq OR NEW.anchor_prev_hash <> OLD.anchor_prev_hash) AND NOT ${purgingSql('TG_RELID')} THEN
              RAISE EXCEPTION 'audit_account_chains: the anchor moves only through audit_logs_purge_account()' USING ERRCODE = 'insufficient_privilege';
            END IF;
            RETURN NEW;
          END $$`);
        await db.query(`CREATE TRIGGER audit_account_chains_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_account_chains FOR EACH ROW EXECUTE FUNCTION audit_account_chain_guard()`);
        await db.query(`CREATE TRIGGER audit_account_chains_no_truncate BEFORE TRUNCATE ON audit_account_chains FOR EACH STATEMENT EXECUTE FUNCTION audit_account_chain_guard()`);

        // Positions are per chain now: unique within the global chain, and within each account's.
        await db.query(`DROP INDEX IF EXISTS audit_logs_chain`);
        await db.query(`CREATE UNIQUE INDEX audit_logs_chain ON audit_logs (chain_seq) WHERE chain_format < 3`);
        await db.query(`CREATE UNIQUE INDEX audit_logs_account_chain ON audit_logs (account_id, chain_seq) WHERE chain_format = 3`);
        if (options.accounts) {
          for (const [name, definition, replaces] of ACCOUNT_INDEXES) {
            await db.query(`CREATE INDEX IF NOT EXISTS ${name} ON audit_logs ${definition}`);
            await db.query(`DROP INDEX IF EXISTS ${replaces}`);
          }
          await db.query(`CREATE INDEX IF NOT EXISTS audit_logs_account_search_by_month ON audit_logs USING gin (account_id, ${MONTH_AND_SEARCH})`);
          await db.query(`DROP INDEX IF EXISTS audit_logs_search_by_month`);
        }

        // A purge deletes entries before their own chain's anchor: the global one, or their account's.
        await db.query(`
          CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql SET search_path = ${searchPath(schema)} AS $$
          BEGIN
            IF TG_OP = 'DELETE' AND ${purgingSql('TG_RELID')}
               -- In parentheses: PL/pgSQL would end the IF's condition at the CASE's THEN.
               AND OLD.chain_seq < (CASE WHEN OLD.chain_format = 3
                                         THEN (SELECT a.anchor_seq FROM audit_account_chains a WHERE a.account_id = OLD.account_id)
                                         ELSE (SELECT h.anchor_seq FROM audit_chain_head h WHERE h.id = 1) END) THEN
              RETURN OLD;
            END IF;
            RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP
              USING ERRCODE = 'insufficient_privilege';
          END $$`);
        await db.query(appendFunctionV3Sql(schema, idType));
        await db.query(ownedPurgeFunctionSql(searchPath(schema), V2_PURGE_APPEND(ident(schema)), false, { globalChainOnly: true }));
        await db.query(accountPurgeFunctionSql(schema, idType));
      });
      const [{ owner, me }] = (await db.query(
        `SELECT pg_get_userbyid(c.relowner) AS owner, current_user::text AS me FROM pg_class c WHERE c.oid = 'audit_logs'::regclass`,
      )) as Array<{ owner: string; me: string }>;
      if (owner !== me) {
        // A superuser ran the work as itself: what it made goes to the owner, like the rest of the log.
        await db.query(`ALTER TABLE audit_account_chains OWNER TO ${ident(owner!)}`);
        for (const fn of [V3_APPEND, ACCOUNT_PURGE, 'audit_account_chain_guard()']) await db.query(`ALTER FUNCTION ${fn} OWNER TO ${ident(owner!)}`);
      }
      await db.query(`REVOKE ALL ON TABLE audit_account_chains FROM PUBLIC`);
      for (const fn of [V3_APPEND, ACCOUNT_PURGE]) await db.query(`REVOKE ALL ON FUNCTION ${fn} FROM PUBLIC`);
      for (const grantee of grantees) {
        await db.query(`GRANT EXECUTE ON FUNCTION ${V3_APPEND} TO ${grantee}`);
        await db.query(`GRANT SELECT ON TABLE audit_account_chains TO ${grantee}`);
        await db.query(`REVOKE EXECUTE ON FUNCTION ${V2_APPEND} FROM ${grantee}`);
      }
      const maintenance = (await db.query(`SELECT 1 FROM pg_roles WHERE rolname = $1`, [roles.maintenance])) as unknown[];
      if (maintenance.length > 0) {
        await db.query(`GRANT EXECUTE ON FUNCTION ${ACCOUNT_PURGE} TO ${ident(roles.maintenance)}`);
        await db.query(`GRANT SELECT ON TABLE audit_account_chains TO ${ident(roles.maintenance)}`);
      }
    }

    async down(db: QueryRunner): Promise<void> {
      const grantees = await appendGrantees(db, V3_APPEND);
      for (const grantee of grantees) await db.query(`GRANT EXECUTE ON FUNCTION ${V2_APPEND} TO ${grantee}`);
      await asTableOwner(db, async (schema) => {
        await db.query(`DROP FUNCTION IF EXISTS ${ACCOUNT_PURGE}`);
        await db.query(`DROP FUNCTION IF EXISTS ${V3_APPEND}`);
        await db.query(ownedPurgeFunctionSql(searchPath(schema), V2_PURGE_APPEND(ident(schema)), false));
        await db.query(`DROP TABLE IF EXISTS audit_account_chains`);
        await db.query(`DROP FUNCTION IF EXISTS audit_account_chain_guard()`);
        await db.query(`DROP INDEX IF EXISTS audit_logs_account_chain`);
        await db.query(`DROP INDEX IF EXISTS audit_logs_chain`);
        await db.query(`CREATE UNIQUE INDEX audit_logs_chain ON audit_logs (chain_seq)`);
      });
    }
  };
}

/** The month-scoped search index's keys after the account (migration 1764000000401's, which this one replaces with `accounts`). */
const MONTH_AND_SEARCH = `(${AUDIT_MONTH_EXPRESSION}), ${AUDIT_SEARCH_EXPRESSION} gin_trgm_ops`;


/**
 * The append by account: an entry with an account goes to the end of that account's chain (its
 * head made by the account's first entry), one with none to the global chain's (format 2, as
 * before). Same work as format 2's append: lock the head, take the next position, id and a time
 * never earlier than the chain's last, insert the entry hashed in SQL, move the head, queue it for
 * the sinks. Returns the format it used, so the writer re-checks the hash the same way.
 *
 * One statement per step rather than format 2's single statement: on distributed PostgreSQL
 * (Citus) each step then goes to the one node holding the account, where a statement that locks
 * the head and inserts at once is refused or planned across every node. The outbox is written
 * only when a sink is enabled, so a deployment without sinks writes nothing outside the account.
 */
export function appendFunctionV3Sql(schema: string, idType: AccountIdType, options: { sinkAccounts?: boolean } = {}): string {
  const text = canonicalTextV2Sql({
    chainSeq: 'next_seq::text', id: 'next_id::text', eventId: 'p_event_id::text', occurredAt: utcMicros('entry_at'),
    actorId: 'p_actor_id', actorName: 'p_actor_name', actorEmail: 'p_actor_email', actorRole: 'p_actor_role', action: 'p_action',
    category: 'p_category', targetType: 'p_target_type', targetId: 'p_target_id', targetLabel: 'p_target_label', changes: 'p_changes',
    details: 'p_details', ip: 'p_ip', userAgent: 'p_user_agent', requestId: 'p_request_id', accountId: 'account::text', params: 'p_params',
    sentence: 'p_sentence',
  }, 3);
  return `
    CREATE OR REPLACE FUNCTION audit_append_entry_v3(
      p_event_id uuid, p_actor_id text, p_actor_name text, p_actor_email text, p_actor_role text,
      p_action text, p_category text, p_target_type text, p_target_id text, p_target_label text,
      p_changes jsonb, p_details jsonb, p_ip text, p_user_agent text, p_request_id text, p_account_id text, p_params jsonb, p_sentence text)
    RETURNS TABLE (appended_id text, appended_seq text, appended_at text, appended_prev_hash text, appended_hash text, appended_format int)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${searchPath(schema)} AS $$
    DECLARE
      account ${idType};
      distributed boolean;
      head audit_account_chains%ROWTYPE;
      next_seq bigint;
      next_id bigint;
      entry_at timestamptz;
      entry_hash text;
    BEGIN
      IF p_account_id IS NULL THEN
        -- The global chain's single-statement append cannot run on a distributed log (Citus): say so plainly.
        IF to_regclass('pg_catalog.pg_dist_partition') IS NOT NULL THEN
          EXECUTE 'SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_dist_partition WHERE logicalrelid = ''audit_logs''::regclass)' INTO distributed;
          IF distributed THEN
            RAISE EXCEPTION 'audit entry without an account: audit_logs is distributed (Citus), where every entry needs an account; set the plugin''s accountId option (the system log''s account)'
              USING ERRCODE = 'not_null_violation';
          END IF;
        END IF;
        RETURN QUERY SELECT v2.appended_id, v2.appended_seq, v2.appended_at, v2.appended_prev_hash, v2.appended_hash, 2
          FROM audit_append_entry_v2(p_event_id, p_actor_id, p_actor_name, p_actor_email, p_actor_role, p_action, p_category, p_target_type,
                                     p_target_id, p_target_label, p_changes, p_details, p_ip, p_user_agent, p_request_id, NULL, p_params, p_sentence) v2;
        RETURN;
      END IF;
      account := p_account_id::${idType};
      -- The account's first entry makes its chain; two first entries at once: one makes it, both then lock it.
      INSERT INTO audit_account_chains (account_id, anchor_seq, anchor_prev_hash, last_seq, last_hash)
        VALUES (account, 1, '${GENESIS_HASH}', 0, '${GENESIS_HASH}') ON CONFLICT (account_id) DO NOTHING;
      SELECT * INTO head FROM audit_account_chains h WHERE h.account_id = account FOR UPDATE;
      next_seq := head.last_seq + 1;
      next_id := nextval(pg_get_serial_sequence('audit_logs', 'id'));
      entry_at := greatest(clock_timestamp(), head.last_at + interval '1 microsecond');
      entry_hash := ${chainHashSql('head.last_hash', text)};
      INSERT INTO audit_logs (id, chain_seq, event_id, occurred_at, actor_id, actor_name, actor_email, actor_role, action, category,
                              target_type, target_id, target_label, changes, details, ip, user_agent, request_id, account_id, params,
                              sentence, chain_format, prev_hash, hash)
      VALUES (next_id, next_seq, p_event_id, entry_at, p_actor_id, p_actor_name, p_actor_email, p_actor_role, p_action, p_category,
              p_target_type, p_target_id, p_target_label, p_changes, p_details, p_ip, p_user_agent, p_request_id, account, p_params,
              p_sentence, 3, head.last_hash, entry_hash);
      UPDATE audit_account_chains SET last_seq = next_seq, last_hash = entry_hash, last_at = entry_at WHERE audit_account_chains.account_id = account;
${options.sinkAccounts ? `      IF EXISTS (SELECT 1 FROM audit_sinks s WHERE ${SINK_TAKES_ACCOUNT}) THEN
        INSERT INTO audit_outbox (entry_id, event_id, sink, account_id) SELECT next_id, p_event_id, s.name, account::text FROM audit_sinks s WHERE ${SINK_TAKES_ACCOUNT};
      END IF;` : `      IF EXISTS (SELECT 1 FROM audit_sinks s WHERE s.enabled) THEN
        INSERT INTO audit_outbox (entry_id, event_id, sink) SELECT next_id, p_event_id, s.name FROM audit_sinks s WHERE s.enabled;
      END IF;`}
      RETURN QUERY SELECT next_id::text, next_seq::text, ${utcMicros('entry_at')}, head.last_hash::text, entry_hash, 3;
    END $$`;
}

/** An enabled sink that takes the account's entries (migration 1764000000820): it names no accounts, or this one. */
const SINK_TAKES_ACCOUNT = `s.enabled AND (s.accounts IS NULL OR account::text = ANY (s.accounts))`;

/**
 * audit_logs_purge_account(account, cutoff, …): the global purge's rules for one account's chain —
 * the retention floor, the chain's own lock, a prefix of the chain removed and the anchor moved
 * past it, and the purge's own entry appended to that chain.
 */
function accountPurgeFunctionSql(schema: string, idType: AccountIdType): string {
  const s = ident(schema);
  return `
    CREATE OR REPLACE FUNCTION audit_logs_purge_account(
      p_account_id ${accountArgumentType(idType)}, cutoff timestamptz, p_details jsonb DEFAULT '{}'::jsonb, p_sentence text DEFAULT NULL,
      p_action text DEFAULT 'audit_log.purged', p_category text DEFAULT 'Audit')
    RETURNS TABLE (purged_count bigint, new_anchor_seq bigint, new_anchor_prev_hash text, entry_id text, entry_seq text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${searchPath(schema)} AS $$
    DECLARE
      account ${idType};
      kept interval;
      head audit_account_chains%ROWTYPE;
      keep_seq bigint;
      keep_prev char(64);
      removed bigint;
      cutoff_text text;
      entry_details jsonb;
      entry_sentence text;
      appended record;
    BEGIN
      IF p_account_id IS NULL THEN
        RAISE EXCEPTION 'audit_logs_purge_account refused: no account given (audit_logs_purge purges the global chain)' USING ERRCODE = 'invalid_parameter_value';
      END IF;
      account := p_account_id;
      SELECT r.min_age INTO kept FROM audit_retention r WHERE r.id = 1;
      IF kept IS NULL THEN
        RAISE EXCEPTION 'audit_logs_purge_account refused: audit_retention has no row' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF cutoff IS NULL OR cutoff > now() - kept THEN
        RAISE EXCEPTION 'audit_logs_purge_account refused: cutoff % is newer than the retention period (entries are kept at least %)', cutoff, kept
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      SELECT * INTO head FROM audit_account_chains h WHERE h.account_id = account FOR UPDATE;
      IF head.account_id IS NULL THEN
        RETURN QUERY SELECT 0::bigint, 1::bigint, '${GENESIS_HASH}'::text, NULL::text, NULL::text;
        RETURN;
      END IF;
      SELECT l.chain_seq, l.prev_hash INTO keep_seq, keep_prev
        FROM audit_logs l
       WHERE l.account_id = account AND l.chain_format = 3 AND l.chain_seq >= head.anchor_seq AND l.occurred_at >= cutoff
       ORDER BY l.chain_seq
       LIMIT 1;
      IF keep_seq IS NULL THEN
        keep_seq := head.last_seq + 1;
        keep_prev := head.last_hash;
      END IF;
      IF keep_seq = head.anchor_seq THEN
        RETURN QUERY SELECT 0::bigint, keep_seq, keep_prev::text, NULL::text, NULL::text;
        RETURN;
      END IF;
      PERFORM set_config('${PURGE_SETTING}', 'on', true);
      UPDATE audit_account_chains SET anchor_seq = keep_seq, anchor_prev_hash = keep_prev WHERE audit_account_chains.account_id = account;
      WITH gone AS (DELETE FROM audit_logs l WHERE l.account_id = account AND l.chain_format = 3 AND l.chain_seq < keep_seq RETURNING l.id),
           unqueued AS (DELETE FROM audit_outbox o WHERE o.entry_id IN (SELECT g.id FROM gone g))
      SELECT count(*) INTO removed FROM gone;
      PERFORM set_config('${PURGE_SETTING}', '', true);

      cutoff_text := to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
      entry_details := coalesce(p_details, '{}'::jsonb) || jsonb_build_object(
        'count', removed, 'olderThan', cutoff_text, 'anchorSeq', keep_seq, 'anchorPrevHash', keep_prev::text,
        'minRetention', kept::text, 'databaseRole', session_user::text);
      entry_sentence := coalesce(
        replace(replace(p_sentence, '{{count}}', removed::text), '{{anchorSeq}}', keep_seq::text),
        format('System purged %s audit entries older than %s', removed, cutoff_text));
      SELECT * INTO appended FROM ${s}.audit_append_entry_v3(gen_random_uuid(), NULL, 'System', NULL, NULL, p_action, p_category,
                                                            NULL, NULL, NULL, NULL, entry_details, NULL, NULL, NULL, p_account_id::text, '{}'::jsonb, entry_sentence);
      RETURN QUERY SELECT removed, keep_seq, keep_prev::text, appended.appended_id, appended.appended_seq;
    END $$`;
}
