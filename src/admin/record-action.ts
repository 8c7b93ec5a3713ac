// A record action that changes one record with a button (no form): runs its work in one audited
// transaction and answers with a notice. Refusals (guard rails, validation) come back as an error
// notice with nothing changed.
import { NotFoundError, ValidationError, type Action, type ActionContext, type ActionRequest, type RecordActionResponse } from 'adminjs';
import type { EntityManager } from 'typeorm';
import { actionTransaction } from '@hashtrail/adminjs-audit';

export interface RecordChange {
  /** The work, in the transaction; returns the success message. */
  run: (manager: EntityManager, recordId: number, context: ActionContext) => Promise<string>;
}

/**
 * The panel calls button-only actions with GET (adminjs call-action-api); the API also takes POST.
 * Cross-site GETs are refused before they get here (see refuse-cross-site.ts).
 */
export function recordChangeHandler(change: RecordChange): Action<RecordActionResponse>['handler'] {
  return async (_request: ActionRequest, _response: unknown, context: ActionContext): Promise<RecordActionResponse> => {
    const { record, resource, currentAdmin, h } = context;
    if (!record) throw new NotFoundError('That record no longer exists.', 'Action#handler');
    // The panel's id of the resource the button is on (My profile, say), not its table's (User):
    // the record's page is shown where the user was, and only there may they see it.
    const showUrl = h.recordActionUrl({ resourceId: resource.decorate().id(), recordId: record.id(), actionName: 'show' });
    try {
      const message = await actionTransaction(context, (manager) => change.run(manager, Number(record.id()), context));
      const fresh = (await resource.findOne(record.id(), context)) ?? record;
      return { record: fresh.toJSON(currentAdmin), redirectUrl: showUrl, notice: { message, type: 'success', resourceId: resource.decorate().id() } };
    } catch (error) {
      if (error instanceof ValidationError) {
        const message = error.baseError?.message ?? Object.values(error.propertyErrors)[0]?.message ?? 'Not saved.';
        return { record: record.toJSON(currentAdmin), redirectUrl: showUrl, notice: { message, type: 'error', resourceId: resource.decorate().id() } };
      }
      throw error;
    }
  };
}
