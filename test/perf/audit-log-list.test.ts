// The Audit Logs list's fast paths (capped and estimated totals, id-first paging, the two-step
// search) must list exactly what a plain reading of the log would. A small count cap and search
// window make a few thousand entries exercise every path; the expected pages are worked out here
// in JavaScript from all entries, not with the list's own SQL. Which way a search is read is the
// pure planner's call (test/plugin/search-planner.test.ts); where a case here is meant to take a
// given way, the planner's answer for the window figures worked out in JavaScript says it does.
// The panel reads the signed-in admin's account only: the bulk entries are the seeded account's,
// beside a smaller batch of another account's that the panel's list and search must never show.
// The list's parts used directly (no admin, no account scope) read the whole log.
import { jest } from '@jest/globals';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner.js';
import { Filter } from 'adminjs';
import { bulkEntryRows } from '../../bench/bulk-entries-sql.js';
import { AuditLogList, type AuditLogListOptions } from '../../plugin/src/adminjs/audit-log-list.js';
import { SEARCH_FILTER } from '../../plugin/src/adminjs/audit-log-query.js';
import { AuditLogResource } from '../../plugin/src/adminjs/audit-log-resource.js';
import { listBudgets } from '../../plugin/src/adminjs/list/list-options.js';
import { monthsBetween, planSearchPage, type PageRequest, type SearchPagePlan } from '../../plugin/src/adminjs/list/search-planner.js';
import { searchWords, telltaleWord } from '../../plugin/src/adminjs/list/search-text.js';
import { SearchWindow } from '../../plugin/src/adminjs/list/search-window.js';
import { adminApi } from '../helpers/admin-api.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { seededAccountId } from '../helpers/accounts.js';

const COUNT_CAP = 400;
const SEARCH_WINDOW = 150;
const BULK_ENTRIES = 3000;
/** Entries of another account, spread over the same two years. */
const OTHER_ACCOUNT_ENTRIES = 300;

/** The bench's realistic rows (bench/bulk-entries-sql.ts), all stamped with `account` (unchained: this test reads, it does not verify). */
function bulkInsertInto(account: number, count: number, endsAt: Date): string {
  const columns = `occurred_at, actor_id, actor_name, actor_email, actor_role, action, category, target_type, target_id,
    target_label, changes, details, ip, user_agent, request_id, sentence, params`;
  return `${bulkEntryRows(0, count, count, endsAt)}
INSERT INTO audit_logs (${columns}, account_id)
SELECT ${columns}, ${Math.trunc(account)} FROM r ORDER BY r.i`;
}

interface Entry {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorName: string;
  actorEmail: string | null;
  action: string;
  category: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  ip: string | null;
  requestId: string | null;
  sentence: string;
}

let t: TestApp;
let api: ReturnType<typeof adminApi>;
/** The whole log, newest first. */
let all: Entry[];
/** What the admin's panel shows: the seeded account's entries, newest first. */
let visible: Entry[];
let account: number;

const newestFirst = (a: Entry, b: Entry) => b.occurredAt.getTime() - a.occurredAt.getTime() || Number(b.id) - Number(a.id);

beforeAll(async () => {
  t = await startTestApp({ AUDIT_LIST_COUNT_CAP: String(COUNT_CAP), AUDIT_SEARCH_WINDOW: String(SEARCH_WINDOW) });
  account = await seededAccountId(t);
  const endsAt = new Date();
  await t.dataSource.query(bulkInsertInto(account, BULK_ENTRIES, endsAt));
  await t.dataSource.query(bulkInsertInto(account + 1000, OTHER_ACCOUNT_ENTRIES, endsAt));
  await t.dataSource.query('ANALYZE audit_logs');
  api = adminApi(await t.signIn());
  // The sign-in above wrote an entry too (in the admin's account): read the log after it.
  const rows = await t.entries();
  all = rows.map((row) => ({ ...row, id: String(row.id) }) as Entry).sort(newestFirst);
  const ours = new Set(rows.filter((row) => String(row.accountId) === String(account)).map((row) => String(row.id)));
  visible = all.filter((entry) => ours.has(entry.id));
  expect(visible.length).toBeGreaterThan(BULK_ENTRIES);
  expect(all.length - visible.length).toBeGreaterThanOrEqual(OTHER_ACCOUNT_ENTRIES);
});
afterAll(() => t.close());

