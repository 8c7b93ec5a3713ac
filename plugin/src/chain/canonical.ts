// The canonical text of an audit entry and the hash that links it to the entry before it.
//
// hash(entry) = SHA-256( prevHash + "\n" + canonicalText(entry) ), hex-encoded.
// canonicalText is a JSON array of the stored values in a fixed order. Timestamps are the stored
// value in UTC with microseconds ("2026-11-25T20:31:22.123456Z"), so the hash covers exactly what
// the database keeps. Each entry records the format it was hashed with (chain_format), so a
// receiver of the sink stream can re-check the chain with nothing but this description:
//
// - format 1 (entries written before 0.3): CANONICAL_FIELDS_V1, ending with the English sentence
//   as written; jsonb values with their object keys sorted by UTF-16 code unit, no whitespace.
// - format 2: CANONICAL_FIELDS_V2: the sentence's parameters (params) as well, since readers see
//   the sentence rendered from them in their own language; the stored sentence (the search
//   box's text, in the account's language) stays covered. The text is PostgreSQL's own rendering of
//   that array as jsonb (`jsonb_build_array(…)::text`, see pgJsonbText for its rules), so the
//   database can re-hash millions of entries itself: `audit:verify` checks format-2 content in SQL.
// - format 3 (since 0.5): format 2's fields, led by 3 instead of 2, in the chain of the entry's
//   account (positions from 1 per account). Entries with no account stay in the global chain, format 2.
import { createHash } from 'node:crypto';

/** The format new entries of the global chain (no account) are hashed with; an account's chain uses ACCOUNT_CHAIN_FORMAT. */
export const CHAIN_FORMAT = 2;
export const ACCOUNT_CHAIN_FORMAT = 3;
/** prevHash of the very first entry of a chain that was never purged. */
export const GENESIS_HASH = '0'.repeat(64);

/** An entry as stored: every value is what a SELECT gives back (see CHAINED_COLUMNS_SQL). */
export interface ChainedEntry {
  chainSeq: string;
  id: string;
  eventId: string;
  occurredAt: string;
  actorId: string | null;
  actorName: string;
  actorEmail: string | null;
  actorRole: string | null;
  action: string;
  category: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  changes: unknown;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  accountId: string | null;
  /** Format 1: the sentence as written. Format 2: the search text, the sentence in the account's language when written. Hashed in both. */
  sentence: string;
  /** Format 2: the values the sentence template needs beyond the columns above (hashed). Null in format 1. */
  params: unknown;
  /** 1, 2 or 3 (an account's chain); an entry read without it (the 0.2 migrations) is format 1. */
  chainFormat?: number;
}

/** Format 1's field order. Never reorder: a change is a new format. */
export const CANONICAL_FIELDS = [
  'chainSeq', 'id', 'eventId', 'occurredAt', 'actorId', 'actorName', 'actorEmail', 'actorRole', 'action', 'category',
  'targetType', 'targetId', 'targetLabel', 'changes', 'details', 'ip', 'userAgent', 'requestId', 'accountId', 'sentence',
] as const satisfies ReadonlyArray<keyof ChainedEntry>;

/** Format 2's field order, after the leading format number. */
export const CANONICAL_FIELDS_V2 = [
  'chainSeq', 'id', 'eventId', 'occurredAt', 'actorId', 'actorName', 'actorEmail', 'actorRole', 'action', 'category',
  'targetType', 'targetId', 'targetLabel', 'changes', 'details', 'ip', 'userAgent', 'requestId', 'accountId', 'params', 'sentence',
] as const satisfies ReadonlyArray<keyof ChainedEntry>;

/**
 * The SELECT list that reads a row back in exactly the form that was hashed, as the 0.2 schema
 * had it (no chain_format, no params). Frozen: migration 1764000000300 reads rows with it.
 */
