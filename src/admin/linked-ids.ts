// Memberships on a record's own page, as a virtual list of references (a virtual isArray reference
// renders as a list of searchable selects): read into show and edit pages, written back in the
// same transaction as the record (docs/decisions/0014-memberships-as-virtual-reference-lists.md).
import { flat, populator, type ActionContext, type ActionRequest, type ActionResponse, type PropertyOptions } from 'adminjs';
import type { EntityManager, ObjectLiteral } from 'typeorm';
import type { AuditedResourceHooks } from '@hashtrail/adminjs-audit';
import { InvalidRecordError } from '../domain/invalid-record-error.js';
import { currentAccountOf } from './access.js';
import { linkedIds, replaceLinks, type MembershipTable } from '../memberships/membership-links.js';

// The markers the panel's form sends for "no items" and "no value" (adminjs params-to-form-data);
// the server's converter normally turns them into [] and null already.
const FORM_EMPTY_ARRAY = '__FORM_VALUE_EMPTY_ARRAY__';
const FORM_NULL = '__FORM_VALUE_NULL__';

/** A virtual field listing the records linked to this one through `table`, seen from `from`. */
export interface LinkedIdsField {
  field: string;
  table: MembershipTable;
  from: 'parent' | 'member';
}

/** The property options for such a field: a list of references to `resourceId`. */
export function linkedIdsProperty(resourceId: string, position: number, editable = true): PropertyOptions {
  return {
    type: 'reference',
    reference: resourceId,
    isArray: true,
    isDraggable: false,
    position,
    isVisible: { list: false, filter: false, show: true, edit: editable },
  };
}

/**
 * The ids the form sent for `field`, or undefined when the form did not send the field (left
 * unchanged). Params arrive flattened (`memberIds.0`, …); clearing every item sends an empty
 * array; a cleared item arrives as '' or null.
 */
export function idsFromParams(params: Record<string, unknown>, field: string): number[] | undefined {
  const sent = Object.keys(params).some((key) => key === field || key.startsWith(`${field}.`));
  if (!sent) return undefined;
  const value: unknown = flat.get(params as Parameters<typeof flat.get>[0], field);
  const items = (Array.isArray(value) ? value : [value]).filter((item) => item !== '' && item != null && item !== FORM_EMPTY_ARRAY && item !== FORM_NULL);
  const ids = items.map((item) => Number(item));
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new InvalidRecordError({ [field]: 'must list records by id' });
  return ids;
}

/** AuditedResource hook: writes the linked ids the form sent, in the record's transaction. */
export function saveLinkedIds(fields: LinkedIdsField[]): NonNullable<AuditedResourceHooks['afterSave']> {
  return async (manager: EntityManager, saved: ObjectLiteral, params: Record<string, unknown>, context: ActionContext | undefined) => {
    for (const { field, table, from } of fields) {
      const wanted = idsFromParams(params, field);
      if (wanted === undefined) continue;
      const account = currentAccountOf(context?.currentAdmin);
      if (account === undefined) throw new InvalidRecordError({ [field]: 'cannot be saved without a current account: sign in again' });
      await replaceLinks(manager, account, table, from, Number(saved.id), wanted, field);
    }
  };
}

/** After hook for show and edit (GET): fills the virtual fields, then lets AdminJS add the titles. */
export function showLinkedIds(fields: LinkedIdsField[], manager: () => EntityManager) {
  return async (response: ActionResponse, request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const { record, currentAdmin } = context;
    const account = currentAccountOf(currentAdmin);
    if (request.method !== 'get' || !record || account === undefined) return response;
    const params: Record<string, unknown> = { ...record.params };
    for (const { field, table, from } of fields) {
      for (const key of Object.keys(params)) if (key === field || key.startsWith(`${field}.`)) delete params[key];
      const ids = await linkedIds(manager(), account, table, from, Number(record.id()));
      ids.forEach((id, index) => (params[`${field}.${index}`] = id));
    }
    record.params = params;
    // References were populated before the hooks ran; the virtual fields need it once more.
    const [populated] = await populator([record], context);
    return { ...response, record: (populated ?? record).toJSON(currentAdmin) };
  };
}
