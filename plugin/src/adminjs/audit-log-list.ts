// How the Audit Logs list reads a page and a total without scanning millions of rows. This class
// only wires the jobs together; each lives in ./list/:
//
// - search-planner.ts: which way a search page or total is answered, from numbers alone (pure).
// - list-totals.ts:    totals — exact up to `countCap`, estimated beyond.
// - search-pages.ts:   pages of ids in list order (ids first, rows later by id), read as planned.
// - search-window.ts:  the newest `searchWindow` entries tested for the term and counted for each
//                      of its words (the telltale word is the one the fewest hold); figures cached
//                      for `countCacheMs` (list-cache.ts) so count() and find() of one request share them.
// - month-matches.ts: a month's first matches and their count in one read, the count kept for the total.
// - search-text.ts:    the indexed search text and month expressions, the term's words, the telltale word.
// - list-sql.ts, log-figures.ts: the SQL shapes, and the cheap reads the planner weighs.
import type { DataSource } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import type { AccountScope, AuditFilterValues } from './audit-log-query.js';
import { listBudgets, type AuditLogListOptions, type ListBudgets } from './list/list-options.js';
import { splitFilters } from './list/list-sql.js';
import { ListTotals } from './list/list-totals.js';
import { SearchPages } from './list/search-pages.js';
import type { PageRequest } from './list/search-planner.js';
import { SearchWindow } from './list/search-window.js';
import { MonthMatches } from './list/month-matches.js';

export { DEFAULT_LIST_COUNT_CAP, DEFAULT_SEARCH_WINDOW, type AuditLogListOptions } from './list/list-options.js';
export type { PageRequest, SortDirection } from './list/search-planner.js';
export { telltaleWord } from './list/search-text.js';

export class AuditLogList {
  /** The options with defaults applied. */
  readonly budgets: ListBudgets;
  private readonly totals: ListTotals;
  private readonly pages: SearchPages;

  constructor(
    private readonly dataSource: DataSource,
    options: AuditLogListOptions = {},
  ) {
    this.budgets = listBudgets(options);
    const window = new SearchWindow(dataSource, this.budgets.searchWindow, this.budgets.countCacheMs);
    const months = new MonthMatches(this.budgets.countCap, this.budgets.countCacheMs);
    this.totals = new ListTotals(dataSource, this.budgets, window, months);
    this.pages = new SearchPages(dataSource, this.budgets, window, months);
  }

  /** The list's total: exact up to the cap; beyond it the cap (filters) or an estimate (no filter, or a search). */
  async count(values: AuditFilterValues): Promise<number> {
    const { search, others } = splitFilters(values);
    return search === null ? this.totals.filtered(others) : this.totals.searched(others, search);
  }

  /** Ids of one page, in list order. */
  async pageIds(values: AuditFilterValues, page: PageRequest): Promise<string[]> {
    const { search, others } = splitFilters(values);
    return search === null ? this.pages.filtered(others, page) : this.pages.searched(others, search, page);
  }

  /** Rows for `ids`, in the order of `ids`; with `account`, only that account's. */
  async rows(ids: string[], account?: AccountScope): Promise<AuditLog[]> {
    if (ids.length === 0) return [];
    const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('log').where('log.id IN (:...ids)', { ids });
    if (account) qb.andWhere('log.account_id = :scopeAccount', { scopeAccount: account.accountId });
    const rows = await qb.getMany();
    const byId = new Map(rows.map((row) => [String(row.id), row]));
    return ids.map((id) => byId.get(id)).filter((row): row is AuditLog => row !== undefined);
  }
}
