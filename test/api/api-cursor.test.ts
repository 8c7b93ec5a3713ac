// Cursor pagination: pages that follow one another exactly (no entry twice, none missed) whether
// entries arrive in between or not; newest first ends with no cursor, oldest first keeps one so a
// client can poll; a cursor only fits the filters and order it was given for; a damaged or forged
// one is a 400 naming it, never a 500 or a page from elsewhere in the log.
import type { ActivityDraft } from '@hashtrail/adminjs-audit';
import { encodeCursor, type ListQuery } from '../../plugin/src/api/api-query.js';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { SYSTEM_ACCOUNT_ID } from '../../src/accounts/system-log.js';
import { get, idsInLogOrder, idsOfOtherAccounts, page, problemOf, tokenAccount, tokenFor } from './api-client.js';

let t: TestApp;
let token: string;
/** The token's account: the entries written here go to it, unless a test says otherwise. */
let account: string;
beforeAll(async () => {
  // Every single-character change of a cursor is tried below: more requests than the default allowance.
  t = await startTestApp({ AUDIT_API_RATE_LIMIT: '100000' });
  ({ token } = await tokenFor(t, ADMIN_EMAIL, 'cursor'));
  account = await tokenAccount(t);
  for (let i = 0; i < 12; i++) {
    await write({ action: i % 2 ? 'team.created' : 'inbox.created', actor: null, targetType: i % 2 ? 'team' : 'inbox', targetId: String(500 + i), targetLabel: `Cursor ${i}` });
    // Interleaved with them, entries of the system log (another account), which no walk may show.
    if (i % 3 === 0) await write({ action: i % 2 ? 'team.created' : 'inbox.created', actor: null, targetType: i % 2 ? 'team' : 'inbox', targetId: String(600 + i), targetLabel: `Elsewhere ${i}`, accountId: SYSTEM_ACCOUNT_ID });
  }
});
afterAll(() => t.close());

const write = (draft: ActivityDraft) => t.dataSource.transaction((manager) => t.audit.record(manager, { accountId: account, ...draft }));
const ids = (entries: Array<{ id: string }>) => entries.map((entry) => entry.id);

/** Follows next_cursor from the first page while has_more says so, keeping each page. */
async function walk(query: Record<string, string | number>) {
  const pages = [];
  let body = await page(t, token, query);
  pages.push(body);
  while (body.has_more) {
    body = await page(t, token, { ...query, cursor: body.next_cursor! });
    pages.push(body);
  }
  return pages;
}

const refusedCursor = async (query: Record<string, string | number>) => {
  const problem = problemOf(await get(t, '/audit_logs', token, query), 400);
  expect(problem.errors?.map((error) => error.parameter)).toEqual(['cursor']);
  return problem;
};

