// Plain snapshots of entity rows, keyed by property name, and their primary key as recorded.
import type { EntityManager, EntityMetadata, ObjectLiteral } from 'typeorm';
import { AuditTrailError } from './audit-trail-error.js';
import type { EntityClass } from './audited-entity.js';

export type Row = Record<string, unknown>;
/** TypeORM does not export ColumnMetadata from its entry point. */
export type ColumnMetadata = EntityMetadata['columns'][number];

export function rowOf(metadata: EntityMetadata, entity: ObjectLiteral | undefined): Row | null {
  if (!entity) return null;
  const row: Row = {};
  for (const column of metadata.columns) row[column.propertyName] = column.getEntityValue(entity);
  return row;
}

export function primaryKeyOf(metadata: EntityMetadata, row: Row | null, entityId: unknown): string {
  const key = metadata.primaryColumns[0]!.propertyName;
  const fromRow = row?.[key];
  if (fromRow != null) return String(fromRow);
  if (entityId != null && typeof entityId === 'object') {
    const fromId = (entityId as Row)[key];
    if (fromId != null) return String(fromId);
  } else if (entityId != null) return String(entityId);
  throw new AuditTrailError(`Cannot tell which ${metadata.name} row changed`);
}

/** The row of `entity` whose (single-column) primary key is `id`, or null when it is gone. */
export async function findRowByKey(manager: EntityManager, entity: EntityClass | EntityMetadata['target'], id: unknown): Promise<Row | null> {
  if (id == null) return null;
  const metadata = manager.connection.getMetadata(entity);
  const key = metadata.primaryColumns[0]!.propertyName;
  return (await manager.findOne(metadata.target, { where: { [key]: id } })) as Row | null;
}
