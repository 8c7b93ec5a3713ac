// The API's query parameters: one zod schema per route, which both validates requests and, through
// z.toJSONSchema, documents them in the OpenAPI document (openapi.ts). Unknown parameters are an
// error, not ignored: a misspelt filter must not silently widen an answer.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { AuditFilterValues } from '../adminjs/audit-log-query.js';
import { EntryPosition } from '../adminjs/audit-log-query.js';

/** Characters no filter value may hold (PostgreSQL text refuses NUL; the rest are never typed). */
const text = (max: number, description: string) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
    .optional()
    .describe(description);

const timestamp = (description: string) =>
  z.iso.datetime({ offset: true, message: 'must be an RFC 3339 date-time, e.g. 2026-12-01T09:30:00Z' }).optional().describe(description);

/** The list's filters, as query parameters. */
export const filterParameters = {
  actor_id: text(64, 'Entries by this actor (their id).'),
  category: text(60, 'Entries of this category (e.g. "Inbox").'),
  action: text(100, 'Entries with this action key (e.g. "inbox.updated").'),
  target_type: text(60, 'Entries about this kind of record (e.g. "inbox").'),
  target_id: text(64, 'Entries about the record with this id (with or without target_type).'),
  request_id: text(64, 'Entries written by one request (its X-Request-Id).'),
  ip: text(45, 'Entries from this client IP address, or from addresses starting with this prefix (e.g. "10.0.").'),
  from: timestamp('Entries at or after this time.'),
  to: timestamp('Entries at or before this time.'),
  search: text(200, 'Entries whose sentence, actor name or email, or target label contains this text (case-insensitive).'),
};

export const FILTER_NAMES = Object.keys(filterParameters) as Array<keyof typeof filterParameters>;

/** GET /audit_logs: filters, order, page size and cursor. `maxLimit`/`defaultLimit` come from the options. */
export function listQuerySchema(limits: { defaultLimit: number; maxLimit: number }) {
  return z
    .strictObject({
      ...filterParameters,
      order: z.enum(['desc', 'asc']).default('desc').describe('desc: newest first (default). asc: oldest first, for a client that follows the log as it grows.'),
      limit: z.coerce
        .number({ message: 'must be a whole number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(limits.maxLimit, `must be at most ${limits.maxLimit}`)
        .default(limits.defaultLimit)
        .describe(`Entries per page (1–${limits.maxLimit}, default ${limits.defaultLimit}).`),
      cursor: z.string().min(1).max(400).optional().describe('The `next_cursor` of the previous page; the other parameters must be the same as for that page.'),
    })
    .refine((query) => !query.from || !query.to || Date.parse(query.from) <= Date.parse(query.to), { message: 'from must not be after to', path: ['from'] });
}

export type ListQuery = z.infer<ReturnType<typeof listQuerySchema>>;

const ENTRY_ID = /^[1-9][0-9]{0,18}$/;
/** PostgreSQL's bigint, which entry ids are. */
const MAX_ENTRY_ID = 9223372036854775807n;

/**
 * Whether `id` can be an entry's: digits that fit a bigint. Nineteen digits can exceed it, and a
 * query given such an id fails instead of finding nothing.
 */
export const fitsEntryId = (id: string) => ENTRY_ID.test(id) && BigInt(id) <= MAX_ENTRY_ID;

/**
 * GET /audit_logs/{id}: the entry's id. A whole number past the largest id passes (it is an id no
 * entry has: 404, as documented by the same pattern), so ApiEntries.one checks fitsEntryId.
 */
export const entryIdSchema = z.string().regex(ENTRY_ID, 'must be an entry id (a positive whole number)').describe("The entry's id.");

/** The list query's filters as the Audit Logs list reads them (audit-log-query.ts). */
export function filterValuesOfQuery(query: ListQuery): AuditFilterValues {
  const values: AuditFilterValues = {};
  if (query.actor_id) values.actorId = query.actor_id;
  if (query.category) values.category = query.category;
  if (query.action) values.action = query.action;
  if (query.target_type) values.targetType = query.target_type;
  if (query.target_id) values.targetId = query.target_id;
  if (query.request_id) values.requestId = query.request_id;
  if (query.ip) values.ip = query.ip;
  if (query.search) values.search = query.search;
  if (query.from || query.to) values.occurredAt = { from: query.from, to: query.to };
  return values;
}

/**
 * The cursor: where the previous page ended (the last entry's time to the microsecond, and its
 * id), the order, and a fingerprint of the filters, base64url-encoded. Opaque to clients; a
 * cursor used with other filters or order is refused rather than read as a position in a
 * different list. `s` seals the rest: not a secret (a token may ask for any position it likes),
 * it makes a cursor damaged in a client's store — truncated, a character changed — a 400 rather
 * than a valid position elsewhere in the log, from which a client following the log would skip
 * or re-read entries without knowing.
 */
interface CursorBody {
  v: 1;
  at: string;
  id: string;
  order: 'desc' | 'asc';
  f: string;
  s: string;
}

export const filtersFingerprint = (query: ListQuery) =>
  createHash('sha256')
    .update(JSON.stringify([query.order, ...FILTER_NAMES.map((name) => query[name] ?? null)]))
    .digest('base64url')
    .slice(0, 16);

const cursorSeal = (body: Omit<CursorBody, 's'>) =>
  createHash('sha256').update(JSON.stringify(['audit-api-cursor', body.v, body.at, body.id, body.order, body.f])).digest('base64url').slice(0, 16);

export function encodeCursor(last: { at: string; id: string }, query: ListQuery): string {
  const unsealed = { v: 1 as const, at: last.at, id: last.id, order: query.order, f: filtersFingerprint(query) };
  const body: CursorBody = { ...unsealed, s: cursorSeal(unsealed) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

const cursorBody = z.strictObject({
  v: z.literal(1),
  // As encodeCursor writes it (api-entries.ts: UTC, 6 digits); year 0000 passes the format but not PostgreSQL.
  at: z.iso.datetime({ precision: 6 }).refine((at) => !at.startsWith('0000-')),
  id: z.string().refine(fitsEntryId),
  order: z.enum(['desc', 'asc']),
  f: z.string(),
  s: z.string(),
});

const NOT_OURS = 'is not a cursor this API gave';

/** The position a cursor names, or the reason it cannot be used with this query. */
export function decodeCursor(cursor: string, query: ListQuery): { position: EntryPosition } | { problem: string } {
  // Node's base64url decoder skips characters outside the alphabet and ignores stray bits, so two
  // spellings would name one position: only the one encodeCursor writes is taken.
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) return { problem: NOT_OURS };
  let body: CursorBody;
  try {
    const parsed = cursorBody.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) return { problem: NOT_OURS };
    body = parsed.data as CursorBody;
  } catch {
    return { problem: NOT_OURS };
  }
  if (body.s !== cursorSeal(body)) return { problem: NOT_OURS };
  if (body.order !== query.order || body.f !== filtersFingerprint(query)) {
    return { problem: 'was given for other filters or another order: repeat the parameters of the page it came from' };
  }
  return { position: new EntryPosition(body.order === 'desc' ? 'before' : 'after', body.at, body.id) };
}
