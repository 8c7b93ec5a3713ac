// GET /audit_logs's parameters: each filter of the Audit Logs list as a query parameter, answering
// exactly the entries that match (compared with the database, not just "some entries"); and every
// bad parameter refused with a 400 problem naming it, never ignored or read loosely.
import type { ActivityDraft } from '@hashtrail/adminjs-audit';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { SYSTEM_ACCOUNT_ID } from '../../src/accounts/system-log.js';
import { allPages, get, lastEntryId, page, problemOf, tokenAccount, tokenFor } from './api-client.js';

let t: TestApp;
let token: string;
/** The token's account: this file's entries are written there, except `elsewhere` (the system log's). */
let account: string;
/** The entries this file writes, by name. */
const ids: Record<string, string> = {};
/**
 * Boundaries between the batches, RFC 3339 UTC to the millisecond: the database's clock rounded up
 * to the next millisecond, then waited past, so every entry before is earlier and every one after later.
 */
const at: Record<string, string> = {};

async function record(name: string, draft: ActivityDraft) {
  await t.dataSource.transaction((manager) => t.audit.record(manager, { accountId: account, ...draft }));
  ids[name] = await lastEntryId(t);
}

async function clock(name: string) {
  const [{ boundary }] = await t.dataSource.query(
    `SELECT to_char((date_trunc('milliseconds', clock_timestamp()) + interval '1 millisecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS boundary`,
  );
  await t.dataSource.query(`SELECT pg_sleep(0.002)`);
  at[name] = boundary;
}

const quinn = { id: '901', name: 'Quinn Filter', email: 'quinn@filters.example', role: 'administrator' };
const rosa = { id: '902', name: 'Rosa Other', email: 'rosa@elsewhere.example', role: 'agent' };
const from = (ip: string | null, requestId: string) => ({ ip, userAgent: 'filters-test', requestId });

beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await tokenFor(t, ADMIN_EMAIL, 'filters'));
  account = await tokenAccount(t);
  await clock('beforeAll');
  await record('quokkaInbox', { action: 'inbox.created', actor: quinn, targetType: 'inbox', targetId: '7001', targetLabel: 'Zephyr-Quokka desk', request: from('10.9.8.7', 'req-filter-1') });
  await record('plainInbox', { action: 'inbox.deleted', actor: rosa, targetType: 'inbox', targetId: '7002', targetLabel: 'Plain desk', request: from('10.9.8.70', 'req-filter-2') });
  await clock('afterFirst');
  await record('team', { action: 'team.created', actor: quinn, targetType: 'team', targetId: '7001', targetLabel: '100%_literal team', request: from('192.168.5.5', 'req-filter-1') });
  await record('ipv6', { action: 'team.deleted', actor: rosa, targetType: 'team', targetId: '7003', targetLabel: 'IPv6 team', request: from('2001:db8::1', 'req-filter-3') });
  await clock('afterSecond');
  await record('system', { action: 'inbox.updated', actor: null, targetType: 'inbox', targetId: '7002', targetLabel: 'Plain desk', changes: { name: { from: 'Old', to: 'Plain desk' } }, request: from(null, 'req-filter-4') });
  // quokkaInbox again, in another account (the system log): it matches the same filters, and no answer may hold it.
  await record('elsewhere', { action: 'inbox.created', actor: quinn, targetType: 'inbox', targetId: '7001', targetLabel: 'Zephyr-Quokka desk', request: from('10.9.8.7', 'req-filter-1'), accountId: SYSTEM_ACCOUNT_ID });
});
afterAll(() => t.close());

/** Ids the API answers for `query`, every page, newest first (limit 2: the filters hold across pages too). */
const apiIds = async (query: Record<string, string>) => (await allPages(t, token, { ...query, limit: 2 })).map((entry) => entry.id);

