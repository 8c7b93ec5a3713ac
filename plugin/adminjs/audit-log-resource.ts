// The Audit Logs resource: reads through auditLogQuery, never writes.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, type Filter } from 'adminjs';
import { AuditLog } from '../entity/AuditLog.js';
import { auditLogQuery, filterValuesOf } from './audit-log-query.js';

export { SEARCH_FILTER } from './audit-log-query.js';

interface ListParams {
  limit?: number;
  offset?: number;
  sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
}

export class AuditLogResource extends Resource {
  constructor() {
    super(AuditLog);
  }

  private query(filter: Filter) {
    return auditLogQuery(filterValuesOf(filter));
  }

  override async count(filter: Filter): Promise<number> {
    return this.query(filter).getCount();
  }

  override async find(filter: Filter, params: ListParams): Promise<BaseRecord[]> {
    const direction = params.sort?.sortBy === 'occurredAt' && params.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const rows = await this.query(filter)
      .orderBy('log.occurred_at', direction)
      .addOrderBy('log.id', direction)
      .limit(params.limit ?? 10)
      .offset(params.offset ?? 0)
      .getMany();
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
