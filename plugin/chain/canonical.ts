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

export function canonicalText(entry: ChainedEntry): string {
  const values = CANONICAL_FIELDS.map((field) => {
    const value = entry[field];
    return field === 'changes' || field === 'details' ? canonicalJson(value) : JSON.stringify(value ?? null);
  });
  return `[${CHAIN_FORMAT},${values.join(',')}]`;
}

export function entryHash(prevHash: string, entry: ChainedEntry): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalText(entry)).digest('hex');
}
