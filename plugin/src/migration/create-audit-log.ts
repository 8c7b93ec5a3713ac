import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit_logs table, its indexes and the guard that makes it append-only.
 * Apps list this class in their TypeORM migrations; the schema is never synchronized.
 */
export class CreateAuditLog1764000000100 implements MigrationInterface {
  name = 'CreateAuditLog1764000000100';

  async up(db: QueryRunner): Promise<void> {
    // Trigram indexes serve the case-insensitive substring search.
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await db.query(`
      CREATE TABLE audit_logs (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id varchar(64),
        actor_name varchar(200) NOT NULL,
        actor_email varchar(254),
        actor_role varchar(60),
        action varchar(100) NOT NULL,
        category varchar(60) NOT NULL,
        target_type varchar(60),
        target_id varchar(64),
        target_label varchar(300),
        changes jsonb,
        details jsonb,
        ip varchar(45),
        user_agent varchar(512),
        request_id varchar(64),
        account_id varchar(64),
        sentence text NOT NULL
      )`);
    // One index per filter, each ending in the list's sort (newest first, ties by id).
    await db.query(`CREATE INDEX audit_logs_recent ON audit_logs (occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_logs_by_actor ON audit_logs (actor_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_logs_by_action ON audit_logs (action, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_logs_by_category ON audit_logs (category, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_logs_by_target ON audit_logs (target_type, target_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX audit_logs_by_ip ON audit_logs (ip varchar_pattern_ops)`);
    await db.query(`CREATE INDEX audit_logs_search ON audit_logs USING gin (${AUDIT_SEARCH_EXPRESSION} gin_trgm_ops)`);

    await db.query(`
      CREATE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_logs_no_update_delete BEFORE UPDATE OR DELETE ON audit_logs
      FOR EACH ROW EXECUTE FUNCTION audit_logs_refuse_change()`);
    await db.query(`
      CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
      FOR EACH STATEMENT EXECUTE FUNCTION audit_logs_refuse_change()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS audit_logs`);
    await db.query(`DROP FUNCTION IF EXISTS audit_logs_refuse_change()`);
  }
}

/** The text the search box matches: sentence, actor name and email, target label (separated so a match cannot span two). */
export const AUDIT_SEARCH_EXPRESSION = `(coalesce(sentence, '') || chr(31) || coalesce(actor_name, '') || chr(31) || coalesce(actor_email, '') || chr(31) || coalesce(target_label, ''))`;
