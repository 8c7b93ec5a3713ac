// Entries for junction rows of audited many-to-many links. TypeORM inserts and deletes those rows
// as subjects of their own, with no entity: the event carries the junction row's keys only (as
// `entityId`; a query-builder insert gives its values as `entity`).
import type { EntityManager, EntityMetadata, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ColumnMetadata } from './entity-rows.js';
import type { ActivityDraft } from '../writer/audit-writer.js';
import { primaryKeyOf, type Row } from './entity-rows.js';
import type { LinkBinding } from './audited-tables.js';

/** The junction row an event is about, keyed by junction property names, or null when it does not say. */
export function junctionRowOf(entity: ObjectLiteral | undefined, entityId: unknown): Row | null {
  if (entity) return entity as Row;
  if (entityId != null && typeof entityId === 'object') return entityId as Row;
  return null;
}

/** A junction column's value: a plain key, or (in some TypeORM paths) the referenced row itself. */
function keyIn(column: ColumnMetadata, row: Row): unknown {
  const value = row[column.propertyName] ?? row[column.databaseName];
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && column.referencedColumn) {
    return column.referencedColumn.getEntityValue(value as ObjectLiteral);
  }
  return value;
}

/** A stable name for one junction row, to match a row's before-event with its after-event. */
export function junctionRowKey(junction: EntityMetadata, row: Row): string {
  return `${junction.tablePath}:${JSON.stringify(junction.columns.map((column) => keyIn(column, row) ?? null))}`;
}

async function rowBy(manager: EntityManager, metadata: EntityMetadata, column: ColumnMetadata, value: unknown): Promise<Row | null> {
  if (value == null) return null;
  const property = column.referencedColumn?.propertyPath ?? metadata.primaryColumns[0]!.propertyPath;
  return (await manager.findOne(metadata.target, { where: { [property]: value } })) as Row | null;
}

/** One draft per declared link over this junction row; labels are read now, while both rows exist. */
export async function linkDrafts(manager: EntityManager, bindings: LinkBinding[], row: Row, change: 'added' | 'removed'): Promise<ActivityDraft[]> {
  const drafts: ActivityDraft[] = [];
  for (const binding of bindings) {
    const targetKey = keyIn(binding.targetColumn, row);
    const memberKey = keyIn(binding.memberColumn, row);
    const target = await rowBy(manager, binding.targetMetadata, binding.targetColumn, targetKey);
    const member = await rowBy(manager, binding.memberMetadata, binding.memberColumn, memberKey);
    drafts.push({
      action: binding.link[change],
      targetType: binding.owner.targetType,
      targetId: target ? primaryKeyOf(binding.targetMetadata, target, undefined) : String(targetKey),
      targetLabel: target ? binding.owner.label(target) : null,
      details: {
        memberId: member ? primaryKeyOf(binding.memberMetadata, member, undefined) : String(memberKey),
        memberLabel: member && binding.link.label ? binding.link.label(member) : null,
        relation: binding.relation,
      },
    });
  }
  return drafts;
}

/**
 * Drafts of junction rows about to be deleted, built in the before-event (after the DELETE, the
 * row at either end may be gone too) and written in the after-event, once the row really went.
 */
const pendingRemovals = new WeakMap<QueryRunner, Map<string, ActivityDraft[]>>();

export function holdRemoval(runner: QueryRunner, key: string, drafts: ActivityDraft[]): void {
  let pending = pendingRemovals.get(runner);
  if (!pending) pendingRemovals.set(runner, (pending = new Map()));
  pending.set(key, drafts);
}

export function takeRemoval(runner: QueryRunner, key: string): ActivityDraft[] | undefined {
  const pending = pendingRemovals.get(runner);
  const drafts = pending?.get(key);
  pending?.delete(key);
  return drafts;
}
