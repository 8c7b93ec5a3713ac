// The comparison app for the bench: MessageHub with the audit plugin off. The same HTTP stack as
// src/http/app.ts and admin-router.ts where it is not the plugin's (helmet, request logging, body
// size limit, PostgreSQL sessions, sign-in with bcrypt, the role refreshed at every request), but
// stock @adminjs/typeorm resources: no transaction or row lock around a write, no audit entry, no
// request context. Its Inbox edit is "the same edit, unaudited"; its AuditLog list is "the stock
// AdminJS list on the same table".
// Run as a child process (bench/servers.ts): entities extending BaseEntity bind to the last
// DataSource created in a process, so it cannot share a process with the real app.
import AdminJSExpress from '@adminjs/express';
import { Database, Resource } from '@adminjs/typeorm';
import AdminJS from 'adminjs';
import express from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import { AuditLog } from '@hashtrail/adminjs-audit';
import { checkCredentials } from '../src/auth/sign-in-check.js';
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { Inbox } from '../src/entities/index.js';
import { bodySizeLimit } from '../src/http/body-size-limit.js';
import { sessionOptions } from '../src/http/session.js';
import { refreshSessionUser } from '../src/http/session-user-refresh.js';
import { createLogger } from '../src/logger.js';

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
  const options = sessionOptions(config, dataSource);
  const router = express.Router();
  router.use(session(options));
  router.use(refreshSessionUser(dataSource));
  const adminRouter = AdminJSExpress.buildAuthenticatedRouter(
    admin,
    {
      // MessageHub's own credential check, without the plugin's sign-in recording around it.
      authenticate: async (email: string, password: string) => {
        const outcome = await checkCredentials(email, password, dataSource.manager);
        return 'admin' in outcome ? outcome.admin : null;
      },
      cookieName: options.name ?? 'messagehub.sid',
      cookiePassword: config.sessionSecret,
    },
    router,
    options,
    { maxFieldsSize: config.MAX_BODY_BYTES, maxFileSize: config.MAX_BODY_BYTES },
  );
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  app.use(pinoHttp({ logger: createLogger(config.LOG_LEVEL), autoLogging: { ignore: (req) => req.url === '/healthz' } }));
  app.use(bodySizeLimit(config.MAX_BODY_BYTES));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use(admin.options.rootPath, adminRouter);
  const server = app.listen(config.PORT, config.HOST);
  // A clean exit on SIGTERM (bench/servers.ts stops the apps so), keep-alive connections included.
  process.on('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`stock-server failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
