// What the custom show page needs beyond the row itself, worked out on the server: links to the
// actor and the target while they still exist, the changed fields as rows with masked values
// flagged, and the "same actor that day" / "same IP" / "same request" list links.
import type { ActionContext, ActionRequest, ActionResponse } from 'adminjs';
import { flat } from 'adminjs';
import { REDACTED } from '../../changes/redaction.js';
import type { ChangeSet } from '../../entity/AuditLog.js';
import { dayRange, filterSearch } from './log-links.js';

export interface ChangeRow {
  field: string;
  from: unknown;
  to: unknown;
  /** The values are secrets: the entry holds the mask, never the values. */
  masked: boolean;
  /** The field's label in the reader's language, as the forms name it (rendered-sentences.ts). */
  label?: string;
}

/** `record.params.viewer` as the AuditLogShow component reads it. */
export interface ShowDetails {
  timeZone: string;
  actorUrl: string | null;
  targetUrl: string | null;
  changes: ChangeRow[];
  details: Record<string, unknown> | null;
  links: { actorThatDay: string | null; sameIp: string | null; sameRequest: string | null };
}

export interface ShowDetailsOptions {
  /** audit target type -> AdminJS resource id, for links to targets that still exist. */
  targetResources: Record<string, string>;
  actorResourceId?: string;
  /** The account's IANA time zone (times are shown in it, beside the exact UTC instant). */
  timeZone: () => Promise<string> | string;
}

export function changeRows(changes: ChangeSet | null | undefined): ChangeRow[] {
  if (!changes) return [];
  return Object.entries(changes).map(([field, { from, to }]) => ({ field, from, to, masked: from === REDACTED || to === REDACTED }));
}

/** The show URL of a record when it still exists (the entry may outlive it). */
async function existingRecordUrl(context: ActionContext, resourceId: string | undefined, id: string | null): Promise<string | null> {
  if (!resourceId || !id) return null;
  const resource = context._admin.findResource(resourceId);
  try {
    const record = await resource.findOne(id, context);
    return record ? context.h.recordActionUrl({ resourceId, recordId: id, actionName: 'show' }) : null;
  } catch {
    return null; // an id the target's resource cannot parse is a target that no longer exists
  }
}

export function addShowDetails(options: ShowDetailsOptions) {
  return async (response: ActionResponse, _request: ActionRequest, context: ActionContext): Promise<ActionResponse> => {
    const params = response.record?.params as Record<string, unknown> | undefined;
    if (!params) return response;
    const row = flat.unflatten(params) as {
      occurredAt?: string; actorId?: string | null; targetType?: string | null; targetId?: string | null;
      ip?: string | null; requestId?: string | null; changes?: ChangeSet | null; details?: Record<string, unknown> | null;
    };
    const timeZone = (await options.timeZone()) || 'UTC';
    const list = (search: string) => `${context.h.resourceUrl({ resourceId: 'AuditLog' })}${search}`;
    const occurredAt = row.occurredAt ? new Date(row.occurredAt) : null;
    const viewer: ShowDetails = {
      timeZone,
      actorUrl: await existingRecordUrl(context, options.actorResourceId, row.actorId ?? null),
      targetUrl: await existingRecordUrl(context, row.targetType ? options.targetResources[row.targetType] : undefined, row.targetId ?? null),
      changes: changeRows(row.changes),
      details: row.details && Object.keys(row.details).length > 0 ? row.details : null,
      links: {
        actorThatDay: row.actorId && occurredAt ? list(filterSearch({ actorId: row.actorId, occurredAt: dayRange(occurredAt, timeZone) })) : null,
        sameIp: row.ip ? list(filterSearch({ ip: row.ip })) : null,
        sameRequest: row.requestId ? list(filterSearch({ requestId: row.requestId })) : null,
      },
    };
    params.viewer = viewer;
    return response;
  };
}
