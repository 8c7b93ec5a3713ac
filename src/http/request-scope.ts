import type { Request } from 'express';
import { capturedRequestInfo, type RequestInfo } from '@hashtrail/adminjs-audit';

/** The request info the audit middleware captured (same request id as the X-Request-Id header). */
export function requestInfoForAudit(req: Request): RequestInfo {
  const info = capturedRequestInfo(req);
  // app.ts mounts audit.requestContext before every route: without it entries would lose their IP.
  if (!info) throw new Error('audit.requestContext must be mounted before this route');
  return info;
}