async function listIds(query: Record<string, string>): Promise<{ ids: string[]; total: number }> {
  const result = await api.list('AuditLog', query);
  expect(result.body.notice?.type).not.toBe('error');
  return { ids: (result.body.records ?? []).map((record) => String(record.id)), total: result.body.meta!.total };
}

const idsOf = (entries: Entry[]) => entries.map((entry) => entry.id);
const page = (entries: Entry[], number: number, perPage: number) => idsOf(entries.slice((number - 1) * perPage, number * perPage));
const searchText = (entry: Entry) => [entry.sentence, entry.actorName, entry.actorEmail ?? '', entry.targetLabel ?? ''].join('\u001f').toLowerCase();
const matching = (term: string) => all.filter((entry) => searchText(entry).includes(term.toLowerCase()));
/** The matches the panel shows: the admin's account's only. */
const visibleMatching = (term: string) => visible.filter((entry) => searchText(entry).includes(term.toLowerCase()));
const cappedTotal = (n: number) => Math.min(n, COUNT_CAP);

describe('Audit Logs list on a log bigger than its count cap', () => {
  it('shows the newest entries first and an estimated total close to the real one when nothing is filtered', async () => {
    const { ids, total } = await listIds({ perPage: '20' });
    expect(ids).toEqual(page(visible, 1, 20));
    // Right after ANALYZE of a table this small the planner's estimate is the row count: of the
    // admin's account for the panel (the other account's entries not counted), of the table read directly.
    expect(Math.abs(total - visible.length)).toBeLessThanOrEqual(visible.length * 0.05);
    const whole = await new AuditLogList(t.dataSource, { countCap: COUNT_CAP, searchWindow: SEARCH_WINDOW }).count({});
    expect(Math.abs(whole - all.length)).toBeLessThanOrEqual(all.length * 0.05);
  });

  it('pages through the log without gaps or repeats, newest first and oldest first', async () => {
    for (const number of [1, 2, 7, 30]) {
      expect((await listIds({ perPage: '25', page: String(number) })).ids).toEqual(page(visible, number, 25));
    }
    const oldestFirst = [...visible].reverse();
    expect((await listIds({ perPage: '25', page: '3', sortBy: 'occurredAt', direction: 'asc' })).ids).toEqual(page(oldestFirst, 3, 25));
    const pastTheEnd = Math.ceil(visible.length / 25) + 1;
    expect((await listIds({ perPage: '25', page: String(pastTheEnd) })).ids).toEqual([]);
  });

  it('counts a filter exactly below the cap and reports the cap above it', async () => {
    const rare = visible.filter((entry) => entry.action === 'team.deleted');
    const frequent = visible.filter((entry) => entry.action === 'session.signed_in');
    expect(frequent.length).toBeGreaterThan(COUNT_CAP);
    expect((await listIds({ 'filters.action': 'team.deleted' })).total).toBe(rare.length);
    expect((await listIds({ 'filters.action': 'session.signed_in' })).total).toBe(COUNT_CAP);
  });

  it.each([
    ['actorId', (entries: Entry[]) => entries.find((entry) => entry.actorId === '2')!.actorId!, (entry: Entry, value: string) => entry.actorId === value],
    ['category', () => 'Inbox', (entry: Entry, value: string) => entry.category === value],
    ['action', () => 'inbox.updated', (entry: Entry, value: string) => entry.action === value],
    ['targetType', () => 'team', (entry: Entry, value: string) => entry.targetType === value],
    ['targetId', (entries: Entry[]) => entries.find((entry) => entry.targetType === 'inbox')!.targetId!, (entry: Entry, value: string) => entry.targetId === value],
    ['requestId', (entries: Entry[]) => entries[40]!.requestId!, (entry: Entry, value: string) => entry.requestId === value],
    ['ip', (entries: Entry[]) => entries.find((entry) => entry.ip?.includes('.'))!.ip!.split('.').slice(0, 2).join('.') + '.', (entry: Entry, value: string) => entry.ip?.startsWith(value) ?? false],
  ])('filters by %s: the same entries, in order, on the first and a later page', async (path, pick, keeps) => {
    const value = pick(visible);
    const expected = visible.filter((entry) => keeps(entry, value));
    expect(expected.length).toBeGreaterThan(0);
    const first = await listIds({ [`filters.${path}`]: value, perPage: '10' });
    expect(first.ids).toEqual(page(expected, 1, 10));
    expect(first.total).toBe(cappedTotal(expected.length));
    expect((await listIds({ [`filters.${path}`]: value, perPage: '10', page: '3' })).ids).toEqual(page(expected, 3, 10));
  });

  it('filters by a date range, both ends included', async () => {
    // Entries carry microseconds, JavaScript dates milliseconds: round the ends outwards.
    const from = visible[900]!.occurredAt;
    const to = new Date(visible[300]!.occurredAt.getTime() + 1);
    const expected = visible.filter((entry) => entry.occurredAt >= from && entry.occurredAt <= to);
    const result = await listIds({ 'filters.occurredAt~~from': from.toISOString(), 'filters.occurredAt~~to': to.toISOString(), perPage: '50', page: '2' });
    expect(result.ids).toEqual(page(expected, 2, 50));
    expect(result.total).toBe(cappedTotal(expected.length));
  });
});

