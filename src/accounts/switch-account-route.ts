// POST /admin/switch-account (accountId=<id>): the signed-in user moves to another of their
// accounts, then back to the panel. The membership is checked here, against the database: a user
// who is not a member of that account gets 403 and stays where they were. Same-origin only: the
// session cookie is SameSite=Lax (never sent with another site's POST), and browsers' Sec-Fetch-Site
// and Origin must name this site when they are sent.
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../admin/access.js';
import type { Config } from '../config.js';
import { refuseCrossSiteRequests } from '../http/refuse-cross-site.js';
import { sessionOptions } from '../http/session.js';
import { refreshSessionUser } from '../http/session-user-refresh.js';
import { membershipIn, membershipsOf } from './account-memberships.js';

type WithSession = Request & { session?: session.Session & { adminUser?: SessionUser } };

/** An Origin header naming another site (a form posted from elsewhere); absent is fine (same-origin GETs and scripts send none). */
function refuseOtherOrigins(req: Request, res: Response, next: NextFunction): void {
  const origin = req.get('origin');
  if (origin && origin !== 'null' && new URL(origin).host !== req.get('host')) {
    res.status(403).type('text/plain').send('Refused: this address only answers the MessageHub panel itself.');
    return;
  }
  next();
}

export function accountSwitchRouter(config: Config, dataSource: DataSource, panelRoot: string): Router {
  const router = express.Router();
  router.use(refuseCrossSiteRequests, refuseOtherOrigins);
  router.use(session(sessionOptions(config, dataSource)));
  router.use(refreshSessionUser(dataSource));
  router.post('/', express.urlencoded({ extended: false, limit: '1kb' }), async (req, res) => {
    const held = (req as WithSession).session;
    const me = held?.adminUser;
    if (!held || !me) return void res.redirect(303, `${panelRoot}/login`);
    const accountId = Number((req.body as Record<string, unknown> | undefined)?.accountId);
    const userId = Number(me.id);
    const membership = Number.isSafeInteger(accountId) && accountId > 0 ? await membershipIn(dataSource.manager, accountId, userId) : null;
    if (!membership) return void res.status(403).type('text/plain').send('Refused: you are not a member of that account.');
    const accounts = await membershipsOf(dataSource.manager, userId);
    held.adminUser = { ...me, accountId: String(accountId), role: membership.role, accountIds: accounts.map((one) => String(one.accountId)) };
    // The next sign-in enters this account. Not an audited field of the user (ignored, like the last
    // sign-in time): written directly, with no entry.
    await dataSource.query('UPDATE users SET last_account_id = $1 WHERE id = $2', [accountId, userId]);
    res.redirect(303, panelRoot);
  });
  return router;
}
