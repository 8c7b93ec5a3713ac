import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttle counts, shared by every app instance on the database (auth/sign-in-throttle.ts,
 * rate-limiter-flexible's RateLimiterPostgres with `tableCreated: true`: the table is made here,
 * never on the fly). One row per key (`ip:<address>`, `email:<address>`): attempts in the current
 * window and when it ends (epoch ms). The library's layout, with `key` as text instead of
 * varchar(255) so a 254-character email plus its prefix fits. Expired rows are deleted by the
 * limiter every few minutes (the index on `expire` serves that).
 */
export class AddSignInThrottle1764000000520 implements MigrationInterface {
  name = 'AddSignInThrottle1764000000520';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS audit_sign_in_throttle (
        key text PRIMARY KEY,
        points integer NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS audit_sign_in_throttle_expire ON audit_sign_in_throttle (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS audit_sign_in_throttle`);
  }
}
