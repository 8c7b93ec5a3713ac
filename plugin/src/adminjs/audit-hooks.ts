// Wires the plugin into every resource's actions without touching each one by hand: a before hook
// on every action (built-in and custom) that carries the request info to the writes, and a
// bulkDelete that deletes the whole selection in one transaction (the stock one runs deletes
// in parallel, each on its own, and answers before they finish).
import type { ActionContext, ActionRequest, ActionResponse, After, Before, BaseResource, ResourceOptions } from 'adminjs';
import { NotFoundError, ValidationError, flat } from 'adminjs';
import { auditMessage } from '../locale/text.js';
import { readerTexts } from '../locale/reader.js';
import { formProblemOf, problemOfParams, RequestRefusal } from '../express/request-checks.js';
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

/** A form's params, malformed (NUL bytes, prototype keys, absurd nesting): refused with 400 before anything reads them. */
async function refuseMalformedForm(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  // Written in the reader's language (readerTexts falls back to English if the host's locale fails).
  const texts = await readerTexts(context._admin?.options.locale, context.currentAdmin);
  const problem = formProblemOf(request) ?? problemOfParams(request.payload as Record<string, unknown> | undefined, 'form', texts);
  if (problem) throw new RequestRefusal(400, problem);
  return request;
}

const isEmptyValue = (value: unknown) =>
  value === undefined || value === null || value === '' ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !(value instanceof Date) && Object.keys(value as object).length === 0);

/** The same value as the form shows it: dates as ISO text, numbers and booleans as text, empties alike. */
function sameValue(sent: unknown, stored: unknown): boolean {
  if (isEmptyValue(sent) && isEmptyValue(stored)) return true;
  const text = (value: unknown) => (value instanceof Date ? value.toISOString() : typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value));
  if (text(sent) === text(stored)) return true;
  // A date sent back in another spelling of the same instant.
  if (stored instanceof Date || (typeof stored === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(stored))) {
    const a = new Date(String(sent instanceof Date ? sent.toISOString() : sent)).getTime();
    const b = new Date(stored instanceof Date ? stored.toISOString() : stored).getTime();
    return !Number.isNaN(a) && a === b;
  }
  return false;
}

/** Fields the form of `action` (new / edit) shows and lets people change, plus what the resource's hooks declare. */
export function writableFields(resource: BaseResource, action: 'new' | 'edit'): Set<string> {
  const decorated = resource.decorate();
  const fields = new Set<string>();
  // AdminJS's new and edit forms both show the properties visible "edit" (editProperties when set).
  for (const property of decorated.getProperties({ where: 'edit', max: 0 })) {
    if (property.isId() || property.isDisabled()) continue;
    if (action === 'edit' && property.isVisible('edit') === false) continue;
    fields.add(property.propertyPath);
  }
  if (resource instanceof AuditedResource) for (const field of resource.formParams) fields.add(field);
  return fields;
}

const fieldOf = (key: string, fields: Set<string>): boolean => {
  if (fields.has(key)) return true;
  // Nested values (arrays, JSON) arrive flattened: conditions.0.attribute belongs to conditions.
  const parts = key.split('.');
  for (let length = parts.length - 1; length > 0; length--) if (fields.has(parts.slice(0, length).join('.'))) return true;
  // A relation's property is its key column (customer.id): the form sends the relation (customer).
  for (const field of fields) if (field.startsWith(`${key}.`)) return true;
  return false;
};

/**
 * Only what the form shows is writable. The panel sends back the whole record it loaded (id,
 * createdAt, fields shown read-only…): a field the form does not offer is accepted only when
 * unchanged (and then dropped, so it is never written); any other value for it is refused with a
 * validation error naming it, rather than saved where no form shows it, possibly with no entry.
 */
async function onlyFormFields(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  if (request.method !== 'post') return request;
  // A call the admin may not make is AdminJS's to refuse (403), whatever it carries.
  if (!(await context.action.isAccessible(context.currentAdmin, context.record))) return request;
  const action = context.action.name === 'new' ? 'new' : 'edit';
  const fields = writableFields(context.resource, action);
  const stored = context.record?.params ?? {};
  const { resource } = context;
  const text = (key: string, values?: Record<string, unknown>) => (resource instanceof AuditedResource ? resource.message(key, values) : auditMessage(key, values));
  const kept: Record<string, unknown> = {};
  const refused: Record<string, { message: string; type: string }> = {};
  for (const [key, value] of Object.entries((request.payload ?? {}) as Record<string, unknown>)) {
    if (fieldOf(key, fields)) {
      kept[key] = value;
      continue;
    }
    const current = action === 'edit' ? (Object.prototype.hasOwnProperty.call(stored, key) ? stored[key] : flat.get(stored, key)) : undefined;
    if (sameValue(value, current)) continue; // sent back as loaded: not the form's, not written
    refused[key] = { message: text('auditNotAFormField'), type: 'notWritable' };
  }
  if (Object.keys(refused).length > 0) {
    throw new ValidationError(refused, { message: text('auditNotSavedNotInForm', { fields: Object.keys(refused).join(', ') }), type: 'notWritable' });
  }
  return { ...request, payload: kept };
}

/** Returns `options` with the audit hooks added to every action; what the app set is kept. */
export function withAuditHooks(options: ResourceOptions = {}): ResourceOptions {
  const actions: Record<string, ActionOptions> = { ...((options.actions ?? {}) as Record<string, ActionOptions>) };
  const names = new Set<string>([...BUILT_IN_ACTIONS, ...Object.keys(actions)]);
  for (const name of names) {
    const action: ActionOptions = { ...(actions[name] ?? {}) };
    action.before = prepend(captureRequestInfo, action.before);
    // Run first: the app's own before hooks see only well-formed params the form may set.
    if (name === 'new' || name === 'edit') action.before = prepend(onlyFormFields, action.before);
    action.before = prepend(refuseMalformedForm, action.before);
    action.after = append(hideSecrets, action.after);
    if (name === 'bulkDelete' && !action.handler) action.handler = bulkDeleteInOneTransaction;
    actions[name] = action;
  }
  return { ...options, actions: actions as ResourceOptions['actions'] };
}
