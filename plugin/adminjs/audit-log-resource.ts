// The Audit Logs list and filters, read from audit_logs with the queries its indexes were made
// for: equality for keys and ids (not the adapter's LIKE), prefix for IPs, a trigram-indexed
// case-insensitive search, newest first with ties broken by id.
import { Resource } from '@adminjs/typeorm';
import { BaseRecord, type Filter } from 'adminjs';
import type { SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import { AUDIT_SEARCH_EXPRESSION } from '../migration/create-audit-log.js';

/** Name of the virtual filter field that searches sentence, actor and target label. */
export const SEARCH_FILTER = 'search';

const EXACT_FILTERS = {
  actorId: 'log.actor_id',
  category: 'log.category',
  action: 'log.action',
  targetType: 'log.target_type',
  targetId: 'log.target_id',
  requestId: 'log.request_id',
} as const;

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

interface ListParams {
  limit?: number;
  offset?: number;
  sort?: { sortBy?: string; direction?: 'asc' | 'desc' };
}

export class AuditLogResource extends Resource {
  constructor() {
    super(AuditLog);
  }

  private query(filter: Filter): SelectQueryBuilder<AuditLog> {
    const qb = AuditLog.createQueryBuilder('log');
    for (const { path, value } of Object.values(filter.filters)) {
      if (value === undefined || value === null || value === '') continue;
      if (path in EXACT_FILTERS) {
        qb.andWhere(`${EXACT_FILTERS[path as keyof typeof EXACT_FILTERS]} = :${path}`, { [path]: String(value) });
      } else if (path === 'ip') {
        qb.andWhere(`log.ip LIKE :ip ESCAPE '\\'`, { ip: `${escapeLike(String(value).trim())}%` });
      } else if (path === SEARCH_FILTER) {
        qb.andWhere(`${AUDIT_SEARCH_EXPRESSION.replace(/\b(sentence|actor_name|actor_email|target_label)\b/g, 'log.$1')} ILIKE :search ESCAPE '\\'`, {
          search: `%${escapeLike(String(value).trim())}%`,
        });
      } else if (path === 'occurredAt' && typeof value === 'object') {
        const { from, to } = value as { from?: string; to?: string };
        if (from) qb.andWhere('log.occurred_at >= :from', { from: new Date(from) });
        if (to) qb.andWhere('log.occurred_at <= :to', { to: new Date(to) });
      }
    }
    return qb;
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
