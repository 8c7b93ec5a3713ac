// The read API's Express router: GET /audit_logs, GET /audit_logs/{id}, GET /openapi.json. Mount
// it where the API lives (MessageHub: /api/v1). Each request: token checked (owner still able to
// sign in and read the log), rate limit taken, parameters validated, the read recorded (once per
// token per window, committed before anything is sent), then the answer.
import type { CurrentAdmin } from 'adminjs';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { RenderableEntry } from '../catalogue/sentence.js';
import { auditRequestContext, capturedRequestInfo, type RequestInfo } from '../context/request-context.js';
import type { ApiEntries } from './api-entries.js';
import type { ApiSettings } from './api-options.js';
import { decodeCursor, encodeCursor, entryIdSchema, filterValuesOfQuery, listQuerySchema, type ListQuery } from './api-query.js';
import { ApiRateLimit } from './api-rate-limit.js';
import type { ApiTokens, TokenCheck } from './api-tokens.js';
import { openApiDocument } from './openapi.js';
import { sendProblem, type ParameterError } from './problem.js';
import type { DataSource } from 'typeorm';

export interface ApiRouteDeps {
  dataSource: DataSource;
  tokens: ApiTokens;
  entries: ApiEntries;
  settings: ApiSettings;
  /** The sentence renderer in `admin`'s language. */
  sentenceFor: (admin: CurrentAdmin) => Promise<(entry: RenderableEntry) => string>;
  /** Where an unexpected error goes once the client got a 500 (default console.error). */
  onError?: (error: unknown, req: Request) => void;
}

/** What each refusal of a token says (the 401/403 detail). */
const TOKEN_REFUSALS: Record<Extract<TokenCheck, { ok: false }>['reason'], string> = {
  missing: 'Send a personal access token: Authorization: Bearer <token>.',
  malformed: 'The Authorization header must be "Bearer <token>".',
  unknown: 'This token is not known.',
  revoked: 'This token was revoked.',
  expired: 'This token has expired.',
  owner_inactive: "This token's owner can no longer sign in.",
  not_allowed: "This token's owner may not read the audit log.",
};

type Authenticated = Request & { apiToken?: Extract<TokenCheck, { ok: true }> };

