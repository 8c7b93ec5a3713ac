// The list's total: exact up to the count cap; beyond it the cap (filters), the planner's row
// estimate (no filter at all), or for a search an estimate from a share of matches.
import type { DataSource } from 'typeorm';
import { ACCOUNT_FILTER, auditLogQuery, type AuditFilterValues } from '../audit-log-query.js';
import { cappedCount, estimatedRows, monthsOfLog, plannedRows } from './log-figures.js';
import type { ListBudgets } from './list-options.js';
import { inMonth, matchesQuery, THROUGH_TRIGRAM_INDEX, inTransaction } from './list-sql.js';
import {
  canEstimateFromMonths,
  enoughToEstimate,
  estimatedTotal,
  planSearchTotal,
  PROBED_MONTHS,
  scaledTotal,
  totalFromMonths,
  type MonthsCounted,
} from './search-planner.js';
import type { SearchWindow } from './search-window.js';
import type { MonthMatches } from './month-matches.js';

/**
 * Whether `others` holds no filter the reader chose: nothing, or only the account scope a host with
 * accounts puts on every read (the reader's whole log, as an unfiltered list is without accounts).
 */
const onlyTheReadersLog = (others: AuditFilterValues) => Object.keys(others).every((key) => key === ACCOUNT_FILTER);

export class ListTotals {
  constructor(
    private readonly dataSource: DataSource,
    private readonly budgets: ListBudgets,
    private readonly window: SearchWindow,
    private readonly months: MonthMatches,
  ) {}

  /** The total without a search term (`others`: the non-empty filters). */
  async filtered(others: AuditFilterValues): Promise<number> {
    if (onlyTheReadersLog(others)) {
      const estimate = estimatedTotal(await this.readersLogRows(others), this.budgets);
      if (estimate !== null) return estimate;
    }
    return cappedCount(auditLogQuery(this.dataSource, others), this.budgets.countCap, this.dataSource);
  }

  /** The total of a search: exact while the window holds every filtered entry; beyond it, estimated and capped. */
  async searched(others: AuditFilterValues, search: string): Promise<number> {
    const window = await this.window.stats(others, search);
    const plan = planSearchTotal(window, this.budgets);
    switch (plan.total) {
      case 'exact':
        return plan.value;
      case 'months':
        return this.absentFromWindow(others, search, window.word);
      case 'scaled': {
        const population = onlyTheReadersLog(others)
          ? ((await this.readersLogRows(others)) ?? this.budgets.countCap)
          : await cappedCount(auditLogQuery(this.dataSource, others), this.budgets.countCap, this.dataSource);
        return scaledTotal(plan.share, population, this.budgets);
      }
    }
  }

  /**
   * The planner's estimate of the reader's whole log: the table's (no accounts), or the rows of the
   * reader's account (the account scope alone), null before the first ANALYZE.
   */
  private async readersLogRows(others: AuditFilterValues): Promise<number | null> {
    const whole = await estimatedRows(this.dataSource);
    if (whole === null || Object.keys(others).length === 0) return whole;
    return plannedRows(auditLogQuery(this.dataSource, others), this.dataSource.manager);
  }

  /**
   * The total of a term the window does not hold (`word`: its telltale word, the window's choice):
   * the newest few months are counted one by one
   * (each a cheap index read) until enough matches to estimate from; otherwise a capped count.
   */
  private async absentFromWindow(others: AuditFilterValues, search: string, word: string | null): Promise<number> {
    const probed = (await monthsOfLog(this.dataSource, 'DESC', others)).slice(0, PROBED_MONTHS);
    return inTransaction(this.dataSource, THROUGH_TRIGRAM_INDEX, async (manager) => {
      const counted: MonthsCounted = { matches: 0, entries: 0 };
      for (const month of probed) {
        // Usually read already by the page of the same request (MonthMatches).
        counted.matches += await this.months.count(manager, matchesQuery(this.dataSource, others, search, word), { others, search, word, month });
        counted.entries += await plannedRows(inMonth(auditLogQuery(this.dataSource, others), month), manager);
        if (enoughToEstimate(counted.matches, this.budgets)) break;
      }
      if (canEstimateFromMonths(counted, this.budgets)) {
        return totalFromMonths(counted, await plannedRows(auditLogQuery(this.dataSource, others), manager), this.budgets);
      }
      return cappedCount(matchesQuery(this.dataSource, others, search, word), this.budgets.countCap, manager);
    });
  }
}
