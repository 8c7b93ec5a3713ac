// The TypeORM adapter's Resource, with every write made in one database transaction inside the
// acting admin's audit scope. The stock adapter saves with instance.save() and reports some
// failures as success (a non-database error on save is swallowed and the panel says "successfully
// created"); here a refused write always reaches the admin as an error, and the entries written by
// the AuditSubscriber commit or roll back with the change.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, Filter, flat, ForbiddenError, NotFoundError, type ActionContext, type CurrentAdmin } from 'adminjs';
import { isSecretField } from '../changes/redaction.js';
import { And, Equal, FindOperator, In, type BaseEntity, type DataSource, type EntityManager, type EntityMetadata, type ObjectLiteral } from 'typeorm';
import { transactionInAuditScope } from '../context/audit-scope.js';
import type { ActorSnapshot } from '../context/request-context.js';
import { recordError, toPanelError, type PanelText } from './database-errors.js';
import { couldBeKey, primaryKeyType } from './possible-key.js';
import { scopeOfAction, type AccountResolver } from './action-scope.js';
import type { AccountPlacement } from '../typeorm/audited-entity.js';

type Params = Record<string, unknown>;

/** App work that belongs to a create or an update and must commit or roll back with it. */
export interface AuditedResourceHooks {
  /**
   * Runs in the write's transaction, after the row is saved, with the params the panel sent
   * (flattened). For what the row itself does not hold, such as memberships edited on the
   * parent's form. Runs even when no column changed.
   */
  afterSave?: (manager: EntityManager, saved: ObjectLiteral, params: Params, context: ActionContext | undefined) => Promise<void>;
  /**
   * Params the new/edit forms may send on top of the properties they show (AdminJS decorated
   * properties visible in `edit`): what afterSave reads that is no property. Anything else the
   * form does not show is refused (audit-hooks.ts, onlyFormFields).
   */
  params?: readonly string[];
}

/** The adapter keeps this member private in its typings; we call it, unchanged. */
interface AdapterInternals {
  prepareParams(params: Params): Params;
}

export interface AuditedResourceSettings {
  /** The plugin's DataSource: every write's transaction is opened on it. */
  dataSource: DataSource;
  /**
   * Fields kept out of every record sent to the browser, on top of the shared redaction list
   * (AdminJS's `isVisible: false` alone still sends a field's value in every record).
   */
  secretFields: readonly string[];
  hooks: AuditedResourceHooks;
  actorOf: (admin: CurrentAdmin | undefined) => ActorSnapshot | undefined;
  /** The admin's current account (the host's accountOf). */
  accountOf: AccountResolver;
  /**
   * The entity's property holding its account (the declaration's `account`). With it, every read
   * and write through this resource is confined to the acting admin's current account, and an
   * action with no account to confine it to is refused.
   */
  accountProperty?: AccountPlacement;
  /** The plugin's messages in the panel's language. */
  text: PanelText;
}

export class AuditedResource extends Resource {
  private readonly secretFields: readonly string[];
  private readonly hooks: AuditedResourceHooks;

  constructor(
    private readonly entity: typeof BaseEntity,
    private readonly settings: AuditedResourceSettings,
  ) {
    super(entity);
    this.secretFields = settings.secretFields;
    this.hooks = settings.hooks;
  }

  /** Params the forms may send beyond the properties they show (hooks.params). */
  get formParams(): readonly string[] {
    return this.hooks.params ?? [];
  }

  /** A plugin message in the panel's language, placeholders filled (locale key `messages.<key>`). */
  message(key: string, values?: Record<string, unknown>): string {
    return this.settings.text(key, values);
  }

  private isSecret(key: string): boolean {
    return isSecretField(key.split('.')[0]!, this.secretFields);
  }

  /** Removes secrets from params about to be sent to the browser (AdminJS echoes the submitted form back). */
  hideSecrets(params: Params | undefined): void {
    if (params) this.withoutSecrets(params);
  }

  private withoutSecrets<T extends Params>(params: T): T {
    for (const key of Object.keys(params)) {
      if (this.isSecret(key)) delete params[key];
    }
    return params;
  }

