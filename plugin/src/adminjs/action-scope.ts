// Links an AdminJS action to the audit scope: the acting admin (from the session, through the
// host's actor mapper) and the request info the middleware captured (carried on the request,
// copied into the action context by a hook).
import { ForbiddenError, type ActionContext, type ActionRequest, type CurrentAdmin } from 'adminjs';
import { capturedRequestInfo, type ActorSnapshot, type AuditScope, type RequestInfo } from '../context/request-context.js';

const CONTEXT_KEY = 'auditRequestInfo';

/** What the host tells of its signed-in user: an id at least. Return null for "nobody". */
export type ActorMapper = (admin: CurrentAdmin) => { id: string | number; name?: string | null; email?: string | null; role?: string | null } | null | undefined;

/** AdminJS's own current-admin shape: `id`, `email`, `title` (or `name`), and a `role` if there is one. */
export const defaultActorMapper: ActorMapper = (admin) => {
  const fields = admin as CurrentAdmin & { name?: unknown; role?: unknown };
  if (admin.id == null) return null;
  const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
  return { id: admin.id, name: text(fields.title) ?? text(fields.name), email: text(admin.email), role: text(fields.role) };
};

/** The mapper made total: any admin in, an actor snapshot with a string id (or undefined) out. */
export function actorResolver(mapper: ActorMapper = defaultActorMapper): (admin: CurrentAdmin | undefined | null) => ActorSnapshot | undefined {
  return (admin) => {
    if (!admin) return undefined;
    const actor = mapper(admin);
    if (!actor) return undefined;
    if (actor.id === undefined || actor.id === null || String(actor.id) === '') {
      throw new Error('The audit actor mapper returned no id: entries must say who acted');
    }
    return { id: String(actor.id), name: actor.name ?? null, email: actor.email ?? null, role: actor.role ?? null };
  };
}

/** Before hook for every action: keeps the request info where the resource's writes can find it. */
export async function captureRequestInfo(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  const info = capturedRequestInfo(request);
  if (info) context[CONTEXT_KEY] = info;
  return request;
}

/** The host's `accountOf`, made total: the admin's current account as a string, or undefined for "none given". */
export type AccountResolver = (admin: CurrentAdmin | undefined | null) => string | undefined;

/** Wraps the host's accountOf (absent: every admin is in no account in particular). */
export function accountResolver(accountOf?: (admin: CurrentAdmin) => string | number | null | undefined): AccountResolver {
  return (admin) => {
    if (!admin || !accountOf) return undefined;
    const account = accountOf(admin);
    return account === null || account === undefined || String(account) === '' ? undefined : String(account);
  };
}

/** The admin's current account, required: an admin with none is refused, never shown every account's rows. */
export function requiredAccount(accountOf: AccountResolver, admin: CurrentAdmin | undefined | null): string {
  const account = accountOf(admin);
  if (account === undefined) throw new ForbiddenError('auditNoAccount');
  return account;
}

export function scopeOfAction(
  context: ActionContext | undefined,
  actorOf: (admin: CurrentAdmin | undefined) => ActorSnapshot | undefined,
  accountOf: AccountResolver = () => undefined,
): AuditScope {
  if (!context) return {};
  const request = context[CONTEXT_KEY] as RequestInfo | undefined;
  const actor = actorOf(context.currentAdmin);
  const accountId = accountOf(context.currentAdmin);
  return { ...(request ? { request } : {}), ...(actor ? { actor } : {}), ...(accountId !== undefined ? { accountId } : {}) };
}
