import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AddAuditPurge1764000000301, purgeFunctionSql } from './add-audit-purge.js';
import { ident, resolveAuditRoles, type AuditRoleOptions, type ResolvedAuditRoles } from './audit-roles.js';

export const ADD_AUDIT_ROLES_NAME = 'AddAuditRoles1764000000500';

/** The custom setting only the purge function (running as the owner) turns on, for its own transaction. */
export const PURGE_SETTING = 'hashtrail.audit_purge';

const TABLES = ['audit_logs', 'audit_chain_head', 'audit_outbox', 'audit_sinks', 'audit_retention'];
const FUNCTIONS = ['audit_append_entry', 'audit_logs_purge', 'audit_set_retention', 'audit_logs_refuse_change', 'audit_chain_head_guard', 'audit_canonical_json'];
/** The outbox columns the delivery worker (the app) updates. */
const OUTBOX_WORKER_COLUMNS = 'attempts, last_attempt_at, next_attempt_at, leased_until, delivered_at, last_error';

/**
 * A role model the database enforces (see audit-roles.ts for the roles):
 *
 * - every audit table and function is owned by the NOLOGIN owner role: the app's role (which ran the
 *   earlier migrations and so owned the tables) can no longer ALTER them, DISABLE TRIGGER, DELETE,
 *   TRUNCATE or UPDATE anything; nothing is granted to PUBLIC;
 * - the app may SELECT the log and append only through audit_append_entry(), now SECURITY DEFINER
 *   (runs as the owner) with a fixed search_path;
 * - audit_logs_purge(cutoff, …) replaces the old PUBLIC-executable purge: EXECUTE only for the
 *   maintenance role; it refuses a cutoff newer than now() - audit_retention.min_age, and writes its
 *   own `audit_log.purged` entry (count, cutoff, the anchor it moved to) in the same transaction;
 * - the guards no longer look for a function name in the call stack (anyone could name a temporary
 *   function after it): a DELETE of an entry, or a move of the chain anchor, passes only when
 *   current_user is the table's owner (that is, inside an owner-owned SECURITY DEFINER function)
 *   and the transaction-local setting hashtrail.audit_purge is on, which the purge function sets
 *   around its own DELETE.
 *
 * The embedded engine (PGlite) has one superuser session and no other roles: there the functions and
 * guards are installed, role creation and ownership changes are skipped, and `log` says so.
 */
export function addAuditRolesMigration(options: AuditRoleOptions = {}): new () => MigrationInterface {
  const roles = resolveAuditRoles(options);
  return class AddAuditRoles1764000000500 implements MigrationInterface {
    name = ADD_AUDIT_ROLES_NAME;

    async up(db: QueryRunner): Promise<void> {
      const [{ schema }] = (await db.query(
        `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = 'audit_logs'::regclass`,
      )) as Array<{ schema: string }>;
      const path = `pg_catalog, ${ident(schema!)}, pg_temp`;
      await installFunctions(db, schema!, path, roles.minRetention);
      await revokeFromPublic(db);

      const [{ embedded }] = (await db.query(`SELECT version() ~* '(pglite|emscripten)' AS embedded`)) as Array<{ embedded: boolean }>;
      if (embedded) {
        roles.log(
          '@hashtrail/adminjs-audit: embedded PostgreSQL (PGlite) detected: the audit roles (owner, maintenance) are not created and the ' +
            'app keeps owning the audit tables. The guards and the retention floor are installed, but the app connects as a superuser ' +
            'that could set them aside; only the signed checkpoints detect changes there.',
        );
        return;
      }
      await applyRoles(db, schema!, roles);
    }

    async down(db: QueryRunner): Promise<void> {
      const [{ me }] = (await db.query(`SELECT current_user::text AS me`)) as Array<{ me: string }>;
      for (const table of TABLES.filter((name) => name !== 'audit_retention')) await db.query(`ALTER TABLE ${table} OWNER TO ${ident(me!)}`);
      await db.query(`DROP FUNCTION IF EXISTS audit_logs_purge(timestamptz, jsonb, text, text, text, text)`);
      await db.query(`DROP FUNCTION IF EXISTS audit_set_retention(interval)`);
      await db.query(`DROP FUNCTION IF EXISTS audit_canonical_json(jsonb)`);
      await db.query(`DROP TABLE IF EXISTS audit_retention`);
      for (const fn of ['audit_logs_refuse_change()', 'audit_chain_head_guard()']) await db.query(`ALTER FUNCTION ${fn} OWNER TO ${ident(me!)}`);
      await db.query(`ALTER FUNCTION audit_append_entry(uuid, text, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, text) OWNER TO ${ident(me!)}`);
      await db.query(`ALTER FUNCTION audit_append_entry(uuid, text, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, text) SECURITY INVOKER RESET search_path`);
      // Back to the 1764000000302 state: the old guards and purge.
      await new AddAuditPurge1764000000301().up(db);
      await db.query(purgeFunctionSql({ create: false, outbox: true }));
    }
  };
}