export function buildApiRouter(deps: ApiRouteDeps, options: { mountPath?: string } = {}): Router {
  const { settings } = deps;
  const router = express.Router();
  const rateLimit = new ApiRateLimit(deps.dataSource, settings.rateLimit, settings.rateWindowSeconds);
  const querySchema = listQuerySchema(settings);
  const onError = deps.onError ?? ((error: unknown) => console.error('audit API:', error));
  const failed = (res: Response, req: Request, error: unknown) => {
    onError(error, req);
    if (!res.headersSent) sendProblem(res, 'internal', 'The request could not be answered; nothing was sent. Try again later.');
    else res.destroy();
  };

  router.use(auditRequestContext());
  router.use((_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Built once per address it is served at (the settings do not change while the app runs).
  const documents = new Map<string, string>();
  router.get('/openapi.json', (req, res) => {
    const mounted = options.mountPath ?? req.baseUrl;
    let document = documents.get(mounted);
    if (document === undefined) documents.set(mounted, (document = JSON.stringify(openApiDocument({ ...settings, serverUrl: mounted || '/' }))));
    res.type('application/json').send(document);
  });

  const authenticate = async (req: Authenticated, res: Response, next: NextFunction) => {
    try {
      const request = requestOf(req);
      const check = await deps.tokens.check(req.headers.authorization, request);
      if (!check.ok) {
        // RFC 6750 §3.1: no error code when no credentials were sent at all.
        const challenge = check.reason === 'missing' ? 'Bearer' : `Bearer error="invalid_token"`;
        const headers = check.status === 401 ? { 'WWW-Authenticate': challenge } : undefined;
        sendProblem(res, check.status === 401 ? 'unauthorized' : 'forbidden', TOKEN_REFUSALS[check.reason], { headers });
        return;
      }
      const decision = await rateLimit.take(check.token.id);
      if (!decision.allowed) {
        sendProblem(res, 'rate_limited', `This token may make ${settings.rateLimit} requests per ${settings.rateWindowSeconds} s; try again in ${decision.retryAfterSeconds} s.`, {
          headers: { 'Retry-After': String(decision.retryAfterSeconds) },
        });
        return;
      }
      res.setHeader('RateLimit-Limit', String(settings.rateLimit));
      res.setHeader('RateLimit-Remaining', String(decision.remaining));
      req.apiToken = check;
      next();
    } catch (error) {
      failed(res, req, error);
    }
  };

  router.get('/audit_logs', authenticate, async (req: Authenticated, res) => {
    const parsed = querySchema.safeParse(req.query);
    if (!parsed.success) {
      sendProblem(res, 'bad_request', 'Some parameters are not valid.', { errors: parameterErrors(parsed.error.issues) });
      return;
    }
    const query = parsed.data as ListQuery;
    const position = query.cursor ? decodeCursor(query.cursor, query) : undefined;
    if (position && 'problem' in position) {
      sendProblem(res, 'bad_request', `cursor ${position.problem}.`, { errors: [{ parameter: 'cursor', detail: position.problem }] });
      return;
    }
    try {
      const check = req.apiToken!;
      const filters = filterValuesOfQuery(query);
      await deps.tokens.recordRead(check, requestOf(req), { filters: publicFilters(query), order: query.order });
      const account = deps.tokens.readScope(check);
      const page = await deps.entries.page(filters, { limit: query.limit, order: query.order, position: position?.position, account }, await deps.sentenceFor(check.admin));
      // Oldest first, a client follows the log: it asks again from the last entry it saw, even at the end.
      const next = page.last && (page.hasMore || query.order === 'asc') ? encodeCursor(page.last, query) : query.order === 'asc' ? (query.cursor ?? null) : null;
      res.json({ data: page.entries, has_more: page.hasMore, next_cursor: next });
    } catch (error) {
      failed(res, req, error);
    }
  });

  router.get('/audit_logs/:id', authenticate, async (req: Authenticated, res) => {
    const id = entryIdSchema.safeParse(req.params.id);
    if (!id.success) {
      sendProblem(res, 'bad_request', 'The id is not an entry id.', { errors: [{ parameter: 'id', detail: id.error.issues[0]?.message ?? 'is not valid' }] });
      return;
    }
    const extra = Object.keys(req.query);
    if (extra.length > 0) {
      sendProblem(res, 'bad_request', 'This route takes no query parameters.', { errors: extra.map((name) => ({ parameter: name, detail: 'is not a parameter of this route' })) });
      return;
    }
    try {
      const check = req.apiToken!;
      await deps.tokens.recordRead(check, requestOf(req), { entry: id.data });
      const entry = await deps.entries.one(id.data, await deps.sentenceFor(check.admin), deps.tokens.readScope(check));
      if (!entry) {
        sendProblem(res, 'not_found', `No entry has the id ${id.data}.`);
        return;
      }
      res.json(entry);
    } catch (error) {
      failed(res, req, error);
    }
  });

  router.all('/audit_logs', methodNotAllowed);
  router.all('/audit_logs/:id', methodNotAllowed);
  router.all('/openapi.json', methodNotAllowed);
  router.use((req, res) => sendProblem(res, 'not_found', `There is nothing at ${req.method} ${req.baseUrl}${req.path}. See ${req.baseUrl}/openapi.json.`));
  return router;
}

function methodNotAllowed(_req: Request, res: Response): void {
  sendProblem(res, 'method_not_allowed', 'The audit log is read-only: only GET is answered.', { headers: { Allow: 'GET' } });
}

function requestOf(req: Request): RequestInfo {
  // The router's own auditRequestContext ran first, so the info is there.
  return capturedRequestInfo(req) ?? { ip: null, userAgent: null, requestId: 'unknown' };
}

/** The filters as the client gave them (recorded with the read). */
function publicFilters(query: ListQuery): Record<string, string> {
  const { order: _order, limit: _limit, cursor: _cursor, ...filters } = query;
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== undefined)) as Record<string, string>;
}

function parameterErrors(issues: Array<{ code: string; path: PropertyKey[]; message: string; keys?: string[] }>): ParameterError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? (issue.keys ?? []).map((key) => ({ parameter: key, detail: 'is not a parameter of this route' }))
      : [{ parameter: String(issue.path[0] ?? ''), detail: issue.message }],
  );
}