  /**
   * What an edit may set of the secrets: the form never shows a secret's value, so a blank one
   * means "leave it as it is", and a value typed in is applied (and recorded, masked). A secret
   * the edit form does not show (a password hash, say) is not the form's to set: refused, never
   * saved unseen nor dropped behind a success notice.
   */
  private secretsToApply(params: Params): Params {
    const kept: Params = {};
    for (const [key, value] of Object.entries(params)) {
      if (!this.isSecret(key)) {
        kept[key] = value;
        continue;
      }
      if (value === undefined || value === null || value === '') continue;
      const property = this._decorated?.getPropertyByKey(key.split('.')[0]!);
      if (!property || !property.isVisible('edit')) {
        throw recordError(this.message('auditNotSavedNotInForm', { fields: key }));
      }
      kept[key] = value;
    }
    return kept;
  }

  private recordsWithoutSecrets(records: BaseRecord[]): BaseRecord[] {
    for (const record of records) this.withoutSecrets(record.params);
    return records;
  }

  /**
   * The account every read and write of this resource is confined to: the acting admin's current
   * one. Undefined when the entity has no account property. Refused (never "all accounts") when the
   * entity has one and the action has no admin with an account: code that reads without an action
   * context would otherwise see every account's rows.
   */
  private accountIn(context: ActionContext | undefined): string | undefined {
    const property = this.settings.accountProperty;
    if (!property) return undefined;
    const account = this.settings.accountOf(context?.currentAdmin);
    if (account === undefined) throw new ForbiddenError(this.message('auditNoAccount', { resource: this.name() }));
    return account;
  }

  /** The where condition naming the rows of `account`. */
  private accountCondition(account: string): ObjectLiteral {
    const placement = this.settings.accountProperty!;
    return typeof placement === 'string' ? { [placement]: account } : placement.where(account);
  }

  /**
   * `where` plus the account condition, when this resource is confined to one. A key both name
   * (an account's own row, confined by its id) must meet both: And(), never one over the other.
   */
  private whereInAccount(where: ObjectLiteral, context: ActionContext | undefined): ObjectLiteral {
    const account = this.accountIn(context);
    if (account === undefined) return where;
    const combined: ObjectLiteral = { ...where };
    for (const [key, condition] of Object.entries(this.accountCondition(account))) {
      const asked = combined[key];
      combined[key] = asked === undefined ? condition : And(asked instanceof FindOperator ? asked : Equal(asked), Equal(condition));
    }
    return combined;
  }

  /**
   * The filter with the account condition forced in (any account filter typed into the URL is
   * replaced). The adapter passes a filter entry's `custom` value to TypeORM's where as it is.
   */
  private filterInAccount(filter: Filter | undefined, context: ActionContext | undefined): Filter {
    const account = this.accountIn(context);
    const scoped = filter ?? new Filter({}, this);
    if (account === undefined) return scoped;
    for (const [path, condition] of Object.entries(this.accountCondition(account))) {
      const property = this.property(path);
      if (typeof this.settings.accountProperty === 'string' && !property) {
        throw new Error(`AuditedResource ${this.name()}: the account property "${path}" is not a column of the entity`);
      }
      scoped.filters[path] = { path, property, value: account, custom: condition } as Filter['filters'][string];
    }
    return scoped;
  }

