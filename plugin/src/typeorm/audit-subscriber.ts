// Writes the entries for audited entities, join entities and many-to-many links from TypeORM's
// events. The after-events run inside the transaction that makes the change, and the entry is
// written with the same manager, so the change and its entry commit or roll back together. The
// before-events refuse, before any SQL runs, what could not be recorded that way (write-guard.ts),
// and carry out database cascades through the ORM so their rows are recorded (cascade-removal.ts).
import type {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  InsertEvent,
  ObjectLiteral,
  RecoverEvent,
  RemoveEvent,
  SoftRemoveEvent,
  TransactionRollbackEvent,
  UpdateEvent,
} from 'typeorm';
import { diffFields } from '../changes/diff.js';
import { auditScopeOf } from '../context/audit-scope.js';
import type { ActivityDraft, AuditWriter } from '../writer/audit-writer.js';
import { AuditTrailError } from './audit-trail-error.js';
import { ALWAYS_IGNORED, recordsUpdates, type AuditedEntityOptions, type AuditedMembershipOptions } from './audited-entity.js';
import { auditedTablesOf, type AuditedTables } from './audited-tables.js';
import { CascadeRemoval } from './cascade-removal.js';
import { findRowByKey, primaryKeyOf, rowOf, type Row } from './entity-rows.js';
import { holdRemoval, junctionRowKey, junctionRowOf, linkDrafts, takeRemoval } from './link-entries.js';
import { rollbackStarted } from './transaction-generation.js';
import { refuseUndeclared, requireBeforeState, requireTransaction } from './write-guard.js';

export { AuditTrailError } from './audit-trail-error.js';

export class AuditSubscriber implements EntitySubscriberInterface {
  private readonly cascades = new WeakMap<DataSource, CascadeRemoval>();

  constructor(
    private readonly writer: AuditWriter,
    private readonly entities: AuditedEntityOptions[],
    private readonly memberships: AuditedMembershipOptions[],
  ) {}

  /** The declarations resolved for `dataSource`; throws when one does not fit its entities. */
  tablesOf(dataSource: DataSource): AuditedTables {
    return auditedTablesOf(dataSource, this, this.entities, this.memberships);
  }

  // ---- before: refuse what could not be recorded ----

  beforeInsert(event: InsertEvent<ObjectLiteral>): void {
    const tables = this.tablesOf(event.connection);
    const options = tables.entityOf(event.metadata);
    if (options?.created || tables.membershipOf(event.metadata) || tables.linksOf(event.metadata).length > 0) {
      requireTransaction(event.metadata, event.queryRunner, 'insert');
    }
  }

  beforeUpdate(event: UpdateEvent<ObjectLiteral>): void {
    const tables = this.tablesOf(event.connection);
    if (tables.membershipOf(event.metadata) || tables.linksOf(event.metadata).length > 0) {
      throw new AuditTrailError(`${event.metadata.name} rows are memberships: add or remove them, do not update them`);
    }
    const options = tables.entityOf(event.metadata);
    if (!options || !recordsUpdates(options)) return;
    requireBeforeState(event.metadata, !!event.databaseEntity, 'update');
    requireTransaction(event.metadata, event.queryRunner, 'update');
  }

  async beforeRemove(event: RemoveEvent<ObjectLiteral>): Promise<void> {
    const tables = this.tablesOf(event.connection);
    const bindings = tables.linksOf(event.metadata);
    const before = event.databaseEntity ?? event.entity;
    if (tables.recordsRemoval(event.metadata)) {
      const row = bindings.length > 0 ? junctionRowOf(undefined, event.entityId) : before;
      requireBeforeState(event.metadata, !!row, 'delete');
      requireTransaction(event.metadata, event.queryRunner, 'delete');
      if (bindings.length > 0) {
        // Labels are read now: after the DELETE the rows at either end may be gone too.
        const junctionRow = row as Row;
        holdRemoval(event.queryRunner, junctionRowKey(event.metadata, junctionRow), await linkDrafts(event.manager, bindings, junctionRow, 'removed'));
      }
    }
    await this.cascadeOf(event.connection).beforeRemove({ manager: event.manager, queryRunner: event.queryRunner, metadata: event.metadata, before });
  }

  beforeSoftRemove(event: SoftRemoveEvent<ObjectLiteral>): void {
    this.guardSoftChange(event, 'softRemoved', 'soft removal');
  }

  beforeRecover(event: RecoverEvent<ObjectLiteral>): void {
    this.guardSoftChange(event, 'recovered', 'recovery');
  }

  beforeTransactionRollback(event: TransactionRollbackEvent): void {
    rollbackStarted(event.queryRunner);
  }

  // ---- after: record ----

  async afterInsert(event: InsertEvent<ObjectLiteral>): Promise<void> {
    const tables = this.tablesOf(event.connection);
    const bindings = tables.linksOf(event.metadata);
    if (bindings.length > 0) {
      const junctionRow = junctionRowOf(event.entity, event.entityId);
      if (!junctionRow) throw new AuditTrailError(`A ${event.metadata.name} row was inserted without its keys`);
      for (const draft of await linkDrafts(event.manager, bindings, junctionRow, 'added')) await this.writer.write(event.manager, draft);
      return;
    }
    const row = rowOf(event.metadata, event.entity);
    const membership = tables.membershipOf(event.metadata);
    if (membership) return this.recordMembership(event.manager, membership, row, membership.added);
    const options = tables.entityOf(event.metadata);
    if (!options?.created) return;
    const changes = diffFields(Object.keys(row ?? {}), null, row, this.diffOptions(options));
    await this.writer.write(event.manager, {
      action: options.created,
      targetType: options.targetType,
      targetId: primaryKeyOf(event.metadata, row, event.entityId),
      targetLabel: options.label(row ?? {}),
      changes,
      details: options.createdDetails?.(row ?? {}),
    });
  }

