import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The MessageHub settings schema: account, users, inboxes, teams, memberships, webhooks, automation rules. */
export class CreateMessageHubSchema1764000000000 implements MigrationInterface {
  name = 'CreateMessageHubSchema1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        support_email varchar(254) NOT NULL,
        locale varchar(10) NOT NULL DEFAULT 'en',
        timezone varchar(64) NOT NULL DEFAULT 'UTC',
        auto_resolve_after_days int CHECK (auto_resolve_after_days BETWEEN 1 AND 365),
        csat_survey_enabled boolean NOT NULL DEFAULT false,
        auto_assignment_enabled boolean NOT NULL DEFAULT true,
        email_transcripts_enabled boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One account per installation.
    await db.query(`CREATE UNIQUE INDEX account_single_row ON account ((true))`);

    await db.query(`
      CREATE TABLE users (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        display_name varchar(120),
        email varchar(254) NOT NULL,
        password_hash varchar(100),
        role varchar(20) NOT NULL DEFAULT 'agent' CHECK (role IN ('agent', 'administrator')),
        availability varchar(20) NOT NULL DEFAULT 'offline' CHECK (availability IN ('online', 'offline', 'busy')),
        status varchar(20) NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'disabled')),
        last_sign_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (status = 'invited' OR password_hash IS NOT NULL)
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);

    await db.query(`
      CREATE TABLE inboxes (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        channel_type varchar(20) NOT NULL,
        greeting text,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE inbox_members (
        id serial PRIMARY KEY,
        inbox_id int NOT NULL REFERENCES inboxes(id) ON DELETE CASCADE,
        user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT inbox_members_unique UNIQUE (inbox_id, user_id)
      )`);
    await db.query(`CREATE INDEX inbox_members_user ON inbox_members (user_id)`);

    await db.query(`
      CREATE TABLE teams (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        description text,
        allow_auto_assign boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX teams_name_unique ON teams (lower(name))`);
    await db.query(`
      CREATE TABLE team_members (
        id serial PRIMARY KEY,
        team_id int NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
        user_id int NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT team_members_unique UNIQUE (team_id, user_id)
      )`);
    await db.query(`CREATE INDEX team_members_user ON team_members (user_id)`);

    await db.query(`
      CREATE TABLE webhooks (
        id serial PRIMARY KEY,
        url varchar(2048) NOT NULL CHECK (url ~ '^https?://'),
        subscribed_events text[] NOT NULL DEFAULT '{}',
        signing_secret varchar(100) NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await db.query(`
      CREATE TABLE automation_rules (
        id serial PRIMARY KEY,
        name varchar(120) NOT NULL,
        description text,
        event varchar(40) NOT NULL,
        conditions jsonb NOT NULL CHECK (jsonb_typeof(conditions) = 'array'),
        actions jsonb NOT NULL CHECK (jsonb_typeof(actions) = 'array'),
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['automation_rules', 'webhooks', 'team_members', 'teams', 'inbox_members', 'inboxes', 'users', 'account']) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
