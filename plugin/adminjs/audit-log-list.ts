// How the Audit Logs list reads a page and a total without scanning millions of rows.
//
// - Total: an exact COUNT(*) is what makes stock lists slow on big tables. With filters we count
//   at most `countCap` rows (the total then reads "countCap"); with no filter at all we use the
//   planner's row estimate once the table is bigger than the cap.
// - Page: ids first (an index-only walk of the index that ends in the sort), then the rows by id,
//   so a deep OFFSET skips index entries, not table rows.
// - Search: a substring search that matches often is answered fastest by walking the newest
//   entries and testing each; one that matches rarely (or never) makes that walk read the whole
//   table. So we first test only the newest `searchWindow` entries (cheap, bounded), and when they
//   do not fill the page we ask the trigram index for every match and sort those (cheap, because
//   then matches are few).
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import { AUDIT_SEARCH_EXPRESSION } from '../migration/create-audit-log.js';
import { auditLogQuery, searchPatternOf, SEARCH_FILTER, type AuditFilterValues } from './audit-log-query.js';

export interface AuditLogListOptions {
  /** Filtered totals are counted up to this many rows (and shown as this number beyond it). */
  countCap?: number;
  /** How many of the newest entries a search tests before it asks the trigram index. */
  searchWindow?: number;
}

export const DEFAULT_LIST_COUNT_CAP = 10_000;
export const DEFAULT_SEARCH_WINDOW = 5_000;

export type SortDirection = 'ASC' | 'DESC';

export interface PageRequest {
  limit: number;
  offset: number;
  direction: SortDirection;
}

