import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables that belong to one account, with the name of their primary key constraint. */
const TENANT_TABLES = ['inboxes', 'teams', 'webhooks', 'automation_rules', 'inbox_members', 'team_members'] as const;

/**
 * Many accounts in one deployment (docs/decisions/0023-many-accounts.md). Every account-owned
 * table gets `account_id`, and every primary key, unique index and foreign key between those tables
 * includes it: a row can only ever link rows of its own account, and the shapes are the ones a
 * distributed PostgreSQL (Citus, distributed by account_id) requires. Users stay global; their role
 * is per account, in `account_users`. An existing database is moved into its one account; a fresh
 * one gets its accounts from the seed or `npm run account:create`.
 */
export class AddManyAccounts1764000000810 implements MigrationInterface {
  name = 'AddManyAccounts1764000000810';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS account_single_row`);
    const existing = await this.existingAccount(db);

    await db.query(`
      CREATE TABLE account_users (
        account_id int NOT NULL REFERENCES account(id) ON DELETE CASCADE,
        user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role varchar(20) NOT NULL CHECK (role IN ('agent', 'administrator')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, user_id)
      )`);
    // Sign-in and the account switcher look a user's accounts up by user.
    await db.query(`CREATE INDEX account_users_user ON account_users (user_id)`);
    if (existing !== null) {
      await db.query(`INSERT INTO account_users (account_id, user_id, role, created_at) SELECT $1, id, role, created_at FROM users`, [existing]);
    }
    // The role is the account's to give (account_users.role); a global one would be read by mistake.
    await db.query(`ALTER TABLE users DROP COLUMN role`);
    // The account a user entered last, entered again at their next sign-in. No foreign key: users
    // are shared by every account (a reference table on Citus), and a stale id is simply not used.
    await db.query(`ALTER TABLE users ADD COLUMN last_account_id int`);

    // The membership foreign keys point at the primary keys about to change: dropped first.
    await db.query(`ALTER TABLE inbox_members DROP CONSTRAINT inbox_members_inbox_id_fkey`);
    await db.query(`ALTER TABLE team_members DROP CONSTRAINT team_members_team_id_fkey`);
    for (const table of TENANT_TABLES) {
      await db.query(`ALTER TABLE ${table} ADD COLUMN account_id int`);
      if (existing !== null) await db.query(`UPDATE ${table} SET account_id = $1`, [existing]);
      await db.query(`ALTER TABLE ${table} ALTER COLUMN account_id SET NOT NULL`);
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_account_fkey FOREIGN KEY (account_id) REFERENCES account(id)`);
      // Ids stay unique through their sequences (the panel's record id); the key leads with the account.
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (account_id, id)`);
    }
    await db.query(`DROP INDEX teams_name_unique`);
    await db.query(`CREATE UNIQUE INDEX teams_name_unique ON teams (account_id, lower(name))`);
    for (const [table, parent, key] of [['inbox_members', 'inboxes', 'inbox_id'], ['team_members', 'teams', 'team_id']] as const) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_unique, ADD CONSTRAINT ${table}_unique UNIQUE (account_id, ${key}, user_id)`);
      // Composite: a membership can only link an inbox (team) of its own account.
      await db.query(`ALTER TABLE ${table} ADD CONSTRAINT ${table}_${key}_fkey FOREIGN KEY (account_id, ${key}) REFERENCES ${parent} (account_id, id) ON DELETE CASCADE`);
    }
  }

  /**
   * The account an existing installation's rows move into: its one account row. A database with
   * settings rows but no account (never seeded through the app) gets one, so nothing is orphaned.
   */
  private async existingAccount(db: QueryRunner): Promise<number | null> {
    const [account] = (await db.query(`SELECT min(id) AS id FROM account`)) as Array<{ id: number | null }>;
    if (account?.id != null) return account.id;
    const [rows] = (await db.query(
      `SELECT (SELECT count(*) FROM users) + ${TENANT_TABLES.map((table) => `(SELECT count(*) FROM ${table})`).join(' + ')} AS count`,
    )) as Array<{ count: string }>;
    if (Number(rows?.count ?? 0) === 0) return null;
    const [created] = (await db.query(`INSERT INTO account (name, support_email) VALUES ('MessageHub', 'support@messagehub.local') RETURNING id`)) as Array<{ id: number }>;
    return created!.id;
  }

  async down(db: QueryRunner): Promise<void> {
    for (const [table, key] of [['inbox_members', 'inbox_id'], ['team_members', 'team_id']] as const) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_${key}_fkey`);
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_unique, ADD CONSTRAINT ${table}_unique UNIQUE (${key}, user_id)`);
    }
    await db.query(`DROP INDEX teams_name_unique`);
    await db.query(`CREATE UNIQUE INDEX teams_name_unique ON teams (lower(name))`);
    for (const table of TENANT_TABLES) {
      await db.query(`ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey, ADD PRIMARY KEY (id)`);
      await db.query(`ALTER TABLE ${table} DROP COLUMN account_id`);
    }
    await db.query(`ALTER TABLE inbox_members ADD CONSTRAINT inbox_members_inbox_id_fkey FOREIGN KEY (inbox_id) REFERENCES inboxes(id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE team_members ADD CONSTRAINT team_members_team_id_fkey FOREIGN KEY (team_id) REFERENCES teams(id) ON DELETE CASCADE`);
    await db.query(`ALTER TABLE users DROP COLUMN last_account_id`);
    // The highest role a user held in any account becomes their one role.
    await db.query(`ALTER TABLE users ADD COLUMN role varchar(20) NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'administrator'))`);
    await db.query(`UPDATE users u SET role = 'administrator' WHERE EXISTS (SELECT 1 FROM account_users m WHERE m.user_id = u.id AND m.role = 'administrator')`);
    await db.query(`DROP TABLE account_users`);
    // Only valid with one account left, as before.
    await db.query(`CREATE UNIQUE INDEX account_single_row ON account ((true))`);
  }
}
