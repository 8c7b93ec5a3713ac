// A signed-in admin's personal access tokens for the audit API, mounted on the admin router (behind
// the panel's sign-in): GET lists them, POST { name, expiresInDays? } makes one (the only time the
// token is shown), DELETE /:id revokes one. The plugin decides who may hold tokens and records each.
import type { CurrentAdmin } from 'adminjs';
import { Router, type Request, type Response } from 'express';
import { ApiTokenError, capturedRequestInfo, type ApiTokens } from '@hashtrail/adminjs-audit';

/** AdminJS keeps the signed-in admin on the session, and its router has parsed the body into `fields`. */
type PanelRequest = Request & { session?: { adminUser?: CurrentAdmin }; fields?: Record<string, unknown> };

const STATUS: Record<ApiTokenError['code'], number> = { forbidden: 403, invalid_name: 400, invalid_expiry: 400, too_many: 409, not_found: 404 };

async function answer(res: Response, status: number, work: () => Promise<unknown>): Promise<void> {
  try {
    res.status(status).json(await work());
  } catch (error) {
    if (!(error instanceof ApiTokenError)) throw error;
    res.status(STATUS[error.code]).json({ error: error.code, message: error.message });
  }
}

export function apiTokenRoutes(tokens: ApiTokens): Router {
  const adminOf = (req: Request) => (req as PanelRequest).session?.adminUser;
  const router = Router();
  router.get('/', (req, res) => answer(res, 200, () => tokens.list(adminOf(req))));
  router.post('/', (req, res) => {
    const { name, expiresInDays } = (req as PanelRequest).fields ?? {};
    const expiresAt = expiresInDays ? new Date(Date.now() + Number(expiresInDays) * 86_400_000) : null;
    return answer(res, 201, () => tokens.create(adminOf(req), { name, expiresAt }, capturedRequestInfo(req)));
  });
  router.delete('/:id', (req, res) => answer(res, 200, () => tokens.revoke(adminOf(req), req.params.id, capturedRequestInfo(req))));
  return router;
}
