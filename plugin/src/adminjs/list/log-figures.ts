// The figures the planner weighs, read as cheaply as each can be: a capped count, PostgreSQL's
// own row estimates (no rows read), the span of months the log covers.
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../../entity/AuditLog.js';
import { monthsBetween, type SortDirection } from './search-planner.js';
import { ACCOUNT_FILTER, AccountScope, type AuditFilterValues } from '../audit-log-query.js';

/** Rows a query selects, counted up to `cap` (an exact COUNT(*) is what makes stock lists slow on big tables). */
export async function cappedCount(qb: SelectQueryBuilder<AuditLog>, cap: number, runner: DataSource | EntityManager): Promise<number> {
  const [sql, parameters] = qb.select('1').limit(cap).getQueryAndParameters();
  const rows = (await runner.query(`SELECT count(*) AS n FROM (${sql}) capped`, parameters)) as Array<{ n: string }>;
  return Number(rows[0]?.n ?? 0);
}

/** The planner's row estimate for a query (no rows read). */
export async function plannedRows(qb: SelectQueryBuilder<AuditLog>, manager: EntityManager): Promise<number> {
  const [sql, parameters] = qb.select('1').getQueryAndParameters();
  const rows = (await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>;
  return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
}

/** The planner's row estimate for the whole table (scaled to its current size), or null before the first ANALYZE. */
export async function estimatedRows(dataSource: DataSource): Promise<number | null> {
  const table = dataSource.getRepository(AuditLog).metadata.tablePath;
  const rows = (await dataSource.query(
    `SELECT c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
              pg_relation_size(c.oid)::float8 / current_setting('block_size')::float8 AS current_pages
       FROM pg_class c WHERE c.oid = to_regclass($1)`,
    [table],
  )) as Array<{ tuples: number; pages: number; current_pages: number }>;
  const stats = rows[0];
  if (!stats || stats.tuples < 0 || stats.pages <= 0) return null;
  return Math.round((stats.tuples / stats.pages) * stats.current_pages);
}

/**
 * Every calendar month (UTC) from the newest entry's to the oldest's, as 'YYYY-MM-01', in list
 * order: of the filters' account when they name one (with accounts the time index leads with the
 * account, so the whole log's span would be a read of every entry).
 */
export async function monthsOfLog(dataSource: DataSource, direction: SortDirection, filters: AuditFilterValues = {}): Promise<string[]> {
  const scope = filters[ACCOUNT_FILTER];
  const account = scope instanceof AccountScope ? scope.accountId : null;
  const rows = (await dataSource.query(
    `SELECT to_char(date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS oldest,
              to_char(date_trunc('month', max(occurred_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS newest
       FROM ${dataSource.getRepository(AuditLog).metadata.tablePath}${account === null ? '' : ' WHERE account_id = $1'}`,
    account === null ? [] : [account],
  )) as Array<{ oldest: string | null; newest: string | null }>;
  const { oldest, newest } = rows[0] ?? { oldest: null, newest: null };
  return monthsBetween(oldest, newest, direction);
}
