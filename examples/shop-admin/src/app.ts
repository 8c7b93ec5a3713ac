// The shop's whole audit wiring: the plugin, AdminJS and the admin router (README.md shows it).
import AdminJS from 'adminjs';
import connectPgSimple from 'connect-pg-simple';
import express from 'express';
import session from 'express-session';
import type { DataSource } from 'typeorm';
import { createAuditPlugin } from '@hashtrail/adminjs-audit';
import { auditExport } from '@hashtrail/adminjs-audit/export';
import { activities } from './activities.js';
import { auditedEntities } from './audited-entities.js';
import { checkCredentials } from './sign-in.js';

export function createShopApp(dataSource: DataSource, settings: { databaseUrl: string; sessionSecret: string }) {
  const audit = createAuditPlugin({
    dataSource,
    activities,
    entities: auditedEntities,
    actor: (admin) => ({ id: admin.id!, name: admin.name, email: admin.email }),
    session: { targetType: 'admin' },
    viewer: { canRead: (admin) => Boolean(admin?.isSuperuser), navigation: { name: 'Audit', icon: 'Shield' } },
    export: auditExport({ maxRows: 10_000 }),
  });
  const admin = new AdminJS(audit.adminOptions({ rootPath: '/admin', resources: audit.resources, branding: { companyName: 'Shop Admin' } }));
  const store = new (connectPgSimple(session))({ conString: settings.databaseUrl, tableName: 'session' });
  const app = express();
  app.use(
    '/admin',
    audit.router(admin, {
      authenticate: checkCredentials,
      session: { secret: settings.sessionSecret, resave: false, saveUninitialized: false, store, cookie: { httpOnly: true, sameSite: 'lax' } },
    }),
  );
  return { app, admin, audit, close: () => store.close() };
}
