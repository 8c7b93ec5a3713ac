import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CHAINED_COLUMNS_V1_SQL, entryHash, GENESIS_HASH, type ChainedEntry } from '../chain/canonical.js';

const BACKFILL_BATCH = 1000;

/**
 * Tamper evidence: every entry gets a gap-free chain position, an event id, and a hash over its
 * canonical content linked to the previous entry's hash (plugin/chain/canonical.ts).
 *
 * audit_chain_head is the single row writers lock (SELECT … FOR UPDATE) to append: it holds the
 * last position and hash, so concurrent writers queue instead of forking the chain, and the
 * anchor (where the kept chain starts, moved forward only by a purge). Entries written before this
 * migration are chained here, in id order.
 */
export class AddAuditChain1764000000300 implements MigrationInterface {
  name = 'AddAuditChain1764000000300';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE audit_logs
        ADD COLUMN chain_seq bigint,
        ADD COLUMN event_id uuid,
        ADD COLUMN prev_hash char(64),
        ADD COLUMN hash char(64)`);
    await db.query(`
      CREATE TABLE audit_chain_head (
        id smallint PRIMARY KEY CHECK (id = 1),
        anchor_seq bigint NOT NULL,
        anchor_prev_hash char(64) NOT NULL,
        last_seq bigint NOT NULL,
        last_hash char(64) NOT NULL
      )`);

    // Existing entries: chained once, here, with the append-only guard set aside for this transaction only.
    await db.query(`ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`);
    await db.query(`UPDATE audit_logs SET event_id = gen_random_uuid()`);
    // Positions in id order, in one statement; then hashes a batch at a time (each needs the one before).
    await db.query(`
      UPDATE audit_logs a SET chain_seq = n.seq
        FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_logs) n
       WHERE a.id = n.id`);
    await db.query(`CREATE UNIQUE INDEX audit_logs_chain ON audit_logs (chain_seq)`);
    let seq = 0;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const rows = (await db.query(
        `SELECT ${CHAINED_COLUMNS_V1_SQL} FROM audit_logs WHERE chain_seq > $1 ORDER BY audit_logs.chain_seq LIMIT ${BACKFILL_BATCH}`,
        [seq],
      )) as ChainedEntry[];
      if (rows.length === 0) break;
      const prevHashes: string[] = [];
      const hashes: string[] = [];
      for (const row of rows) {
        prevHashes.push(prevHash);
        prevHash = entryHash(prevHash, row);
        hashes.push(prevHash);
      }
      await db.query(
        `UPDATE audit_logs a SET prev_hash = u.prev_hash, hash = u.hash
           FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(id, prev_hash, hash)
          WHERE a.id = u.id`,
        [rows.map((row) => row.id), prevHashes, hashes],
      );
      seq = Number(rows[rows.length - 1]!.chainSeq);
    }
    await db.query(`ALTER TABLE audit_logs ENABLE TRIGGER audit_logs_no_update_delete`);
    await db.query(`INSERT INTO audit_chain_head (id, anchor_seq, anchor_prev_hash, last_seq, last_hash) VALUES (1, 1, $1, $2, $3)`, [GENESIS_HASH, seq, prevHash]);

    // The chain columns stay nullable: a row inserted around the writer (bulk SQL, a superuser) is
    // kept, and `audit:verify` names it as outside the chain instead of the insert failing unseen.
    await db.query(`CREATE UNIQUE INDEX audit_logs_event ON audit_logs (event_id)`);

    // The head may only move forward, and its row never goes away.
    await db.query(`
      CREATE FUNCTION audit_chain_head_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'audit_chain_head: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF NEW.last_seq < OLD.last_seq OR NEW.anchor_seq < OLD.anchor_seq THEN
          RAISE EXCEPTION 'audit_chain_head only moves forward' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`
      CREATE TRIGGER audit_chain_head_guard BEFORE UPDATE OR DELETE ON audit_chain_head
      FOR EACH ROW EXECUTE FUNCTION audit_chain_head_guard()`);
    await db.query(`
      CREATE TRIGGER audit_chain_head_no_truncate BEFORE TRUNCATE ON audit_chain_head
      FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_head_guard()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS audit_chain_head`);
    await db.query(`DROP FUNCTION IF EXISTS audit_chain_head_guard()`);
    await db.query(`DROP INDEX IF EXISTS audit_logs_chain`);
    await db.query(`DROP INDEX IF EXISTS audit_logs_event`);
    await db.query(`ALTER TABLE audit_logs DROP COLUMN chain_seq, DROP COLUMN event_id, DROP COLUMN prev_hash, DROP COLUMN hash`);
  }
}
