// The session keeps a copy of the user taken at sign-in. Roles and statuses change while people
// are signed in: a demoted administrator must lose the rights at their next request, and a
// disabled or deleted user must be signed out, not wait for the session to expire.
import type { NextFunction, Request, Response } from 'express';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../admin/access.js';
import { User } from '../entities/User.js';

type WithSession = Request & { session?: { adminUser?: SessionUser } };

export function refreshSessionUser(dataSource: DataSource) {
  return async (req: Request, _res: Response, next: NextFunction): Promise<void> => {
    const session = (req as WithSession).session;
    const current = session?.adminUser;
    if (!session || !current) return next();
    const user = await dataSource.getRepository(User).findOne({ where: { id: Number(current.id) }, select: { id: true, name: true, email: true, role: true, status: true, locale: true } });
    if (!user || user.status !== 'active') {
      delete session.adminUser; // the panel then sends them to the sign-in page
    } else if (user.role !== current.role || user.name !== current.title || user.email !== current.email || user.locale !== (current.locale ?? null)) {
      session.adminUser = { ...current, role: user.role, title: user.name, email: user.email, locale: user.locale };
    }
    next();
  };
}
