// Where a request came from, captured once at the edge of the request (the "sweeper" of the
// audited gem). It reaches the entries through the transaction that makes the change
// (context/audit-scope.ts), not through an async-local store: Node 20's AsyncLocalStorage puts a
// hook on every promise of every request, ~0.1 µs each, several thousand per admin request.
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { countRequestInFlight } from './requests-in-flight.js';

/**
 * Where a request came from. `ip` is Express's req.ip (X-Forwarded-For counts only under `trust
 * proxy`) when that is a well-formed address; otherwise the socket's peer, and `forwardedFor` says why.
 */
export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  requestId: string;
  /**
   * Set only when X-Forwarded-For (trusted) named something that is not an IP address: `ip` is
   * then the socket's peer and the header's value (clipped) is kept here, and in the entry's details.
   */
  forwardedFor?: { rejected: string; recorded: 'socket' };
}

const MAX_FORWARDED_KEPT = 200;

/** A snapshot of the actor taken when the entry is written, so it reads right after a rename or deletion. */
export interface ActorSnapshot {
  id: string;
  name: string | null;
  email: string | null;
  role: string | null;
}

export interface AuditScope {
  request?: RequestInfo;
  actor?: ActorSnapshot;
  /**
   * The account the work is done in (multi-account hosts: the admin's current account). Entries
   * written in the scope carry it and join that account's hash chain. Absent: the plugin's
   * `accountId()` (the system log, or the one account of a single-account host).
   */
  accountId?: string | null;
}

/** Property under which the middleware leaves RequestInfo on the Express request (AdminJS copies it into action requests). */
export const REQUEST_INFO_KEY = 'auditRequestInfo';

const MAX_USER_AGENT = 512;

/** IPv4 clients on a dual-stack socket show as ::ffff:1.2.3.4; record the address people recognise. */
export function normalizeIp(ip: string | undefined): string | null {
  if (!ip) return null;
  return ip.startsWith('::ffff:') && ip.includes('.') ? ip.slice('::ffff:'.length) : ip;
}

/** req.ip when it is a well-formed address; else the socket's peer, saying what was refused. */
function clientAddress(req: Request): Pick<RequestInfo, 'ip' | 'forwardedFor'> {
  const ip = normalizeIp(req.ip);
  if (ip === null || isIP(ip) !== 0) return { ip };
  const peer = normalizeIp(req.socket?.remoteAddress);
  return { ip: peer && isIP(peer) !== 0 ? peer : null, forwardedFor: { rejected: ip.slice(0, MAX_FORWARDED_KEPT), recorded: 'socket' } };
}

export function describeRequest(req: Request): RequestInfo {
  return {
    ...clientAddress(req),
    userAgent: req.get('user-agent')?.slice(0, MAX_USER_AGENT) ?? null,
    // Generated here, never taken from a client header: a client could otherwise pick it.
    requestId: randomUUID(),
  };
}

/**
 * Express middleware: captures the request's IP, user agent and request id once, as the request
 * arrives, and leaves them on the request object (AdminJS copies it into its action requests; the
 * plugin's action hooks pick it up from there). Mount it before the AdminJS router and before your
 * own routes; read it with capturedRequestInfo(req). It also counts the requests in flight, so a
 * long export makes way for them (context/requests-in-flight.ts).
 */
export function auditRequestContext() {
  return (req: Request, res: Response, next: NextFunction): void => {
    // Mounted at the app and again in the audit router: the first capture stands, so the request
    // id recorded is the X-Request-Id answered.
    if (capturedRequestInfo(req)) return next();
    countRequestInFlight(res);
    const info = describeRequest(req);
    Object.assign(req, { [REQUEST_INFO_KEY]: info });
    res.setHeader('X-Request-Id', info.requestId);
    next();
  };
}

/** Reads the info the middleware left on a request or on AdminJS's copy of it. */
export function capturedRequestInfo(request: unknown): RequestInfo | undefined {
  if (request && typeof request === 'object' && REQUEST_INFO_KEY in request) {
    return (request as Record<string, RequestInfo>)[REQUEST_INFO_KEY];
  }
  return undefined;
}
