import connectPgSimple from 'connect-pg-simple';
import session from 'express-session';
import type { Pool } from 'pg';
import type { DataSource } from 'typeorm';
import type { Config } from '../config.js';
import type { UserRole } from '../entities/enums.js';

export const SESSION_COOKIE = 'messagehub.sid';
export const SESSION_TABLE = 'session';

/** The pg pool TypeORM already holds, so sessions need no second pool. */
export function poolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as unknown as { master: Pool }).master;
}

const PgStore = connectPgSimple(session);

/**
 * Renews the expiry of a session its request did not otherwise change ("touch": sessions roll).
 * Committed without waiting for the write-ahead log to reach the disk (`synchronous_commit` off for
 * this one transaction, set inside the statement): a durable commit waits for a flush, 3–4 ms on
 * the bench machine, at the end of every request. Nothing depends on the renewal surviving a crash
 * of the database: lost, the session ends when its previous renewal said, never later. Everything
 * else about sessions (sign-in, sign-out, a changed session) is written as before, durably.
 */
const TOUCH_SQL = `UPDATE "${SESSION_TABLE}" SET expire = to_timestamp($1)
  FROM (SELECT set_config('synchronous_commit', 'off', true)) AS renewal_not_flushed
  WHERE sid = $2`;

/** The columns of the signed-in user that the session copies (src/http/session-user-refresh.ts). */
export interface CurrentUserRow {
  name: string;
  email: string;
  /** Their role in the session's current account; null when they are no longer a member of it. */
  role: UserRole | null;
  status: string;
  locale: string | null;
}

/**
 * The session, and the current row of the user it is signed in as with their role in the session's
 * current account, in one statement: both are re-read at every request (session-user-refresh.ts),
 * and this saves that read its own round trip. The membership is read by its primary key (account,
 * user): on a distributed PostgreSQL it is one shard's row, not a search of every shard. A session
 * whose user or account id is not a plain number (none, or not ours) joins nothing.
 */
const GET_SQL = `SELECT s.sess, u.name, u.email, m.role, u.status, u.locale
  FROM "${SESSION_TABLE}" s
  LEFT JOIN users u ON u.id = CASE WHEN s.sess -> 'adminUser' ->> 'id' ~ '^[0-9]{1,18}$' THEN (s.sess -> 'adminUser' ->> 'id')::bigint END
  LEFT JOIN account_users m ON m.user_id = u.id
    AND m.account_id = CASE WHEN s.sess -> 'adminUser' ->> 'accountId' ~ '^[0-9]{1,9}$' THEN (s.sess -> 'adminUser' ->> 'accountId')::int END
  WHERE s.sid = $1 AND s.expire >= to_timestamp($2)`;

/**
 * The user rows read with sessions, by the session's own `adminUser` object (express-session
 * copies that object, unchanged, into req.session): null when the user is gone. An adminUser set
 * during the request (a sign-in) is not here, and is read on its own.
 */
const usersReadWithSessions = new WeakMap<object, CurrentUserRow | null>();

/** The user's row as read with this request's session; undefined when it was not (then read it). */
export function userReadWithSession(adminUser: object): CurrentUserRow | null | undefined {
  return usersReadWithSessions.get(adminUser);
}

/** Sessions remembered per store (their last expiry written), so repeated renewals to the same second are not sent. */
const REMEMBERED_SESSIONS = 10_000;

/**
 * connect-pg-simple's store with a cheaper renewal (TOUCH_SQL). Expiry is kept in whole seconds
 * (as connect-pg-simple keeps it): a renewal to the second this store last wrote for that session
 * writes nothing new and is not sent. What is stored only ever moves later, whoever writes it (any
 * instance), so a session is never cut short by this; a new session id (sign-in) starts afresh.
 */
export class SessionStore extends PgStore {
  private readonly pool: Pool;
  private readonly written = new Map<string, number>();
  private pruning = false;

  constructor(pool: Pool) {
    super({ pool, tableName: SESSION_TABLE, createTableIfMissing: false });
    this.pool = pool;
  }

  override get(sid: string, callback: (error: unknown, session?: session.SessionData | null) => void): void {
    this.startPruning();
    this.pool.query<{ sess: session.SessionData | string } & Partial<CurrentUserRow>>(GET_SQL, [sid, Math.floor(Date.now() / 1000)]).then(
      ({ rows: [row] }) => {
        if (!row) return callback(null, null);
        let sess: session.SessionData;
        try {
          sess = typeof row.sess === 'string' ? (JSON.parse(row.sess) as session.SessionData) : row.sess;
        } catch {
          return this.destroy(sid, (error) => callback(error)); // as connect-pg-simple: an unreadable session is removed
        }
        const adminUser = (sess as { adminUser?: unknown }).adminUser;
        if (adminUser && typeof adminUser === 'object') {
          usersReadWithSessions.set(adminUser, row.status === null || row.status === undefined ? null : { name: row.name!, email: row.email!, role: row.role ?? null, status: row.status, locale: row.locale ?? null });
        }
        callback(null, sess);
      },
      (error: unknown) => callback(error),
    );
  }

  override touch(sid: string, sess: session.SessionData, callback?: (error?: unknown) => void): void {
    this.startPruning();
    const expire = expiryOf(sess);
    if (this.written.get(sid) === expire) return void callback?.();
    this.pool.query(TOUCH_SQL, [expire, sid]).then(
      () => {
        this.remember(sid, expire);
        callback?.();
      },
      (error: unknown) => callback?.(error),
    );
  }

  override set(sid: string, sess: session.SessionData, callback?: (error?: unknown) => void): void {
    this.written.delete(sid);
    super.set(sid, sess, callback);
  }

  override destroy(sid: string, callback?: (error?: unknown) => void): void {
    this.written.delete(sid);
    super.destroy(sid, callback);
  }

  /**
   * connect-pg-simple deletes expired sessions every 15 minutes once the store is first used, from
   * its own get, set, destroy or touch; get and touch are ours, so they start it here.
   */
  private startPruning(): void {
    if (this.pruning) return;
    this.pruning = true;
    this.pruneSessions();
  }

  private remember(sid: string, expire: number): void {
    this.written.delete(sid); // re-inserted last: the oldest entry is the first to go
    this.written.set(sid, expire);
    if (this.written.size > REMEMBERED_SESSIONS) this.written.delete(this.written.keys().next().value!);
  }
}

/** The session's expiry in Unix seconds, rounded up, as connect-pg-simple stores it. */
function expiryOf(sess: session.SessionData): number {
  const expires = sess.cookie?.expires;
  return expires ? Math.ceil(new Date(expires).getTime() / 1000) : Math.ceil(Date.now() / 1000 + 86_400);
}

/** Sessions live in PostgreSQL (table `session`, created by a migration, never on the fly). */
export function sessionOptions(config: Config, dataSource: DataSource): session.SessionOptions {
  return {
    store: new SessionStore(poolOf(dataSource)),
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
