import type { MigrationInterface, QueryRunner } from 'typeorm';
import { entryHashSql, utcMicros } from '../chain/canonical.js';

/**
 * The chain append as a database function, `audit_append_entry(...)`: one statement locks the
 * chain head, takes the next position, id and time, hashes the entry (chain format 1, the same
 * canonical text the verifier hashes in Node), inserts it, moves the head and queues the entry
 * for every enabled sink. PL/pgSQL keeps the statement's plan for the session, so the writer sends
 * only a short call at each change: sent as plain SQL the statement was parsed and planned every
 * time (~0.7 ms of its 1.3 ms). A function, not a named prepared statement, because those belong
 * to a connection, and an embedded PostgreSQL (one session under every connection) or a pooler in
 * transaction mode does not keep connection and session together.
 */
export class AddAuditAppendFunction1764000000403 implements MigrationInterface {
  name = 'AddAuditAppendFunction1764000000403';

  async up(db: QueryRunner): Promise<void> {
    const hash = entryHashSql({ prevHash: 'head.prev_hash', chainSeq: 'head.chain_seq', id: 'head.id', eventId: 'p_event_id', occurredAt: 'head.occurred_at', tail: 'p_tail' });
    // Output names differ from every column the query reads, so PL/pgSQL never mistakes one for the other.
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_append_entry(
        p_event_id uuid, p_tail text, p_actor_id text, p_actor_name text, p_actor_email text, p_actor_role text,
        p_action text, p_category text, p_target_type text, p_target_id text, p_target_label text,
        p_changes jsonb, p_details jsonb, p_ip text, p_user_agent text, p_request_id text, p_account_id text, p_sentence text)
      RETURNS TABLE (appended_id text, appended_seq text, appended_at text, appended_prev_hash text, appended_hash text)
      LANGUAGE plpgsql AS $$
      BEGIN
        -- Under READ COMMITTED a writer that waited for the head lock reads the head as the one
        -- before it left it (FOR UPDATE returns the newest row version), and the UPDATE in moved
        -- follows it there.
        RETURN QUERY
        WITH head AS (
          SELECT h.last_seq + 1 AS chain_seq, h.last_hash AS prev_hash, now() AS occurred_at,
                 nextval(pg_get_serial_sequence('audit_logs', 'id')) AS id
            FROM audit_chain_head h WHERE h.id = 1 FOR UPDATE),
        entry AS (
          INSERT INTO audit_logs (id, chain_seq, event_id, occurred_at, actor_id, actor_name, actor_email, actor_role, action, category,
                                  target_type, target_id, target_label, changes, details, ip, user_agent, request_id, account_id, sentence,
                                  prev_hash, hash)
          SELECT head.id, head.chain_seq, p_event_id, head.occurred_at, p_actor_id, p_actor_name, p_actor_email, p_actor_role, p_action,
                 p_category, p_target_type, p_target_id, p_target_label, p_changes, p_details, p_ip, p_user_agent, p_request_id,
                 p_account_id, p_sentence, head.prev_hash, ${hash}
            FROM head
          RETURNING audit_logs.id, audit_logs.chain_seq, audit_logs.occurred_at, audit_logs.prev_hash, audit_logs.hash),
        moved AS (
          UPDATE audit_chain_head SET last_seq = entry.chain_seq, last_hash = entry.hash FROM entry WHERE audit_chain_head.id = 1 RETURNING 1),
        queued AS (
          INSERT INTO audit_outbox (entry_id, event_id, sink) SELECT entry.id, p_event_id, s.name FROM audit_sinks s, entry, moved WHERE s.enabled)
        SELECT entry.id::text, entry.chain_seq::text, ${utcMicros('entry.occurred_at')}, entry.prev_hash::text, entry.hash::text
          FROM entry, moved;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION IF EXISTS audit_append_entry(uuid, text, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, text)`);
  }
}
