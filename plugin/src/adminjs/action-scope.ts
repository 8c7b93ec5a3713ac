// Links an AdminJS action to the audit scope: the acting admin (from the session) and the request
// info the middleware captured (carried on the request, copied into the action context by a hook).
import type { ActionContext, ActionRequest, CurrentAdmin } from 'adminjs';
import { requestInfoFrom, type ActorSnapshot, type AuditScope, type RequestInfo } from '../context/request-context.js';

const CONTEXT_KEY = 'auditRequestInfo';

/**
 * The actor snapshot of an AdminJS current admin. Sign-in handlers should return
 * `{ id, email, title (the name), role }`; `name` is accepted in place of `title`.
 */
export function actorOf(admin: CurrentAdmin | undefined | null): ActorSnapshot | undefined {
  if (!admin || admin.id == null) return undefined;
  const fields = admin as CurrentAdmin & { name?: string; role?: string };
  return {
    id: String(admin.id),
    name: fields.title ?? fields.name ?? null,
    email: admin.email ?? null,
    role: fields.role ?? null,
  };
}

/** Before hook for every action: keeps the request info where the resource's writes can find it. */
export async function captureRequestInfo(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  const info = requestInfoFrom(request);
  if (info) context[CONTEXT_KEY] = info;
  return request;
}

export function scopeOfAction(context: ActionContext | undefined): AuditScope {
  if (!context) return {};
  const request = context[CONTEXT_KEY] as RequestInfo | undefined;
  const actor = actorOf(context.currentAdmin);
  return { ...(request ? { request } : {}), ...(actor ? { actor } : {}) };
}
