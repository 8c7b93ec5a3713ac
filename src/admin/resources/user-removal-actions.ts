// Delete and bulk delete of the Users resource: a user is removed from the current account (their
// inboxes and teams there, then their membership); the user row goes only with their last account.
import { NotFoundError, ValidationError, type Action, type ActionContext, type ActionHandler, type ActionRequest, type ActionResponse, type RecordActionResponse } from 'adminjs';
import { actionTransaction } from '@hashtrail/adminjs-audit';
import { removeFromAccount } from '../../accounts/remove-from-account.js';
import type { RecordActivity } from '../../accounts/record-activity.js';
import { administratorsOnlyActions } from '../access.js';
import { accountOfAction } from './user-account-membership.js';

/** A refusal (guard rail, gone) as the stock delete answers one: the record and an error notice. */
function refusalOf(error: unknown): string | null {
  if (error instanceof ValidationError) return error.baseError?.message ?? 'thereWereValidationErrors';
  return null;
}

export function userRemovalActions(record: RecordActivity): Record<'delete' | 'bulkDelete', Partial<Action<ActionResponse>>> {
  const remove = (context: ActionContext, ids: number[]) =>
    actionTransaction(context, async (manager) => {
      const account = accountOfAction(context);
      for (const id of ids) await removeFromAccount(manager, record, account, id);
    });

  const deleteHandler: ActionHandler<RecordActionResponse> = async (request: ActionRequest, _response: unknown, context: ActionContext) => {
    const { record: target, currentAdmin, h, resource } = context;
    if (!target) throw new NotFoundError('That user no longer exists.', 'Action#handler');
    if (request.method === 'get') return { record: target.toJSON(currentAdmin) };
    try {
      await remove(context, [Number(target.id())]);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === null) throw error;
      return { record: target.toJSON(currentAdmin), notice: { message: refusal, type: 'error' } };
    }
    return {
      record: target.toJSON(currentAdmin),
      redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() ?? resource.id() }),
      notice: { message: 'successfullyDeleted', type: 'success' },
    };
  };

  const bulkDeleteHandler: ActionHandler<ActionResponse> = async (request, _response, context) => {
    const { records, currentAdmin, h, resource } = context;
    if (!records || records.length === 0) throw new NotFoundError('auditNoRecordsSelected', 'Action#handler');
    if (request.method === 'get') return { records: records.map((one) => one.toJSON(currentAdmin)) };
    try {
      // All or none, as every bulk delete (docs/decisions/0003-bulk-delete-in-one-transaction.md).
      await remove(context, records.map((one) => Number(one.id())));
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal === null) throw error;
      return { records: records.map((one) => one.toJSON(currentAdmin)), notice: { message: refusal, type: 'error' } };
    }
    return {
      records: records.map((one) => one.toJSON(currentAdmin)),
      notice: { message: records.length > 1 ? 'successfullyBulkDeleted_plural' : 'successfullyBulkDeleted', options: { count: records.length }, type: 'success' },
      redirectUrl: h.resourceUrl({ resourceId: resource._decorated?.id() ?? resource.id() }),
    };
  };

  return {
    delete: { ...administratorsOnlyActions.delete, handler: deleteHandler as Action<ActionResponse>['handler'] },
    bulkDelete: { ...administratorsOnlyActions.bulkDelete, handler: bulkDeleteHandler },
  };
}

