// The SQL shapes the list reads with. Building only (plus the transaction that pins a read to one
// index): which shape to use is search-planner.ts's call, running them is the readers'.
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import type { AuditLog } from '../../entity/AuditLog.js';
import { auditLogQuery, SEARCH_FILTER, type AuditFilterValues } from '../audit-log-query.js';
import { monthOfEntrySql, searchPatternOf, searchTextSql } from './search-text.js';
import type { SortDirection } from './search-planner.js';

/**
 * Whether the searched text holds `term` (a SQL expression), ignoring case: what `ILIKE '%term%'`
 * tests (PostgreSQL's ILIKE lower-cases both sides the same way), minus the pattern matching — a
 * plain substring search — and with no wildcard to escape. The indexes cannot serve it: used
 * where the rows come from elsewhere (the window, a walk of the sort index, a re-check of the
 * trigram index's candidates).
 */
export const containsTermSql = (text: string, term: string) => `strpos(lower(${text}), lower(${term})) > 0`;

/** The searched text over alias `log`, as the trigram indexes are keyed (so a planner may read them for it). */
const INDEXED_TEXT = searchTextSql('log');
const MONTH_OF_ENTRY = monthOfEntrySql('log');

/** Planner settings for one transaction: read through indexes only in the named way. */
export const THROUGH_TRIGRAM_INDEX = { enable_seqscan: 'off', enable_indexscan: 'off', enable_indexonlyscan: 'off' };
export const WALKING_SORT_INDEX = { enable_seqscan: 'off', enable_bitmapscan: 'off' };

/** Filter values without empty ones, split into the search term and the rest. */
export function splitFilters(values: AuditFilterValues): { search: string | null; others: AuditFilterValues } {
  const others: AuditFilterValues = {};
  let search: string | null = null;
  for (const [path, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (path === SEARCH_FILTER) {
      const term = String(value).trim();
      if (term) search = term;
    } else others[path] = value;
  }
  return { search, others };
}

/** In list order: by time, ties by id, both the same way (the order every list index ends in). */
export function sorted<T extends SelectQueryBuilder<AuditLog>>(qb: T, direction: SortDirection): T {
  return qb.orderBy('log.occurred_at', direction).addOrderBy('log.id', direction) as T;
}

/** Restricts a query to the entries of one month ('YYYY-MM-01', UTC), a key of the month-keyed trigram index. */
export function inMonth(qb: SelectQueryBuilder<AuditLog>, month: string): SelectQueryBuilder<AuditLog> {
  return qb.andWhere(`${MONTH_OF_ENTRY} = CAST(:month AS timestamp)`, { month });
}

/** Restricts a query to the months after `last` in list order (older when newest first). */
export function beyondMonth(qb: SelectQueryBuilder<AuditLog>, last: string, direction: SortDirection): SelectQueryBuilder<AuditLog> {
  const beyond = direction === 'DESC' ? '<' : '>';
  return qb.andWhere(`${MONTH_OF_ENTRY} ${beyond} CAST(:last AS timestamp)`, { last });
}

/**
 * Entries matching the filters and the search, shaped for a trigram index read of `word`, the
 * term's telltale word (the search window's choice, telltaleWord); null: of the whole term.
 */
export function matchesQuery(dataSource: DataSource, others: AuditFilterValues, search: string, word: string | null): SelectQueryBuilder<AuditLog> {
  if (word === null) return auditLogQuery(dataSource, { ...others, [SEARCH_FILTER]: search });
  // The full term is tested in a form the index cannot serve, so the planner asks GIN for the word only.
  return auditLogQuery(dataSource, others)
    .andWhere(`${INDEXED_TEXT} ILIKE :telltale ESCAPE '\\'`, { telltale: searchPatternOf(word) })
    .andWhere(containsTermSql(INDEXED_TEXT, 'CAST(:search AS text)'), { search: search.trim() });
}

/** Entries matching the filters and the search, tested one by one (a walk of the sort index: no index can serve the test). */
export function walkedQuery(dataSource: DataSource, others: AuditFilterValues, search: string): SelectQueryBuilder<AuditLog> {
  return auditLogQuery(dataSource, others).andWhere(containsTermSql(INDEXED_TEXT, 'CAST(:search AS text)'), { search: search.trim() });
}

/** The newest `size` filtered entries, as a subquery with the columns the search reads. */
export function windowSql(dataSource: DataSource, others: AuditFilterValues, direction: SortDirection, size: number): [string, unknown[]] {
  const qb = sorted(
    auditLogQuery(dataSource, others)
      .select('log.id', 'id')
      .addSelect('log.occurred_at', 'occurred_at')
      .addSelect('log.sentence', 'sentence')
      .addSelect('log.actor_name', 'actor_name')
      .addSelect('log.actor_email', 'actor_email')
      .addSelect('log.target_label', 'target_label'),
    direction,
  ).limit(size);
  return qb.getQueryAndParameters();
}

/** The ids a query selects, run on `manager` (inside a pinned transaction). */
export async function idsOf(qb: SelectQueryBuilder<AuditLog>, manager: EntityManager): Promise<string[]> {
  const [sql, parameters] = qb.getQueryAndParameters();
  return ((await manager.query(sql, parameters)) as Array<{ id: string }>).map((row) => String(row.id));
}

/**
 * Runs `work` in a transaction whose planner may read only in the named way: the list picks the
 * plan from the window's share of matches, which the planner cannot know from a '%term%' pattern.
 */
export function inTransaction<T>(dataSource: DataSource, settings: Record<string, string>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction(async (manager) => {
    const names = Object.keys(settings);
    await manager.query(`SELECT ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, names.flatMap((name) => [name, settings[name]]));
    return work(manager);
  });
}