  // `params` is the adapter's own untyped list options.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async find(filter: Filter, params: any, context?: ActionContext): Promise<BaseRecord[]> {
    return this.recordsWithoutSecrets(await super.find(this.filterInAccount(filter, context), params));
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return super.count(this.filterInAccount(filter, context));
  }

  /** An id the primary key column could hold; anything else (a URL or filter typed by hand) finds nothing instead of a database error. */
  private isPossibleId(id: unknown): boolean {
    return couldBeKey(id, primaryKeyType(this.metadata));
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    if (!this.isPossibleId(id)) return null;
    const instance = await this.dataSource.manager.findOneBy(this.entity, this.whereInAccount({ [this.idName()]: id }, context));
    return instance ? this.recordsWithoutSecrets([new BaseRecord(instance, this)])[0]! : null;
  }

  override async findMany(ids: Array<string | number>, context?: ActionContext): Promise<BaseRecord[]> {
    const possible = ids.filter((id) => this.isPossibleId(id));
    if (possible.length === 0) return [];
    const instances = await this.dataSource.manager.findBy(this.entity, this.whereInAccount({ [this.idName()]: In(possible) }, context));
    return this.recordsWithoutSecrets(instances.map((instance) => new BaseRecord(instance, this)));
  }

  private get dataSource(): DataSource {
    return this.settings.dataSource;
  }

  private get metadata(): EntityMetadata {
    return this.dataSource.getMetadata(this.entity);
  }

  private prepare(params: Params): ObjectLiteral {
    return flat.unflatten((this as unknown as AdapterInternals).prepareParams(params));
  }

  /** Runs `work` in one transaction, as the admin in `context`, and turns refusals into panel errors. */
  async transaction<T>(context: ActionContext | undefined, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transactionInAuditScope(this.dataSource, scopeOfAction(context, this.settings.actorOf, this.settings.accountOf), work);
    } catch (error) {
      const placement = this.settings.accountProperty;
      throw toPanelError(error, this.metadata, this.settings.text, typeof placement === 'string' ? placement : undefined);
    }
  }

  private async lockedRow(manager: EntityManager, pk: string | number, context: ActionContext | undefined): Promise<ObjectLiteral | null> {
    if (!this.isPossibleId(pk)) return null;
    return manager.findOne(this.entity, { where: this.whereInAccount({ [this.idName()]: pk }, context), lock: { mode: 'pessimistic_write' } });
  }

  /** A new or edited row stays in the admin's account, whatever the form sent for the account property. */
  private keepInAccount(row: ObjectLiteral, context: ActionContext | undefined): void {
    const account = this.accountIn(context);
    const path = this.settings.accountProperty;
    if (account === undefined || typeof path !== 'string') return;
    const current = row[path];
    row[path] = typeof current === 'number' || this.property(path)?.type() === 'number' ? Number(account) : account;
  }

  override async create(params: Params, context?: ActionContext): Promise<Params> {
    return this.transaction(context, async (manager) => {
      const instance = manager.create(this.entity, this.prepare(params));
      this.keepInAccount(instance, context);
      const saved = await manager.save(instance);
      // TypeORM skips an entity it could not fill (e.g. only unknown fields): never report that as created.
      if (!this.metadata.getEntityIdMap(saved)) {
        throw recordError(this.settings.text('auditNotSavedUnknownFields', { fields: Object.keys(params).join(', ') || '-', resource: this.name() }));
      }
      await this.hooks.afterSave?.(manager, saved, params, context);
      return this.withoutSecrets({ ...saved } as Params);
    });
  }

  override async update(pk: string | number, params: Params = {}, context?: ActionContext): Promise<Params> {
    return this.transaction(context, async (manager) => {
      const instance = await this.lockedRow(manager, pk, context);
      if (!instance) throw new NotFoundError(this.settings.text('auditRecordGone', { resource: this.name(), id: pk }), 'AuditedResource#update');
      Object.assign(instance, this.prepare(this.secretsToApply(params)));
      this.keepInAccount(instance, context);
      const saved = await manager.save(instance);
      await this.hooks.afterSave?.(manager, saved, params, context);
      return this.withoutSecrets({ ...saved } as Params);
    });
  }

  override async delete(pk: string | number, context?: ActionContext): Promise<void> {
    await this.deleteMany([pk], context);
  }

  /** Deletes all or none: one transaction for the whole selection, one entry per record. */
  async deleteMany(pks: Array<string | number>, context?: ActionContext): Promise<void> {
    await this.transaction(context, async (manager) => {
      for (const pk of pks) {
        const instance = await this.lockedRow(manager, pk, context);
        if (!instance) throw new NotFoundError(this.settings.text('auditRecordGone', { resource: this.name(), id: pk }), 'AuditedResource#delete');
        await manager.remove(instance);
      }
    });
  }
}