/** Filter values without empty ones, split into the search term and the rest. */
function splitFilters(values: AuditFilterValues): { search: string | null; others: AuditFilterValues } {
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

/** The search test over a window subquery's columns (named as in the table). */
const WINDOW_MATCH = `${AUDIT_SEARCH_EXPRESSION} ILIKE`;

function sorted<T extends SelectQueryBuilder<AuditLog>>(qb: T, direction: SortDirection): T {
  return qb.orderBy('log.occurred_at', direction).addOrderBy('log.id', direction) as T;
}

export class AuditLogList {
  readonly countCap: number;
  readonly searchWindow: number;

  constructor(options: AuditLogListOptions = {}) {
    this.countCap = options.countCap ?? DEFAULT_LIST_COUNT_CAP;
    this.searchWindow = options.searchWindow ?? DEFAULT_SEARCH_WINDOW;
    for (const [name, value] of Object.entries({ countCap: this.countCap, searchWindow: this.searchWindow })) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`AuditLogList: ${name} must be a whole number ≥ 1 (got ${value})`);
    }
  }

  private get dataSource(): DataSource {
    return AuditLog.getRepository().manager.connection;
  }

  /** The list's total: exact up to the cap; beyond it the cap (filters) or the planner's estimate (no filter). */
  async count(values: AuditFilterValues): Promise<number> {
    const { search, others } = splitFilters(values);
    const hasFilters = Object.keys(others).length > 0;
    if (search === null) {
      if (!hasFilters) {
        const estimate = await this.estimatedRows();
        if (estimate !== null && estimate > this.countCap) return estimate;
      }
      return this.cappedCount(auditLogQuery(others));
    }

    const window = await this.windowMatches(others, search);
    // The window held every filtered row: its count is exact.
    if (window.seen < this.searchWindow) return window.matched;
    const population = hasFilters ? await this.cappedCount(auditLogQuery(others)) : (await this.estimatedRows()) ?? this.countCap;
    // Frequent in the newest entries: there are more than the cap; counting them would read most of the table.
    if ((window.matched / window.seen) * population >= this.countCap) return this.countCap;
    return this.dataSource.transaction((manager) => this.withTrigramIndex(manager, () => this.cappedCount(auditLogQuery(values), manager)));
  }

  /** Ids of one page, in list order. */
  async pageIds(values: AuditFilterValues, page: PageRequest): Promise<string[]> {
    const { search, others } = splitFilters(values);
    if (search === null) {
      const qb = sorted(auditLogQuery(others).select('log.id', 'id'), page.direction).limit(page.limit).offset(page.offset);
      return (await qb.getRawMany<{ id: string }>()).map((row) => String(row.id));
    }
    const fromWindow = await this.pageFromWindow(others, search, page);
    if (fromWindow.length === page.limit) return fromWindow;
    return this.dataSource.transaction((manager) =>
      this.withTrigramIndex(manager, async () => {
        const qb = sorted(auditLogQuery(values).select('log.id', 'id'), page.direction).limit(page.limit).offset(page.offset);
        const [sql, parameters] = qb.getQueryAndParameters();
        return ((await manager.query(sql, parameters)) as Array<{ id: string }>).map((row) => String(row.id));
      }),
    );
  }

  /** Rows for `ids`, in the order of `ids`. */
  async rows(ids: string[]): Promise<AuditLog[]> {
    if (ids.length === 0) return [];
    const rows = await AuditLog.createQueryBuilder('log').where('log.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    return ids.map((id) => byId.get(id)).filter((row): row is AuditLog => row !== undefined);
  }

  /** The newest `searchWindow` filtered entries, as a subquery with the columns the search reads. */
  private windowSql(others: AuditFilterValues, direction: SortDirection): [string, unknown[]] {
    const qb = sorted(
      auditLogQuery(others)
        .select('log.id', 'id')
        .addSelect('log.occurred_at', 'occurred_at')
        .addSelect('log.sentence', 'sentence')
        .addSelect('log.actor_name', 'actor_name')
        .addSelect('log.actor_email', 'actor_email')
        .addSelect('log.target_label', 'target_label'),
      direction,
    ).limit(this.searchWindow);
    return qb.getQueryAndParameters();
  }

  private async windowMatches(others: AuditFilterValues, search: string): Promise<{ seen: number; matched: number }> {
    const [sql, parameters] = this.windowSql(others, 'DESC');
    const rows = (await this.dataSource.query(
      `SELECT count(*) AS seen, count(*) FILTER (WHERE ${WINDOW_MATCH} $${parameters.length + 1} ESCAPE '\\') AS matched FROM (${sql}) w`,
      [...parameters, searchPatternOf(search)],
    )) as Array<{ seen: string; matched: string }>;
    return { seen: Number(rows[0]?.seen ?? 0), matched: Number(rows[0]?.matched ?? 0) };
  }

  private async pageFromWindow(others: AuditFilterValues, search: string, page: PageRequest): Promise<string[]> {
    // A page that starts past the window cannot come from it.
    if (page.offset + page.limit > this.searchWindow) return [];
    const [sql, parameters] = this.windowSql(others, page.direction);
    const n = parameters.length;
    const rows = (await this.dataSource.query(
      `SELECT id FROM (${sql}) w WHERE ${WINDOW_MATCH} $${n + 1} ESCAPE '\\'
       ORDER BY occurred_at ${page.direction}, id ${page.direction} LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...parameters, searchPatternOf(search), page.limit, page.offset],
    )) as Array<{ id: string }>;
    return rows.map((row) => String(row.id));
  }

  /**
   * Runs `work` with the planner told to read matches through the trigram index (a bitmap scan)
   * rather than walk the sort index: we only get here when the matches are few, which the
   * planner cannot know from a '%term%' pattern.
   */
  private async withTrigramIndex<T>(manager: EntityManager, work: () => Promise<T>): Promise<T> {
    await manager.query(`SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)`);
    return work();
  }

  private async cappedCount(qb: SelectQueryBuilder<AuditLog>, manager?: EntityManager): Promise<number> {
    const [sql, parameters] = qb.select('1').limit(this.countCap).getQueryAndParameters();
    const rows = (await (manager ?? this.dataSource).query(`SELECT count(*) AS n FROM (${sql}) capped`, parameters)) as Array<{ n: string }>;
    return Number(rows[0]?.n ?? 0);
  }

  /** The planner's row estimate for the whole table (scaled to its current size), or null before the first ANALYZE. */
  private async estimatedRows(): Promise<number | null> {
    const table = AuditLog.getRepository().metadata.tablePath;
    const rows = (await this.dataSource.query(
      `SELECT c.reltuples::float8 AS tuples, c.relpages::float8 AS pages,
              pg_relation_size(c.oid)::float8 / current_setting('block_size')::float8 AS current_pages
       FROM pg_class c WHERE c.oid = to_regclass($1)`,
      [table],
    )) as Array<{ tuples: number; pages: number; current_pages: number }>;
    const stats = rows[0];
    if (!stats || stats.tuples < 0 || stats.pages <= 0) return null;
    return Math.round((stats.tuples / stats.pages) * stats.current_pages);
  }
}
