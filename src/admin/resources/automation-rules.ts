// Conditions and actions are jsonb lists. The panel edits them as JSON text: shown pretty-printed,
// parsed on save (bad JSON is a field error), and checked for shape by the entity's rules.
import type { ActionRequest, ActionResponse, ResourceOptions } from 'adminjs';
import { flat, ValidationError } from 'adminjs';
import { AUTOMATION_EVENTS } from '../../entities/enums.js';
import { administratorsOnlyActions } from '../access.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';

const JSON_FIELDS = ['conditions', 'actions'] as const;
const showOnly = { isVisible: { list: false, filter: false, show: true, edit: false } };

async function parseJsonFields(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request;
  const payload = { ...request.payload };
  const errors: Record<string, { message: string }> = {};
  for (const field of JSON_FIELDS) {
    const text = payload[field];
    if (typeof text !== 'string') continue;
    try {
      payload[field] = JSON.parse(text);
    } catch {
      errors[field] = { message: 'is not valid JSON' };
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors, { message: 'Not saved: please correct the highlighted fields.' });
  return { ...request, payload };
}

/** Records arrive flattened (conditions.0.attribute, ...): rebuild each list as JSON text for the form. */
function jsonTextParams(params: Record<string, unknown>): Record<string, unknown> {
  const unflattened = flat.unflatten(params) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (!JSON_FIELDS.some((field) => key === field || key.startsWith(`${field}.`))) result[key] = value;
  }
  for (const field of JSON_FIELDS) result[field] = JSON.stringify(unflattened[field] ?? [], null, 2);
  return result;
}

async function showJsonAsText(response: ActionResponse): Promise<ActionResponse> {
  if (response.record?.params) response.record.params = jsonTextParams(response.record.params);
  return response;
}

export const automationRuleOptions: ResourceOptions = {
  navigation: chatSettings,
  listProperties: ['id', 'name', 'event', 'active', 'updatedAt'],
  editProperties: ['name', 'description', 'event', 'conditions', 'actions', 'active'],
  properties: {
    // Always the current account (the audit plugin keeps it so): nothing to show or choose.
    accountId: { isVisible: false },
    description: { type: 'textarea' },
    event: { availableValues: choices(AUTOMATION_EVENTS) },
    conditions: { type: 'textarea', props: { rows: 8 } },
    actions: { type: 'textarea', props: { rows: 6 } },
    createdAt: showOnly,
    updatedAt: { isVisible: { list: true, filter: true, show: true, edit: false } },
  },
  actions: {
    ...administratorsOnlyActions,
    new: { ...administratorsOnlyActions.new, before: parseJsonFields, after: showJsonAsText },
    edit: { ...administratorsOnlyActions.edit, before: parseJsonFields, after: showJsonAsText },
    show: { ...administratorsOnlyActions.show, after: showJsonAsText },
  },
};
