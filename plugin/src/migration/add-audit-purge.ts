import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How the guards recognise the sanctioned path: it must be on the PL/pgSQL call stack. */
const PURGE_FRAME = 'function audit_logs_purge(timestamp with time zone)';

/**
 * Retention: the one way entries may leave audit_logs. `audit_logs_purge(cutoff)` removes the
 * oldest part of the chain (the longest run of positions, from the anchor, whose entries are older
 * than the cutoff) and moves the chain's anchor to the first kept entry, so what remains still
 * verifies. The append-only guard now lets a DELETE through only when it comes from inside that
 * function and the row lies below the new anchor; everything else is refused as before. The head's
 * anchor can likewise only move inside that function.
 *
 * The function is SECURITY DEFINER: an installation that runs the app under its own role can
 * revoke DELETE on audit_logs from it and still grant EXECUTE on this function.
 */
export class AddAuditPurge1764000000301 implements MigrationInterface {
  name = 'AddAuditPurge1764000000301';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        stack text;
      BEGIN
        IF TG_OP = 'DELETE' THEN
          GET DIAGNOSTICS stack = PG_CONTEXT;
          IF position('${PURGE_FRAME}' IN stack) > 0
             AND OLD.chain_seq < (SELECT h.anchor_seq FROM audit_chain_head h WHERE h.id = 1) THEN
            RETURN OLD;
          END IF;
        END IF;
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);

    await db.query(`
      CREATE OR REPLACE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        stack text;
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'audit_chain_head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.last_seq < OLD.last_seq OR NEW.anchor_seq < OLD.anchor_seq THEN
          RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.anchor_seq <> OLD.anchor_seq OR NEW.anchor_prev_hash <> OLD.anchor_prev_hash THEN
          GET DIAGNOSTICS stack = PG_CONTEXT;
          IF position('${PURGE_FRAME}' IN stack) = 0 THEN
            RAISE EXCEPTION 'audit_chain_head: the anchor moves only through audit_logs_purge()' USING ERRCODE = 'insufficient_privilege';
          END IF;
        END IF;
        RETURN NEW;
      END $$`);

    await db.query(purgeFunctionSql({ create: true, outbox: false }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS audit_logs_purge(timestamptz)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_logs_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_logs is append-only: % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
  }
}

/**
 * The sanctioned purge. `outbox` (from AddAuditOutbox1764000000302 on) also removes the purged
 * entries' delivery rows; without it the body is exactly what 1764000000301 installed.
 */
export function purgeFunctionSql(options: { create: boolean; outbox: boolean }): string {
  const remove = options.outbox
    ? `WITH gone AS (DELETE FROM audit_logs l WHERE l.chain_seq < keep_seq RETURNING l.id),
             unqueued AS (DELETE FROM audit_outbox o WHERE o.entry_id IN (SELECT g.id FROM gone g))
        SELECT count(*) INTO removed FROM gone;`
    : `DELETE FROM audit_logs l WHERE l.chain_seq < keep_seq;
        GET DIAGNOSTICS removed = ROW_COUNT;`;
  return `
      ${options.create ? 'CREATE' : 'CREATE OR REPLACE'} FUNCTION audit_logs_purge(cutoff timestamptz) RETURNS TABLE (purged_count bigint, new_anchor_seq bigint)
      LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
      DECLARE
        head audit_chain_head%ROWTYPE;
        keep_seq bigint;
        keep_prev char(64);
        removed bigint;
      BEGIN
        -- The same lock writers take: no entry is appended while the anchor moves.
        SELECT * INTO head FROM audit_chain_head WHERE id = 1 FOR UPDATE;
        SELECT l.chain_seq, l.prev_hash INTO keep_seq, keep_prev
          FROM audit_logs l
         WHERE l.chain_seq >= head.anchor_seq AND l.occurred_at >= cutoff
         ORDER BY l.chain_seq
         LIMIT 1;
        IF keep_seq IS NULL THEN
          keep_seq := head.last_seq + 1;
          keep_prev := head.last_hash;
        END IF;
        IF keep_seq = head.anchor_seq THEN
          RETURN QUERY SELECT 0::bigint, keep_seq;
          RETURN;
        END IF;
        UPDATE audit_chain_head SET anchor_seq = keep_seq, anchor_prev_hash = keep_prev WHERE id = 1;
        ${remove}
        RETURN QUERY SELECT removed, keep_seq;
      END $$`;
}
