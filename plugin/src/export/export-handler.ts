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
import type { DataSource, EntityManager } from 'typeorm';
import { actorOf } from '../adminjs/action-scope.js';
import { filterValuesOf, type AuditFilterValues } from '../adminjs/audit-log-query.js';
import { AuditLogResource } from '../adminjs/audit-log-resource.js';
import { requestInfoFrom } from '../context/request-context.js';
import type { ActivityDraft } from '../writer/audit-writer.js';
import { EXPORT_FORMATS, isExportFormat, type ExportFormat } from './export-format.js';
import { exportQuery, streamExport, type ExportResult } from './export-stream.js';

export interface AuditExportOptions {
  dataSource: DataSource;
  /** The plugin's `audit.record`: writes the export's own entry inside a transaction. */
  record: (manager: EntityManager, draft: ActivityDraft) => Promise<void>;
  /** Action key of the export's entry; must be in the catalogue. */
  action?: string;
  /** Who may export. Everyone else gets 403 and no entry is written. */
  canExport: (admin: CurrentAdmin | undefined) => boolean;
  /** Most rows one file may hold; the rest is left out and the entry says `truncated: true`. */
  maxRows: number;
  /** The signed-in admin of a request. Default: AdminJS's session (`req.session.adminUser`). */
  currentAdmin?: (req: Request) => CurrentAdmin | undefined;
}

export const DEFAULT_EXPORT_ACTION = 'audit_log.exported';

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

export function auditExportHandler(options: AuditExportOptions) {
  const { dataSource, record } = options;
  const action = options.action ?? DEFAULT_EXPORT_ACTION;
  if (!Number.isInteger(options.maxRows) || options.maxRows < 1) throw new Error('audit export: maxRows must be a positive whole number');
  const currentAdmin = options.currentAdmin ?? sessionAdmin;
  const resource = new AuditLogResource();

  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const admin = currentAdmin(req);
    if (!admin) {
      res.status(401).type('text/plain').send('Sign in to export audit entries.');
      return;
    }
    if (!options.canExport(admin)) {
      res.status(403).type('text/plain').send('Only administrators can export audit entries.');
      return;
    }
    const query = req.query as Record<string, unknown>;
    const format = query.format ?? 'csv';
    if (!isExportFormat(format)) {
      res.status(400).type('text/plain').send(`Unknown export format "${String(format)}": use csv or jsonl.`);
      return;
    }
    let filters: AuditFilterValues;
    let sql: [string, unknown[]];
    try {
      filters = exportFilterValues(query, resource);
      const direction = query.sortBy === 'occurredAt' && query.direction === 'asc' ? 'ASC' : 'DESC';
      sql = exportQuery(filters, options.maxRows, direction);
    } catch (error) {
      if (error instanceof ValidationError) {
        res.status(400).type('text/plain').send(error.baseError?.message ?? 'The filters are not valid.');
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
          actor: actorOf(admin) ?? null,
          request: requestInfoFrom(req),
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
