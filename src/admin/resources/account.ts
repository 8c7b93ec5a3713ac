import { NotFoundError, type ActionContext, type ActionRequest, type ResourceOptions } from 'adminjs';
import { ACCOUNT_LOCALES } from '../../entities/enums.js';
import { administratorsOnly, administratorsOnlyActions, currentAccountOf, refusedToAll } from '../access.js';
import { chatSettings } from '../navigation.js';
import { choices } from './enum-values.js';
import { checkRetentionDays, retentionDaysProperty, RETENTION_FIELD, type AccountRetentionDeps } from './account-retention.js';

/**
 * Only the current account's page, whatever id the address names. The resource is confined to the
 * current account already (`account: 'id'`); this refuses the other ids outright, before the
 * record is even looked at (the confinement names the account by the same column as the id).
 */
async function onlyTheCurrentAccount(request: ActionRequest, context: ActionContext): Promise<ActionRequest> {
  const asked = request.params.recordId;
  if (asked !== undefined && String(asked) !== String(currentAccountOf(context.currentAdmin))) {
    throw new NotFoundError(`Record with given id: "${String(asked)}" cannot be found in resource "Account"`, 'Action#before');
  }
  return request;
}

/**
 * An emptied optional number ("Auto-resolve after (days)") means "none": the form sends "", which
 * the adapter would turn into 0 and the rules refuse. Sent on as null instead.
 */
const OPTIONAL_NUMBERS = ['autoResolveAfterDays'] as const;
async function emptyNumbersAsNone(request: ActionRequest): Promise<ActionRequest> {
  if (request.method !== 'post' || !request.payload) return request;
  const payload = { ...request.payload };
  for (const field of OPTIONAL_NUMBERS) if (typeof payload[field] === 'string' && payload[field].trim() === '') payload[field] = null;
  return { ...request, payload };
}

/** The admin's current account: it can be read and edited, never created or removed from the panel. */
export function accountOptions(retention: AccountRetentionDeps): ResourceOptions {
  return {
    navigation: chatSettings,
    properties: {
      locale: { availableValues: choices(ACCOUNT_LOCALES) },
      [RETENTION_FIELD]: retentionDaysProperty,
      createdAt: { isVisible: { list: false, filter: false, show: true, edit: false } },
      updatedAt: { isVisible: { list: false, filter: false, show: true, edit: false } },
    },
    actions: {
      ...administratorsOnlyActions,
      show: { ...administratorsOnlyActions.show, before: onlyTheCurrentAccount },
      edit: { isAccessible: administratorsOnly, isVisible: administratorsOnly, before: [onlyTheCurrentAccount, emptyNumbersAsNone, checkRetentionDays(retention)] },
      new: refusedToAll,
      delete: refusedToAll,
      bulkDelete: refusedToAll,
    },
  };
}
