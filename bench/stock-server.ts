// The comparison app for the bench: the same database, the same session store and sign-in shape as
// MessageHub, but stock @adminjs/typeorm resources and no audit plugin. Its Inbox edit is "the
// same edit, unaudited"; its AuditLog list is "the stock AdminJS list on the same table".
// Run as a child process (bench/servers.ts): entities extending BaseEntity bind to the last
// DataSource created in a process, so it cannot share a process with the real app.
import AdminJSExpress from '@adminjs/express';
import { Database, Resource } from '@adminjs/typeorm';
import AdminJS from 'adminjs';
import express from 'express';
import { AuditLog } from '../plugin/index.js';
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { Inbox } from '../src/entities/index.js';
import { sessionOptions } from '../src/http/session.js';
import { BENCH_ADMIN_EMAIL, BENCH_ADMIN_PASSWORD } from './bench-database.js';

AdminJS.registerAdapter({ Database, Resource });

async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DATABASE_URL) throw new Error('stock-server: DATABASE_URL is required');
  const dataSource = await createDataSource({ url: config.DATABASE_URL, poolSize: config.DB_POOL_SIZE }).initialize();
  const admin = new AdminJS({
    rootPath: '/admin',
    loginPath: '/admin/login',
    logoutPath: '/admin/logout',
    resources: [{ resource: Inbox }, { resource: AuditLog }],
    settings: { defaultPerPage: 20 },
  });
  const session = sessionOptions(config, dataSource);
  const router = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      // Plain comparison: the bench signs in once; sign-in cost is not what is measured.
      authenticate: async (email: string, password: string) => (email === BENCH_ADMIN_EMAIL && password === BENCH_ADMIN_PASSWORD ? { email } : null),
      cookieName: session.name ?? 'messagehub.sid',
      cookiePassword: config.sessionSecret,
    },
    null,
    session,
  );
  const app = express();
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use(admin.options.rootPath, router);
  app.listen(config.PORT, config.HOST);
}

main().catch((error: unknown) => {
  process.stderr.write(`stock-server failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
