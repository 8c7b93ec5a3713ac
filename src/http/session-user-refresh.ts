// The session keeps a copy of the user taken at sign-in. Roles and statuses change while people
// are signed in: a demoted administrator must lose the rights at their next request, someone
// removed from the account they are working in must leave it, and a disabled or deleted user must
// be signed out, not wait for the session to expire.
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../admin/access.js';
import type { UserRole } from '../entities/enums.js';
import { poolOf, userReadWithSession, type CurrentUserRow } from './session.js';

type WithSession = Request & { session?: { adminUser?: SessionUser } };

/**
 * The user's current row and their role in the session's account, at every signed-in request.
 * MessageHub's session store reads them in the same statement as the session (session.ts, GET_SQL),
 * so usually nothing is sent here; otherwise one primary-key read on the pool. Plain SQL rather
 * than a repository find: TypeORM builds and hydrates a find in ~0.3–0.6 ms of CPU, five times the
 * query's own cost, before every request.
 */
const CURRENT_USER_SQL = `SELECT u.name, u.email, m.role, u.status, u.locale
  FROM users u LEFT JOIN account_users m ON m.user_id = u.id AND m.account_id = $2
  WHERE u.id = $1`;

/** Only when the user is no longer in their current account (rare): the accounts they still have. */
const ACCOUNTS_SQL = 'SELECT account_id::text AS "accountId", role FROM account_users WHERE user_id = $1 ORDER BY account_id';

const plainId = (value: unknown): number | null => {
  const id = Number(value);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
};

export function refreshSessionUser(dataSource: DataSource) {
  const pool = poolOf(dataSource);
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    try {
      const session = (req as WithSession).session;
      const current = session?.adminUser;
      if (!session || !current) return next();
      let user = userReadWithSession(current);
      const id = plainId(current.id);
      if (user === undefined) {
        user = id === null ? null : ((await pool.query<CurrentUserRow>(CURRENT_USER_SQL, [id, plainId(current.accountId) ?? 0])).rows[0] ?? null);
      }
      if (!user || user.status !== 'active' || id === null) {
        delete session.adminUser; // the panel then sends them to the sign-in page
      } else if (user.role === null) {
        // Removed from the account they were working in (or a session from before accounts): into
        // another account of theirs, or signed out when none is left.
        const { rows } = await pool.query<{ accountId: string; role: UserRole }>(ACCOUNTS_SQL, [id]);
        const other = rows[0];
        if (!other) delete session.adminUser;
        else {
          session.adminUser = { ...current, accountId: other.accountId, role: other.role, accountIds: rows.map((row) => row.accountId), title: user.name, email: user.email, locale: user.locale };
        }
      } else if (user.role !== current.role || user.name !== current.title || user.email !== current.email || user.locale !== (current.locale ?? null)) {
        session.adminUser = { ...current, role: user.role, title: user.name, email: user.email, locale: user.locale };
      }
      next();
    } catch (error) {
      next(error);
    }
  };
}