async function installFunctions(db: QueryRunner, schema: string, path: string, minRetention: string): Promise<void> {
  const s = ident(schema);
  await db.query(`
    CREATE TABLE audit_retention (
      id smallint PRIMARY KEY CHECK (id = 1),
      min_age interval NOT NULL CHECK (min_age >= interval '0'),
      changed_at timestamptz NOT NULL DEFAULT now()
    )`);
  await db.query(`INSERT INTO audit_retention (id, min_age) VALUES (1, $1::interval)`, [minRetention]);

  // Canonical JSON (keys sorted, no whitespace) as chain/canonical.ts's canonicalJson writes it, for
  // the entries the database writes itself (the purge's).
  await db.query(`
    CREATE FUNCTION audit_canonical_json(v jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE SET search_path = ${path} AS $$
    DECLARE
      result text;
    BEGIN
      IF v IS NULL THEN RETURN 'null'; END IF;
      CASE jsonb_typeof(v)
        WHEN 'object' THEN
          SELECT '{' || coalesce(string_agg(to_json(k)::text || ':' || ${s}.audit_canonical_json(v -> k), ',' ORDER BY k COLLATE "C"), '') || '}'
            INTO result FROM jsonb_object_keys(v) AS k;
        WHEN 'array' THEN
          SELECT '[' || coalesce(string_agg(${s}.audit_canonical_json(t.e), ',' ORDER BY t.o), '') || ']'
            INTO result FROM jsonb_array_elements(v) WITH ORDINALITY AS t(e, o);
        ELSE
          result := v::text;
      END CASE;
      RETURN result;
    END $$`);

  const purging = purgingSql;
  await db.query(`
    CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql SET search_path = ${path} AS $$
    BEGIN
      IF TG_OP = 'DELETE' AND ${purging('TG_RELID')}
         AND OLD.chain_seq < (SELECT h.anchor_seq FROM audit_chain_head h WHERE h.id = 1) THEN
        RETURN OLD;
      END IF;
      RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await db.query(`
    CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql SET search_path = ${path} AS $$
    BEGIN
      IF TG_OP <> 'UPDATE' THEN
        RAISE EXCEPTION 'audit_chain_head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF NEW.last_seq < OLD.last_seq OR NEW.anchor_seq < OLD.anchor_seq THEN
        RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF (NEW.anchor_seq <> OLD.anchor_seq OR NEW.anchor_prev_hash <> OLD.anchor_prev_hash) AND NOT ${purging('TG_RELID')} THEN
        RAISE EXCEPTION 'audit_chain_head: the anchor moves only through audit_logs_purge()' USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NEW;
    END $$`);

  // The append runs as the owner: the app needs no right on the tables to append.
  await db.query(`
    ALTER FUNCTION audit_append_entry(uuid, text, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, text)
      SECURITY DEFINER SET search_path = ${path}`);

  await db.query(`DROP FUNCTION IF EXISTS audit_logs_purge(timestamptz)`);
  await db.query(ownedPurgeFunctionSql(path, V1_PURGE_APPEND(s), true));

  // The maintenance path may lengthen the retention period; shortening it takes the owner (a DBA).
  await db.query(`
    CREATE FUNCTION audit_set_retention(p_min_age interval) RETURNS interval
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${path} AS $$
    DECLARE
      kept interval;
    BEGIN
      SELECT r.min_age INTO kept FROM audit_retention r WHERE r.id = 1 FOR UPDATE;
      IF p_min_age IS NULL OR p_min_age < kept THEN
        RAISE EXCEPTION 'audit_set_retention refused: % is shorter than the current retention period %; only the owner role shortens it', p_min_age, kept
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      UPDATE audit_retention SET min_age = p_min_age, changed_at = now() WHERE id = 1;
      RETURN p_min_age;
    END $$`);
}

/** SQL true inside a purge: the setting is on and the function runs as the owner of the table `relid`. */
export const purgingSql = (relid: string) =>
  `(current_setting('${PURGE_SETTING}', true) = 'on' AND current_user = (SELECT pg_get_userbyid(c.relowner) FROM pg_class c WHERE c.oid = ${relid}))`;

/**
 * audit_logs_purge(cutoff, …): checks the retention floor, moves the anchor and deletes what is
 * before it, then appends its own entry (`append`: PL/pgSQL that sets `appended` from an append
 * function, given entry_details and entry_sentence). Migration 1764000000500 creates it with the
 * format-1 append; 1764000000600 replaces it with the format-2 one.
 */
export function ownedPurgeFunctionSql(path: string, append: string, create: boolean, options: { globalChainOnly?: boolean } = {}): string {
  // Since migration 1764000000800 accounts have chains of their own (format 3): the global purge leaves them alone.
  const inChain = options.globalChainOnly ? ' AND l.chain_format < 3' : '';
  return `
    ${create ? 'CREATE' : 'CREATE OR REPLACE'} FUNCTION audit_logs_purge(
      cutoff timestamptz, p_details jsonb DEFAULT '{}'::jsonb, p_sentence text DEFAULT NULL,
      p_action text DEFAULT 'audit_log.purged', p_category text DEFAULT 'Audit', p_account_id text DEFAULT NULL)
    RETURNS TABLE (purged_count bigint, new_anchor_seq bigint, new_anchor_prev_hash text, entry_id text, entry_seq text)
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = ${path} AS $$
    DECLARE
      kept interval;
      head audit_chain_head%ROWTYPE;
      keep_seq bigint;
      keep_prev char(64);
      removed bigint;
      cutoff_text text;
      entry_details jsonb;
      entry_sentence text;
      tail text;
      appended record;
    BEGIN
      SELECT r.min_age INTO kept FROM audit_retention r WHERE r.id = 1;
      IF kept IS NULL THEN
        RAISE EXCEPTION 'audit_logs_purge refused: audit_retention has no row' USING ERRCODE = 'insufficient_privilege';
      END IF;
      IF cutoff IS NULL OR cutoff > now() - kept THEN
        RAISE EXCEPTION 'audit_logs_purge refused: cutoff % is newer than the retention period (entries are kept at least %)', cutoff, kept
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      -- The same lock writers take: no entry is appended while the anchor moves.
      SELECT * INTO head FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE;
      SELECT l.chain_seq, l.prev_hash INTO keep_seq, keep_prev
        FROM audit_logs l
       WHERE l.chain_seq >= head.anchor_seq AND l.occurred_at >= cutoff${inChain}
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
      UPDATE audit_chain_head SET anchor_seq = keep_seq, anchor_prev_hash = keep_prev WHERE id = 1;
      WITH gone AS (DELETE FROM audit_logs l WHERE l.chain_seq < keep_seq${inChain} RETURNING l.id),
           unqueued AS (DELETE FROM audit_outbox o WHERE o.entry_id IN (SELECT g.id FROM gone g))
      SELECT count(*) INTO removed FROM gone;
      PERFORM set_config('${PURGE_SETTING}', '', true);

      -- Its own entry, in this transaction: what went, up to when, and where the chain now starts.
      cutoff_text := to_char(cutoff AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
      entry_details := coalesce(p_details, '{}'::jsonb) || jsonb_build_object(
        'count', removed, 'olderThan', cutoff_text, 'anchorSeq', keep_seq, 'anchorPrevHash', keep_prev::text,
        'minRetention', kept::text, 'databaseRole', session_user::text);
      entry_sentence := coalesce(
        replace(replace(p_sentence, '{{count}}', removed::text), '{{anchorSeq}}', keep_seq::text),
        format('System purged %s audit entries older than %s', removed, cutoff_text));
${append}      RETURN QUERY SELECT removed, keep_seq, keep_prev::text, appended.appended_id, appended.appended_seq;
    END $$`;
}

/** The purge's own entry, hashed in format 1 (canonicalTail built in SQL). Frozen with migration 1764000000500. */
export const V1_PURGE_APPEND = (s: string) => `      -- canonicalTail (chain/canonical.ts): actorId … sentence, then the closing bracket.
      tail := concat_ws(',', 'null', to_json('System'::text)::text, 'null', 'null', to_json(p_action)::text, to_json(p_category)::text,
                        'null', 'null', 'null', 'null', ${s}.audit_canonical_json(entry_details), 'null', 'null', 'null',
                        coalesce(to_json(p_account_id)::text, 'null'), to_json(entry_sentence)::text) || ']';
      SELECT * INTO appended FROM ${s}.audit_append_entry(gen_random_uuid(), tail, NULL, 'System', NULL, NULL, p_action, p_category,
                                                          NULL, NULL, NULL, NULL, entry_details, NULL, NULL, NULL, p_account_id, entry_sentence);
`;

async function functionSignatures(db: QueryRunner): Promise<string[]> {
  const rows = (await db.query(
    `SELECT p.oid::regprocedure::text AS signature FROM pg_proc p
      WHERE p.pronamespace = (SELECT c.relnamespace FROM pg_class c WHERE c.oid = 'audit_logs'::regclass) AND p.proname = ANY($1::text[])
      ORDER BY 1`,
    [FUNCTIONS],
  )) as Array<{ signature: string }>;
  return rows.map((row) => row.signature);
}

async function revokeFromPublic(db: QueryRunner): Promise<void> {
  await db.query(`REVOKE ALL ON TABLE ${TABLES.join(', ')} FROM PUBLIC`);
  await db.query(`REVOKE ALL ON SEQUENCE audit_logs_id_seq, audit_outbox_id_seq FROM PUBLIC`);
  for (const signature of await functionSignatures(db)) await db.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC`);
}

interface RoleRow {
  name: string;
  super: boolean;
  createrole: boolean;
  login: boolean;
}

async function roleOf(db: QueryRunner, name: string): Promise<RoleRow | null> {
  const [row] = (await db.query(
    `SELECT rolname::text AS name, rolsuper AS super, rolcreaterole AS createrole, rolcanlogin AS login FROM pg_roles WHERE rolname = $1`,
    [name],
  )) as RoleRow[];
  return row ?? null;
}

async function applyRoles(db: QueryRunner, schema: string, roles: ResolvedAuditRoles): Promise<void> {
  const [{ me: meName }] = (await db.query(`SELECT current_user::text AS me`)) as Array<{ me: string }>;
  const me = (await roleOf(db, meName!))!;
  const app = roles.app ?? me.name;
  if (app === roles.owner || app === roles.maintenance) {
    throw new Error(`audit migration: the app role "${app}" (the role running the migration unless named) must differ from the owner and maintenance roles`);
  }
  const { owner, maintenance } = roles;

  for (const role of [owner, maintenance]) {
    const existing = await roleOf(db, role);
    if (existing) {
      if (role === owner && existing.login) throw new Error(`audit migration: the owner role "${owner}" can log in; it must be NOLOGIN (ALTER ROLE ${owner} NOLOGIN)`);
      if (existing.super) throw new Error(`audit migration: the role "${role}" is a superuser; the audit roles must not be`);
      continue;
    }
    if (!roles.createRoles) {
      throw new Error(`audit migration: the role "${role}" does not exist. With createRoles: false a DBA creates it first (CREATE ROLE ${role} NOLOGIN), see the README's "DBA-managed roles"`);
    }
    if (!me.super && !me.createrole) {
      throw new Error(
        `audit migration: the role "${role}" does not exist and "${me.name}" may not create roles. Run the migrations once as a superuser ` +
          `(or a role with CREATEROLE), or have a DBA create the roles (CREATE ROLE ${owner} NOLOGIN; CREATE ROLE ${maintenance} NOLOGIN) and pass createRoles: false`,
      );
    }
    // Roles are cluster-wide: another database's migration may be creating the same one right now.
    await db.query(`DO $$ BEGIN CREATE ROLE ${ident(role)} NOLOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`);
  }
  const appRole = await roleOf(db, app);
  if (!appRole) throw new Error(`audit migration: the app role "${app}" does not exist`);

  // Giving a table away takes membership in the new owner (and CREATE on the schema) unless superuser:
  // taken for this migration only.
  let tookMembership = false;
  if (!me.super) {
    const [{ member }] = (await db.query(`SELECT pg_has_role(current_user, $1, 'MEMBER') AS member`, [owner])) as Array<{ member: boolean }>;
    if (!member) {
      await db.query(`GRANT ${ident(owner)} TO ${ident(me.name)}`);
      tookMembership = true;
    }
    await db.query(`GRANT CREATE ON SCHEMA ${ident(schema)} TO ${ident(owner)}`);
  }
  for (const table of TABLES) await db.query(`ALTER TABLE ${table} OWNER TO ${ident(owner)}`);
  const signatures = await functionSignatures(db);
  for (const signature of signatures) await db.query(`ALTER FUNCTION ${signature} OWNER TO ${ident(owner)}`);

  const grantees = [...new Set([app, maintenance])].map(ident).join(', ');
  await db.query(`GRANT USAGE ON SCHEMA ${ident(schema)} TO ${ident(owner)}, ${grantees}`);
  await db.query(`GRANT SELECT ON TABLE audit_logs, audit_chain_head, audit_retention TO ${grantees}`);
  await db.query(`GRANT SELECT, UPDATE (${OUTBOX_WORKER_COLUMNS}) ON TABLE audit_outbox TO ${ident(app)}`);
  await db.query(`GRANT SELECT, INSERT, UPDATE ON TABLE audit_sinks TO ${ident(app)}`);
  const append = signatures.find((signature) => signature.startsWith('audit_append_entry('))!;
  await db.query(`GRANT EXECUTE ON FUNCTION ${append} TO ${grantees}`);
  for (const signature of signatures.filter((candidate) => /^audit_(logs_purge|set_retention)\(/.test(candidate))) {
    await db.query(`GRANT EXECUTE ON FUNCTION ${signature} TO ${ident(maintenance)}`);
  }

  if (!me.super) {
    await db.query(`REVOKE CREATE ON SCHEMA ${ident(schema)} FROM ${ident(owner)}`);
    if (tookMembership || me.name === app) {
      try {
        await db.query(`REVOKE ${ident(owner)} FROM ${ident(me.name)}`);
      } catch (error) {
        throw new Error(
          `audit migration: "${me.name}" could not give up its membership in "${owner}" (${(error as Error).message}); ` +
            `grant it WITH ADMIN OPTION for the migration, or run the migration as a superuser`,
        );
      }
    }
  }
  // The app must not be able to act as the owner, or every rule above is moot.
  const [{ asOwner }] = (await db.query(`SELECT pg_has_role($1, $2, 'MEMBER') AS "asOwner"`, [app, owner])) as Array<{ asOwner: boolean }>;
  if (asOwner && !appRole.super) throw new Error(`audit migration: the app role "${app}" is a member of the owner role "${owner}": REVOKE ${owner} FROM ${app}`);
  if (appRole.super) {
    await db.query(`DO $$ BEGIN RAISE NOTICE '%', $1; END $$`.replace('$1', `'@hashtrail/adminjs-audit: the app role ${app} is a superuser: the database cannot hold it to the audit roles; only the signed checkpoints detect what it changes'`));
  }
}
