// Whether a value typed into a URL or a filter could be a primary key of a given column type: an
// id that cannot be one finds nothing (or answers 404) instead of reaching the database as an error.
import type { EntityMetadata } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NUMERIC_TYPES = new Set(['int', 'integer', 'int2', 'int4', 'int8', 'bigint', 'smallint', 'number', 'float', 'double', 'numeric', 'decimal']);

/** The primary column's type as a lower-case name ('int', 'bigint', 'uuid', 'varchar', …). */
export function primaryKeyType(metadata: EntityMetadata): string | undefined {
  const type = metadata.primaryColumns[0]?.type;
  if (type === undefined) return undefined;
  return typeof type === 'function' ? (type as { name: string }).name.toLowerCase() : String(type).toLowerCase();
}

export function couldBeKey(id: unknown, keyType: string | undefined): boolean {
  if (id === undefined || id === null) return false;
  const text = String(id);
  if (text.length === 0 || text.length > 200 || text.includes('\0')) return false;
  if (keyType && NUMERIC_TYPES.has(keyType)) return /^\d{1,18}$/.test(text);
  if (keyType === 'uuid') return UUID.test(text);
  return true;
}