describe('Audit Logs search on a log bigger than its search window', () => {
  it('finds a frequent term among the newest entries, on the first page and on pages past the window', async () => {
    const expected = visibleMatching('SIGNED IN');
    expect(expected.length).toBeGreaterThan(SEARCH_WINDOW);
    const first = await listIds({ 'filters.search': 'SIGNED IN', perPage: '10' });
    expect(first.ids).toEqual(page(expected, 1, 10));
    // Beyond the window the total is estimated from the window's share of matches, and capped.
    expect(first.total).toBe(Math.min(COUNT_CAP, expected.length));
    // Offset 200 lies past the 150-entry window: answered through the trigram index.
    expect((await listIds({ 'filters.search': 'signed in', perPage: '10', page: '21' })).ids).toEqual(page(expected, 21, 10));
  });

  it('finds a term that only old entries hold, and counts it exactly', async () => {
    // An email none of the newest entries (the search window) holds: answered through the trigram index.
    const newest = new Set(visible.slice(0, SEARCH_WINDOW * 2).map((entry) => entry.actorEmail));
    const term = visible.slice(-500).find((entry) => entry.actorEmail && !newest.has(entry.actorEmail))!.actorEmail!;
    const expected = visibleMatching(term);
    const result = await listIds({ 'filters.search': term.toUpperCase(), perPage: '10' });
    expect(result.ids).toEqual(page(expected, 1, 10));
    expect(result.total).toBe(cappedTotal(expected.length));
  });

  it('gives a frequent term a total no larger than the cap, and lists it oldest first too', async () => {
    const expected = visibleMatching('signed out');
    const newestFirst = await listIds({ 'filters.search': 'signed out', perPage: '10' });
    expect(newestFirst.total).toBeLessThanOrEqual(COUNT_CAP);
    expect(newestFirst.total).toBeGreaterThan(0);
    const oldestFirst = await listIds({ 'filters.search': 'signed out', perPage: '10', page: '4', sortBy: 'occurredAt', direction: 'asc' });
    expect(oldestFirst.ids).toEqual(page([...expected].reverse(), 4, 10));
  });

  it('finds nothing, with a total of 0, for a term no entry holds; wildcards in the term are literal', async () => {
    expect(await listIds({ 'filters.search': 'no entry says this' })).toEqual({ ids: [], total: 0 });
    expect(await listIds({ 'filters.search': '%_%' })).toEqual({ ids: [], total: 0 });
  });

  it('combines the search with a filter', async () => {
    const expected = visibleMatching('inbox').filter((entry) => entry.action === 'inbox.member_added');
    expect(expected.length).toBeGreaterThan(10);
    const result = await listIds({ 'filters.search': 'inbox', 'filters.action': 'inbox.member_added', perPage: '10', page: '2' });
    expect(result.ids).toEqual(page(expected, 2, 10));
    expect(result.total).toBe(cappedTotal(expected.length));
  });
});

