import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes for the Audit Logs filters the first migration left to a walk of the whole log:
 * target type alone and target id alone (the first migration's index needs both, in that order,
 * so alone it served neither the filter and the sort together), and request id (no index at all:
 * a sequential scan of every entry). Each ends in the list's sort so the first page is the first
 * index entries.
 *
 * On a table that already holds millions of entries each CREATE INDEX takes a while and blocks
 * writes to audit_logs meanwhile; run this migration in a quiet moment (see README).
 */
export class AddAuditListIndexes1764000000400 implements MigrationInterface {
  name = 'AddAuditListIndexes1764000000400';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX IF NOT EXISTS audit_logs_by_target_type ON audit_logs (target_type, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX IF NOT EXISTS audit_logs_by_target_id ON audit_logs (target_id, occurred_at DESC, id DESC)`);
    await db.query(`CREATE INDEX IF NOT EXISTS audit_logs_by_request ON audit_logs (request_id, occurred_at DESC, id DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS audit_logs_by_request`);
    await db.query(`DROP INDEX IF EXISTS audit_logs_by_target_id`);
    await db.query(`DROP INDEX IF EXISTS audit_logs_by_target_type`);
  }
}
