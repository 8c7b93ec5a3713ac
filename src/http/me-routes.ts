// The signed-in user's own settings for the chat client, authenticated by the panel's session:
// PATCH /api/me/availability {"availability": "online" | "offline" | "busy"}.
import express, { type Request, type Router } from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { transactionInAuditScope } from '@hashtrail/adminjs-audit';
import { messageHubActor } from '../audit/messagehub-audit.js';
import type { SessionUser } from '../admin/access.js';
import type { Config } from '../config.js';
import { USER_AVAILABILITIES } from '../entities/enums.js';
import { setOwnAvailability } from '../users/availability.js';
import { requestInfoForAudit } from './request-scope.js';
import { sessionOptions } from './session.js';
import { refreshSessionUser } from './session-user-refresh.js';

const availabilityBody = z.object({ availability: z.enum(USER_AVAILABILITIES, { message: `must be one of: ${USER_AVAILABILITIES.join(', ')}` }) }).strict();

const sessionUserOf = (req: Request) => (req as Request & { session?: { adminUser?: SessionUser } }).session?.adminUser;

export function meRouter(config: Config, dataSource: DataSource): Router {
  const router = express.Router();
  router.use(session(sessionOptions(config, dataSource)));
  router.use(refreshSessionUser(dataSource));
  router.use((req, res, next) => {
    if (!sessionUserOf(req)) return void res.status(401).json({ error: 'Sign in first.' });
    next();
  });

  router.patch('/availability', express.json({ limit: '1kb' }), async (req, res) => {
    // JSON only: a cross-site form cannot send it, and a cross-site script needs CORS it does not get.
    if (!req.is('application/json')) return void res.status(415).json({ error: 'Send JSON: {"availability": "online" | "offline" | "busy"}.' });
    const parsed = availabilityBody.safeParse(req.body);
    if (!parsed.success) {
      const fieldErrors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0] ?? 'body'), issue.message]));
      return void res.status(400).json({ error: 'Not saved: please correct the fields.', fieldErrors });
    }
    const me = sessionUserOf(req)!;
    const user = await transactionInAuditScope(dataSource, { request: requestInfoForAudit(req), actor: messageHubActor(me), accountId: me.accountId }, (manager) =>
      setOwnAvailability(manager, Number(me.id), parsed.data.availability),
    );
    if (!user) return void res.status(403).json({ error: 'Your account is no longer active.' });
    res.json({ id: user.id, availability: user.availability });
  });
  return router;
}