/** Pages (number, perPage) of `term` from `list`, newest first and oldest first, against `expected` (newest first). */
async function expectPagesBothWays(list: AuditLogList, term: string, expected: Entry[], pages: Array<[number, number]>): Promise<void> {
  for (const [number, perPage] of pages) {
    const at = { limit: perPage, offset: (number - 1) * perPage };
    expect(await list.pageIds({ [SEARCH_FILTER]: term }, { ...at, direction: 'DESC' })).toEqual(page(expected, number, perPage));
    expect(await list.pageIds({ [SEARCH_FILTER]: term }, { ...at, direction: 'ASC' })).toEqual(page([...expected].reverse(), number, perPage));
  }
}

/** The first day (UTC) of an entry's month, as 'YYYY-MM-01'. */
const monthOf = (entry: Entry) => `${entry.occurredAt.toISOString().slice(0, 7)}-01`;

/**
 * The way the list's planner reads a page of `term` (no other filter), from window figures worked
 * out here: the newest `searchWindow` entries and the matches among them; the log size is the
 * real one (the list uses PostgreSQL's estimate, equal to it right after ANALYZE on a log this
 * small), and its months those from the oldest entry's to the newest's.
 */
function plannedRead(term: string, options: AuditLogListOptions, page: PageRequest): SearchPagePlan['read'] {
  const budgets = listBudgets(options);
  const newest = all.slice(0, budgets.searchWindow);
  const window = { seen: newest.length, matched: newest.filter((entry) => searchText(entry).includes(term.toLowerCase())).length };
  const months = monthsBetween(monthOf(all[all.length - 1]!), monthOf(all[0]!), 'DESC').length;
  return planSearchPage(page, window, { entries: all.length, months }, budgets).read;
}

describe('search through the month-keyed trigram index', () => {
  // Walking never pays off here, so every search page past the window goes month by month.
  const options = { countCap: COUNT_CAP, searchWindow: SEARCH_WINDOW, walkBudget: 0, recheckCost: 0 };
  const list = () => new AuditLogList(t.dataSource, options);

  it('pages month by month, newest first and oldest first, exactly as a reading of the whole log would', async () => {
    const reads = new Set<string>();
    for (const term of ['inbox', 'Sign-in refused', 'removed']) {
      const expected = matching(term);
      expect(expected.length).toBeGreaterThan(30);
      await expectPagesBothWays(list(), term, expected, [[1, 10], [3, 10], [2, 25]]);
      for (const [offset, limit] of [[0, 10], [20, 10], [25, 25]] as const) {
        for (const direction of ['DESC', 'ASC'] as const) reads.add(plannedRead(term, options, { offset, limit, direction }));
      }
    }
    // The pages above are not all served by the window: some were read month by month.
    expect(reads).toContain('by-month');
  });

  it('combines the month-by-month search with a filter', async () => {
    const expected = matching('team').filter((entry) => entry.category === 'Team');
    const ids = await list().pageIds({ [SEARCH_FILTER]: 'team', category: 'Team' }, { limit: 10, offset: 10, direction: 'DESC' });
    expect(ids).toEqual(page(expected, 2, 10));
  });
});

