// How the Audit Logs list reads a page and a total without scanning millions of rows.
//
// - Total: an exact COUNT(*) is what makes stock lists slow on big tables. With filters we count
//   at most `countCap` rows (the total then reads "countCap"); with no filter at all we use the
//   planner's row estimate once the table is bigger than the cap.
// - Page: ids first (an index-only walk of the index that ends in the sort), then the rows by id,
//   so a deep OFFSET skips index entries, not table rows.
// - Search: a substring search that matches often is answered fastest by walking the newest
//   entries and testing each; one that matches rarely (or never) makes that walk read the whole
//   table. So we first test only the newest `searchWindow` entries (cheap, bounded). When they do
//   not fill the page, the share of matches among them says which way is cheaper: keep walking
//   (frequent term, deep page) or ask the trigram index for every match and sort those (rare term).
//   The index is asked month by month, newest first (a month-keyed trigram index), until the page
//   is full, so a first page re-checks one month's matches in the table, not two years'; and it is
//   asked for the term's most telling word only (the full term is then checked on
//   those rows): GIN intersects the posting lists of every trigram in the pattern, and a long term
//   such as an email holds trigrams ("acc", "exa") that nearly every entry has — 1 s at 10 M rows
//   for the whole email, 15 ms for its distinctive word.
//   A term the window does not hold at all (its share unknown: few matches, or many but none
//   lately) is asked for in the newest few months one by one, then in one read of the rest.
// - The search total is exact while the window holds every filtered entry; beyond it, it is the
//   window's share of matches times the number of entries (capped). When the window holds no match
//   at all, the newest few months are counted one by one: with enough matches there, their share
//   among those months' entries times the number of entries; otherwise a capped count through the
//   trigram index (re-checking 8 k matches in the table for an exact count took 70 ms).
import type { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import { AUDIT_SEARCH_EXPRESSION } from '../migration/create-audit-log.js';
import { AUDIT_MONTH_EXPRESSION } from '../migration/add-audit-search-by-month.js';
import { auditLogQuery, searchPatternOf, SEARCH_FILTER, type AuditFilterValues } from './audit-log-query.js';

export interface AuditLogListOptions {
  /** Filtered totals are counted up to this many rows (and shown as this number beyond it). */
  countCap?: number;
  /** How many of the newest entries a search tests before it asks the trigram index. */
  searchWindow?: number;
  /** Below this many entries to walk for a page, a search walks rather than asks the index (tuning; tests). */
  walkBudget?: number;
  /** What one re-check of an index match costs, in walk steps (tuning; tests set 0 to always use the index). */
  recheckCost?: number;
  /** Matches counted in the newest months from which a term absent from the window gets an estimated total (tuning; tests). */
  estimateFrom?: number;
}

export const DEFAULT_LIST_COUNT_CAP = 10_000;
export const DEFAULT_SEARCH_WINDOW = 5_000;
/**
 * Walking the sort index tests about need / share entries for a page; the trigram index rechecks
 * every match (share × entries), each recheck a random table read costing a few walk steps. Below
 * this many entries to walk, walking wins whatever the index would do.
 */
const WALK_BUDGET = 10_000;
// Measured at 10 M entries: 50 k walk steps ≈ 80 ms, 8.3 k rechecks ≈ 40 ms warm.
const RECHECK_COST_IN_WALK_STEPS = 5;
/** For a term the window does not hold: how many of the newest months are asked one by one (each a cheap index read). */
const PROBED_MONTHS = 3;
/** Matches counted in those months from which their share is a good enough estimate of the total. */
const ESTIMATE_FROM_MATCHES = 200;
/** find and count run back to back for one list request: count reuses find's window for this long. */
const WINDOW_STATS_TTL_MS = 3_000;

interface WindowStats {
  seen: number;
  matched: number;
}

/**
 * The word of a search term the trigram index narrows best to: the longest, with digits counting
 * extra (rare in sentences, common in emails and labels). Null when the term is that word already
 * or has no word of three characters (pg_trgm cannot use the index for those).
 */
export function telltaleWord(term: string): string | null {
  const words = term.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
  if (words.length === 0) return null;
  const score = (word: string) => word.length + (/\p{N}/u.test(word) ? 3 : 0);
  const best = words.reduce((top, word) => (score(word) > score(top) ? word : top));
  return best === term.trim() ? null : best;
}

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
/** The searched text over alias `log`: as indexed, and in a form the planner cannot match to the index. */
const INDEXED_TEXT = AUDIT_SEARCH_EXPRESSION.replace(/\b(sentence|actor_name|actor_email|target_label)\b/g, 'log.$1');
const UNINDEXED_TEXT = `(${INDEXED_TEXT} || '')`;
const MONTH_OF_ENTRY = AUDIT_MONTH_EXPRESSION.replace('occurred_at', 'log.occurred_at');

/** Planner settings for one transaction: read through indexes only in the named way. */
const THROUGH_TRIGRAM_INDEX = { enable_seqscan: 'off', enable_indexscan: 'off', enable_indexonlyscan: 'off' };
const WALKING_SORT_INDEX = { enable_seqscan: 'off', enable_bitmapscan: 'off' };

/** Restricts a query to the entries of one month ('YYYY-MM-01', UTC), a key of the month-keyed trigram index. */
function inMonth(qb: SelectQueryBuilder<AuditLog>, month: string): SelectQueryBuilder<AuditLog> {
  return qb.andWhere(`${MONTH_OF_ENTRY} = CAST(:month AS timestamp)`, { month });
}

function sorted<T extends SelectQueryBuilder<AuditLog>>(qb: T, direction: SortDirection): T {
  return qb.orderBy('log.occurred_at', direction).addOrderBy('log.id', direction) as T;
}

export class AuditLogList {
  readonly countCap: number;
  readonly searchWindow: number;
  readonly walkBudget: number;
  readonly recheckCost: number;
  readonly estimateFrom: number;

  constructor(
    private readonly dataSource: DataSource,
    options: AuditLogListOptions = {},
  ) {
    this.countCap = options.countCap ?? DEFAULT_LIST_COUNT_CAP;
    this.searchWindow = options.searchWindow ?? DEFAULT_SEARCH_WINDOW;
    this.walkBudget = options.walkBudget ?? WALK_BUDGET;
    this.recheckCost = options.recheckCost ?? RECHECK_COST_IN_WALK_STEPS;
    this.estimateFrom = options.estimateFrom ?? ESTIMATE_FROM_MATCHES;
    for (const [name, value] of Object.entries({ countCap: this.countCap, searchWindow: this.searchWindow })) {
      if (!Number.isInteger(value) || value < 1) throw new Error(`AuditLogList: ${name} must be a whole number ≥ 1 (got ${value})`);
    }
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
      return this.cappedCount(auditLogQuery(this.dataSource, others));
    }

    const window = await this.windowStats(others, search);
    // The window held every filtered row: its count is exact.
    if (window.seen < this.searchWindow) return window.matched;
    if (window.matched === 0) return this.countAbsentFromWindow(others, search);
    const population = hasFilters ? await this.cappedCount(auditLogQuery(this.dataSource, others)) : (await this.estimatedRows()) ?? this.countCap;
    return Math.min(this.countCap, Math.round((window.matched / window.seen) * population));
  }

  /** Ids of one page, in list order. */
  async pageIds(values: AuditFilterValues, page: PageRequest): Promise<string[]> {
    const { search, others } = splitFilters(values);
    if (search === null) {
      const qb = sorted(auditLogQuery(this.dataSource, others).select('log.id', 'id'), page.direction).limit(page.limit).offset(page.offset);
      return (await qb.getRawMany<{ id: string }>()).map((row) => String(row.id));
    }
    const need = page.offset + page.limit;
    // Counted once per request: count() reuses these figures.
    const window = await this.windowStats(others, search);
    // The window holds every filtered row, or (newest first) enough matches for this page.
    if (window.seen < this.searchWindow || (page.direction === 'DESC' && window.matched >= need)) return this.pageFromWindow(others, search, page);
    // A term the window does not hold: its share is unknown (see the top of this file).
    if (window.matched === 0) return this.pageByMonth(others, search, page, PROBED_MONTHS);
    const share = window.matched / window.seen;
    const entries = (await this.estimatedRows()) ?? this.countCap;
    const walk = need / share <= Math.max(this.walkBudget, this.recheckCost * share * entries);
    // Month by month pays while the page ends well before the last match; a page near or past
    // the end would visit every month, so then one index read of all matches is cheaper.
    const byMonth = !walk && need * 4 <= share * entries;
    if (!byMonth) {
      // Walking (a frequent term), or a late page: one query.
      return this.inTransaction(walk ? WALKING_SORT_INDEX : THROUGH_TRIGRAM_INDEX, async (manager) => {
        const qb = sorted((walk ? auditLogQuery(this.dataSource, { ...others, [SEARCH_FILTER]: search }) : this.matchesQuery(others, search)).select('log.id', 'id'), page.direction)
          .limit(page.limit)
          .offset(page.offset);
        const [sql, parameters] = qb.getQueryAndParameters();
        return ((await manager.query(sql, parameters)) as Array<{ id: string }>).map((row) => String(row.id));
      });
    }
    return this.pageByMonth(others, search, page);
  }

  /**
   * Matches month by month in list order until `offset + limit` are found; months do not overlap,
   * so their concatenation is in order. After `probe` months, the months left are read at once:
   * one index read of the term, filtered to those months (a month range is no index key for GIN,
   * only a month is).
   */
  private async pageByMonth(others: AuditFilterValues, search: string, page: PageRequest, probe = Infinity): Promise<string[]> {
    const need = page.offset + page.limit;
    const months = await this.months(page.direction);
    const probed = months.slice(0, probe);
    const ids = async (qb: SelectQueryBuilder<AuditLog>, manager: EntityManager, limit: number) => {
      const [sql, parameters] = sorted(qb.select('log.id', 'id'), page.direction).limit(limit).getQueryAndParameters();
      return ((await manager.query(sql, parameters)) as Array<{ id: string }>).map((row) => String(row.id));
    };
    return this.inTransaction(THROUGH_TRIGRAM_INDEX, async (manager) => {
      const found: string[] = [];
      for (const month of probed) {
        found.push(...(await ids(inMonth(this.matchesQuery(others, search), month), manager, need - found.length)));
        if (found.length >= need) return found.slice(page.offset, need);
      }
      const last = probed[probed.length - 1];
      if (last !== undefined && probed.length < months.length) {
        const beyond = page.direction === 'DESC' ? '<' : '>';
        found.push(...(await ids(this.matchesQuery(others, search).andWhere(`${MONTH_OF_ENTRY} ${beyond} CAST(:last AS timestamp)`, { last }), manager, need - found.length)));
      }
      return found.slice(page.offset, need);
    });
  }

  /** The total of a term the window does not hold (see the top of this file). */
  private async countAbsentFromWindow(others: AuditFilterValues, search: string): Promise<number> {
    const probed = (await this.months('DESC')).slice(0, PROBED_MONTHS);
    return this.inTransaction(THROUGH_TRIGRAM_INDEX, async (manager) => {
      let matches = 0;
      let entries = 0;
      for (const month of probed) {
        matches += await this.cappedCount(inMonth(this.matchesQuery(others, search), month), manager);
        entries += await this.plannedRows(inMonth(auditLogQuery(this.dataSource, others), month), manager);
        if (matches >= this.estimateFrom) break;
      }
      if (matches >= this.estimateFrom && entries > 0) {
        const all = await this.plannedRows(auditLogQuery(this.dataSource, others), manager);
        return Math.min(this.countCap, Math.max(matches, Math.round((matches / entries) * all)));
      }
      return this.cappedCount(this.matchesQuery(others, search), manager);
    });
  }

  /** The planner's row estimate for a query (no rows read). */
  private async plannedRows(qb: SelectQueryBuilder<AuditLog>, manager: EntityManager): Promise<number> {
    const [sql, parameters] = qb.select('1').getQueryAndParameters();
    const rows = (await manager.query(`EXPLAIN (FORMAT JSON) ${sql}`, parameters)) as Array<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>;
    return rows[0]?.['QUERY PLAN'][0]?.Plan['Plan Rows'] ?? 0;
  }

  /** Every calendar month (UTC) from the newest entry's to the oldest's, as 'YYYY-MM-01', in list order. */
  private async months(direction: SortDirection): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT to_char(date_trunc('month', min(occurred_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS oldest,
              to_char(date_trunc('month', max(occurred_at) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS newest
       FROM ${this.dataSource.getRepository(AuditLog).metadata.tablePath}`,
    )) as Array<{ oldest: string | null; newest: string | null }>;
    const { oldest, newest } = rows[0] ?? { oldest: null, newest: null };
    if (!oldest || !newest) return [];
    const months: string[] = [];
    const cursor = new Date(`${oldest}T00:00:00Z`);
    const last = new Date(`${newest}T00:00:00Z`);
    while (cursor <= last) {
      months.push(cursor.toISOString().slice(0, 10));
      cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    }
    return direction === 'DESC' ? months.reverse() : months;
  }

  /** Entries matching the filters and the search, shaped for a trigram index read of the term's telltale word. */
  private matchesQuery(others: AuditFilterValues, search: string): SelectQueryBuilder<AuditLog> {
    const word = telltaleWord(search);
    if (word === null) return auditLogQuery(this.dataSource, { ...others, [SEARCH_FILTER]: search });
    return auditLogQuery(this.dataSource, others)
      .andWhere(`${INDEXED_TEXT} ILIKE :telltale ESCAPE '\\'`, { telltale: searchPatternOf(word) })
      .andWhere(`${UNINDEXED_TEXT} ILIKE :search ESCAPE '\\'`, { search: searchPatternOf(search) });
  }

  /** Rows for `ids`, in the order of `ids`. */
  async rows(ids: string[]): Promise<AuditLog[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.getRepository(AuditLog).createQueryBuilder('log').where('log.id IN (:...ids)', { ids }).getMany();
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    return ids.map((id) => byId.get(id)).filter((row): row is AuditLog => row !== undefined);
  }

  /** The newest `searchWindow` filtered entries, as a subquery with the columns the search reads. */
  private windowSql(others: AuditFilterValues, direction: SortDirection): [string, unknown[]] {
    const qb = sorted(
      auditLogQuery(this.dataSource, others)
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

  private readonly recentWindows = new Map<string, WindowStats & { at: number }>();

  /** How many of the newest filtered entries the window saw, and how many matched. */
  private async windowStats(others: AuditFilterValues, search: string): Promise<WindowStats> {
    const key = JSON.stringify([others, search]);
    const now = Date.now();
    const recent = this.recentWindows.get(key);
    if (recent && now - recent.at < WINDOW_STATS_TTL_MS) return recent;
    const [sql, parameters] = this.windowSql(others, 'DESC');
    const rows = (await this.dataSource.query(
      `SELECT count(*) AS seen, count(*) FILTER (WHERE ${WINDOW_MATCH} $${parameters.length + 1} ESCAPE '\\') AS matched FROM (${sql}) w`,
      [...parameters, searchPatternOf(search)],
    )) as Array<{ seen: string; matched: string }>;
    const stats = { seen: Number(rows[0]?.seen ?? 0), matched: Number(rows[0]?.matched ?? 0) };
    for (const [oldKey, entry] of this.recentWindows) if (now - entry.at >= WINDOW_STATS_TTL_MS) this.recentWindows.delete(oldKey);
    this.recentWindows.set(key, { ...stats, at: now });
    return stats;
  }

  private async pageFromWindow(others: AuditFilterValues, search: string, page: PageRequest): Promise<string[]> {
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
   * Runs `work` in a transaction whose planner may read only in the named way: we pick the plan
   * from the window's share of matches, which the planner cannot know from a '%term%' pattern.
   */
  private inTransaction<T>(settings: Record<string, string>, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      const names = Object.keys(settings);
      await manager.query(`SELECT ${names.map((_, i) => `set_config($${2 * i + 1}, $${2 * i + 2}, true)`).join(', ')}`, names.flatMap((name) => [name, settings[name]]));
      return work(manager);
    });
  }

  private async cappedCount(qb: SelectQueryBuilder<AuditLog>, manager?: EntityManager): Promise<number> {
    const [sql, parameters] = qb.select('1').limit(this.countCap).getQueryAndParameters();
    const rows = (await (manager ?? this.dataSource).query(`SELECT count(*) AS n FROM (${sql}) capped`, parameters)) as Array<{ n: string }>;
    return Number(rows[0]?.n ?? 0);
  }

  /** The planner's row estimate for the whole table (scaled to its current size), or null before the first ANALYZE. */
  private async estimatedRows(): Promise<number | null> {
    const table = this.dataSource.getRepository(AuditLog).metadata.tablePath;
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
