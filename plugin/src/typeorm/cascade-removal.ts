// A delete the database would cascade (ON DELETE CASCADE / SET NULL) to rows the log records is
// carried out through the ORM first, in the deleting transaction: each affected row is loaded and
// removed (or has its key set to null and is saved) one at a time, in a stable order, so its own
// events record it, and recursively so. Junction rows have no entity to remove: their link
// entries are written and the rows deleted here. What cannot be done this way is refused.
import type { EntityManager, EntityMetadata, ObjectLiteral, QueryRunner } from 'typeorm';
import type { ActivityDraft } from '../writer/audit-writer.js';
import { AuditTrailError } from './audit-trail-error.js';
import type { AuditedTables } from './audited-tables.js';
import type { Row } from './entity-rows.js';
import { linkDrafts } from './link-entries.js';
import { referencingKeysOf, type ReferencingKey, type ReferencingKeys } from './referencing-keys.js';
import { generationOf, requireSameTransaction } from './transaction-generation.js';

export type RecordEntry = (manager: EntityManager, draft: ActivityDraft) => Promise<void>;

export interface RemovalEvent {
  manager: EntityManager;
  queryRunner: QueryRunner;
  metadata: EntityMetadata;
  /** The row being deleted as loaded before the delete; undefined for a query-builder delete. */
  before: ObjectLiteral | undefined;
}

export class CascadeRemoval {
  private readonly relevant = new Map<EntityMetadata, ReferencingKey[]>();

  constructor(
    private readonly tables: AuditedTables,
    private readonly record: RecordEntry,
  ) {}

  async beforeRemove(event: RemovalEvent): Promise<void> {
    const keys = this.relevantKeys(await referencingKeysOf(event.manager), event.metadata);
    if (keys.length === 0) return;
    const children = [...new Set(keys.map((key) => key.child.name))].join(', ');
    if (!event.before) {
      throw new AuditTrailError(
        `Deleting ${event.metadata.name} rows changes audited ${children} rows through foreign keys, which a query-builder delete cannot record. ` +
          `Load the rows and delete them with remove(), inside a transaction.`,
      );
    }
    if (!event.queryRunner.isTransactionActive) {
      throw new AuditTrailError(`Deleting a ${event.metadata.name} changes audited ${children} rows: run it inside a transaction, e.g. with remove().`);
    }
    const generation = generationOf(event.queryRunner);
    for (const key of keys) await this.apply(event, key, generation);
  }

  /**
   * Keys through which deleting a row of `metadata` changes rows the log records: directly, or
   * through a cascade to a table whose own keys do.
   */
  private relevantKeys(catalog: ReferencingKeys, metadata: EntityMetadata): ReferencingKey[] {
    let keys = this.relevant.get(metadata);
    if (!keys) this.relevant.set(metadata, (keys = this.findRelevantKeys(catalog, metadata, new Set())));
    return keys;
  }

  /** Not cached: a result computed inside a cycle (`seen`) is partial. */
  private findRelevantKeys(catalog: ReferencingKeys, metadata: EntityMetadata, seen: Set<EntityMetadata>): ReferencingKey[] {
    if (seen.has(metadata)) return [];
    seen.add(metadata);
    return catalog.referencing(metadata).filter((key) =>
      key.onDelete === 'cascade'
        ? this.tables.recordsRemoval(key.child) || this.findRelevantKeys(catalog, key.child, new Set(seen)).length > 0
        : this.tables.recordsUpdate(key.child),
    );
  }

  private async apply(event: RemovalEvent, key: ReferencingKey, generation: number): Promise<void> {
    const refuse = (why: string) => new AuditTrailError(`Deleting a ${event.metadata.name} would ${why} (foreign key ${key.name} of ${key.child.name}), which the audit log cannot record`);
    if (key.onDelete === 'set default') throw refuse('set audited rows to a default');
    if (key.childColumns.length === 0) throw refuse('change audited rows through columns the entity does not map');
    const values = key.parentColumns.map((column) => column.getEntityValue(event.before!));
    if (values.some((value) => value === undefined)) throw refuse('change audited rows by a key that was not loaded');
    if (values.some((value) => value === null)) return; // a null key references nothing

    if (key.child.isJunction) {
      if (key.onDelete !== 'cascade') throw refuse('set junction keys to null');
      if (removedByTypeOrm(event, key)) return;
      return this.removeJunctionRows(event, key, values, generation);
    }
    const rows = await this.childRows(event.manager, key, values);
    for (const row of rows) {
      requireSameTransaction(event.queryRunner, generation);
      if (key.onDelete === 'cascade') {
        await event.manager.remove(row);
      } else {
        for (const column of key.childColumns) setNull(column, row);
        await event.manager.save(row);
      }
    }
  }

  private childRows(manager: EntityManager, key: ReferencingKey, values: unknown[]): Promise<ObjectLiteral[]> {
    const alias = 'child';
    const query = manager.createQueryBuilder(key.child.target, alias);
    key.childColumns.forEach((column, index) => {
      query.andWhere(`${quote(alias)}.${quote(column.databaseName)} = :key${index}`, { [`key${index}`]: values[index] });
    });
    for (const column of key.child.primaryColumns) query.addOrderBy(`${alias}.${column.propertyPath}`, 'ASC');
    return query.getMany();
  }

  private async removeJunctionRows(event: RemovalEvent, key: ReferencingKey, values: unknown[], generation: number): Promise<void> {
    const junction = key.child;
    const where = key.childColumns.map((column, index) => `${quote(column.databaseName)} = $${index + 1}`).join(' AND ');
    const order = junction.columns.map((column) => quote(column.databaseName)).join(', ');
    const raw = (await event.manager.query(`SELECT ${order} FROM ${tableOf(junction)} WHERE ${where} ORDER BY ${order}`, values)) as Row[];
    const bindings = this.tables.linksOf(junction);
    for (const databaseRow of raw) {
      requireSameTransaction(event.queryRunner, generation);
      const row = Object.fromEntries(junction.columns.map((column) => [column.propertyName, databaseRow[column.databaseName]]));
      for (const draft of await linkDrafts(event.manager, bindings, row, 'removed')) await this.record(event.manager, draft);
      const match = junction.columns.map((column, index) => `${quote(column.databaseName)} = $${index + 1}`).join(' AND ');
      await event.manager.query(`DELETE FROM ${tableOf(junction)} WHERE ${match}`, junction.columns.map((column) => databaseRow[column.databaseName]));
    }
  }
}

/**
 * remove() of an entity deletes the junction rows of its own many-to-many relations itself, as
 * subjects with events (TypeORM's ManyToManySubjectBuilder.buildForAllRemoval), which record them.
 */
function removedByTypeOrm(event: RemovalEvent, key: ReferencingKey): boolean {
  return event.metadata.manyToManyRelations.some((relation) => {
    if (relation.persistenceEnabled === false || relation.junctionEntityMetadata !== key.child) return false;
    const own = relation.isOwning ? key.child.ownerColumns : key.child.inverseColumns;
    return own.length === key.childColumns.length && own.every((column) => key.childColumns.includes(column));
  });
}

/** Sets a foreign key column to null on a loaded row, whether it is a property or only a relation's join column. */
function setNull(column: ReferencingKey['childColumns'][number], row: ObjectLiteral): void {
  if (column.relationMetadata && column.isVirtual) row[column.relationMetadata.propertyName] = null;
  else column.setEntityValue(row, null);
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function tableOf(metadata: EntityMetadata): string {
  return metadata.schema ? `${quote(metadata.schema)}.${quote(metadata.tableName)}` : quote(metadata.tableName);
}