describe('the word a search asks the trigram index for', () => {
  // A window of 1000 entries counts the words of the term; the index is then asked for the word
  // the fewest of them hold. Walking never pays off here, so pages past the window come by month.
  const WINDOW = 1000;
  const options = { countCap: COUNT_CAP, searchWindow: WINDOW, walkBudget: 0, recheckCost: 0 };
  const newest = () => all.slice(0, WINDOW);
  const hitsOf = (term: string) => searchWords(term).map((word) => newest().filter((entry) => searchText(entry).includes(word.toLowerCase())).length);

  it("is the word the newest entries hold least — a person's own, not the account's they share — and pages the same", async () => {
    // An email whose best-looking word is its account's ("account7" beats a short name), shared by
    // the account's other people, so the newest entries hold it more often than the person's word.
    const email = [...new Set(all.map((entry) => entry.actorEmail))].find((candidate): candidate is string => {
      if (!candidate || !searchWords(candidate)[0]!.startsWith('account')) return false;
      const hits = hitsOf(candidate);
      return matching(candidate).length > 20 && hits[0]! > Math.min(...hits);
    });
    expect(email).toBeDefined();
    const figures = await new SearchWindow(t.dataSource, WINDOW, 0).stats({}, email!);
    expect(figures.word).toBe(telltaleWord(email!, hitsOf(email!)));
    expect(figures.word).not.toMatch(/^account/);
    expect(figures.matched).toBe(newest().filter((entry) => searchText(entry).includes(email!.toLowerCase())).length);
    await expectPagesBothWays(new AuditLogList(t.dataSource, options), email!.toUpperCase(), matching(email!), [[1, 5], [3, 10]]);
  });
});

describe('a search for a term the newest entries do not hold', () => {
  // A one-entry window (the newest entry: the sign-in) holds none of these terms, so their share is
  // unknown: the list asks the newest months one by one, then reads the older months at once.
  const list = (estimateFrom = 5) => new AuditLogList(t.dataSource, { countCap: COUNT_CAP, searchWindow: 1, estimateFrom });

  it('pages newest first and oldest first, before and past the months it asks one by one, as a reading of the whole log would', async () => {
    for (const term of ['inbox', 'removed']) {
      const expected = matching(term);
      // Two years of entries, a few of these a month: the later pages come from the older months' read.
      expect(expected.length).toBeGreaterThan(60);
      await expectPagesBothWays(list(), term, expected, [[1, 5], [3, 10], [2, 25]]);
      // The window (the sign-in) holds no match: the planner asks the newest months one by one.
      expect(plannedRead(term, { searchWindow: 1 }, { offset: 0, limit: 5, direction: 'DESC' })).toBe('by-month');
    }
  });

  it('estimates the total of a term with many matches from its share of the newest months, and counts a rare one exactly', async () => {
    const frequent = matching('inbox').length;
    const estimate = await list().count({ [SEARCH_FILTER]: 'inbox' });
    expect(estimate).toBeGreaterThan(frequent / 2);
    expect(estimate).toBeLessThanOrEqual(Math.min(COUNT_CAP, frequent * 2));
    const newest = new Set(all.slice(0, 300).map((entry) => entry.actorEmail));
    const rare = all.slice(-500).find((entry) => entry.actorEmail && !newest.has(entry.actorEmail))!.actorEmail!;
    expect(await list(1000).count({ [SEARCH_FILTER]: rare })).toBe(cappedTotal(matching(rare).length));
  });
});

