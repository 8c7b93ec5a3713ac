// "Audit Deliveries": where each entry stands with each sink (pending, retrying with the last
// error, delivered), for those the host lets read it. Read-only: every writing action is refused by the
// API, not only hidden; the worker alone changes delivery state.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, Filter, type ActionContext, type CurrentAdmin, type ResourceOptions } from 'adminjs';
import { AuditDelivery } from '../entity/AuditDelivery.js';
import { requiredAccount, type AccountResolver } from './action-scope.js';
import { couldBeKey } from './possible-key.js';
import { auditLocaleEn } from '../locale/en.js';
import { REFUSED_ACTION } from './refused-action.js';

export interface AuditDeliveryResourceOptions {
  /** Who may see delivery state. */
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  navigation?: ResourceOptions['navigation'];
  /** Hosts with accounts: an administrator sees only their current account's deliveries. */
  accountOf?: AccountResolver;
}

/**
 * With accounts, every read is confined to the reader's current account (the outbox row keeps its
 * entry's account), whatever the URL filters; a reader with no account reads nothing. Deliveries
 * of the global chain's entries belong to no account, so only a host without accounts shows them.
 */
export class AuditDeliveryResource extends Resource {
  constructor(private readonly accountOf?: AccountResolver) {
    super(AuditDelivery);
  }

  private accountIn(context: ActionContext | undefined): string | undefined {
    return this.accountOf ? requiredAccount(this.accountOf, context?.currentAdmin) : undefined;
  }

  /** The filter with the account forced in: the adapter passes `custom` to TypeORM's where as it is (an equality, not a text search). */
  private confined(filter: Filter | undefined, context: ActionContext | undefined): Filter {
    const scoped = filter ?? new Filter({}, this);
    const account = this.accountIn(context);
    if (account === undefined) return scoped;
    scoped.filters.accountId = { path: 'accountId', property: this.property('accountId'), value: account, custom: account } as Filter['filters'][string];
    return scoped;
  }

  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return super.count(this.confined(filter, context));
  }

  // `params` is the adapter's own untyped list options.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override async find(filter: Filter, params: any, context?: ActionContext): Promise<BaseRecord[]> {
    return super.find(this.confined(filter, context), params);
  }

  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    if (!couldBeKey(id, 'bigint')) return null;
    const account = this.accountIn(context);
    const record = await super.findOne(id);
    return record && (account === undefined || record.get('accountId') === account) ? record : null;
  }

  override async findMany(ids: Array<string | number>, context?: ActionContext): Promise<BaseRecord[]> {
    const account = this.accountIn(context);
    const records = await super.findMany(ids.filter((id) => couldBeKey(id, 'bigint')));
    return account === undefined ? records : records.filter((record) => record.get('accountId') === account);
  }
}


export function auditDeliveryResource(options: AuditDeliveryResourceOptions): { resource: AuditDeliveryResource; options: ResourceOptions } {
  const readable = ({ currentAdmin }: { currentAdmin?: CurrentAdmin }) => options.canRead(currentAdmin);
  return {
    resource: new AuditDeliveryResource(options.accountOf),
    options: {
      id: 'AuditDelivery',
      navigation: options.navigation,
      sort: { sortBy: 'id', direction: 'desc' },
      listProperties: ['entryId', 'sink', 'state', 'attempts', 'lastError', 'nextAttemptAt', 'deliveredAt'],
      filterProperties: ['sink', 'state', 'entryId', 'eventId', 'createdAt', 'deliveredAt'],
      showProperties: ['id', 'entryId', 'eventId', 'sink', 'state', 'attempts', 'lastError', 'createdAt', 'lastAttemptAt', 'nextAttemptAt', 'leasedUntil', 'deliveredAt'],
      properties: {
        state: { availableValues: ['pending', 'retrying', 'delivered'].map((value) => ({ value, label: value })) },
        lastError: { type: 'textarea' },
      },
      actions: {
        list: { isAccessible: readable, isVisible: readable },
        show: { isAccessible: readable, isVisible: readable },
        search: { isAccessible: readable, isVisible: readable },
        new: REFUSED_ACTION,
        edit: REFUSED_ACTION,
        delete: REFUSED_ACTION,
        bulkDelete: REFUSED_ACTION,
      },
    },
  };
}

/**
 * English texts of the Audit Deliveries resource, the same as `auditLocaleEn.resources.AuditDelivery`;
 * kept for hosts that merge only these into their `resources` translations.
 */
export const auditDeliveryTranslations = { AuditDelivery: auditLocaleEn.resources.AuditDelivery };
