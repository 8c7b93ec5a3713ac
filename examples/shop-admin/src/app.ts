// The shop's whole audit wiring: the plugin, AdminJS, the admin router and the audit API (README.md shows it).
import AdminJS from 'adminjs';
import connectPgSimple from 'connect-pg-simple';
import express from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import { createAuditPlugin } from '@hashtrail/adminjs-audit';
import { auditExport } from '@hashtrail/adminjs-audit/export';
import { activities } from './activities.js';
import { apiTokenOwner } from './api-token-owner.js';
import { apiTokenRoutes } from './api-token-routes.js';
import { auditedEntities } from './audited-entities.js';
import { checkCredentials } from './sign-in.js';

/** Where the audit log's read API answers (GET /api/audit/audit_logs, with a personal access token). */
export const AUDIT_API_ROOT = '/api/audit';

export function createShopApp(dataSource: DataSource, settings: { databaseUrl: string; sessionSecret: string }) {
  const audit = createAuditPlugin({
    dataSource,
    activities,
    entities: auditedEntities,
    actor: (admin) => ({ id: admin.id!, name: admin.name, email: admin.email }),
    session: { targetType: 'admin' },
    viewer: { canRead: (admin) => Boolean(admin?.isSuperuser), navigation: { name: 'Audit', icon: 'Shield' } },
    export: auditExport({ maxRows: 10_000 }),
    api: { ownerAdmin: apiTokenOwner(dataSource) },
  });
  const admin = new AdminJS(audit.adminOptions({ rootPath: '/admin', resources: audit.resources, branding: { companyName: 'Shop Admin' } }));
  const store = new (connectPgSimple(session))({ conString: settings.databaseUrl, tableName: 'session' });
  const app = express();
  const adminRouter = audit.router(admin, {
    authenticate: checkCredentials,
    session: { secret: settings.sessionSecret, resave: false, saveUninitialized: false, store, cookie: { httpOnly: true, sameSite: 'lax' } },
  });
  // Behind the panel's sign-in: each admin's own tokens for the API.
  adminRouter.use('/api-tokens', apiTokenRoutes(audit.apiTokens!));
  app.use('/admin', adminRouter);
  app.use(AUDIT_API_ROOT, audit.apiRouter({ mountPath: AUDIT_API_ROOT }));
  return { app, admin, audit, close: () => store.close() };
}