  async afterUpdate(event: UpdateEvent<ObjectLiteral>): Promise<void> {
    const options = this.tablesOf(event.connection).entityOf(event.metadata);
    if (!options || !recordsUpdates(options)) return;
    if (!event.databaseEntity || !event.entity) {
      // beforeUpdate refused this already; kept so no path records a guess.
      requireBeforeState(event.metadata, false, 'update');
      return;
    }
    const before = rowOf(event.metadata, event.databaseEntity)!;
    const after = { ...before, ...rowOf(event.metadata, event.entity as ObjectLiteral) };
    const changes = diffFields(Object.keys(after), before, after, this.diffOptions(options));
    if (Object.keys(changes).length === 0) return; // nothing the log cares about changed
    const targetId = primaryKeyOf(event.metadata, before, undefined);
    const activities = options.classifyUpdate
      ? options.classifyUpdate({ changes, before, after, actorId: auditScopeOf(event.queryRunner).actor?.id ?? null, targetId })
      : [{ action: options.updated!, fields: Object.keys(changes), details: undefined }];
    for (const activity of activities) {
      if (options.classifyUpdate && !options.updateActions.includes(activity.action)) {
        // The start-up check verified only the declared keys: an undeclared one is refused, and the change rolls back.
        throw new AuditTrailError(`auditEntity(${options.targetType}): classifyUpdate returned "${activity.action}", which is not in its updateActions`);
      }
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
    const tables = this.tablesOf(event.connection);
    if (tables.linksOf(event.metadata).length > 0) {
      const junctionRow = junctionRowOf(undefined, event.entityId);
      const drafts = junctionRow ? takeRemoval(event.queryRunner, junctionRowKey(event.metadata, junctionRow)) : undefined;
      if (!drafts) throw new AuditTrailError(`A ${event.metadata.name} row was deleted without its before-event`);
      for (const draft of drafts) await this.writer.write(event.manager, draft);
      return;
    }
    const membership = tables.membershipOf(event.metadata);
    const options = tables.entityOf(event.metadata);
    if (!membership && !options?.deleted) return;
    const row = rowOf(event.metadata, event.databaseEntity ?? event.entity);
    if (!row) {
      requireBeforeState(event.metadata, false, 'delete');
      return;
    }
    if (membership) return this.recordMembership(event.manager, membership, row, membership.removed);
    const targetId = primaryKeyOf(event.metadata, row, event.entityId);
    await this.writer.write(event.manager, {
      action: options!.deleted!,
      targetType: options!.targetType,
      targetId,
      targetLabel: options!.label(row),
      changes: diffFields(Object.keys(row), { ...row, [event.metadata.primaryColumns[0]!.propertyName]: targetId }, null, this.diffOptions(options!)),
    });
  }

  async afterSoftRemove(event: SoftRemoveEvent<ObjectLiteral>): Promise<void> {
    await this.recordSoftChange(event, 'softRemoved');
  }

  async afterRecover(event: RecoverEvent<ObjectLiteral>): Promise<void> {
    await this.recordSoftChange(event, 'recovered');
  }

  // ---- helpers ----

  private guardSoftChange(event: SoftRemoveEvent<ObjectLiteral> | RecoverEvent<ObjectLiteral>, key: 'softRemoved' | 'recovered', operation: 'soft removal' | 'recovery'): void {
    const tables = this.tablesOf(event.connection);
    const options = tables.entityOf(event.metadata);
    if (!options && !tables.membershipOf(event.metadata)) return;
    if (!options?.[key]) refuseUndeclared(event.metadata, operation, key);
    requireBeforeState(event.metadata, !!(event.databaseEntity ?? event.entity), operation);
    requireTransaction(event.metadata, event.queryRunner, operation);
  }

  private async recordSoftChange(event: SoftRemoveEvent<ObjectLiteral> | RecoverEvent<ObjectLiteral>, key: 'softRemoved' | 'recovered'): Promise<void> {
    const options = this.tablesOf(event.connection).entityOf(event.metadata);
    const action = options?.[key];
    if (!options || !action) return;
    const row = rowOf(event.metadata, event.databaseEntity ?? event.entity);
    await this.writer.write(event.manager, {
      action,
      targetType: options.targetType,
      targetId: primaryKeyOf(event.metadata, row, event.entityId),
      targetLabel: options.label(row ?? {}),
    });
  }

  private cascadeOf(dataSource: DataSource): CascadeRemoval {
    let cascade = this.cascades.get(dataSource);
    if (!cascade) {
      cascade = new CascadeRemoval(this.tablesOf(dataSource), (manager: EntityManager, draft: ActivityDraft) => this.writer.write(manager, draft));
      this.cascades.set(dataSource, cascade);
    }
    return cascade;
  }

  private diffOptions(options: AuditedEntityOptions) {
    return { ignore: [...ALWAYS_IGNORED, ...(options.ignore ?? [])], redact: options.redact ?? [] };
  }

  private async recordMembership(manager: EntityManager, options: AuditedMembershipOptions, row: Row | null, action: string): Promise<void> {
    if (!row) throw new AuditTrailError('A membership changed without its row');
    const parentId = row[options.parent.key];
    const memberId = row[options.member.key];
    const parent = await findRowByKey(manager, options.parent.entity, parentId);
    const member = await findRowByKey(manager, options.member.entity, memberId);
    await this.writer.write(manager, {
      action,
      targetType: options.parent.targetType,
      targetId: parentId as string | number,
      targetLabel: parent ? options.parent.label(parent) : null,
      details: { memberId: String(memberId), memberLabel: member ? options.member.label(member) : null },
    });
  }
}
