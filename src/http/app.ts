import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { DataSource } from 'typeorm';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import { buildAdmin, ADMIN_ROOT } from '../admin/admin.js';
import { readerLanguageOf } from '../admin/reader-language.js';
import { createMessageHubAudit } from '../audit/messagehub-audit.js';
import { recentRetentionLimits, retentionLimits } from '../audit/retention-limits.js';
import { trustProxySetting, type Config } from '../config.js';
import type { Logger } from '../logger.js';
import { buildAdminRouter } from './admin-router.js';
import { bodySizeLimit } from './body-size-limit.js';
import { invitationSettings } from '../invitations/invitation-settings.js';
import { invitationRouter } from './invitation-routes.js';
import { meRouter } from './me-routes.js';
import { accountSwitchRouter } from '../accounts/switch-account-route.js';
import { SWITCH_ACCOUNT_PATH } from '../admin/resources/switch-account-action.js';
import { withoutOutsideFonts } from './outside-fonts.js';
import { refuseCrossSiteRequests } from './refuse-cross-site.js';
import { staticAssets } from './static-assets.js';

/** Where the Audit Logs API answers (docs/api.md). */
export const API_ROOT = '/api/v1';

export interface App {
  express: Express;
  audit: AuditPlugin;
  /** Settles when the panel can serve its custom components: production bundles them once at start. */
  ready: Promise<void>;
}

export function createApp(config: Config, dataSource: DataSource, logger: Logger): App {
  const invitations = invitationSettings(config, logger);
  const audit = createMessageHubAudit(dataSource, config, logger, invitations);
  // The retention help's figures, in the panel's texts (read at every request): a floor a few seconds old will do there.
  const admin = buildAdmin(audit, dataSource, readerLanguageOf(dataSource), recentRetentionLimits(retentionLimits(() => audit.retentionFloorDays(), config)));
  // Production bundles the custom components once at start (main.ts waits for it before listening,
  // so no page asks for a bundle that is not there yet); development rebuilds them on change; tests
  // bundle lazily on the first request for the bundle.
  const ready = config.NODE_ENV === 'production' ? admin.initialize() : Promise.resolve();
  if (config.NODE_ENV === 'development') void admin.watch();

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // AdminJS's pages run inline scripts and styles, so its CSP stays off; the other headers apply.
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  // One log line per request; with LOG_LEVEL=silent there is none to write, and pino-http would still
  // serialize each request into a child logger, so it is left out (req.log is then absent: its users
  // below write nothing, as a silent logger would).
  if (logger.isLevelEnabled('fatal')) app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/healthz' } }));
  app.use(audit.requestContext);
  app.use(bodySizeLimit(config.MAX_BODY_BYTES));

  app.get('/healthz', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch (error) {
      logger.error({ err: error }, 'health check: database did not answer');
      res.status(503).json({ status: 'unavailable', reason: 'database did not answer' });
    }
  });
  app.get('/', (_req, res) => res.redirect(ADMIN_ROOT));
  app.use(staticAssets());
  app.use('/invitations', invitationRouter(dataSource, invitations, admin.options.loginPath));
  app.use(`${admin.options.rootPath}/api`, refuseCrossSiteRequests);
  app.use('/api', refuseCrossSiteRequests);
  app.use('/api/me', meRouter(config, dataSource));
  app.use(API_ROOT, audit.apiRouter({ mountPath: API_ROOT, onError: (error, req) => req.log?.error({ err: error }, 'audit API request failed') }));
  // Before the panel's router, which would answer the path itself.
  app.use(SWITCH_ACCOUNT_PATH, accountSwitchRouter(config, dataSource, admin.options.rootPath));
  app.use(admin.options.rootPath, withoutOutsideFonts, buildAdminRouter(admin, audit, dataSource, config));

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    const status = typeof error.status === 'number' ? error.status : typeof error.statusCode === 'number' ? error.statusCode : 500;
    req.log?.error({ err: error }, 'request failed');
    if (res.headersSent) return;
    res.status(status).type('text/plain').send(status === 413 ? 'Request too large.' : status < 500 ? String(error.message) : 'Something went wrong; it has been logged.');
  };
  app.use(onError);
  return { express: app, audit, ready };
}
