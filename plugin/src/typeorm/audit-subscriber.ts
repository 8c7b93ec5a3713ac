// Writes the entries for audited entities from TypeORM's after-insert/update/remove events. Those
// events run inside the transaction that makes the change, and the entry is written with the
// same manager, so the change and its entry commit or roll back together.
import type { EntityManager, EntityMetadata, EntitySubscriberInterface, InsertEvent, ObjectLiteral, RemoveEvent, UpdateEvent } from 'typeorm';
import { diffFields } from '../changes/diff.js';
import { auditScopeOf } from '../context/audit-scope.js';
import type { AuditWriter } from '../writer/audit-writer.js';
import { ALWAYS_IGNORED, type AuditedEntityOptions, type AuditedMembershipOptions, type EntityClass } from './audited-entity.js';

type Row = Record<string, unknown>;

export class AuditTrailError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuditTrailError';
  }
}

function rowOf(metadata: EntityMetadata, entity: ObjectLiteral | undefined): Row | null {
  if (!entity) return null;
  const row: Row = {};
  for (const column of metadata.columns) row[column.propertyName] = column.getEntityValue(entity);
  return row;
}

function primaryKeyOf(metadata: EntityMetadata, row: Row | null, entityId: unknown): string {
  const key = metadata.primaryColumns[0]!.propertyName;
  const fromRow = row?.[key];
  if (fromRow != null) return String(fromRow);
  if (entityId != null && typeof entityId === 'object') return String((entityId as Row)[key]);
  if (entityId != null) return String(entityId);
  throw new AuditTrailError(`Cannot tell which ${metadata.name} row changed`);
}

export class AuditSubscriber implements EntitySubscriberInterface {
  private readonly entities = new Map<EntityClass, AuditedEntityOptions>();
  private readonly memberships = new Map<EntityClass, AuditedMembershipOptions>();

  constructor(
    private readonly writer: AuditWriter,
    entities: AuditedEntityOptions[],
    memberships: AuditedMembershipOptions[],
  ) {
    for (const options of entities) this.entities.set(options.entity, options);
    for (const options of memberships) this.memberships.set(options.entity, options);
  }

  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    const target = event.metadata.target as EntityClass;
    const row = rowOf(event.metadata, event.entity);
    const membership = this.memberships.get(target);
    if (membership) return this.recordMembership(event.manager, membership, row, membership.added);
    const options = this.entities.get(target);
    if (!options?.created) return;
    const changes = diffFields(Object.keys(row ?? {}), null, row, this.diffOptions(options));
    await this.writer.write(event.manager, {
      action: options.created,
      targetType: options.targetType,
      targetId: primaryKeyOf(event.metadata, row, undefined),
      targetLabel: options.label(row ?? {}),
      changes,
      details: options.createdDetails?.(row ?? {}),
    });
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    const target = event.metadata.target as EntityClass;
    if (this.memberships.has(target)) {
      throw new AuditTrailError(`${event.metadata.name} rows are memberships: add or remove them, do not update them`);
    }
    const options = this.entities.get(target);
    if (!options) return;
    if (!event.databaseEntity || !event.entity) {
      // An UPDATE by query builder carries no before-state: refuse rather than record a guess.
      throw new AuditTrailError(`${event.metadata.name} is audited: change it with save() so its previous values are known`);
    }
    const before = rowOf(event.metadata, event.databaseEntity)!;
    const after = { ...before, ...rowOf(event.metadata, event.entity as ObjectLiteral) };
    const changes = diffFields(Object.keys(after), before, after, this.diffOptions(options));
    if (Object.keys(changes).length === 0) return; // nothing the log cares about changed
    const targetId = primaryKeyOf(event.metadata, before, undefined);
    const activities = options.classifyUpdate
      ? options.classifyUpdate({ changes, before, after, actorId: auditScopeOf(event.queryRunner).actor?.id ?? null, targetId })
      : [{ action: options.updated!, fields: Object.keys(changes) }];
    for (const activity of activities) {
      const picked = Object.fromEntries(Object.entries(changes).filter(([field]) => activity.fields.includes(field)));
      if (Object.keys(picked).length === 0) continue;
      await this.writer.write(event.manager, {
        action: activity.action,
        targetType: options.targetType,
        targetId,
        targetLabel: options.label(after),
        changes: picked,
        details: activity.details,
      });
    }
  }

  async afterRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const target = event.metadata.target as EntityClass;
    const membership = this.memberships.get(target);
    const options = this.entities.get(target);
    if (!membership && !options) return;
    const row = rowOf(event.metadata, event.databaseEntity ?? event.entity);
    if (!row) {
      throw new AuditTrailError(`${event.metadata.name} is audited: delete it with remove() so the log knows which row went`);
    }
    if (membership) return this.recordMembership(event.manager, membership, row, membership.removed);
    if (!options?.deleted) return;
    const targetId = primaryKeyOf(event.metadata, row, event.entityId);
    await this.writer.write(event.manager, {
      action: options.deleted,
      targetType: options.targetType,
      targetId,
      targetLabel: options.label(row),
      changes: diffFields(Object.keys(row), { ...row, [event.metadata.primaryColumns[0]!.propertyName]: targetId }, null, this.diffOptions(options)),
    });
  }

  private diffOptions(options: AuditedEntityOptions) {
    return { ignore: [...ALWAYS_IGNORED, ...(options.ignore ?? [])], redact: options.redact ?? [] };
  }

  private async recordMembership(manager: EntityManager, options: AuditedMembershipOptions, row: Row | null, action: string): Promise<void> {
    if (!row) throw new AuditTrailError('A membership changed without its row');
    const parentId = row[options.parent.key];
    const memberId = row[options.member.key];
    const parent = await this.findRow(manager, options.parent.entity, parentId);
    const member = await this.findRow(manager, options.member.entity, memberId);
    await this.writer.write(manager, {
      action,
      targetType: options.parent.targetType,
      targetId: parentId as string | number,
      targetLabel: parent ? options.parent.label(parent) : null,
      details: { memberId: String(memberId), memberLabel: member ? options.member.label(member) : null },
    });
  }

  private async findRow(manager: EntityManager, entity: EntityClass, id: unknown): Promise<Row | null> {
    const metadata = manager.connection.getMetadata(entity);
    const key = metadata.primaryColumns[0]!.propertyName;
    return (await manager.findOne(entity, { where: { [key]: id } })) as Row | null;
  }
}
