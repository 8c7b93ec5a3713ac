import type { MigrationInterface, QueryRunner } from 'typeorm';
import { appendFunctionV2Sql, asTableOwner, V1_APPEND, V2_APPEND } from './add-audit-chain-v2.js';

/**
 * The read API (api/): personal access tokens, and entry times a reader can tail.
 *
 * - `audit_api_tokens`: one row per token, holding only the SHA-256 of the token (a token is 32
 *   random bytes: nothing to guess, so a slow hash buys nothing and would cost every request).
 *   `read_recorded_for` / `refusal_recorded_for` hold the start of the last hour-long window in
 *   which a read, or a refused use, was recorded: one UPDATE both claims the window and tells
 *   whether to write the entry, on every instance at once.
 * - Entry times: until now an entry's time was its transaction's start (now()), so a long
 *   transaction that began first could commit after a short one with a later time, and a client
 *   reading "everything after the last entry I saw" would skip it for good. The append now stamps
 *   the clock at append time (just before commit, under the head's lock), never earlier than the
 *   entry before: (occurred_at, id) grows in the order entries become visible.
 *
 * The format-1 append (audit_append_entry) is no longer called by the plugin and would stamp the
 * old time without moving the head's: its EXECUTE grants are revoked, so format 2 is the one way in.
 *
 * The tokens table belongs to the migrating role (the app writes it); every role that may append
 * entries (the app, the maintenance role) may read and write it.
 */
export class AddAuditApi1764000000700 implements MigrationInterface {
  name = 'AddAuditApi1764000000700';

  async up(db: QueryRunner): Promise<void> {
    await asTableOwner(db, async (schema) => {
      await db.query(`ALTER TABLE audit_chain_head ADD COLUMN last_at timestamptz`);
      await db.query(`UPDATE audit_chain_head SET last_at = (SELECT max(occurred_at) FROM audit_logs) WHERE id = 1`);
      await db.query(appendFunctionV2Sql(schema, { monotonicTime: true }));
    });
    await db.query(`
      CREATE TABLE audit_api_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        owner_id varchar(64) NOT NULL,
        account_id varchar(64),
        name varchar(100) NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        token_hint varchar(20) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz,
        revoked_at timestamptz,
        last_used_at timestamptz,
        read_recorded_for timestamptz,
        refusal_recorded_for timestamptz
      )`);
    await db.query(`CREATE INDEX audit_api_tokens_owner ON audit_api_tokens (owner_id, created_at)`);
    for (const grantee of await appendGrantees(db, V2_APPEND)) {
      await db.query(`GRANT SELECT, INSERT, UPDATE ON TABLE audit_api_tokens TO ${grantee}`);
    }
    for (const grantee of await appendGrantees(db, V1_APPEND)) await db.query(`REVOKE EXECUTE ON FUNCTION ${V1_APPEND} FROM ${grantee}`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const grantee of await appendGrantees(db, V2_APPEND)) await db.query(`GRANT EXECUTE ON FUNCTION ${V1_APPEND} TO ${grantee}`);
    await db.query(`DROP TABLE IF EXISTS audit_api_tokens`);
    await asTableOwner(db, async (schema) => {
      await db.query(appendFunctionV2Sql(schema));
      await db.query(`ALTER TABLE audit_chain_head DROP COLUMN last_at`);
    });
  }
}

/** Roles other than the owner that may append entries (the app, the maintenance role), as SQL names (regrole quotes them). */
export async function appendGrantees(db: QueryRunner, fn: string): Promise<string[]> {
  const rows = (await db.query(
    `SELECT DISTINCT a.grantee::regrole::text AS grantee
       FROM pg_proc p, aclexplode(p.proacl) a
      WHERE p.oid = '${fn}'::regprocedure AND a.privilege_type = 'EXECUTE' AND a.grantee <> 0 AND a.grantee <> p.proowner`,
  )) as Array<{ grantee: string }>;
  return rows.map((row) => row.grantee);
}