describe("a month's matches, read once for a request's page and total", () => {
  // A term the window (one entry) does not hold is read month by month: the page's read of a month
  // also counts its matches, and the total reuses that count instead of reading the month again.
  // Month counts are told apart among the queries by their capped-count shape (cappedCount's "SELECT count(*) AS n").
  const monthCounts = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([sql]) => /^SELECT count\(\*\) AS n FROM \(/.test(String(sql)) && String(sql).includes("date_trunc('month'")).length;
  let queries: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    queries = jest.spyOn(PostgresQueryRunner.prototype, 'query');
  });
  afterEach(() => queries.mockRestore());

  it('lists the page, then gives the total with no month read again, both right', async () => {
    const list = new AuditLogList(t.dataSource, { countCap: COUNT_CAP, searchWindow: 1, estimateFrom: 1000 });
    const rare = all.slice(-400).find((entry) => entry.actorEmail && !all.slice(0, 300).some((newer) => newer.actorEmail === entry.actorEmail))!.actorEmail!;
    const expected = matching(rare);
    expect(await list.pageIds({ [SEARCH_FILTER]: rare }, { limit: 5, offset: 0, direction: 'DESC' })).toEqual(page(expected, 1, 5));
    const readByPage = new Set(expected.slice(0, 5).map(monthOf)).size;
    expect(monthCounts(queries)).toBe(0);
    expect(await list.count({ [SEARCH_FILTER]: rare })).toBe(cappedTotal(expected.length));
    // The total counts the newest months (three at most) and then the rest at once; those the page read cost nothing.
    const calls = monthCounts(queries);
    expect(calls).toBeLessThanOrEqual(3 - Math.min(3, readByPage));
  });

  it('pages right when a month holds more matches than the cap (the capped read is not the first ones)', async () => {
    const term = 'inbox';
    const perMonth = new Map<string, number>();
    for (const entry of matching(term)) perMonth.set(monthOf(entry), (perMonth.get(monthOf(entry)) ?? 0) + 1);
    const cap = 3;
    // The newest month holds more matches than the cap: its capped read is an arbitrary three.
    expect(perMonth.get(monthOf(matching(term)[0]!))).toBeGreaterThan(cap);
    const list = new AuditLogList(t.dataSource, { countCap: cap, searchWindow: 1, estimateFrom: 1000 });
    await expectPagesBothWays(list, term, matching(term), [[1, 5], [2, 5]]);
  });
});

describe('one list request reads the search window once', () => {
  // AdminJS answers a list request with count() then find(); both need the search window's
  // figures. Window reads are told apart among the queries by their "AS seen" column.
  const windowReads = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.filter(([sql]) => String(sql).includes('AS seen')).length;
  const resourceWith = (options: AuditLogListOptions) => new AuditLogResource(t.dataSource, { countCap: COUNT_CAP, searchWindow: SEARCH_WINDOW, ...options });
  const filterOf = (resource: AuditLogResource, term: string) => new Filter({ [SEARCH_FILTER]: term }, resource);
  let queries: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    queries = jest.spyOn(t.dataSource, 'query');
  });
  afterEach(() => queries.mockRestore());

  it('counts, then lists the page, with one window read, and both answers right', async () => {
    const resource = resourceWith({});
    const filter = filterOf(resource, 'signed in');
    const expected = matching('signed in');
    expect(await resource.count(filter)).toBe(cappedTotal(expected.length));
    const records = await resource.find(filter, { limit: 10, offset: 10 });
    expect(records.map((record) => String(record.id()))).toEqual(page(expected, 2, 10));
    expect(windowReads(queries)).toBe(1);
  });

  it('reads the window again once countCacheMs has passed, and every time with countCacheMs 0', async () => {
    const shortLived = resourceWith({ countCacheMs: 50 });
    await shortLived.count(filterOf(shortLived, 'signed in'));
    await new Promise((resolve) => setTimeout(resolve, 80));
    await shortLived.find(filterOf(shortLived, 'signed in'), { limit: 10, offset: 0 });
    expect(windowReads(queries)).toBe(2);

    const uncached = resourceWith({ countCacheMs: 0 });
    await uncached.count(filterOf(uncached, 'signed out'));
    await uncached.find(filterOf(uncached, 'signed out'), { limit: 10, offset: 0 });
    expect(windowReads(queries)).toBe(4);
  });
});
