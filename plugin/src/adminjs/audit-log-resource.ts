// The Audit Logs resource: reads through auditLogQuery, never writes.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, type Filter } from 'adminjs';
import type { DataSource } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import { filterValuesOf } from './audit-log-query.js';
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

  constructor(dataSource: DataSource, listOptions: AuditLogListOptions = {}) {
    super(AuditLog);
    this.list = new AuditLogList(dataSource, listOptions);
  }

  /** An entry by id, through the plugin's DataSource; an id that cannot be one finds nothing. */
  override async findOne(id: string | number): Promise<BaseRecord | null> {
    if (!couldBeKey(id, 'bigint')) return null;
    const [row] = await this.list.rows([String(id)]);
    return row ? new BaseRecord(row as unknown as Record<string, unknown>, this) : null;
  }

  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    const possible = ids.map(String).filter((id) => couldBeKey(id, 'bigint'));
    const rows = possible.length === 0 ? [] : await this.list.rows(possible);
    return rows.map((row) => new BaseRecord(row as unknown as Record<string, unknown>, this));
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
    throw new Error('auditEntriesReadOnly');
  }

  override async update(): Promise<never> {
    throw new Error('auditEntriesReadOnly');
  }

  override async delete(): Promise<never> {
    throw new Error('auditEntriesReadOnly');
  }
}
