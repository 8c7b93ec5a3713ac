// The foreign keys whose ON DELETE changes rows of other entities' tables (CASCADE, SET NULL,
// SET DEFAULT), read once per DataSource from pg_catalog. The database applies them with no ORM
// event, so the log would never hear of the rows they delete or change.
import type { DataSource, EntityManager, EntityMetadata } from 'typeorm';
import type { ColumnMetadata } from './entity-rows.js';

export type OnDelete = 'cascade' | 'set null' | 'set default';

export interface ReferencingKey {
  name: string;
  child: EntityMetadata;
  /** The child's columns, and the parent's columns they reference, in the same order. */
  childColumns: ColumnMetadata[];
  parentColumns: ColumnMetadata[];
  onDelete: OnDelete;
}

const ON_DELETE: Record<string, OnDelete> = { c: 'cascade', n: 'set null', d: 'set default' };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The name to_regclass() resolves for an entity's table. */
function qualifiedName(metadata: EntityMetadata): string {
  return metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName);
}

interface KeyRow {
  name: string;
  child: string;
  parent: string;
  action: string;
  child_columns: string[];
  parent_columns: string[];
}

const KEYS_SQL = `
  WITH tables AS (SELECT t.name, to_regclass(t.name) AS oid FROM unnest($1::text[]) AS t(name))
  SELECT c.conname::text AS name, child.name AS child, parent.name AS parent, c.confdeltype::text AS action,
    ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_columns,
    ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
  FROM pg_constraint c
  JOIN tables child ON child.oid = c.conrelid
  JOIN tables parent ON parent.oid = c.confrelid
  WHERE c.contype = 'f' AND c.confdeltype IN ('c', 'n', 'd')
  ORDER BY child.name, c.conname`;

export class ReferencingKeys {
  private readonly byParent = new Map<string, ReferencingKey[]>();

  constructor(tables: Map<string, EntityMetadata>, rows: KeyRow[]) {
    for (const row of rows) {
      const child = tables.get(row.child);
      const parent = tables.get(row.parent);
      if (!child || !parent) continue;
      const childColumns = row.child_columns.map((name) => child.columns.find((column) => column.databaseName === name));
      const parentColumns = row.parent_columns.map((name) => parent.columns.find((column) => column.databaseName === name));
      // A column the entity does not map cannot be read or matched through the ORM; such a key is
      // kept with no columns, and a delete it would cascade through is refused (cascade-removal.ts).
      const mapped = childColumns.every(Boolean) && parentColumns.every(Boolean);
      const key: ReferencingKey = {
        name: row.name,
        child,
        childColumns: mapped ? (childColumns as ColumnMetadata[]) : [],
        parentColumns: mapped ? (parentColumns as ColumnMetadata[]) : [],
        onDelete: ON_DELETE[row.action]!,
      };
      this.byParent.set(row.parent, [...(this.byParent.get(row.parent) ?? []), key]);
    }
  }

  /** Keys referencing `metadata`'s table, in a stable order (child table, then constraint name). */
  referencing(metadata: EntityMetadata): ReferencingKey[] {
    return this.byParent.get(qualifiedName(metadata)) ?? [];
  }
}

const loaded = new WeakMap<DataSource, Promise<ReferencingKeys>>();

export function referencingKeysOf(manager: EntityManager): Promise<ReferencingKeys> {
  const dataSource = manager.connection;
  let keys = loaded.get(dataSource);
  if (!keys) {
    // One metadata per table: single-table-inheritance children share their parent's table.
    const tables = new Map<string, EntityMetadata>();
    for (const metadata of dataSource.entityMetadatas) {
      if (metadata.tableType === 'view' || metadata.tableType === 'entity-child') continue;
      tables.set(qualifiedName(metadata), metadata);
    }
    keys = manager.query(KEYS_SQL, [[...tables.keys()]]).then((rows: KeyRow[]) => new ReferencingKeys(tables, rows));
    keys.catch(() => loaded.delete(dataSource)); // a failed read is retried by the next delete
    loaded.set(dataSource, keys);
  }
  return keys;
}