describe('following next_cursor', () => {
  it('walks the whole log newest first, seven at a time, each entry once and in order, ending with no cursor', async () => {
    const pages = await walk({ limit: 7 });
    const expected = (await idsInLogOrder(t)).reverse();
    expect(pages.flatMap((body) => ids(body.data))).toEqual(expected);
    expect(pages.length).toBe(Math.ceil(expected.length / 7));
    for (const body of pages.slice(0, -1)) expect(body).toMatchObject({ has_more: true, next_cursor: expect.any(String) });
    expect(pages.at(-1)).toMatchObject({ has_more: false, next_cursor: null });
    // Another account's entries are in the table, between these, and on no page.
    const elsewhere = await idsOfOtherAccounts(t);
    expect(elsewhere.length).toBeGreaterThanOrEqual(4);
    const walked = new Set(pages.flatMap((body) => ids(body.data)));
    expect(elsewhere.filter((id) => walked.has(id))).toEqual([]);
    for (const body of pages) for (const entry of body.data) expect(entry.account_id).toBe(account);
  });

  it('walks it oldest first too, and keeps a cursor at the end, from which the next new entry is read', async () => {
    const pages = await walk({ limit: 7, order: 'asc' });
    expect(pages.flatMap((body) => ids(body.data))).toEqual(await idsInLogOrder(t));
    const last = pages.at(-1)!;
    expect(last.has_more).toBe(false);
    expect(last.next_cursor).toEqual(expect.any(String));

    // Nothing new: an empty page that hands the same cursor back.
    const idle = await page(t, token, { limit: 7, order: 'asc', cursor: last.next_cursor! });
    expect(idle).toEqual({ data: [], has_more: false, next_cursor: last.next_cursor });

    await write({ action: 'inbox.deleted', actor: null, targetType: 'inbox', targetId: '777', targetLabel: 'Arrived later' });
    const next = await page(t, token, { limit: 7, order: 'asc', cursor: idle.next_cursor! });
    expect(ids(next.data)).toEqual((await idsInLogOrder(t)).slice(-1));
    expect(next.data[0]!.target?.label).toBe('Arrived later');
    expect(next.next_cursor).not.toBe(idle.next_cursor);
  });

  it('goes on exactly where the page ended when entries arrive between pages (newest first)', async () => {
    const first = await page(t, token, { limit: 5 });
    const seen = ids(first.data);
    for (let i = 0; i < 3; i++) await write({ action: 'team.deleted', actor: null, targetType: 'team', targetId: String(900 + i), targetLabel: `Meanwhile ${i}` });
    const second = await page(t, token, { limit: 5, cursor: first.next_cursor! });
    const all = (await idsInLogOrder(t)).reverse();
    // The new entries are above the first page; the second page is the five after it as the log was.
    expect(ids(second.data)).toEqual(all.slice(all.indexOf(seen.at(-1)!) + 1, all.indexOf(seen.at(-1)!) + 6));
    expect(ids(second.data).some((id) => seen.includes(id))).toBe(false);
    // A fresh first page shows them.
    expect(ids((await page(t, token, { limit: 3 })).data)).toEqual(all.slice(0, 3));
  });

  it('keeps the filters across pages', async () => {
    const pages = await walk({ limit: 2, target_type: 'team', order: 'asc' });
    const entries = pages.flatMap((body) => body.data);
    expect(entries.length).toBeGreaterThan(4);
    expect(new Set(entries.map((entry) => entry.target?.type))).toEqual(new Set(['team']));
    expect(ids(entries)).toEqual(await idsInLogOrder(t, `target_type = 'team'`));
    expect(entries.some((entry) => entry.target?.label?.startsWith('Elsewhere'))).toBe(false);
  });

  it('takes another limit with the same cursor', async () => {
    const first = await page(t, token, { limit: 2, action: 'inbox.created' });
    const wider = await page(t, token, { limit: 4, action: 'inbox.created', cursor: first.next_cursor! });
    expect(wider.data).toHaveLength(4);
    expect(ids(wider.data).some((id) => ids(first.data).includes(id))).toBe(false);
  });
});

describe('a cursor fits only the query it was given for', () => {
  let cursor: string;
  beforeAll(async () => {
    cursor = (await page(t, token, { limit: 2, action: 'inbox.created' })).next_cursor!;
  });

  it.each([
    ['another filter value', { action: 'team.created' }],
    ['a filter dropped', {}],
    ['a filter added', { action: 'inbox.created', category: 'Inbox' }],
    ['the other order', { action: 'inbox.created', order: 'asc' }],
  ])('refuses it with %s, naming cursor', async (_case, query) => {
    const problem = await refusedCursor({ ...query, limit: 2, cursor });
    expect(problem.errors![0]!.detail).toMatch(/other filters or another order/);
  });

  it('refuses an oldest-first cursor newest first', async () => {
    const asc = (await page(t, token, { limit: 2, order: 'asc' })).next_cursor!;
    await refusedCursor({ limit: 2, cursor: asc });
    expect((await get(t, '/audit_logs', token, { limit: 2, order: 'asc', cursor: asc })).status).toBe(200);
  });
});

