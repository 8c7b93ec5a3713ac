// GET handler for "export the entries matching the current filters": the Audit Logs list's query
// string (filters.*, sortBy/direction) plus format=csv|jsonl. Administrators only (canExport).
//
// The audit_log.exported entry is written after the last row has been streamed, because only then
// is the row count known, and before the response ends: the client gets a complete file only once
// the entry is committed. When the entry cannot be written the response is cut off, so the client
// sees a failed download rather than a file nobody knows was taken. An export that breaks off
// (the client went away, a database error mid-way) is still recorded, with complete: false, since
// whatever was sent has left the system; its row count is the rows handed to the response, which
// can be up to a stream buffer (a few hundred rows) more than the client actually read.
import type { CurrentAdmin } from 'adminjs';
import { Filter, ValidationError, flat } from 'adminjs';
import type { NextFunction, Request, Response } from 'express';
import { filterValuesOf, type AuditFilterValues } from '../adminjs/audit-log-query.js';
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
  /** Action key of the export's entry; must be in the catalogue. Default `audit_log.exported`. */
  action?: string;
  /** Route inside the admin router. Default `/audit-logs/export`. */
  route?: string;
}

export const DEFAULT_EXPORT_ACTION = 'audit_log.exported';
export const DEFAULT_EXPORT_ROUTE = '/audit-logs/export';
export const DEFAULT_EXPORT_MAX_ROWS = 1_000_000;

const sessionAdmin = (req: Request): CurrentAdmin | undefined =>
  (req as Request & { session?: { adminUser?: CurrentAdmin } }).session?.adminUser;

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
  return {
    feature: 'audit-export',
    action,
    maxRows,
    route,
    canExport: options.canExport,
    handler: (deps) => exportHandler(deps, { action, maxRows, canExport: options.canExport }),
  };
}

function exportHandler(deps: ExportRouteDeps, options: { action: string; maxRows: number; canExport?: (admin: CurrentAdmin | undefined) => boolean }) {
  const { dataSource, record, resource, translate } = deps;
  const { action } = options;
  const allowed = (admin: CurrentAdmin) => deps.canRead(admin) && (options.canExport?.(admin) ?? true);

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const admin = sessionAdmin(req);
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
    let filters: AuditFilterValues;
    let sql: [string, unknown[]];
    try {
      filters = exportFilterValues(query, resource);
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

    res.status(200);
    res.setHeader('Content-Type', EXPORT_FORMATS[format].contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${fileName(format)}"`);
    res.setHeader('Cache-Control', 'no-store');

    let result: ExportResult;
    let complete = true;
    try {
      result = await streamExport(dataSource, sql, format, options.maxRows, res);
    } catch (error) {
      complete = false;
      result = (error as { exportResult?: ExportResult }).exportResult ?? { rows: 0, truncated: false };
    }
    try {
      await dataSource.transaction((manager) =>
        record(manager, {
          action,
          targetType: 'audit_log',
          actor: deps.actorOf(admin) ?? null,
          request: capturedRequestInfo(req),
          details: { format, filters, rows: result.rows, complete, truncated: result.truncated, maxRows: options.maxRows },
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
