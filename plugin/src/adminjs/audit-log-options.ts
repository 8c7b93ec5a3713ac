// The read-only Audit Logs resource: who did what, when, from where. Only the actions that read
// are accessible; everything that would write is refused by the API, not only hidden.
import type { ActionContext, ActionRequest, ActionResponse, CurrentAdmin, ResourceOptions } from 'adminjs';
import type { ActivityCatalogue } from '../catalogue/activity-catalogue.js';
import type { ChangeSet } from '../entity/AuditLog.js';
import { SEARCH_FILTER } from './audit-log-resource.js';
import type { AuditLogComponents } from './components/register.js';
import { addShowDetails } from './viewer/show-details.js';
import { REFUSED_ACTION } from './refused-action.js';
import { renderListSentences, renderShowSentence, type ReaderTextsOf } from './viewer/rendered-sentences.js';

export interface AuditLogResourceOptions {
  /** Who may read the log. */
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  navigation?: ResourceOptions['navigation'];
  /** AdminJS id of the resource holding the actors (users), to filter by actor with a picker. */
  actorResourceId?: string;
  /** The viewer's components, registered on the loader given to AdminJS. */
  components: AuditLogComponents;
  /** The IANA time zone the show page gives times in beside the UTC instant. Default UTC. */
  timeZone?: () => Promise<string> | string;
  /** Audit target type -> AdminJS resource id (e.g. product -> Product): the show page links to targets that still exist. */
  targetResources: Record<string, string>;
  /** The reader's language's sentences, category names and field labels. */
  readerTexts: ReaderTextsOf;
  /** The export's route (inside the admin root) and row limit; adds the Export action to the list. */
  export?: { route: string; maxRows: number; canExport?: (admin: CurrentAdmin | undefined) => boolean };
}


function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '(empty)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "field: before → after" lines, for reading an entry's changes at a glance. */
export function describeChanges(changes: ChangeSet | null | undefined): string {
  if (!changes) return '';
  return Object.entries(changes)
    .map(([field, { from, to }]) => `${field}: ${describeValue(from)} → ${describeValue(to)}`)
    .join('\n');
}

function unflattenChanges(params: Record<string, unknown>): ChangeSet {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, value] of Object.entries(params)) {
    const match = key.match(/^changes\.(.+)\.(from|to)(?:\.(.+))?$/);
    if (!match) continue;
    const [, field, side, rest] = match as unknown as [string, string, 'from' | 'to', string | undefined];
    changes[field] ??= { from: null, to: null };
    if (rest === undefined) changes[field][side] = value;
    else {
      const holder = (changes[field][side] ??= {}) as Record<string, unknown>;
      holder[rest] = value;
    }
  }
  return changes;
}

/** Answer of the export action: where the streaming route is and how many rows a file may hold. */
function exportInfo(exportOptions: NonNullable<AuditLogResourceOptions['export']>) {
  return async (_request: ActionRequest, _response: unknown, context: ActionContext) => ({
    exportPath: `${context._admin.options.rootPath.replace(/\/$/, '')}${exportOptions.route}`,
    maxRows: exportOptions.maxRows,
  });
}

async function addReadableChanges(response: ActionResponse, _request: ActionRequest, _context: ActionContext): Promise<ActionResponse> {
  const params = response.record?.params as Record<string, unknown> | undefined;
  if (params) params.changesSummary = describeChanges(unflattenChanges(params));
  return response;
}

export function auditLogResourceOptions(catalogue: ActivityCatalogue, options: AuditLogResourceOptions): ResourceOptions {
  const readable = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => options.canRead(currentAdmin);
  const canExport = options.export?.canExport ?? options.canRead;
  const exportable = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => options.canRead(currentAdmin) && canExport(currentAdmin);
  const { components } = options;
  const showDetails = addShowDetails({
    targetResources: options.targetResources,
    actorResourceId: options.actorResourceId,
    timeZone: options.timeZone ?? (() => 'UTC'),
  });
  const actionKeys = Object.keys(catalogue).sort();
  const categories = [...new Set(Object.values(catalogue).map((activity) => activity.category))].sort();
  return {
    id: 'AuditLog',
    navigation: options.navigation,
    sort: { sortBy: 'occurredAt', direction: 'desc' },
    listProperties: ['sentence', 'occurredAt', 'ip', 'actorName', 'category'],
    filterProperties: [SEARCH_FILTER, 'actorId', 'category', 'action', 'targetType', 'targetId', 'occurredAt', 'ip', 'requestId'],
    showProperties: [
      'sentence', 'occurredAt', 'actorName', 'actorEmail', 'actorRole', 'actorId', 'action', 'category',
      'targetType', 'targetId', 'targetLabel', 'changesSummary', 'details', 'ip', 'userAgent', 'requestId', 'accountId', 'id',
    ],
    properties: {
      sentence: { isTitle: true, position: 1 },
      occurredAt: { position: 2, components: { list: components.relativeTime } },
      ip: { position: 3 },
      actorId: options.actorResourceId ? { reference: options.actorResourceId } : {},
      category: { availableValues: categories.map((value) => ({ value, label: value })) },
      action: { availableValues: actionKeys.map((value) => ({ value, label: value })) },
      changes: { isVisible: false },
      changesSummary: { type: 'textarea', isVisible: { list: false, filter: false, show: true, edit: false } },
      [SEARCH_FILTER]: { type: 'string', isVisible: { list: false, filter: true, show: false, edit: false } },
    },
    actions: {
      // The search bar on top of the list (AuditLogList.tsx), which also carries the Filter button
      // and the drawer: AdminJS's own stay off, its drawer would re-apply a search the URL no longer holds.
      list: { isAccessible: readable, isVisible: readable, after: renderListSentences(options.readerTexts), component: components.list, showFilter: false },
      search: { isAccessible: readable },
      show: { isAccessible: readable, after: [addReadableChanges, showDetails, renderShowSentence(options.readerTexts)], component: components.show },
      ...(options.export
        ? {
            export: {
              actionType: 'resource' as const,
              icon: 'Download',
              isAccessible: exportable,
              isVisible: exportable,
              component: components.exportPage,
              handler: exportInfo(options.export),
              // In a drawer over the list, AdminJS carries the list's query string (its filters) to the action.
              showInDrawer: true,
            },
          }
        : {}),
      new: REFUSED_ACTION,
      edit: REFUSED_ACTION,
      delete: REFUSED_ACTION,
      bulkDelete: REFUSED_ACTION,
    },
  };
}
