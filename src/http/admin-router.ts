import type AdminJS from 'adminjs';
import type { Router } from 'express';
import type { DataSource } from 'typeorm';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import { checkCredentials } from '../auth/sign-in-check.js';
import { signInThrottle } from '../auth/sign-in-throttle.js';
import type { Config } from '../config.js';
import { sessionOptions } from './session.js';
import { refreshSessionUser } from './session-user-refresh.js';

/**
 * The AdminJS router with audited sign-in and sign-out, built by the audit plugin: our session
 * store (PostgreSQL) and the role refresh run before AdminJS; the export route sits behind the sign-in.
 */
export function buildAdminRouter(admin: AdminJS, audit: AuditPlugin, dataSource: DataSource, config: Config): Router {
  return audit.router(admin, {
    authenticate: checkCredentials,
    throttle: signInThrottle(config),
    session: sessionOptions(config, dataSource),
    beforeAdmin: [refreshSessionUser(dataSource)],
    formidable: { maxFieldsSize: config.MAX_BODY_BYTES, maxFileSize: config.MAX_BODY_BYTES },
  });
}