/** Ids the database holds for `where` in the token's account (every account with `anyAccount`), newest first: what the answer must be, exactly. */
async function dbIds(where: string, parameters: unknown[], anyAccount = false): Promise<string[]> {
  const scope = anyAccount ? 'true' : `account_id = '${account}'`;
  const rows = (await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE ${scope} AND (${where}) ORDER BY occurred_at DESC, id DESC`, parameters)) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

describe('each filter answers exactly the matching entries', () => {
  // Each case: the query, the SQL it means, and the entries of this file it must include and leave out.
  const cases: Array<[string, () => Record<string, string>, string, () => unknown[], string[], string[]]> = [
    ['actor_id', () => ({ actor_id: '901' }), `actor_id = $1`, () => ['901'], ['quokkaInbox', 'team'], ['plainInbox', 'ipv6', 'system']],
    ['category', () => ({ category: 'Team' }), `category = $1`, () => ['Team'], ['team', 'ipv6'], ['quokkaInbox', 'plainInbox', 'system']],
    ['action', () => ({ action: 'inbox.deleted' }), `action = $1`, () => ['inbox.deleted'], ['plainInbox'], ['quokkaInbox', 'system']],
    ['target_type', () => ({ target_type: 'team' }), `target_type = $1`, () => ['team'], ['team', 'ipv6'], ['quokkaInbox']],
    ['target_id of any type', () => ({ target_id: '7001' }), `target_id = $1`, () => ['7001'], ['quokkaInbox', 'team'], ['plainInbox', 'ipv6']],
    ['target_type and target_id', () => ({ target_type: 'inbox', target_id: '7001' }), `target_type = $1 AND target_id = $2`, () => ['inbox', '7001'], ['quokkaInbox'], ['team']],
    ['request_id', () => ({ request_id: 'req-filter-1' }), `request_id = $1`, () => ['req-filter-1'], ['quokkaInbox', 'team'], ['plainInbox']],
    ['a whole IP address, not its longer neighbours', () => ({ ip: '10.9.8.7' }), `ip = $1`, () => ['10.9.8.7'], ['quokkaInbox'], ['plainInbox']],
    ['an IP prefix', () => ({ ip: '10.9.8.' }), `ip LIKE $1`, () => ['10.9.8.%'], ['quokkaInbox', 'plainInbox'], ['team', 'ipv6']],
    ['an IPv6 address', () => ({ ip: '2001:db8::1' }), `ip = $1`, () => ['2001:db8::1'], ['ipv6'], ['quokkaInbox']],
    ['search in the target label, ignoring case', () => ({ search: 'zephyr-QUOKKA' }), `target_label ILIKE $1`, () => ['%zephyr-quokka%'], ['quokkaInbox'], ['plainInbox', 'team']],
    ['search in the actor email', () => ({ search: 'quinn@filters' }), `actor_email = $1`, () => ['quinn@filters.example'], ['quokkaInbox', 'team'], ['ipv6']],
    ['search taking % and _ literally', () => ({ search: '100%_lit' }), `target_label = $1`, () => ['100%_literal team'], ['team'], ['quokkaInbox']],
    ['from', () => ({ from: at.afterSecond! }), `occurred_at >= $1`, () => [at.afterSecond], ['system'], ['team', 'ipv6', 'quokkaInbox']],
    ['to', () => ({ to: at.afterFirst! }), `occurred_at <= $1`, () => [at.afterFirst], ['quokkaInbox', 'plainInbox'], ['team', 'system']],
    ['from and to', () => ({ from: at.afterFirst!, to: at.afterSecond! }), `occurred_at BETWEEN $1 AND $2`, () => [at.afterFirst, at.afterSecond], ['team', 'ipv6'], ['quokkaInbox', 'plainInbox', 'system']],
    ['from and to with an offset', () => ({ from: offset(at.afterFirst!, '+02:00'), to: offset(at.afterSecond!, '-05:30') }), `occurred_at BETWEEN $1 AND $2`, () => [at.afterFirst, at.afterSecond], ['team', 'ipv6'], ['quokkaInbox', 'system']],
    ['several filters at once (all must hold)', () => ({ actor_id: '901', category: 'Inbox', from: at.beforeAll! }), `actor_id = $1 AND category = $2 AND occurred_at >= $3`, () => ['901', 'Inbox', at.beforeAll], ['quokkaInbox'], ['team', 'plainInbox']],
  ];

  it.each(cases)('%s', async (_name, query, where, parameters, included, excluded) => {
    const answered = await apiIds(query());
    const expected = await dbIds(where, parameters());
    expect(answered).toEqual(expected);
    for (const name of included) expect(answered).toContain(ids[name]);
    for (const name of excluded) expect(answered).not.toContain(ids[name]);
    expect(answered).not.toContain(ids.elsewhere);
  });

  it("never answers another account's entry, even one matching every filter", async () => {
    const query = { actor_id: '901', action: 'inbox.created', target_id: '7001', request_id: 'req-filter-1', ip: '10.9.8.7', search: 'zephyr-quokka' };
    const where = `actor_id = $1 AND action = $2 AND target_id = $3 AND request_id = $4 AND ip = $5`;
    const parameters = ['901', 'inbox.created', '7001', 'req-filter-1', '10.9.8.7'];
    // In the table, both match; the token's account holds only quokkaInbox.
    expect(await dbIds(where, parameters, true)).toEqual([ids.elsewhere, ids.quokkaInbox]);
    expect(await apiIds(query)).toEqual([ids.quokkaInbox]);
    problemOf(await get(t, `/audit_logs/${ids.elsewhere}`, token), 404);
  });

  it('answers an empty page, with no next cursor, when nothing matches', async () => {
    expect(await page(t, token, { actor_id: 'nobody-has-this-id' })).toEqual({ data: [], has_more: false, next_cursor: null });
  });

  it('answers the same entries oldest first with order=asc', async () => {
    const newestFirst = await apiIds({ target_id: '7002' });
    expect(newestFirst).toHaveLength(2);
    expect(await apiIds({ target_id: '7002', order: 'asc' })).toEqual([...newestFirst].reverse());
  });

  it("answers every entry of the token's account, newest first, with no filter, and none of another account", async () => {
    const answered = await apiIds({});
    expect(answered).toEqual(await dbIds('true', []));
    const everywhere = await dbIds('true', [], true);
    expect(everywhere.length).toBeGreaterThan(answered.length);
    expect(answered).not.toContain(ids.elsewhere);
  });
});

/** The same instant written with another UTC offset. */
function offset(utc: string, zone: '+02:00' | '-05:30'): string {
  const minutes = zone === '+02:00' ? 120 : -330;
  const local = new Date(Date.parse(utc) + minutes * 60_000).toISOString().slice(0, -1);
  return `${local}${zone}`;
}

describe('bad parameters are a 400 problem naming each one', () => {
  const refused = async (query: Record<string, string | number>, parameter: string) => {
    const problem = problemOf(await get(t, '/audit_logs', token, query), 400);
    expect(problem.type).toBe('urn:hashtrail:audit-api:problem:bad_request');
    expect(problem.errors?.map((error) => error.parameter)).toContain(parameter);
    return problem;
  };

  it.each([
    ['actorId', { actorId: '901' }],
    ['page', { page: '2' }],
    ['offset', { offset: '50' }],
    ['filters.action', { 'filters.action': 'inbox.created' }],
    ['sort', { sort: 'occurred_at' }],
  ])('refuses the unknown parameter %s instead of ignoring it (a misspelt filter must not widen the answer)', async (name, query) => {
    const problem = await refused(query, name);
    expect(problem.errors).toEqual([{ parameter: name, detail: 'is not a parameter of this route' }]);
  });

  it('names every bad parameter of one request', async () => {
    const problem = await refused({ limit: 0, order: 'newest', colour: 'red', from: 'yesterday' }, 'limit');
    expect(problem.errors!.map((error) => error.parameter).sort()).toEqual(['colour', 'from', 'limit', 'order']);
  });

  it('refuses a limit above the maximum (AUDIT_API_PAGE_MAX), and answers at the maximum', async () => {
    const max = t.config.AUDIT_API_PAGE_MAX;
    const problem = await refused({ limit: max + 1 }, 'limit');
    expect(problem.errors).toEqual([{ parameter: 'limit', detail: `must be at most ${max}` }]);
    expect((await get(t, '/audit_logs', token, { limit: max })).status).toBe(200);
  });

  it.each(['0', '-1', '1.5', 'ten', ''])('refuses limit=%j', async (limit) => {
    await refused({ limit }, 'limit');
  });

  it('gives AUDIT_API_PAGE_DEFAULT entries when no limit is named', async () => {
    await t.dataSource.transaction(async (manager) => {
      for (let i = 0; i < 60; i++) {
        await t.audit.record(manager, { accountId: account, action: 'team.created', actor: rosa, targetType: 'team', targetId: String(8000 + i), targetLabel: `Bulk ${i}`, request: from('10.1.1.1', `req-bulk-${i}`) });
      }
    });
    const body = await page(t, token);
    expect(body.data).toHaveLength(t.config.AUDIT_API_PAGE_DEFAULT);
    expect(body.has_more).toBe(true);
  });

  it.each(['sideways', 'DESC', ''])('refuses order=%j', async (order) => {
    await refused({ order }, 'order');
  });

  it.each(['yesterday', '2026-13-01T00:00:00Z', '2026-02-30T00:00:00Z', '2026-01-01', '2026-01-01T10:00:00', '1767225600'])('refuses from=%j (an RFC 3339 date-time with its offset is needed)', async (value) => {
    await refused({ from: value }, 'from');
    await refused({ to: value }, 'to');
  });

  it('refuses from after to', async () => {
    const problem = await refused({ from: '2026-06-02T00:00:00Z', to: '2026-06-01T00:00:00Z' }, 'from');
    expect(problem.errors).toEqual([{ parameter: 'from', detail: 'from must not be after to' }]);
  });

  it.each(['actor_id', 'category', 'action', 'target_type', 'target_id', 'request_id', 'ip', 'search'])('refuses %s empty, with a control character, or too long', async (name) => {
    await refused({ [name]: '' }, name);
    await refused({ [name]: 'inbox\u0000created' }, name);
    await refused({ [name]: 'line\nbreak' }, name);
    await refused({ [name]: 'x'.repeat(201) }, name);
  });

  it('refuses a filter given twice rather than picking one', async () => {
    const response = await get(t, '/audit_logs', token).query('action=inbox.created&action=inbox.deleted');
    const problem = problemOf(response, 400);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['action']);
  });

  it('records no read for a request it refused (nothing was read)', async () => {
    const fresh = await tokenFor(t, ADMIN_EMAIL, 'refused only');
    const before = await lastEntryId(t);
    problemOf(await get(t, '/audit_logs', fresh.token, { limit: 'many' }), 400);
    expect(await lastEntryId(t)).toBe(before);
  });
});
