// GET/POST /invitations/:token — where an invitee chooses a password and joins. Links that no
// longer work (unknown, revoked, replaced, expired, used) get a page saying so and change nothing.
import express, { type Request, type Response, type Router } from 'express';
import type { DataSource } from 'typeorm';
import { acceptInvitation, lookUpInvitation, type AcceptOutcome, type InvitationState } from '../invitations/accept-invitation.js';
import type { InvitationSettings } from '../invitations/invitation-settings.js';
import { expiredInvitation, joined, joinForm, unknownInvitation, usedInvitation } from './invitation-pages.js';
import { requestInfoForAudit } from './request-scope.js';

function sendDeadLink(res: Response, outcome: Exclude<InvitationState, { state: 'pending' }>, loginPath: string): void {
  if (outcome.state === 'used') res.status(410).send(usedInvitation(loginPath));
  else if (outcome.state === 'expired') res.status(410).send(expiredInvitation(outcome.expiredAt));
  else res.status(404).send(unknownInvitation());
}

export function invitationRouter(dataSource: DataSource, settings: InvitationSettings, loginPath: string): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    // The page's URL is the secret: keep it out of caches and of other sites' Referer headers.
    res.set({ 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer' }).type('html');
    next();
  });

  router.get('/:token', async (req: Request<{ token: string }>, res) => {
    const found = await lookUpInvitation(dataSource.manager, req.params.token);
    if (found.state !== 'pending') return sendDeadLink(res, found, loginPath);
    res.send(joinForm({ name: found.user.name, email: found.user.email, minLength: settings.passwordMinLength }));
  });

  router.post('/:token', express.urlencoded({ extended: false, limit: '10kb' }), async (req: Request<{ token: string }>, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const outcome: AcceptOutcome = await acceptInvitation(
      dataSource,
      req.params.token,
      { password: String(body.password ?? ''), confirmation: String(body.confirmation ?? '') },
      { minLength: settings.passwordMinLength, bcryptRounds: settings.bcryptRounds },
      requestInfoForAudit(req),
    );
    if (outcome.state === 'accepted') {
      settings.logger.info({ userId: outcome.user.id }, 'Invitation accepted');
      return res.send(joined(outcome.user.name, loginPath));
    }
    if (outcome.state === 'invalid') {
      return res.status(422).send(joinForm({ name: outcome.user.name, email: outcome.user.email, minLength: settings.passwordMinLength, problems: outcome.problems }));
    }
    sendDeadLink(res, outcome, loginPath);
  });
  return router;
}
