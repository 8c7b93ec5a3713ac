// Pages of ids, in list order: ids first (an index-only walk of the index that ends in the sort),
// the rows later by id, so a deep OFFSET skips index entries, not table rows. For a search, the
// page is read the way search-planner.ts chose.
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import type { AuditLog } from '../../entity/AuditLog.js';
import { auditLogQuery, type AuditFilterValues } from '../audit-log-query.js';
import { estimatedRows, monthsOfLog } from './log-figures.js';
import type { ListBudgets } from './list-options.js';
import { beyondMonth, idsOf, inTransaction, matchesQuery, sorted, THROUGH_TRIGRAM_INDEX, walkedQuery, WALKING_SORT_INDEX } from './list-sql.js';
import { planSearchPage, planSearchPageFromWindow, type PageRequest } from './search-planner.js';
import type { SearchWindow } from './search-window.js';
import type { MonthMatches } from './month-matches.js';

export class SearchPages {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: ListBudgets,
    private readonly window: SearchWindow,
    private readonly months: MonthMatches,
  ) {}

  /** A page without a search term (`others`: the non-empty filters). */
  async filtered(others: AuditFilterValues, page: PageRequest): Promise<string[]> {
    const qb = sorted(auditLogQuery(this.dataSource, others).select('log.id', 'id'), page.direction).limit(page.limit).offset(page.offset);
    return (await qb.getRawMany<{ id: string }>()).map((row) => String(row.id));
  }

  async searched(others: AuditFilterValues, search: string, page: PageRequest): Promise<string[]> {
    // Read once per request: count() reuses these figures (SearchWindow's cache).
    const window = await this.window.stats(others, search);
    // The log's months are read only when the window alone cannot decide, then reused by a month-by-month read.
    let months: string[] | undefined;
    const monthsInOrder = async () => (months ??= await monthsOfLog(this.dataSource, page.direction, others));
    const plan =
      planSearchPageFromWindow(page, window, this.budgets) ??
      planSearchPage(page, window, { entries: await estimatedRows(this.dataSource), months: (await monthsInOrder()).length }, this.budgets);
    switch (plan.read) {
      case 'window':
        return this.window.page(others, search, page);
      case 'by-month':
        return this.byMonth(others, search, window.word, page, plan.probe, await monthsInOrder());
      case 'walk':
      case 'all-matches': {
        const walk = plan.read === 'walk';
        return inTransaction(this.dataSource, walk ? WALKING_SORT_INDEX : THROUGH_TRIGRAM_INDEX, (manager) => {
          const matches = walk ? walkedQuery(this.dataSource, others, search) : matchesQuery(this.dataSource, others, search, window.word);
          return idsOf(sorted(matches.select('log.id', 'id'), page.direction).limit(page.limit).offset(page.offset), manager);
        });
      }
    }
  }

  /**
   * Matches month by month (`months`: the log's, in list order; `word`: the telltale word the index
   * is asked for) until `offset + limit` are found; months do not overlap,
   * so their concatenation is in order. After `probe` months, the months left are read at once:
   * one index read of the term, filtered to those months (a month range is no index key for GIN,
   * only a month is).
   */
  private async byMonth(others: AuditFilterValues, search: string, word: string | null, page: PageRequest, probe: number, months: string[]): Promise<string[]> {
    const need = page.offset + page.limit;
    const probed = months.slice(0, probe);
    const firstIds = (qb: SelectQueryBuilder<AuditLog>, limit: number) => sorted(qb.select('log.id', 'id'), page.direction).limit(limit);
    return inTransaction(this.dataSource, THROUGH_TRIGRAM_INDEX, async (manager) => {
      const found: string[] = [];
      for (const month of probed) {
        const matches = matchesQuery(this.dataSource, others, search, word);
        found.push(...(await this.months.first(manager, matches, { others, search, word, month }, need - found.length, page.direction)));
        if (found.length >= need) return found.slice(page.offset, need);
      }
      const last = probed[probed.length - 1];
      if (last !== undefined && probed.length < months.length) {
        found.push(...(await idsOf(firstIds(beyondMonth(matchesQuery(this.dataSource, others, search, word), last, page.direction), need - found.length), manager)));
      }
      return found.slice(page.offset, need);
    });
  }
}
