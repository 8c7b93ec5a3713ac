import type { MigrationInterface, QueryRunner } from 'typeorm';
import { purgeFunctionSql } from './add-audit-purge.js';

/**
 * Streaming out: at-least-once delivery to sinks through an outbox.
 *
 * audit_sinks lists the sinks the running app delivers to (registered by its delivery worker at
 * start). Whoever writes an entry (server, CLI, seed) adds one audit_outbox row per enabled sink
 * in the entry's own transaction, so an entry is never committed without its deliveries queued and
 * a receiver that is down loses nothing.
 *
 * No foreign key to audit_logs: it would make TRUNCATE fail on the key before the append-only guard
 * can refuse it. The purge (redefined here) removes the outbox rows of the entries it removes.
 */
export class AddAuditOutbox1764000000302 implements MigrationInterface {
  name = 'AddAuditOutbox1764000000302';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_sinks (
        name varchar(100) PRIMARY KEY,
        enabled boolean NOT NULL DEFAULT true,
        registered_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE audit_outbox (
        id bigserial PRIMARY KEY,
        entry_id bigint NOT NULL,
        event_id uuid NOT NULL,
        sink varchar(100) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        leased_until timestamptz,
        delivered_at timestamptz,
        last_error text,
        last_attempt_at timestamptz,
        state varchar(10) GENERATED ALWAYS AS (
          CASE WHEN delivered_at IS NOT NULL THEN 'delivered' WHEN attempts = 0 THEN 'pending' ELSE 'retrying' END
        ) STORED,
        UNIQUE (entry_id, sink)
      )`);
    // What the worker polls: each sink's undelivered rows in entry order.
    await db.query(`CREATE INDEX audit_outbox_due ON audit_outbox (sink, id) WHERE delivered_at IS NULL`);
    await db.query(`CREATE INDEX audit_outbox_entry ON audit_outbox (entry_id)`);

    // The purge now also removes the purged entries' outbox rows.
    await db.query(purgeFunctionSql({ create: false, outbox: true }));
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(purgeFunctionSql({ create: false, outbox: false }));
    await db.query(`DROP TABLE IF EXISTS audit_outbox`);
    await db.query(`DROP TABLE IF EXISTS audit_sinks`);
  }
}
