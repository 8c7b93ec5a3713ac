// The search window: the newest `searchWindow` filtered entries, tested for the term. Cheap and
// bounded whatever the term; its figures (entries seen, matches, the entries holding each word of
// the term) drive every search plan, and when it holds the whole answer it also serves the page.
import type { DataSource } from 'typeorm';
import type { AuditFilterValues } from '../audit-log-query.js';
import { ExpiringCache } from './list-cache.js';
import { containsTermSql, windowSql } from './list-sql.js';
import type { PageRequest, WindowStats } from './search-planner.js';
import { searchTextSql, searchWords, telltaleWord } from './search-text.js';

/** What the window saw of a search, and the word of the term the trigram index is asked for. */
export interface WindowFigures extends WindowStats {
  /** The term's telltale word (telltaleWord, from the window's counts); null: the index is asked for the whole term. */
  word: string | null;
}

/** The window's searched text, lower-cased once per entry (each substring test below reads it). */
const LOWERED_TEXT = `lower(${searchTextSql()})`;

export class SearchWindow {
  private readonly recent: ExpiringCache<WindowFigures>;

  /** `cacheMs`: how long figures are reused, so count() and find() of one request read the window once. */
  constructor(
    private readonly dataSource: DataSource,
    private readonly size: number,
    cacheMs: number,
  ) {
    this.recent = new ExpiringCache<WindowFigures>(cacheMs);
  }

  /**
   * How many of the newest filtered entries the window saw, how many matched, and how many hold
   * each word of the term, from which the telltale word and its candidates (one read of the window).
   */
  stats(others: AuditFilterValues, search: string): Promise<WindowFigures> {
    return this.recent.get(JSON.stringify([others, search]), async () => {
      const [sql, parameters] = windowSql(this.dataSource, others, 'DESC', this.size);
      const words = searchWords(search);
      const n = parameters.length;
      // The text is lower-cased in a subquery the planner keeps (OFFSET 0), so once per entry and
      // not once per test: each further word then costs a substring search, not a lower-casing.
      const counts = [search.trim(), ...words].map((_, i) => `count(*) FILTER (WHERE strpos(t, lower(CAST($${n + i + 1} AS text))) > 0) AS c${i}`);
      const rows = (await this.dataSource.query(
        `SELECT count(*) AS seen, ${counts.join(', ')} FROM (SELECT ${LOWERED_TEXT} AS t FROM (${sql}) w OFFSET 0) x`,
        [...parameters, search.trim(), ...words],
      )) as Array<Record<string, string>>;
      const row = rows[0] ?? {};
      const hits = words.map((_, i) => Number(row[`c${i + 1}`] ?? 0));
      const word = telltaleWord(search, hits);
      const matched = Number(row.c0 ?? 0);
      return {
        seen: Number(row.seen ?? 0),
        matched,
        // The index hands back every entry holding the word; without a word, about the matches.
        candidates: word === null ? matched : hits[words.indexOf(word)] ?? matched,
        word,
      };
    });
  }

  /** A page of the matches in the window (the plan said the window holds it). */
  async page(others: AuditFilterValues, search: string, page: PageRequest): Promise<string[]> {
    const [sql, parameters] = windowSql(this.dataSource, others, page.direction, this.size);
    const n = parameters.length;
    const rows = (await this.dataSource.query(
      `SELECT id FROM (${sql}) w WHERE ${containsTermSql(searchTextSql(), `CAST($${n + 1} AS text)`)}
       ORDER BY occurred_at ${page.direction}, id ${page.direction} LIMIT $${n + 2} OFFSET $${n + 3}`,
      [...parameters, search.trim(), page.limit, page.offset],
    )) as Array<{ id: string }>;
    return rows.map((row) => String(row.id));
  }
}
