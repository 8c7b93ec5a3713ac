import type { ChangeSet } from '../entity/AuditLog.js';
import { isSecretField, REDACTED } from './redaction.js';

export interface DiffOptions {
  /** Fields never recorded (timestamps the ORM maintains, for instance). */
  ignore: readonly string[];
  /** Extra secret fields beyond the shared redaction list. */
  redact: readonly string[];
}

/** Plain JSON-able value for storage and comparison: dates as ISO strings, undefined as null. */
export function toPlain(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toPlain);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlain(inner)]));
  }
  return value;
}

/** JSON with object keys sorted: jsonb hands keys back in its own order, which is not a change. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(toPlain(value), (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The fields of `fields` whose value differs between `before` and `after` (null for a side that
 * does not exist: creation or deletion), secrets masked, ignored fields left out.
 */
export function diffFields(
  fields: readonly string[],
  before: Record<string, unknown> | null,
  after: Record<string, unknown> | null,
  options: DiffOptions,
): ChangeSet {
  const changes: ChangeSet = {};
  for (const field of fields) {
    if (options.ignore.includes(field)) continue;
    const from = before ? before[field] : undefined;
    const to = after ? after[field] : undefined;
    if (before && after && sameValue(from, to)) continue;
    if (!before && (to === null || to === undefined)) continue;
    if (!after && (from === null || from === undefined)) continue;
    if (isSecretField(field, options.redact)) {
      // Whether a secret was set or cleared is not secret; its values are.
      changes[field] = { from: from == null ? null : REDACTED, to: to == null ? null : REDACTED };
    } else {
      changes[field] = { from: before ? toPlain(from) : null, to: after ? toPlain(to) : null };
    }
  }
  return changes;
}
