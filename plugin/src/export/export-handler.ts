// GET handler for "export the entries matching the current filters": the Audit Logs list's query
// string (filters.*, sortBy/direction) plus format=csv|jsonl. Administrators only (canExport).
//
// Nothing leaves unrecorded. The query is checked first (unknown parameters or filters, NUL bytes,
// dates that are not dates: 400 with the reason, nothing sent, nothing written). Then an
// `audit_log.export_started` entry (format, filters) is committed BEFORE the first byte of the
// file is sent: if it cannot be written, the answer is an error and no row leaves. Once the last
// row is streamed, `audit_log.exported` records what left (rows, complete, truncated) before the
// response ends: the client gets a complete file only once that entry is committed. When it
// cannot be written the response is cut off, and the start entry still says an export began. An
// export that breaks off (the client went away, a database error mid-way) is recorded too, with
// complete: false; its row count is the rows handed to the response, which can be up to a stream
// buffer (a few hundred rows) more than the client actually read. Both entries carry the same
// request id.
import type { CurrentAdmin } from 'adminjs';
import { Filter, ValidationError, flat } from 'adminjs';
import type { NextFunction, Request, Response } from 'express';
import { stopCountingRequest } from '../context/requests-in-flight.js';
import { problemOfListQuery, problemOfParams, sessionAdmin, type QueryProblem } from '../express/request-checks.js';
import { auditMessage, readerMessage, type ReaderTexts } from '../locale/text.js';
import { readerTexts } from '../locale/reader.js';
import { filterValuesOf, readerFilters, type AuditFilterValues } from '../adminjs/audit-log-query.js';
import type { AuditLogResource } from '../adminjs/audit-log-resource.js';
import { capturedRequestInfo } from '../context/request-context.js';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from './export-format.js';
import { exportQuery, streamExport, type ExportResult } from './export-stream.js';
import type { AuditExportFeature, ExportRouteDeps } from './feature.js';

export interface AuditExportOptions {
  /** Most rows one file may hold; the rest is left out and the entry says `truncated: true`. Default 1,000,000. */
  maxRows?: number;
  /** Who may export, on top of reading the log (the viewer's canRead). Default: whoever may read it. */
  canExport?: (admin: CurrentAdmin | undefined) => boolean;
  /** Action key of the entry written once the export ends (rows, complete or cut); must be in the catalogue. Default `audit_log.exported`. */
  action?: string;
  /** Action key of the entry committed before the first row is sent; must be in the catalogue. Default `audit_log.export_started`. */
  startedAction?: string;
  /** Route inside the admin router. Default `/audit-logs/export`. */
  route?: string;
}

export const DEFAULT_EXPORT_ACTION = 'audit_log.exported';
export const DEFAULT_EXPORT_STARTED_ACTION = 'audit_log.export_started';
/** Query parameters the export reads; page and perPage (a list's address pasted whole) are ignored. */
const EXPORT_PARAMETERS = new Set(['format', 'sortBy', 'direction', 'page', 'perPage']);
export const DEFAULT_EXPORT_ROUTE = '/audit-logs/export';
export const DEFAULT_EXPORT_MAX_ROWS = 1_000_000;


/** The active filters of the list's query string, read exactly as the list reads them. */
export function exportFilterValues(query: Record<string, unknown>, resource: AuditLogResource): AuditFilterValues {
  const { filters = {} } = flat.unflatten(query) as { filters?: Record<string, unknown> };
  const values = filterValuesOf(new Filter(filters, resource));
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== '' && value !== undefined && value !== null));
}

function fileName(format: ExportFormat, now = new Date()): string {
  return `audit-log-${now.toISOString().replace(/\..*$/, '').replace(/:/g, '-')}Z.${EXPORT_FORMATS[format].extension}`;
}

/** The export feature: give it to createAuditPlugin's `export` option. */
export function auditExport(options: AuditExportOptions = {}): AuditExportFeature {
  const maxRows = options.maxRows ?? DEFAULT_EXPORT_MAX_ROWS;
  if (!Number.isInteger(maxRows) || maxRows < 1) throw new Error(`auditExport: maxRows must be a positive whole number (got ${maxRows})`);
  const route = options.route ?? DEFAULT_EXPORT_ROUTE;
  if (!route.startsWith('/')) throw new Error(`auditExport: route must start with "/" (got "${route}")`);
  const action = options.action ?? DEFAULT_EXPORT_ACTION;
  const startedAction = options.startedAction ?? DEFAULT_EXPORT_STARTED_ACTION;
  return {
    feature: 'audit-export',
    action,
    startedAction,
    maxRows,
    route,
    canExport: options.canExport,
    handler: (deps) => exportHandler(deps, { action, startedAction, maxRows, canExport: options.canExport }),
  };
}

