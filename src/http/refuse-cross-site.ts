import type { NextFunction, Request, Response } from 'express';

/**
 * The panel's buttons without a form (resend an invitation, make administrator, go busy…) call
 * their action with GET (adminjs call-action-api), and SameSite=Lax cookies ride along on a
 * top-level cross-site GET. Browsers say where a request came from in Sec-Fetch-Site: the API
 * answers only the panel's own pages. Clients that send no such header (scripts) are unaffected.
 */
export function refuseCrossSiteRequests(req: Request, res: Response, next: NextFunction): void {
  const site = req.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') {
    res.status(403).type('text/plain').send('Refused: this address only answers the MessageHub panel itself.');
    return;
  }
  next();
}
