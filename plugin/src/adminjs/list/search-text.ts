// The SQL the search indexes are keyed on, written once for every reader of the log (the list, the
// filters in audit-log-query.ts, hence the export).
//
// PostgreSQL uses an expression index only for a query that spells the indexed expression the
// same way, so these must stay character for character what the migrations built. The migrations
// keep their own copies (create-audit-log.ts: AUDIT_SEARCH_EXPRESSION, add-audit-search-by-month.ts:
// AUDIT_MONTH_EXPRESSION): those are frozen history — a migration must build tomorrow exactly
// what it built the day it shipped — so they are not imported from here, nor this from them.
// test/plugin/search-text.test.ts fails if the two drift apart.

/** The columns the search box matches, in the order the indexed text joins them. */
const SEARCH_COLUMNS = ['sentence', 'actor_name', 'actor_email', 'target_label'] as const;

/** `alias.` before a column, or nothing for SQL that names the table's columns bare (indexes, subqueries). */
const qualified = (alias: string | undefined, column: string) => (alias === undefined ? column : `${alias}.${column}`);

/**
 * The text the search box matches: sentence, actor name and email, target label, separated by
 * chr(31) so a match cannot span two of them.
 */
export function searchTextSql(alias?: string): string {
  return `(${SEARCH_COLUMNS.map((column) => `coalesce(${qualified(alias, column)}, '')`).join(' || chr(31) || ')})`;
}

/** The calendar month (UTC) of an entry: the first key of the month-keyed search index. */
export function monthOfEntrySql(alias?: string): string {
  return `date_trunc('month', ${qualified(alias, 'occurred_at')} AT TIME ZONE 'UTC')`;
}

/** A LIKE pattern's wildcards and escape character, taken literally (with ESCAPE '\'). */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The ILIKE pattern for a search term: the term anywhere, its wildcards taken literally. */
export const searchPatternOf = (term: string) => `%${escapeLike(term.trim())}%`;

/**
 * The word of a search term the trigram index narrows best to: the longest, with digits counting
 * extra (rare in sentences, common in emails and labels). Null when the term is that word already
 * or has no word of three characters (pg_trgm cannot use the index for those).
 *
 * Why a word and not the term: GIN intersects the posting lists of every trigram in the pattern,
 * and a long term such as an email holds trigrams ("acc", "exa") that nearly every entry has —
 * 1 s at 10 M rows for the whole email, 15 ms for its distinctive word (the full term is then
 * re-checked on those rows).
 */
export function telltaleWord(term: string): string | null {
  const words = term.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
  if (words.length === 0) return null;
  const score = (word: string) => word.length + (/\p{N}/u.test(word) ? 3 : 0);
  const best = words.reduce((top, word) => (score(word) > score(top) ? word : top));
  return best === term.trim() ? null : best;
}
