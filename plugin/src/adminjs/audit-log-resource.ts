// The Audit Logs resource: reads through auditLogQuery, never writes.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, type ActionContext, type CurrentAdmin, type Filter } from 'adminjs';
import type { DataSource } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import { ACCOUNT_FILTER, AccountScope, filterValuesOf, type AuditFilterValues } from './audit-log-query.js';
import { requiredAccount, type AccountResolver } from './action-scope.js';
import { AuditLogList, type AuditLogListOptions } from './audit-log-list.js';
import { couldBeKey } from './possible-key.js';

export { SEARCH_FILTER } from './audit-log-query.js';

interface ListParams {
  limit?: number;
  offset?: number;
  sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
}

export class AuditLogResource extends Resource {
  private readonly list: AuditLogList;

  /**
   * `accountOf` (hosts with accounts): every read is confined to the reader's current account, and
   * a reader with none reads nothing.
   */
  constructor(dataSource: DataSource, listOptions: AuditLogListOptions = {}, private readonly accountOf?: AccountResolver) {
    super(AuditLog);
    this.list = new AuditLogList(dataSource, listOptions);
  }

  /** The account `admin` may read, or undefined when the log has no accounts; refused for an admin with none. */
  accountScope(admin: CurrentAdmin | undefined): AccountScope | undefined {
    return this.accountOf ? new AccountScope(requiredAccount(this.accountOf, admin)) : undefined;
  }

  /** `values` confined to `admin`'s account (when the log has accounts). */
  confined(values: AuditFilterValues, admin: CurrentAdmin | undefined): AuditFilterValues {
    const scope = this.accountScope(admin);
    return scope ? { ...values, [ACCOUNT_FILTER]: scope } : values;
  }

  /** An entry by id, through the plugin's DataSource; an id that cannot be one (or is another account's) finds nothing. */
  override async findOne(id: string | number, context?: ActionContext): Promise<BaseRecord | null> {
    if (!couldBeKey(id, 'bigint')) return null;
    const [row] = await this.list.rows([String(id)], this.accountScope(context?.currentAdmin));
    return row ? new BaseRecord(row as unknown as Record<string, unknown>, this) : null;
  }

  override async findMany(ids: Array<string | number>, context?: ActionContext): Promise<BaseRecord[]> {
    const possible = ids.map(String).filter((id) => couldBeKey(id, 'bigint'));
    const rows = possible.length === 0 ? [] : await this.list.rows(possible, this.accountScope(context?.currentAdmin));
    return rows.map((row) => new BaseRecord(row as unknown as Record<string, unknown>, this));
  }

  /** Exact up to the list's count cap; beyond it an estimate (see AuditLogList). */
  override async count(filter: Filter, context?: ActionContext): Promise<number> {
    return this.list.count(this.confined(filterValuesOf(filter), context?.currentAdmin));
  }

  override async find(filter: Filter, params: ListParams, context?: ActionContext): Promise<BaseRecord[]> {
    const direction = params.sort?.sortBy === 'occurredAt' && params.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const values = this.confined(filterValuesOf(filter), context?.currentAdmin);
    const ids = await this.list.pageIds(values, { limit: params.limit ?? 10, offset: params.offset ?? 0, direction });
    const rows = await this.list.rows(ids, this.accountScope(context?.currentAdmin));
    return rows.map((row) => new BaseRecord(row as unknown as Record<string, unknown>, this));
  }

  // Entries are written only by the audit writer; the panel can never create, change or remove one.
  override async create(): Promise<never> {
    throw new Error('auditEntriesReadOnly');
  }

  override async update(): Promise<never> {
    throw new Error('auditEntriesReadOnly');
  }

  override async delete(): Promise<never> {
    throw new Error('auditEntriesReadOnly');
  }
}
