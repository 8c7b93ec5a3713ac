// The Audit Logs resource: reads through auditLogQuery, never writes.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, type Filter } from 'adminjs';
import { AuditLog } from '../entity/AuditLog.js';
import { filterValuesOf } from './audit-log-query.js';
import { AuditLogList, type AuditLogListOptions } from './audit-log-list.js';

export { SEARCH_FILTER } from './audit-log-query.js';

interface ListParams {
  limit?: number;
  offset?: number;
  sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
}

export class AuditLogResource extends Resource {
  private readonly list: AuditLogList;

  constructor(listOptions: AuditLogListOptions = {}) {
    super(AuditLog);
    this.list = new AuditLogList(listOptions);
  }

  /** Exact up to the list's count cap; beyond it an estimate (see AuditLogList). */
  override async count(filter: Filter): Promise<number> {
    return this.list.count(filterValuesOf(filter));
  }

  override async find(filter: Filter, params: ListParams): Promise<BaseRecord[]> {
    const direction = params.sort?.sortBy === 'occurredAt' && params.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const ids = await this.list.pageIds(filterValuesOf(filter), { limit: params.limit ?? 10, offset: params.offset ?? 0, direction });
    const rows = await this.list.rows(ids);
    return rows.map((row) => new BaseRecord(row as unknown as Record<string, unknown>, this));
  }

  // Entries are written only by the audit writer; the panel can never create, change or remove one.
  override async create(): Promise<never> {
    throw new Error('Audit entries are read-only');
  }

  override async update(): Promise<never> {
    throw new Error('Audit entries are read-only');
  }

  override async delete(): Promise<never> {
    throw new Error('Audit entries are read-only');
  }
}
