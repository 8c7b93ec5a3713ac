// How one audit entry becomes one line of an export file. CSV cells are neutralised against
// formula injection: a spreadsheet treats a cell starting with = + - @ (or a tab / carriage return
// before them) as a formula, and an entry's text (a target label, an email tried at sign-in) is
// chosen by whoever caused it.

export type ExportFormat = 'csv' | 'jsonl';

export const EXPORT_FORMATS: Record<ExportFormat, { contentType: string; extension: string; label: string }> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', label: 'CSV' },
  jsonl: { contentType: 'application/x-ndjson; charset=utf-8', extension: 'jsonl', label: 'JSON Lines' },
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(EXPORT_FORMATS, value);
}

/** Columns of the file, in order: export name and the audit_logs column it comes from. */
export const EXPORT_COLUMNS = [
  ['id', 'id'],
  ['occurred_at', 'occurred_at'],
  ['action', 'action'],
  ['category', 'category'],
  // Rendered in the exporting user's language (see streamExport's `sentence`); the key and its
  // parameters travel with it, so a receiver can render it in another.
  ['activity', 'sentence'],
  ['params', 'params'],
  ['actor_id', 'actor_id'],
  ['actor_name', 'actor_name'],
  ['actor_email', 'actor_email'],
  ['actor_role', 'actor_role'],
  ['target_type', 'target_type'],
  ['target_id', 'target_id'],
  ['target_label', 'target_label'],
  ['changes', 'changes'],
  ['details', 'details'],
  ['ip', 'ip'],
  ['user_agent', 'user_agent'],
  ['request_id', 'request_id'],
  ['account_id', 'account_id'],
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number][0];
/** A row as the database streams it, keyed by export column name. */
export type ExportRow = Record<ExportColumn, unknown>;

const FORMULA_START = /^[=+\-@\t\r]/;

/** Text of a value: timestamps in UTC ISO 8601, JSON columns as JSON, null as empty. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** One CSV cell: neutralised (a leading apostrophe, which spreadsheets show as text) and quoted per RFC 4180. */
export function csvCell(value: unknown): string {
  let text = textOf(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(): string {
  return `${EXPORT_COLUMNS.map(([name]) => name).join(',')}\r\n`;
}

export function csvLine(row: ExportRow): string {
  // A loop rather than map().join(): it runs once per exported row, and the arrays were most of its garbage.
  let line = csvCell(row[EXPORT_COLUMNS[0][0]]);
  for (let column = 1; column < EXPORT_COLUMNS.length; column += 1) line += `,${csvCell(row[EXPORT_COLUMNS[column]![0]])}`;
  return `${line}\r\n`;
}

/** One JSON object per line; JSON columns stay structured, timestamps are UTC ISO 8601. */
export function jsonLine(row: ExportRow): string {
  const out: Record<string, unknown> = {};
  for (const [name] of EXPORT_COLUMNS) {
    const value = row[name];
    out[name] = value instanceof Date ? value.toISOString() : (value ?? null);
  }
  return `${JSON.stringify(out)}\n`;
}
