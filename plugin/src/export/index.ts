// `@hashtrail/adminjs-audit/export`: the streamed CSV / JSON Lines export of the Audit Logs list.
// On its own subpath because it needs pg-query-stream, which hosts without the export skip.
export { auditExport, DEFAULT_EXPORT_ACTION, type AuditExportOptions } from './export-handler.js';
export type { AuditExportFeature } from './feature.js';
