import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Panel sessions, in the table layout connect-pg-simple reads and writes. */
export class CreateSessionTable1770000000100 implements MigrationInterface {
  name = 'CreateSessionTable1770000000100';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE session (
        sid varchar NOT NULL PRIMARY KEY,
        sess json NOT NULL,
        expire timestamp(6) NOT NULL
      )`);
    await db.query(`CREATE INDEX session_expire ON session (expire)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS session`);
  }
}
