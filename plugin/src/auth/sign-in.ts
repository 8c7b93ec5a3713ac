// Wrappers for the sign-in and sign-out handlers. A sign-in's entry is written in the same
// transaction as whatever the app's check changes (its last-sign-in time, say); a sign-out is
// recorded before the session is destroyed, and if it cannot be recorded the session stays.
import type { CurrentAdmin } from 'adminjs';
import type { NextFunction, Request, Response } from 'express';
import type { DataSource, EntityManager } from 'typeorm';
import { transactionInAuditScope } from '../context/audit-scope.js';
import { capturedRequestInfo, describeRequest } from '../context/request-context.js';
import type { ActorSnapshot } from '../context/request-context.js';
import type { AuditWriter } from '../writer/audit-writer.js';
import type { SignInThrottle } from './sign-in-throttle.js';
import type { AccountResolver } from '../adminjs/action-scope.js';

/**
 * Why a sign-in was refused, as a class: the entry names it, the person at the form does not learn
 * it. Any short word of the host's (`unknown_email`, `wrong_password`, `disabled`, …); `throttled`
 * is the plugin's own, for attempts over the throttle's limits.
 */
export type SignInRefusal = string;

export type SignInCheck = (
  email: string,
  password: string,
  manager: EntityManager,
) => Promise<{ admin: CurrentAdmin; label?: string } | { refused: SignInRefusal; userId?: string | number | null; accountId?: string | null }>;

export interface SessionActions {
  signedIn: string;
  signedOut: string;
  signInFailed: string;
}

/** How sign-ins and sign-outs are recorded. */
export interface SessionSettings {
  actions: SessionActions;
  /** Target type of the signed-in account on the entries (the host's name for its users). */
  targetType: string;
  actorOf: (admin: CurrentAdmin | undefined | null) => ActorSnapshot | undefined;
  /** The account a signed-in admin works in (the host's accountOf); undefined: the plugin's default account. */
  accountOf: AccountResolver;
}

const REFUSAL_CLASS = /^[a-z][a-z0-9_]{0,59}$/;

export const DEFAULT_SESSION_ACTIONS: SessionActions = {
  signedIn: 'session.signed_in',
  signedOut: 'session.signed_out',
  signInFailed: 'session.sign_in_failed',
};

/** Shown on the login form for every refusal, so the form does not reveal which emails exist. */
export class SignInRefusedError extends Error {
  constructor(public readonly reason: SignInRefusal) {
    super(reason === 'throttled' ? 'tooManyRequests' : 'invalidCredentials');
    this.name = 'SignInRefusedError';
  }
}

const MAX_EMAIL_RECORDED = 254;

export function auditedSignIn(dataSource: DataSource, writer: AuditWriter, session: SessionSettings, check: SignInCheck, throttle?: SignInThrottle) {
  const { actions, targetType } = session;
  // The throttle keeps its counts in this DataSource's database, shared by every instance.
  throttle?.bindTo(dataSource);
  return async (email: string | undefined, password: string | undefined, context?: { req: Request }): Promise<CurrentAdmin | null> => {
    // The info the request-context middleware took, so the entry's request id is the X-Request-Id answered.
    const request = context?.req ? (capturedRequestInfo(context.req) ?? describeRequest(context.req)) : undefined;
    const triedEmail = String(email ?? '').trim().slice(0, MAX_EMAIL_RECORDED);
    // Before any password work: a throttled attempt is refused and recorded, and costs no bcrypt time.
    const admission = await throttle?.admit(request?.ip ?? null, triedEmail);
    if (admission && !admission.admitted) {
      await transactionInAuditScope(dataSource, request ? { request } : {}, (manager) =>
        writer.write(manager, {
          action: actions.signInFailed,
          actor: null,
          targetLabel: triedEmail,
          details: { email: triedEmail, reason: 'throttled' satisfies SignInRefusal, limitedBy: admission.limitedBy },
        }),
      );
      throw new SignInRefusedError('throttled');
    }
    const outcome = await transactionInAuditScope(dataSource, request ? { request } : {}, async (manager) => {
      const result = await check(triedEmail, String(password ?? ''), manager);
      if ('admin' in result) {
        const actor = session.actorOf(result.admin);
        if (!actor) throw new Error('The sign-in check returned an admin the actor mapper gives no id for');
        await writer.write(manager, {
          action: actions.signedIn,
          actor,
          accountId: session.accountOf(result.admin),
          targetType,
          targetId: actor.id,
          targetLabel: result.label ?? actor.email ?? actor.name ?? null,
        });
      } else {
        if (!REFUSAL_CLASS.test(String(result.refused))) {
          throw new Error(`The sign-in check refused with "${String(result.refused)}": give a short snake_case word such as wrong_password`);
        }
        await writer.write(manager, {
          action: actions.signInFailed,
          actor: null,
          targetType: result.userId == null ? null : targetType,
          targetId: result.userId ?? null,
          targetLabel: triedEmail,
          details: { email: triedEmail, reason: result.refused },
          // The host may know which account a known user's refusal belongs in; else the default (system) log.
          accountId: result.accountId ?? undefined,
        });
      }
      return result;
    });
    if ('refused' in outcome) throw new SignInRefusedError(outcome.refused);
    if (admission?.admitted) await admission.release();
    return outcome.admin;
  };
}

export interface SignOutOptions {
  /** Where to send the browser afterwards (the login page). */
  redirectTo: string;
}

/**
 * Express handler for the logout path, mounted before the AdminJS router (which would swallow a
 * failure and sign out unrecorded). Needs the session middleware in front of it.
 */
export function auditedSignOut(dataSource: DataSource, writer: AuditWriter, sessionSettings: SessionSettings, options: SignOutOptions) {
  const { actions, targetType } = sessionSettings;
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const session = (req as Request & { session?: { adminUser?: CurrentAdmin; destroy(cb: (err?: unknown) => void): void } }).session;
    const actor = sessionSettings.actorOf(session?.adminUser);
    const accountId = sessionSettings.accountOf(session?.adminUser);
    try {
      if (actor) {
        const scope = { request: capturedRequestInfo(req) ?? describeRequest(req), actor, ...(accountId !== undefined ? { accountId } : {}) };
        await transactionInAuditScope(dataSource, scope, (manager) =>
          writer.write(manager, { action: actions.signedOut, targetType, targetId: actor.id, targetLabel: actor.email ?? actor.name }),
        );
      }
    } catch (error) {
      next(error);
      return;
    }
    if (!session) {
      res.redirect(options.redirectTo);
      return;
    }
    session.destroy((error) => (error ? next(error) : res.redirect(options.redirectTo)));
  };
}
