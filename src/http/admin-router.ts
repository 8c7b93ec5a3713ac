import AdminJSExpress from '@adminjs/express';
import type AdminJS from 'adminjs';
import express, { type Request, type Router } from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import { auditExportHandler } from '@hashtrail/adminjs-audit/export';
import { isAdministrator } from '../admin/access.js';
import { AUDIT_EXPORT_ROUTE } from '../admin/audit-log-viewer.js';
import { checkCredentials } from '../auth/sign-in-check.js';
import { signInThrottle } from '../auth/sign-in-throttle.js';
import type { Config } from '../config.js';
import { regenerateSession, sessionOptions } from './session.js';
import { refreshSessionUser } from './session-user-refresh.js';

/**
 * The AdminJS router with sign-in and sign-out. Our session middleware and audited logout route
 * come first: AdminJS's own session middleware then sees a session and steps aside, and its
 * logout (which swallows errors) is never reached.
 */
export function buildAdminRouter(admin: AdminJS, audit: AuditPlugin, dataSource: DataSource, config: Config): Router {
  const options = sessionOptions(config, dataSource);
  const router = express.Router();
  router.use(session(options));
  router.use(refreshSessionUser(dataSource));
  router.get(admin.options.logoutPath.replace(admin.options.rootPath, ''), audit.signOut({ redirectTo: admin.options.loginPath }));

  const signIn = audit.signIn(checkCredentials, signInThrottle(config));
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      authenticate: async (email: string, password: string, context?: { req: Request }) => {
        const user = await signIn(email, password, context);
        if (user && context?.req) await regenerateSession(context.req as Parameters<typeof regenerateSession>[0]);
        return user;
      },
      cookieName: options.name,
      cookiePassword: config.sessionSecret,
    },
    router,
    options,
    { maxFieldsSize: config.MAX_BODY_BYTES, maxFileSize: config.MAX_BODY_BYTES },
  );
  // Added after AdminJS's routes, so behind its sign-in check; the handler checks the role itself.
  adminRouter.get(AUDIT_EXPORT_ROUTE, auditExportHandler({ dataSource, record: audit.record, canExport: isAdministrator, maxRows: config.EXPORT_MAX_ROWS }));
  return adminRouter;
}
