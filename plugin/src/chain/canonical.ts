// The canonical text of an audit entry and the hash that links it to the entry before it.
//
// hash(entry) = SHA-256( prevHash + "\n" + canonicalText(entry) ), hex-encoded.
// canonicalText is a JSON array of the stored values in a fixed order (CANONICAL_FIELDS), with
// jsonb values serialised with their object keys sorted by UTF-16 code unit, no whitespace.
// Timestamps are the stored value in UTC with microseconds ("2026-11-25T20:31:22.123456Z"), so
// the hash covers exactly what the database keeps. The format is versioned (CHAIN_FORMAT) so a
// receiver of the sink stream can re-check the chain with nothing but this description.
import { createHash } from 'node:crypto';

export const CHAIN_FORMAT = 1;
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
  sentence: string;
}

/** The order in which fields enter the canonical text. Never reorder: add a new CHAIN_FORMAT instead. */
export const CANONICAL_FIELDS = [
  'chainSeq', 'id', 'eventId', 'occurredAt', 'actorId', 'actorName', 'actorEmail', 'actorRole', 'action', 'category',
  'targetType', 'targetId', 'targetLabel', 'changes', 'details', 'ip', 'userAgent', 'requestId', 'accountId', 'sentence',
] as const satisfies ReadonlyArray<keyof ChainedEntry>;

/** The SELECT list that reads a row back in exactly the form that was hashed. */
export const CHAINED_COLUMNS_SQL = `
  chain_seq::text AS "chainSeq", id::text AS "id", event_id::text AS "eventId",
  ${utcMicros('occurred_at')} AS "occurredAt",
  actor_id AS "actorId", actor_name AS "actorName", actor_email AS "actorEmail", actor_role AS "actorRole",
  action, category, target_type AS "targetType", target_id AS "targetId", target_label AS "targetLabel",
  changes, details, ip, user_agent AS "userAgent", request_id AS "requestId", account_id AS "accountId", sentence,
  prev_hash AS "prevHash", hash`;

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
  const head = [entry.chainSeq, entry.id, entry.eventId, entry.occurredAt].map((value) => JSON.stringify(value));
  return `[${CHAIN_FORMAT},${head.join(',')},${canonicalTail(entry)}`;
}

export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalText(entry)).digest('hex');
}

/**
 * entryHash as an SQL expression, for the INSERT that appends an entry (one statement while the
 * chain head is locked). Arguments are SQL expressions: the previous hash, the position and id
 * (bigint), the event id (text), the time (timestamptz) and the canonicalTail text. Mirrors
 * canonicalText exactly; append-entry.ts re-checks every hash it gets back with entryHash.
 */
export function entryHashSql(sql: { prevHash: string; chainSeq: string; id: string; eventId: string; occurredAt: string; tail: string }): string {
  const quoted = (expression: string) => `'"' || ${expression} || '"'`;
  const text = [`'[${CHAIN_FORMAT},'`, quoted(`(${sql.chainSeq})::text`), `','`, quoted(`(${sql.id})::text`), `','`, quoted(`(${sql.eventId})::text`), `','`,
    quoted(utcMicros(sql.occurredAt)), `','`, sql.tail].join(' || ');
  return `encode(sha256(convert_to(${sql.prevHash} || E'\\n' || ${text}, 'UTF8')), 'hex')`;
}
