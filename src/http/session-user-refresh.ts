// The session keeps a copy of the user taken at sign-in. Roles and statuses change while people
// are signed in: a demoted administrator must lose the rights at their next request, and a
// disabled or deleted user must be signed out, not wait for the session to expire.
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../admin/access.js';
import { poolOf, userReadWithSession, type CurrentUserRow } from './session.js';

type WithSession = Request & { session?: { adminUser?: SessionUser } };

/**
 * The user's current row, at every signed-in request. MessageHub's session store reads it in the
 * same statement as the session (session.ts, GET_SQL), so usually nothing is sent here; otherwise
 * one primary-key read on the pool. Plain SQL rather than a repository find: TypeORM builds and
 * hydrates a find in ~0.3–0.6 ms of CPU, five times the query's own cost, before every request.
 */
const CURRENT_USER_SQL = 'SELECT name, email, role, status, locale FROM users WHERE id = $1';

export function refreshSessionUser(dataSource: DataSource) {
  const pool = poolOf(dataSource);
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const session = (req as WithSession).session;
    const current = session?.adminUser;
    if (!session || !current) return next();
    let user = userReadWithSession(current);
    if (user === undefined) {
      const id = Number(current.id);
      user = Number.isSafeInteger(id) ? ((await pool.query<CurrentUserRow>(CURRENT_USER_SQL, [id])).rows[0] ?? null) : null;
    }
    if (!user || user.status !== 'active') {
      delete session.adminUser; // the panel then sends them to the sign-in page
    } else if (user.role !== current.role || user.name !== current.title || user.email !== current.email || user.locale !== (current.locale ?? null)) {
      session.adminUser = { ...current, role: user.role, title: user.name, email: user.email, locale: user.locale };
    }
    next();
  };
}
