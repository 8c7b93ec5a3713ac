// The Audit Logs list's state as its URL holds it: the search term, the other filters, the page.
// The URL is the only place the list keeps them, so Back, a reload and a shared link all show the
// same list, and nothing typed earlier is applied again. Plain functions of the query string (no
// React, nothing of the server), used by the list's components in the browser.

/**
 * The query parameter of the search: AdminJS's `filters.<property>` of the resource's virtual
 * search property (SEARCH_FILTER in audit-log-query.ts, server code this file cannot import;
 * test/plugin/search-bar-url.test.ts checks that they agree).
 */
export const SEARCH_PARAM = 'filters.search';

const FILTER_PREFIX = 'filters.';
/** AdminJS's separator of a range filter's ends: `filters.occurredAt~~from`. */
const RANGE_SEPARATOR = '~~';

/** The search term the query holds, trimmed; '' for none. */
export function searchOf(query: string): string {
  return (new URLSearchParams(query).get(SEARCH_PARAM) ?? '').trim();
}

/**
 * The query with `term` as the search (none when blank), on page 1 (the old page number means
 * nothing for other matches); every other parameter (filters, sort, page size) as it was.
 */
export function withSearch(query: string, term: string): string {
  const params = new URLSearchParams(query);
  const trimmed = term.trim();
  if (trimmed) params.set(SEARCH_PARAM, trimmed);
  else params.delete(SEARCH_PARAM);
  params.delete('page');
  return params.toString();
}

/** The query on page `page`, everything else as it was. */
export function withPage(query: string, page: number): string {
  const params = new URLSearchParams(query);
  params.set('page', String(page));
  return params.toString();
}

/** The filters other than the search the query holds (a date range counts once): the Filter button's count. */
export function otherFilterCount(query: string): number {
  const names = new Set<string>();
  for (const [key, value] of new URLSearchParams(query)) {
    if (!key.startsWith(FILTER_PREFIX) || key === SEARCH_PARAM || value === '') continue;
    names.add(key.slice(FILTER_PREFIX.length).split(RANGE_SEPARATOR)[0]!);
  }
  return names.size;
}

/**
 * A text that changes whenever the query's filters do (and only then). The filter drawer is
 * rebuilt under it, so it always starts from the URL's filters: AdminJS's drawer keeps what it
 * last showed when the URL loses its filters, and Apply would silently bring that back.
 */
export function filtersKey(query: string): string {
  return [...new URLSearchParams(query)]
    .filter(([key]) => key.startsWith(FILTER_PREFIX))
    .map(([key, value]) => `${key}=${value}`)
    .sort()
    .join('&');
}