describe('a damaged or forged cursor is a 400 naming it', () => {
  let cursor: string;
  const query = { limit: 2, target_type: 'inbox' };
  beforeAll(async () => {
    cursor = (await page(t, token, query)).next_cursor!;
  });

  it('refuses every single-character change of a cursor', async () => {
    expect((await get(t, '/audit_logs', token, { ...query, cursor })).status).toBe(200);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const answers = new Map<number, number>();
    for (let i = 0; i < cursor.length; i++) {
      // A neighbour in the alphabet: changes the character's bits, never leaves the alphabet.
      const changed = alphabet[(alphabet.indexOf(cursor[i]!) + 1) % alphabet.length]!;
      const response = await get(t, '/audit_logs', token, { ...query, cursor: cursor.slice(0, i) + changed + cursor.slice(i + 1) });
      answers.set(response.status, (answers.get(response.status) ?? 0) + 1);
    }
    expect(Object.fromEntries(answers)).toEqual({ 400: cursor.length });
  });

  it.each([
    ['truncated by one character', (c: string) => c.slice(0, -1)],
    ['truncated by half', (c: string) => c.slice(0, c.length >> 1)],
    ['with padding added', (c: string) => `${c}==`],
    ['with a character outside base64url', (c: string) => `${c.slice(0, 10)}!${c.slice(10)}`],
    ['with a space', (c: string) => `${c.slice(0, 10)} ${c.slice(10)}`],
    ['in standard base64', (c: string) => Buffer.from(c, 'base64url').toString('base64')],
    ['not base64 of JSON', () => Buffer.from('not json at all').toString('base64url')],
    ['JSON of another shape', () => Buffer.from(JSON.stringify({ page: 2 })).toString('base64url')],
    ['re-encoded with another id and the old seal', (c: string) => reencode(c, (body) => ({ ...body, id: String(BigInt(body.id as string) - 1n) }))],
    ['re-encoded with an extra field', (c: string) => reencode(c, (body) => ({ ...body, limit: 1000 }))],
    ['longer than 400 characters', (c: string) => c.padEnd(401, 'A')],
  ])('refuses a cursor %s', async (_case, damage) => {
    const damaged = damage(cursor);
    expect(damaged).not.toBe(cursor);
    await refusedCursor({ ...query, cursor: damaged });
  });

  it.each([
    ['an id past PostgreSQL bigint', { at: '2026-01-01T00:00:00.000000Z', id: '9999999999999999999' }],
    ['year 0000', { at: '0000-01-01T00:00:00.000000Z', id: '1' }],
    ['a time in another offset than UTC', { at: '2026-01-01T00:00:00.000000+01:00', id: '1' }],
    ['a time to the millisecond', { at: '2026-01-01T00:00:00.000Z', id: '1' }],
  ])('refuses a correctly sealed cursor holding %s, rather than failing on it', async (_case, position) => {
    const forged = encodeCursor(position, { order: 'desc', limit: 2, target_type: 'inbox' } as ListQuery);
    await refusedCursor({ ...query, cursor: forged });
  });

  it('answers a sealed cursor at any well-formed position (it is a position, not a permission)', async () => {
    const all = (await idsInLogOrder(t, `target_type = 'inbox'`)).reverse();
    const [row] = await t.dataSource.query(`SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at FROM audit_logs WHERE id = $1`, [all[2]]);
    const made = encodeCursor({ at: row.at, id: all[2]! }, { order: 'desc', limit: 2, target_type: 'inbox' } as ListQuery);
    expect(ids((await page(t, token, { ...query, cursor: made })).data)).toEqual(all.slice(3, 5));
  });
});

/** The cursor's JSON changed by `change`, encoded again as base64url. */
function reencode(cursor: string, change: (body: Record<string, unknown>) => Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(change(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))))).toString('base64url');
}
