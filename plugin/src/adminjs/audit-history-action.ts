// "Audit history" on an audited record's page: opens Audit Logs filtered to that record (and, for
// actors such as users, a second action for what they did). A plain redirect to the list with the
// list's own filters, so the filter drawer shows what is applied and Export exports the same.
import type { ActionContext, ActionRequest, CurrentAdmin, ResourceOptions } from 'adminjs';
import { auditLocaleEn } from '../locale/en.js';
import { filterSearch } from './viewer/log-links.js';

export interface AuditHistoryOptions {
  /** The audit target type this resource's entries carry (auditEntity's targetType). */
  targetType: string;
  /** Who may read the log (the Audit Logs resource's canRead). */
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  /** The records are also actors (users): adds "Activity by this user". */
  actor?: boolean;
  /** AdminJS id of the Audit Logs resource. Default AuditLog. */
  logResourceId?: string;
}

function redirectToLog(logResourceId: string, filters: (recordId: string) => Record<string, string>) {
  return async (_request: ActionRequest, _response: unknown, context: ActionContext) => {
    const { record, currentAdmin, h } = context;
    if (!record) throw new Error('audit history needs a record');
    return {
      record: record.toJSON(currentAdmin),
      redirectUrl: `${h.resourceUrl({ resourceId: logResourceId })}${filterSearch(filters(String(record.id())))}`,
    };
  };
}

/** `options` with the audit history action(s) added; the app's own actions are kept. */
export function withAuditHistory(options: ResourceOptions, history: AuditHistoryOptions): ResourceOptions {
  const logResourceId = history.logResourceId ?? 'AuditLog';
  const readable = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => history.canRead(currentAdmin);
  const action = (icon: string, filters: (recordId: string) => Record<string, string>) => ({
    actionType: 'record' as const,
    icon,
    component: false as const,
    isAccessible: readable,
    isVisible: readable,
    handler: redirectToLog(logResourceId, filters),
  });
  const added: Record<string, unknown> = {
    auditHistory: action('Clock', (id) => ({ targetType: history.targetType, targetId: id })),
  };
  if (history.actor) added.actorActivity = action('Activity', (id) => ({ actorId: id }));
  return { ...options, actions: { ...(options.actions ?? {}), ...added } as ResourceOptions['actions'] };
}

/**
 * English labels of the actions (`actions.auditHistory`, `actions.actorActivity`), the same as in
 * `auditLocaleEn.actions`; kept for hosts that merge only these into their `actions` translations.
 */
export const auditHistoryActionLabels = auditLocaleEn.actions;
