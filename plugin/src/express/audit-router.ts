// The admin router with the audit wired in, so a host does not have to know where each piece goes:
// the request context first, the host's session next, the audited sign-out before AdminJS's own
// logout (which would swallow a failure and sign out unrecorded), the audited sign-in with a new
// session id, the production component bundle, and the export route behind the sign-in.
import path from 'node:path';
import AdminJSExpress from '@adminjs/express';
import type AdminJS from 'adminjs';
import type { CurrentAdmin } from 'adminjs';
import express, { type Request, type RequestHandler, type Router } from 'express';
import session from 'express-session';
import { adminRequestChecks, DEFAULT_PER_PAGE_MAX, refusalsAsHttp, refuseCrossSite, sessionAdmin } from './request-checks.js';
import { readerTexts } from '../locale/reader.js';

/** What the plugin gives the router; built by createAuditPlugin. */
export interface AuditRouterParts {
  requestContext: RequestHandler;
  signIn: (email: string | undefined, password: string | undefined, context?: { req: Request }) => Promise<CurrentAdmin | null>;
  signOut: (options: { redirectTo: string }) => RequestHandler;
  /** Routes behind the sign-in (the export), relative to the admin root. */
  protectedRoutes: (admin: AdminJS) => Array<{ path: string; handler: RequestHandler }>;
  /** Most rows a list page may hold: a larger perPage is lowered to it. Default 100. */
  perPageMax?: number;
}

export interface AuditRouterOptions {
  /**
   * express-session options. Give a persistent `store` (connect-pg-simple, say): the default
   * memory store loses every session on restart and grows without bound.
   */
  session: session.SessionOptions;
  /** Middleware run after the session is loaded and before AdminJS (e.g. refresh the signed-in user). */
  beforeAdmin?: RequestHandler[];
  /** Passed to express-formidable, which parses AdminJS's forms (body and file size limits). */
  formidable?: { maxFieldsSize?: number; maxFileSize?: number };
}

const BUNDLE_PATH = '/frontend/assets/components.bundle.js';

/**
 * In production AdminJS bundles the custom components into ADMIN_JS_TMP_DIR (default `.adminjs`)
 * and @adminjs/express serves the file with res.sendFile, which on Express 5 ignores dot-folders:
 * the bundle answers 404 and the custom views never load. Served here first, dot-folder allowed.
 */
function productionBundle(): RequestHandler {
  return (_req, res, next) => {
    const file = path.resolve(process.env.ADMIN_JS_TMP_DIR || '.adminjs', 'bundle.js');
    res.sendFile(file, { dotfiles: 'allow' }, (error) => (error ? next(error) : undefined));
  };
}

/** Regenerates the session id at sign-in (no fixation), keeping where the user was heading. */
function newSessionId(req: Request): Promise<void> {
  const current = (req as Request & { session?: session.Session & { redirectTo?: string } }).session;
  if (!current || typeof current.regenerate !== 'function') return Promise.resolve();
  const redirectTo = current.redirectTo;
  return new Promise((resolve, reject) => {
    current.regenerate((error) => {
      if (error) return reject(error);
      const fresh = (req as Request & { session: session.Session & { redirectTo?: string } }).session;
      if (redirectTo) fresh.redirectTo = redirectTo;
      resolve();
    });
  });
}

export function buildAuditRouter(admin: AdminJS, parts: AuditRouterParts, options: AuditRouterOptions): Router {
  const { rootPath, logoutPath, loginPath } = admin.options;
  const router = express.Router();
  router.use(parts.requestContext);
  router.use(session(options.session));
  for (const middleware of options.beforeAdmin ?? []) router.use(middleware);
  // Sign-out and export act on a plain GET, which another site can start (a link, an <img>):
  // both answer only requests from the panel's own pages.
  const sameSiteOnly = refuseCrossSite((req) => readerTexts(admin.options.locale, sessionAdmin(req), req));
  router.get(logoutPath.replace(rootPath, '') || '/logout', sameSiteOnly, parts.signOut({ redirectTo: loginPath }));
  // Malformed API requests answer 4xx before reaching a resource (request-checks.ts).
  router.use(adminRequestChecks(admin, { perPageMax: parts.perPageMax ?? DEFAULT_PER_PAGE_MAX }));
  if (process.env.NODE_ENV === 'production') router.get(BUNDLE_PATH, productionBundle());

  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: async (email: string, password: string, context?: { req: Request }) => {
        const admitted = await parts.signIn(email, password, context);
        if (admitted && context?.req) await newSessionId(context.req);
        return admitted;
      },
      cookieName: options.session.name ?? 'connect.sid',
      // AdminJS signs nothing with it once our session middleware runs; it only has to be set.
      cookiePassword: String(Array.isArray(options.session.secret) ? options.session.secret[0] : options.session.secret),
    },
    router,
    options.session,
    options.formidable ?? {},
  );
  // After AdminJS's routes, so behind its sign-in check; each handler checks the role itself.
  for (const route of parts.protectedRoutes(admin)) adminRouter.get(route.path, sameSiteOnly, route.handler);
  // Refusals thrown by the plugin's action hooks (a NUL byte in a form, say) answer with their status.
  adminRouter.use(refusalsAsHttp);
  return adminRouter;
}

