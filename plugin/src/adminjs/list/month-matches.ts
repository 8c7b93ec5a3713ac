// A month's matches of a search, read once for both of a request's calls. AdminJS asks for a
// list's page (find) and then its total (count); for a term the search window does not hold, both
// read the newest months through the trigram index, and each such read re-checks every candidate
// of the month in the table: most of the time either call takes. The page's read also counts
// the month's matches (capped, as the total counts them) and keeps the count for `cacheMs`, so
// the total's read of that month costs nothing.
import type { EntityManager } from 'typeorm';
import type { AuditFilterValues } from '../audit-log-query.js';
import { ExpiringCache } from './list-cache.js';
import { cappedCount } from './log-figures.js';
import { idsOf, inMonth, sorted } from './list-sql.js';
import type { SortDirection } from './search-planner.js';
import type { SelectQueryBuilder } from 'typeorm';
import type { AuditLog } from '../../entity/AuditLog.js';

export class MonthMatches {
  private readonly counts: ExpiringCache<number>;

  constructor(
    private readonly cap: number,
    cacheMs: number,
  ) {
    this.counts = new ExpiringCache<number>(cacheMs);
  }

  private key(others: AuditFilterValues, search: string, word: string | null, month: string): string {
    return JSON.stringify([others, search, word, month]);
  }

  /**
   * The month's first `limit` matches in list order (`matches`: the search's query), counting its
   * matches up to the cap on the way: one index read when the month holds fewer than the cap
   * (every match is re-checked for the sort anyway), a second, ordered one when it holds more.
   */
  async first(
    manager: EntityManager,
    matches: SelectQueryBuilder<AuditLog>,
    ids: { others: AuditFilterValues; search: string; word: string | null; month: string },
    limit: number,
    direction: SortDirection,
  ): Promise<string[]> {
    const [sql, parameters] = inMonth(matches.clone(), ids.month).select('log.id', 'id').addSelect('log.occurred_at', 'occurred_at').limit(this.cap).getQueryAndParameters();
    const rows = (await manager.query(
      `SELECT id, n FROM (SELECT m.id, m.occurred_at, count(*) OVER () AS n FROM (${sql}) m) counted
        ORDER BY occurred_at ${direction}, id ${direction} LIMIT ${Number(limit)}`,
      parameters,
    )) as Array<{ id: string; n: string }>;
    const count = Number(rows[0]?.n ?? 0);
    // Stored as cappedCount would give it, so the total reads the same number either way.
    await this.counts.get(this.key(ids.others, ids.search, ids.word, ids.month), async () => Math.min(count, this.cap));
    if (count < this.cap) return rows.map((row) => String(row.id));
    // More than the cap: the capped subquery held an arbitrary part of the month, not its first entries.
    return idsOf(sorted(inMonth(matches.clone(), ids.month).select('log.id', 'id'), direction).limit(limit), manager);
  }

  /** The month's matches up to the cap: the page's count if it read this month lately, else counted now. */
  count(manager: EntityManager, matches: SelectQueryBuilder<AuditLog>, ids: { others: AuditFilterValues; search: string; word: string | null; month: string }): Promise<number> {
    return this.counts.get(this.key(ids.others, ids.search, ids.word, ids.month), () => cappedCount(inMonth(matches, ids.month), this.cap, manager));
  }
}
