// The bare comparison app for the edit bench: AdminJS + @adminjs/typeorm + @adminjs/express with
// @adminjs/logger wired as their docs show, and nothing of MessageHub's: no helmet, no request
// logging, no body limit, no role refresh, no request checks, no audit plugin. Its own Log
// entity and table (`logs`), the logger feature on the Inbox resource; sessions in PostgreSQL with
// connect-pg-simple on a pool of its own (AdminJS's Express docs, "Authenticated": `resave` and
// `saveUninitialized` true), or, with BARE_SESSIONS=memory, express-session's default memory store
// (what buildAuthenticatedRouter uses when given no store).
//
// Two resources over the same `inboxes` table: `Inbox` with the logger feature (every edit writes a
// Log row after the UPDATE, each statement committed on its own, as the feature does) and
// `InboxPlain` without it, so one process gives "bare AdminJS" and "bare AdminJS + logger".
// Sign-in checks the users table with bcrypt; the session keeps `{ id, email, title }`, and the
// logger records `id` (userIdAttribute).
// Run as a child process (bench/servers.ts): entities extending BaseEntity bind to the last
// DataSource created in a process.
import AdminJSExpress from '@adminjs/express';
import loggerFeature, { createLoggerResource, type LoggerFeatureOptions } from '@adminjs/logger';
import { Database, Resource } from '@adminjs/typeorm';
import AdminJS, { ComponentLoader } from 'adminjs';
import bcrypt from 'bcrypt';
import connectPgSimple from 'connect-pg-simple';
import express from 'express';
import session from 'express-session';
import { BaseEntity, Column, CreateDateColumn, DataSource, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Inbox } from '../src/entities/Inbox.js';

AdminJS.registerAdapter({ Database, Resource });

/** The Log entity of @adminjs/logger's docs, in TypeORM. */
@Entity({ name: 'logs' })
class Log extends BaseEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ name: 'record_id', type: 'varchar', length: 128 })
  recordId!: string;

  @Column({ name: 'record_title', type: 'text', nullable: true, default: '' })
  recordTitle!: string | null;

  @Column({ type: 'jsonb', nullable: true, default: {} })
  difference!: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 128 })
  action!: string;

  @Column({ type: 'varchar', length: 128 })
  resource!: string;

  @Column({ name: 'user_id', type: 'varchar', length: 64 })
  userId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

// Made here, not by a migration of MessageHub's: it is the comparison app's own table.
const LOG_TABLE = `CREATE TABLE IF NOT EXISTS logs (
  id serial PRIMARY KEY,
  record_id varchar(128) NOT NULL,
  record_title text DEFAULT '',
  difference jsonb DEFAULT '{}',
  action varchar(128) NOT NULL,
  resource varchar(128) NOT NULL,
  user_id varchar(64) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  const secret = process.env.SESSION_SECRET;
  if (!url || !secret) throw new Error('stock-logger-server: DATABASE_URL and SESSION_SECRET are required');
  const dataSource = await new DataSource({ type: 'postgres', url, entities: [Inbox, Log], synchronize: false }).initialize();
  await dataSource.query(LOG_TABLE);

  const componentLoader = new ComponentLoader();
  const loggerOptions: LoggerFeatureOptions = { componentLoader, propertiesMapping: { user: 'userId' }, userIdAttribute: 'id' };
  const admin = new AdminJS({
    rootPath: '/admin',
    loginPath: '/admin/login',
    logoutPath: '/admin/logout',
    componentLoader,
    resources: [
      { resource: Inbox, features: [loggerFeature(loggerOptions)] },
      { resource: Inbox, options: { id: 'InboxPlain' } },
      createLoggerResource({ componentLoader, resource: Log, featureOptions: loggerOptions }),
    ],
  });

  const PgStore = connectPgSimple(session);
  const store = process.env.BARE_SESSIONS === 'memory' ? undefined : new PgStore({ conObject: { connectionString: url }, tableName: 'session', createTableIfMissing: true });
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: async (email: string, password: string) => {
        const [user] = (await dataSource.query('SELECT id, name, email, password_hash FROM users WHERE lower(email) = lower($1)', [email])) as Array<{ id: number; name: string; email: string; password_hash: string | null }>;
        if (!user?.password_hash || !(await bcrypt.compare(password, user.password_hash))) return null;
        return { id: String(user.id), email: user.email, title: user.name };
      },
      cookieName: 'adminjs',
      cookiePassword: secret,
    },
    null,
    { store, resave: true, saveUninitialized: true, secret, cookie: { httpOnly: true }, name: 'adminjs' },
  );
  const app = express();
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use(admin.options.rootPath, adminRouter);
  const server = app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
  // A clean exit on SIGTERM (bench/servers.ts stops the apps so), keep-alive connections included.
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`stock-logger-server failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
