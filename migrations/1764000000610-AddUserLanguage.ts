import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Languages: each user may choose the panel's language (null: the account's), and the account's
 * language is one the panel is translated into. Accounts set to a language without a translation
 * ('it', 'nl') read in English, the language they were shown until now; 'pt' becomes 'pt-BR', the
 * Portuguese the panel speaks.
 */
export class AddUserLanguage1764000000610 implements MigrationInterface {
  name = 'AddUserLanguage1764000000610';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users ADD COLUMN locale varchar(10)`);
    await db.query(`UPDATE account SET locale = CASE locale WHEN 'pt' THEN 'pt-BR' ELSE 'en' END WHERE locale NOT IN ('en', 'es', 'fr', 'de', 'pt-BR')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS locale`);
  }
}
