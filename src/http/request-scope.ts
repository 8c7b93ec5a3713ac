import type { Request } from 'express';
import { requestInfoFrom, requestInfoOf, type RequestInfo } from '@hashtrail/adminjs-audit';

/** The request info the audit middleware captured (same request id as the X-Request-Id header). */
export const requestInfoForAudit = (req: Request): RequestInfo => requestInfoFrom(req) ?? requestInfoOf(req);
