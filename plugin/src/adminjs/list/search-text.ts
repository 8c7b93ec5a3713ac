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
 * At most this many words of a term are counted in the search window: each costs a substring test
 * per entry (~1 ms for a 5000-entry window), and the best-looking few hold the telling one (an
 * email's person and account words come first).
 */
export const MAX_COUNTED_WORDS = 3;

/** How telling a word looks without data: its length, digits counting extra (rare in sentences, common in emails and labels). */
const lookScore = (word: string) => word.length + (/\p{N}/u.test(word) ? 3 : 0);

/**
 * The words of a search term the trigram index can be asked for (three characters or more; pg_trgm
 * cannot use the index for shorter), distinct (ignoring case), the best-looking first, at most MAX_COUNTED_WORDS.
 */
export function searchWords(term: string): string[] {
  const all = term.split(/[^\p{L}\p{N}]+/u).filter((word) => word.length >= 3);
  // Distinct ignoring case, as the search is: "Team team" is one word to count.
  const words = all.filter((word, index) => all.findIndex((other) => other.toLowerCase() === word.toLowerCase()) === index);
  // Stable sort: equal scores keep the term's order.
  return words.sort((a, b) => lookScore(b) - lookScore(a)).slice(0, MAX_COUNTED_WORDS);
}

/**
 * The word of a search term the trigram index narrows best to: of searchWords(term), the one the
 * fewest of the newest entries hold (`hits[i]`: how many hold the i-th word; the search window
 * counts them), then the best-looking. Null when the term is that word already or has no word of
 * three characters.
 *
 * Why a word and not the term: GIN intersects the posting lists of every trigram in the pattern,
 * and a long term such as an email holds trigrams ("acc", "exa") that nearly every entry has —
 * 1 s at 10 M rows for the whole email, 15 ms for its distinctive word (the full term is then
 * re-checked on those rows). Why counted rather than guessed: every entry the word's trigrams
 * find is re-checked in the table, and looks mislead — in "alice.silva400@account34.example" the
 * longest word, "account34", is in the entries of everyone in that account (12 times the
 * person's own), "silva400" only in hers.
 */
export function telltaleWord(term: string, hits?: readonly number[]): string | null {
  const words = searchWords(term);
  if (words.length === 0) return null;
  const hitsOf = (index: number) => hits?.[index] ?? 0;
  let best = 0;
  for (let index = 1; index < words.length; index += 1) if (hitsOf(index) < hitsOf(best)) best = index;
  return words[best] === term.trim() ? null : words[best]!;
}
