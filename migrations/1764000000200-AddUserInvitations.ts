import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Invitations: a user joins through a single-use link. Only the SHA-256 of the link's token is
 * stored (a database leak gives no working link); the expiry makes old links die on their own.
 */
export class AddUserInvitations1764000000200 implements MigrationInterface {
  name = 'AddUserInvitations1764000000200';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN invitation_token_hash char(64), ADD COLUMN invitation_expires_at timestamptz`);
    // The acceptance page looks users up by this hash.
    await db.query(`CREATE UNIQUE INDEX users_invitation_token_hash ON users (invitation_token_hash) WHERE invitation_token_hash IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS users_invitation_token_hash`);
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS invitation_expires_at, DROP COLUMN IF EXISTS invitation_token_hash`);
  }
}
