// The Audit Logs list keeps its search, filters and page in the URL only (list-url.ts): these are
// the rewrites the search bar, the pager and the filter drawer's key make of a query string.
import { SEARCH_FILTER } from '../../plugin/src/adminjs/audit-log-query.js';
import { filtersKey, otherFilterCount, SEARCH_PARAM, searchOf, withPage, withSearch } from '../../plugin/src/adminjs/components/list-url.js';

const paramsOf = (query: string) => Object.fromEntries(new URLSearchParams(query));

describe('the search in the list URL', () => {
  it('is the parameter of the resource filter the list searches with', () => {
    expect(SEARCH_PARAM).toBe(`filters.${SEARCH_FILTER}`);
  });

  it('reads the term trimmed, and nothing when there is none', () => {
    expect(searchOf('?filters.search=%20Signed+in%20&page=2')).toBe('Signed in');
    expect(searchOf('filters.search=')).toBe('');
    expect(searchOf('')).toBe('');
  });

  it('sets a term on page 1, keeping the other filters, the sort and the page size', () => {
    const query = '?filters.action=inbox.created&filters.occurredAt~~from=2026-01-01&sortBy=occurredAt&direction=asc&perPage=50&page=7';
    expect(paramsOf(withSearch(query, '  Zephyr Desk '))).toEqual({
      'filters.action': 'inbox.created',
      'filters.occurredAt~~from': '2026-01-01',
      sortBy: 'occurredAt',
      direction: 'asc',
      perPage: '50',
      'filters.search': 'Zephyr Desk',
    });
  });

  it('replaces the term, and a blank one removes the parameter', () => {
    expect(paramsOf(withSearch('filters.search=old&page=3', 'new'))).toEqual({ 'filters.search': 'new' });
    expect(withSearch('filters.search=old&filters.ip=10.0.&page=3', '   ')).toBe('filters.ip=10.0.');
    expect(withSearch('', '')).toBe('');
  });

  it('keeps a term with characters a URL escapes, and reads it back as typed', () => {
    for (const term of ['a+b & c', '100%_done', 'ünïcödé?#', 'x=y']) expect(searchOf(withSearch('', term))).toBe(term);
  });
});

describe('the page in the list URL', () => {
  it('changes the page and nothing else', () => {
    expect(paramsOf(withPage('filters.search=x&page=1&sortBy=occurredAt', 4))).toEqual({ 'filters.search': 'x', page: '4', sortBy: 'occurredAt' });
  });
});

describe('the filters other than the search', () => {
  it('count each filter once, a date range with both ends too, and never the search or an empty value', () => {
    expect(otherFilterCount('filters.search=x')).toBe(0);
    expect(otherFilterCount('filters.action=a&filters.occurredAt~~from=1&filters.occurredAt~~to=2&filters.ip=&sortBy=occurredAt')).toBe(2);
  });
});

describe('the filter drawer key', () => {
  it('changes when a filter, the search included, changes, is set or goes, and only then', () => {
    const base = 'filters.action=a&filters.search=x&page=2';
    expect(filtersKey(base)).toBe(filtersKey('page=5&filters.search=x&sortBy=id&filters.action=a'));
    expect(filtersKey(base)).not.toBe(filtersKey('filters.action=a&filters.search=y'));
    expect(filtersKey(base)).not.toBe(filtersKey('filters.action=a'));
    expect(filtersKey('')).toBe(filtersKey('page=3'));
  });
});
