import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';

export const SESSION_COOKIE = 'messagehub.sid';

/** The pg pool TypeORM already holds, so sessions need no second pool. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

/** Sessions live in PostgreSQL (table `session`, created by a migration, never on the fly). */
export function sessionOptions(config: Config, dataSource: DataSource): session.SessionOptions {
  const PgStore = connectPgSimple(session);
  return {
    store: new PgStore({ pool: poolOf(dataSource), tableName: 'session', createTableIfMissing: false }),
    name: SESSION_COOKIE,
    secret: config.sessionSecret,
    resave: false,
    saveUninitialized: false,
    rolling: true,
    cookie: {
      httpOnly: true,
      sameSite: 'lax',
      // Secure whenever the request came over TLS (behind a proxy: with TRUST_PROXY set).
      secure: 'auto',
      maxAge: config.SESSION_MAX_AGE_HOURS * 60 * 60 * 1000,
    },
  };
}