export const CHAINED_COLUMNS_V1_SQL = `
  chain_seq::text AS "chainSeq", id::text AS "id", event_id::text AS "eventId",
  ${utcMicros('occurred_at')} AS "occurredAt",
  actor_id AS "actorId", actor_name AS "actorName", actor_email AS "actorEmail", actor_role AS "actorRole",
  action, category, target_type AS "targetType", target_id AS "targetId", target_label AS "targetLabel",
  changes, details, ip, user_agent AS "userAgent", request_id AS "requestId", account_id::text AS "accountId", sentence,
  prev_hash AS "prevHash", hash`;

/** The SELECT list that reads a row back in exactly the form that was hashed, whatever its format. */
export const CHAINED_COLUMNS_SQL = `${CHAINED_COLUMNS_V1_SQL}, params, chain_format AS "chainFormat"`;

/** SQL for a timestamptz as UTC text with microseconds, independent of the session's TimeZone and DateStyle. */
export function utcMicros(expression: string): string {
  return `to_char(${expression} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** JSON with object keys sorted, so jsonb (which reorders keys) and the writer agree. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * What PostgreSQL will store for a value written to a jsonb column: JSON round trip (drops
 * undefined, turns Dates into strings) with lone surrogates replaced, since UTF-8 cannot carry them.
 */
export function asStoredJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(JSON.stringify(value, (_key, item: unknown) => (typeof item === 'string' ? wellFormed(item) : item)));
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** String.prototype.toWellFormed (ES2024, not in our lib): lone surrogates become U+FFFD, as UTF-8 encoding does. */
function wellFormed(value: string): string {
  return value.replace(LONE_SURROGATE, '\ufffd');
}

/** What PostgreSQL will store for a text value: UTF-8 cannot carry lone surrogates either. */
export function asStoredText<T extends string | null>(value: T): T {
  return (value === null ? null : wellFormed(value)) as T;
}

/**
 * The text PostgreSQL gives for a value stored as jsonb (`value::jsonb::text`), for the values a
 * JSON round trip yields (asStoredJson). PostgreSQL's rules: object keys in order of their UTF-8
 * length, then bytewise; ", " between items and ": " after keys; strings escaped as JSON.stringify
 * escapes a well-formed string; numbers as numeric prints them, which never uses an exponent.
 */
export function pgJsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return pgNumberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map((item) => pgJsonbText(item)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .map(([key, item]) => [key, Buffer.from(key, 'utf8'), item] as const)
    .sort(([, a], [, b]) => a.length - b.length || Buffer.compare(a, b));
  return `{${entries.map(([key, , item]) => `${JSON.stringify(key)}: ${pgJsonbText(item)}`).join(', ')}}`;
}

/** A finite number as PostgreSQL's numeric prints what JSON.stringify wrote: plain digits, no exponent. */
function pgNumberText(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  const written = JSON.stringify(value);
  const exponent = written.indexOf('e');
  if (exponent < 0) return written;
  const sign = written.startsWith('-') ? '-' : '';
  const mantissa = written.slice(sign.length, exponent);
  const power = Number(written.slice(exponent + 1));
  const [whole, fraction = ''] = mantissa.split('.');
  const digits = `${whole}${fraction}`;
  const point = whole!.length + power;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Format 2's canonical text: the jsonb text of [2, …CANONICAL_FIELDS_V2]. Format 3 (an account's
 * own chain, since 0.5) hashes the same fields as [3, …]: the leading number keeps an entry from
 * passing for one of the other chain.
 */
export function canonicalTextV2(entry: ChainedEntry): string {
  const format = entry.chainFormat === 3 ? 3 : 2;
  return pgJsonbText([format, ...CANONICAL_FIELDS_V2.map((field) => entry[field] ?? null)]);
}

export type CanonicalFieldV2 = (typeof CANONICAL_FIELDS_V2)[number];

/**
 * Format 2's canonical text in SQL, from one SQL expression per field: chainSeq, id and eventId
 * as text, occurredAt as utcMicros text, changes/details/params as jsonb, the rest as text.
 */
export function canonicalTextV2Sql(values: Record<CanonicalFieldV2, string>, format: 2 | 3 = 2): string {
  return `(jsonb_build_array(${format}, ${CANONICAL_FIELDS_V2.map((field) => values[field]).join(', ')}))::text`;
}

/** The canonicalTextV2Sql values of a stored row (`alias.` before each column when given). */
export function storedFieldsV2Sql(alias?: string): Record<CanonicalFieldV2, string> {
  const c = (column: string) => (alias ? `${alias}.${column}` : column);
  return {
    chainSeq: `${c('chain_seq')}::text`, id: `${c('id')}::text`, eventId: `${c('event_id')}::text`, occurredAt: utcMicros(c('occurred_at')),
    actorId: c('actor_id'), actorName: c('actor_name'), actorEmail: c('actor_email'), actorRole: c('actor_role'), action: c('action'),
    category: c('category'), targetType: c('target_type'), targetId: c('target_id'), targetLabel: c('target_label'), changes: c('changes'),
    details: c('details'), ip: c('ip'), userAgent: c('user_agent'), requestId: c('request_id'), accountId: `${c('account_id')}::text`, params: c('params'),
    sentence: c('sentence'),
  };
}

/** SHA-256 of `prevHash` + newline + `text` (SQL expressions), hex: the chain's link, in SQL. */
export function chainHashSql(prevHash: string, text: string): string {
  return `encode(sha256(convert_to(${prevHash} || E'\\n' || ${text}, 'UTF8')), 'hex')`;
}

/** The fields the database fills when the entry is appended (append-entry.ts), and eventId between them. */
type AppendedFields = 'chainSeq' | 'id' | 'eventId' | 'occurredAt';
const APPEND_FIELD_COUNT = 4;

/**
 * The canonical text after the fields the database fills: every field from actorId on, and the
 * closing bracket. The writer sends it to the database, which puts the first four in front
 * (canonicalTextSql) and hashes the whole in the INSERT itself.
 */
export function canonicalTail(entry: Omit<ChainedEntry, AppendedFields>): string {
  const values = CANONICAL_FIELDS.slice(APPEND_FIELD_COUNT).map((field) => {
    const value = entry[field as Exclude<(typeof CANONICAL_FIELDS)[number], AppendedFields>];
    return field === 'changes' || field === 'details' ? canonicalJson(value) : JSON.stringify(value ?? null);
  });
  return `${values.join(',')}]`;
}

/** The first four fields are plain ASCII strings (digits, a UUID, a timestamp): JSON only quotes them. */
export function canonicalText(entry: ChainedEntry): string {
  return (entry.chainFormat ?? 1) >= 2 ? canonicalTextV2(entry) : canonicalTextV1(entry);
}

function canonicalTextV1(entry: ChainedEntry): string {
  const head = [entry.chainSeq, entry.id, entry.eventId, entry.occurredAt].map((value) => JSON.stringify(value));
  return `[1,${head.join(',')},${canonicalTail(entry)}`;
}

export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalText(entry)).digest('hex');
}

/**
 * Format 1's entryHash as an SQL expression, as migration 1764000000403's append function hashed
 * (frozen: that migration and the bench's format-1 data use it). Arguments are SQL expressions:
 * the previous hash, the position and id (bigint), the event id (text), the time (timestamptz)
 * and the canonicalTail text.
 */
export function entryHashSql(sql: { prevHash: string; chainSeq: string; id: string; eventId: string; occurredAt: string; tail: string }): string {
  const quoted = (expression: string) => `'"' || ${expression} || '"'`;
  const text = [`'[1,'`, quoted(`(${sql.chainSeq})::text`), `','`, quoted(`(${sql.id})::text`), `','`, quoted(`(${sql.eventId})::text`), `','`,
    quoted(utcMicros(sql.occurredAt)), `','`, sql.tail].join(' || ');
  return `encode(sha256(convert_to(${sql.prevHash} || E'\\n' || ${text}, 'UTF8')), 'hex')`;
}