/** Why the export's query cannot be read as the list's, or null: checked before anything is sent. */
export function exportQueryProblem(query: Record<string, unknown>, deps: Pick<ExportRouteDeps, 'resource' | 'admin'>, texts?: ReaderTexts): QueryProblem | null {
  const problem = problemOfParams(query, 'query', texts);
  if (problem) return { message: problem };
  for (const key of Object.keys(query)) {
    if (!key.startsWith('filters.') && !EXPORT_PARAMETERS.has(key)) return { message: readerMessage(texts, 'auditExportUnknownParameter', { name: key }) };
  }
  const { resource, admin } = deps;
  // Before AdminJS has decorated the resource (no panel built) only the parameter names are checked.
  if (!admin || !resource._decorated) return null;
  return problemOfListQuery(admin, resource, query, texts);
}

function exportHandler(deps: ExportRouteDeps, options: { action: string; startedAction: string; maxRows: number; canExport?: (admin: CurrentAdmin | undefined) => boolean }) {
  const { dataSource, record, resource } = deps;
  const { action, startedAction } = options;
  const allowed = (admin: CurrentAdmin) => deps.canRead(admin) && (options.canExport?.(admin) ?? true);

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const admin = sessionAdmin(req);
    // Answers are written in the reader's language (the panel's default before anyone signed in).
    const texts = deps.admin ? await readerTexts(deps.admin.options.locale, admin, req) : undefined;
    const translate = (key: string, values?: Record<string, unknown>) =>
      texts ? auditMessage(key, values, texts.translations, resource.id(), texts.language) : deps.translate(key, values);
    if (!admin) {
      res.status(401).type('text/plain').send(translate('auditExportSignIn'));
      return;
    }
    if (!allowed(admin)) {
      res.status(403).type('text/plain').send(translate('auditExportForbidden'));
      return;
    }
    const query = req.query as Record<string, unknown>;
    const format = query.format ?? 'csv';
    if (!isExportFormat(format)) {
      res.status(400).type('text/plain').send(translate('auditExportBadFormat', { format: String(format), formats: Object.keys(EXPORT_FORMATS).join(', ') }));
      return;
    }
    const problem = exportQueryProblem(query, deps, texts);
    if (problem) {
      const reason = problem.noticeKey ? `${translate(problem.noticeKey)} ${problem.message}` : problem.message;
      res.status(400).type('text/plain').send(translate('auditExportBadFilter', { reason }));
      return;
    }
    let filters: AuditFilterValues;
    let sql: [string, unknown[]];
    try {
      filters = resource.confined(exportFilterValues(query, resource), admin);
      const direction = query.sortBy === 'occurredAt' && query.direction === 'asc' ? 'ASC' : 'DESC';
      sql = exportQuery(dataSource, filters, options.maxRows, direction);
    } catch (error) {
      if (error instanceof ValidationError) {
        res.status(400).type('text/plain').send(translate('auditExportBadFilter', { reason: translate(error.baseError?.message ?? '') }));
        return;
      }
      next(error);
      return;
    }

    const request = capturedRequestInfo(req);
    const actor = deps.actorOf(admin) ?? null;
    const accountId = deps.accountOf(admin);
    const shownFilters = readerFilters(filters);
    // Committed before the first byte of the file: an export nobody recorded never starts.
    try {
      await dataSource.transaction((manager) =>
        record(manager, { action: startedAction, targetType: 'audit_log', actor, accountId, request, details: { format, filters: shownFilters, maxRows: options.maxRows } }),
      );
    } catch (error) {
      next(error);
      return;
    }

    res.status(200);
    res.setHeader('Content-Type', EXPORT_FORMATS[format].contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(format)}"`);
    res.setHeader('Cache-Control', 'no-store');

    let result: ExportResult;
    let complete = true;
    // From here the export is background work: it makes way for other requests, not they for it.
    stopCountingRequest(res);
    try {
      result = await streamExport(dataSource, sql, format, options.maxRows, res, await deps.sentenceFor(admin));
    } catch (error) {
      complete = false;
      result = (error as { exportResult?: ExportResult }).exportResult ?? { rows: 0, truncated: false };
    }
    try {
      await dataSource.transaction((manager) =>
        record(manager, {
          action,
          targetType: 'audit_log',
          actor,
          accountId,
          request,
          details: { format, filters: shownFilters, rows: result.rows, complete, truncated: result.truncated, maxRows: options.maxRows },
        }),
      );
    } catch (error) {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
      next(error);
      return;
    }
    if (complete) res.end();
    else res.destroy();
  };
}
