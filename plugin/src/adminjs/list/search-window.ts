// The search window: the newest `searchWindow` filtered entries, tested for the term. Cheap and
// bounded whatever the term; its figures (entries seen, matches) drive every search plan, and
// when it holds the whole answer it also serves the page.
import type { DataSource } from 'typeorm';
import type { AuditFilterValues } from '../audit-log-query.js';
import { ExpiringCache } from './list-cache.js';
import { WINDOW_MATCH, windowSql } from './list-sql.js';
import type { PageRequest, WindowStats } from './search-planner.js';
import { searchPatternOf } from './search-text.js';

export class SearchWindow {
  private readonly recent: ExpiringCache<WindowStats>;

  /** `cacheMs`: how long figures are reused, so count() and find() of one request read the window once. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly size: number,
    cacheMs: number,
  ) {
    this.recent = new ExpiringCache<WindowStats>(cacheMs);
  }

  /** How many of the newest filtered entries the window saw, and how many matched. */
  stats(others: AuditFilterValues, search: string): Promise<WindowStats> {
    return this.recent.get(JSON.stringify([others, search]), async () => {
      const [sql, parameters] = windowSql(this.dataSource, others, 'DESC', this.size);
      const rows = (await this.dataSource.query(
        `SELECT count(*) AS seen, count(*) FILTER (WHERE ${WINDOW_MATCH} $${parameters.length + 1} ESCAPE '\\') AS matched FROM (${sql}) w`,
        [...parameters, searchPatternOf(search)],
      )) as Array<{ seen: string; matched: string }>;
      return { seen: Number(rows[0]?.seen ?? 0), matched: Number(rows[0]?.matched ?? 0) };
    });
  }

  /** A page of the matches in the window (the plan said the window holds it). */
  async page(others: AuditFilterValues, search: string, page: PageRequest): Promise<string[]> {
    const [sql, parameters] = windowSql(this.dataSource, others, page.direction, this.size);
    const n = parameters.length;
    const rows = (await this.dataSource.query(
      `SELECT id FROM (${sql}) w WHERE ${WINDOW_MATCH} $${n + 1} ESCAPE '\\'
       ORDER BY occurred_at ${page.direction}, id ${page.direction} LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...parameters, searchPatternOf(search), page.limit, page.offset],
    )) as Array<{ id: string }>;
    return rows.map((row) => String(row.id));
  }
}
