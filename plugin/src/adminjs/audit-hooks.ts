// Wires the plugin into every resource's actions without touching each one by hand: a before hook
// on every action (built-in and custom) that carries the request info to the writes, and a
// bulkDelete that deletes the whole selection in one transaction (the stock one runs deletes
// in parallel, each on its own, and answers before they finish).
import type { ActionContext, ActionRequest, ActionResponse, After, Before, ResourceOptions } from 'adminjs';
import { NotFoundError } from 'adminjs';
import { captureRequestInfo } from './action-scope.js';
import { AuditedResource } from './audited-resource.js';

const BUILT_IN_ACTIONS = ['new', 'edit', 'show', 'delete', 'bulkDelete', 'list', 'search'] as const;

// ResourceOptions['actions'] is a union keyed by built-in names; hooks are added the same way to all.
type ActionOptions = Record<string, unknown> & { before?: Before | Before[]; after?: After<ActionResponse> | Array<After<ActionResponse>>; handler?: unknown };

function prepend(hook: Before, existing: Before | Before[] | undefined): Before[] {
  if (!existing) return [hook];
  return [hook, ...(Array.isArray(existing) ? existing : [existing])];
}

async function bulkDeleteInOneTransaction(request: ActionRequest, _response: unknown, context: ActionContext) {
  const { records, resource, h, currentAdmin } = context;
  if (!records || records.length === 0) throw new NotFoundError('auditNoRecordsSelected', 'Action#handler');
  if (request.method === 'get') return { records: records.map((record) => record.toJSON(currentAdmin)) };
  if (!(resource instanceof AuditedResource)) throw new Error(`${resource.id()} is not an audited resource`);
  await resource.deleteMany(records.map((record) => record.id()), context);
  return {
    records: records.map((record) => record.toJSON(currentAdmin)),
    notice: {
      message: records.length > 1 ? 'successfullyBulkDeleted_plural' : 'successfullyBulkDeleted',
      options: { count: records.length },
      resourceId: resource.id(),
      type: 'success',
    },
    redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() || resource.id() }),
  };
}

/**
 * After every action: AdminJS merges the submitted form into the record it answers with, so a
 * secret just typed in would travel back to the browser. It stays in the database and the log.
 */
async function hideSecrets(response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> {
  const { resource } = context;
  if (!(resource instanceof AuditedResource)) return response;
  resource.hideSecrets(response.record?.params);
  for (const record of (response.records ?? []) as Array<{ params?: Record<string, unknown> }>) resource.hideSecrets(record.params);
  return response;
}

function append(hook: After<ActionResponse>, existing: After<ActionResponse> | Array<After<ActionResponse>> | undefined): Array<After<ActionResponse>> {
  if (!existing) return [hook];
  return [...(Array.isArray(existing) ? existing : [existing]), hook];
}

/** Returns `options` with the audit hooks added to every action; what the app set is kept. */
export function withAuditHooks(options: ResourceOptions = {}): ResourceOptions {
  const actions: Record<string, ActionOptions> = { ...((options.actions ?? {}) as Record<string, ActionOptions>) };
  const names = new Set<string>([...BUILT_IN_ACTIONS, ...Object.keys(actions)]);
  for (const name of names) {
    const action: ActionOptions = { ...(actions[name] ?? {}) };
    action.before = prepend(captureRequestInfo, action.before);
    action.after = append(hideSecrets, action.after);
    if (name === 'bulkDelete' && !action.handler) action.handler = bulkDeleteInOneTransaction;
    actions[name] = action;
  }
  return { ...options, actions: actions as ResourceOptions['actions'] };
}
