// Generated malformed requests (a seeded generator: the same 1,200 requests every run) across the
// categories that used to answer HTTP 500: NUL bytes in filters, dates that are not dates, unknown
// sort columns, negative or absurd paging, record ids no key could hold, unknown resources and
// actions, __proto__ / constructor.prototype keys, a 5,000-level nested key, date filters on the
// search route, malformed exports, refused calls. Every one must answer 4xx (or 200 where the input
// is harmless and capped), none 5xx, and none may write anything.
import os from 'node:os';
import path from 'node:path';
import { adminApi } from '../helpers/admin-api.js';
import { AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportThenAssert } from './summary.js';

export const FUZZ_SEED = 0x5eed_2026;
const REQUESTS = 1_200;
const PER_PAGE_MAX = 100;

/** mulberry32: small, fast and the same on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number) => Math.floor(next() * max);
  const pick = <T,>(items: readonly T[]): T => items[int(items.length)]!;
  const word = (length = 3 + int(10)) => Array.from({ length }, () => pick('abcdefghijklmnopqrstuvwxyzXYZ_-09'.split(''))).join('');
  return { next, int, pick, word };
}

type Method = 'get' | 'post';
interface FuzzRequest {
  category: string;
  method: Method;
  url: string;
  query?: Record<string, string>;
  form?: Record<string, string>;
  as: 'admin' | 'agent';
  /** Statuses that are right for this input. */
  expect: number[];
  /**
   * AdminJS's record-not-found is right too (HTTP 200, a NotFoundError and no record): the record
   * is outside the caller's account, which finds nothing there before asking whether they may read it.
   */
  notFoundOk?: true;
}

/** AdminJS's answer for a record that cannot be found: nothing of the record in it. */
function isRecordNotFound(response: { status: number; body: unknown }): boolean {
  const record = (response.body as { record?: { params?: Record<string, unknown>; populated?: Record<string, unknown>; baseError?: { type?: string } } } | undefined)?.record;
  return response.status === 200 && record?.baseError?.type === 'NotFoundError' && Object.keys(record.params ?? {}).length === 0 && Object.keys(record.populated ?? {}).length === 0;
}

const RESOURCES = ['User', 'Inbox', 'Team', 'Webhook', 'AutomationRule', 'Account', 'InboxMember', 'TeamMember', 'AuditLog', 'AuditDelivery'] as const;
const FIELDS: Record<(typeof RESOURCES)[number], string[]> = {
  User: ['name', 'email', 'role', 'status', 'availability'],
  Inbox: ['name', 'channelType', 'greeting'],
  Team: ['name', 'description'],
  Webhook: ['url'],
  AutomationRule: ['name', 'description', 'event'],
  Account: ['name', 'supportEmail', 'timezone'],
  InboxMember: ['inboxId', 'userId'],
  TeamMember: ['teamId', 'userId'],
  AuditLog: ['action', 'category', 'targetType', 'targetId', 'ip', 'requestId', 'search', 'actorName'],
  AuditDelivery: ['sink', 'status'],
};
const DATE_FIELD: Record<(typeof RESOURCES)[number], string> = {
  User: 'createdAt', Inbox: 'updatedAt', Team: 'createdAt', Webhook: 'createdAt', AutomationRule: 'createdAt', Account: 'createdAt',
  InboxMember: 'createdAt', TeamMember: 'createdAt', AuditLog: 'occurredAt', AuditDelivery: 'createdAt',
};
const BAD_DATES = ['yesterday', '2026-13-45', 'not a date', "2026-01-01' OR '1'='1", '99999-99-99', '1e400', '--', '2026-02-30T25:61:00Z', '   '];
const BAD_IDS = ['abc', '-1', '1.5', "1' OR '1'='1", '99999999999999999999', '0x10', '1e3', ' 1', 'NaN', '%00'];
const EDITABLE = ['Inbox', 'Team', 'User', 'Webhook', 'AutomationRule'] as const;
const WITH_IDS: Record<string, string> = { Inbox: '1', Team: '1', User: '2', Webhook: '1', AutomationRule: '1', Account: '1', AuditLog: '1', AuditDelivery: '1', InboxMember: '1', TeamMember: '1' };

export function generateFuzzRequests(seed = FUZZ_SEED, count = REQUESTS): FuzzRequest[] {
  const g = generator(seed);
  const api = '/admin/api/resources';
  const withNul = () => `${g.word(g.int(4))}\0${g.word(g.int(4))}`;
  const deepKey = (levels: number) => Array.from({ length: levels }, () => 'a').join('.');
  const categories: Array<() => FuzzRequest> = [
    () => {
      const r = g.pick(RESOURCES);
      return { category: 'NUL byte in a filter', method: 'get', url: `${api}/${r}/actions/list`, query: { [`filters.${g.pick(FIELDS[r])}`]: withNul() }, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(RESOURCES);
      return { category: 'invalid date in ~~from/~~to', method: 'get', url: `${api}/${r}/actions/list`, query: { [`filters.${DATE_FIELD[r]}~~${g.pick(['from', 'to'])}`]: g.pick(BAD_DATES) }, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(RESOURCES);
      return { category: 'unknown sortBy', method: 'get', url: `${api}/${r}/actions/list`, query: { sortBy: `${g.word()}${g.pick(['', ';drop', ' desc', '.x', '"'])}`, direction: g.pick(['asc', 'desc']) }, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(RESOURCES);
      const bad = g.next() < 0.5;
      const perPage = bad ? g.pick(['-1', '0', '-100', 'abc', '1.5', '1e3', '', ' 5']) : String(PER_PAGE_MAX + 1 + g.int(1_000_000));
      return { category: bad ? 'perPage negative or not a number' : 'perPage above the cap (capped)', method: 'get', url: `${api}/${r}/actions/list`, query: { perPage }, as: 'admin', expect: bad ? [400] : [200] };
    },
    () => {
      const r = g.pick(RESOURCES);
      return { category: 'page below 1 or not a number', method: 'get', url: `${api}/${r}/actions/list`, query: { page: g.pick(['-5', '0', '-1', 'x', '1.5', '99999999999', '']) }, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(['AuditLog', 'AuditDelivery', 'AuditLog', 'AuditDelivery', ...RESOURCES] as const);
      const id = g.pick(BAD_IDS);
      return { category: 'record id no key could hold', method: 'get', url: `${api}/${r}/records/${encodeURIComponent(id).replace('%2500', '%00')}/${g.pick(['show', 'edit', 'delete'])}`, as: 'admin', expect: id === '%00' ? [400, 404] : [404] };
    },
    () => {
      const r = g.pick(RESOURCES);
      const shape = g.int(5);
      const name = `${g.word()}${g.pick(['', 'Action', '__proto__', 'constructor'])}`;
      const url = [
        `${api}/${r}/actions/${name}`,
        `${api}/${r}/records/${WITH_IDS[r]}/${name}`,
        `${api}/${r}/bulk/${name}?recordIds=1`,
        `${api}/${g.pick(['Nope', '__proto__', 'constructor', g.word()])}/actions/list`,
        `${api}/${r}/actions/${g.pick(['show', 'edit', 'delete', 'bulkDelete'])}`, // a record or bulk action called as a resource action
      ][shape]!;
      return { category: 'unknown resource or action name', method: 'get', url, as: 'admin', expect: [404] };
    },
    () => {
      const r = g.pick(EDITABLE);
      const key = `${g.pick(['__proto__', 'constructor.prototype', 'filters.__proto__', 'name.__proto__', 'constructor'])}.${g.word()}`;
      const post = g.next() < 0.5;
      return post
        ? { category: '__proto__ / constructor.prototype key', method: 'post', url: `${api}/${r}/records/${WITH_IDS[r]}/edit`, form: { [key]: g.word() }, as: 'admin', expect: [400] }
        : { category: '__proto__ / constructor.prototype key', method: 'get', url: `${api}/${r}/actions/list`, query: { [key]: g.word() }, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(EDITABLE);
      const levels = g.pick([5_000, 1_000, 50, 5_000]);
      const post = g.next() < 0.5;
      return post
        ? { category: 'deeply nested key', method: 'post', url: g.next() < 0.5 ? `${api}/${r}/records/${WITH_IDS[r]}/edit` : `${api}/${r}/actions/new`, form: { [deepKey(levels)]: 'x' }, as: 'admin', expect: [400] }
        : { category: 'deeply nested key', method: 'get', url: `${api}/${r}/actions/list`, query: { [deepKey(levels)]: 'x' }, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(RESOURCES);
      const term = encodeURIComponent(g.word());
      const url = g.next() < 0.5 ? `${api}/${r}/search/${term}` : `${api}/${r}/actions/search/${term}`;
      return { category: 'date filter on the search route', method: 'get', url, query: { [`filters.${DATE_FIELD[r]}~~from`]: g.pick(BAD_DATES) }, as: 'admin', expect: [400] };
    },
    () => {
      const kind = g.int(5);
      const query: Record<string, string> = { format: 'csv' };
      if (kind === 0) query['filters.actorName'] = withNul();
      if (kind === 1) query[`filters.occurredAt~~${g.pick(['from', 'to'])}`] = g.pick(BAD_DATES);
      if (kind === 2) query[`filters.${g.word()}`] = g.word();
      if (kind === 3) query.format = g.pick(['xlsx', 'csv\0', '', 'CSV', '../../etc/passwd']);
      if (kind === 4) query[g.pick(['sortBy', 'direction'])] = `${g.word()}\0`;
      return { category: 'malformed export', method: 'get', url: '/admin/audit-logs/export', query, as: 'admin', expect: [400] };
    },
    () => {
      const r = g.pick(['AuditLog', 'AuditDelivery', 'Inbox', 'Team'] as const);
      return { category: 'bulk action with ids no key could hold', method: 'get', url: `${api}/${r}/bulk/bulkDelete`, query: { recordIds: `${g.pick(BAD_IDS.filter((id) => id !== '%00'))},1` }, as: 'admin', expect: [404] };
    },
    () => {
      const [url, expect, notFoundOk] = g.pick([
        [`${api}/AuditLog/actions/list`, [403], false],
        // Entry 1 is not in the agent's account (the seed's first entry is the system log's): refused, or not found.
        [`${api}/AuditLog/records/1/show`, [403], true],
        [`${api}/AuditDelivery/actions/list`, [403], false],
        [`${api}/User/actions/list`, [403], false],
        [`${api}/Webhook/records/1/show`, [403], false],
        [`${api}/Account/records/1/edit`, [403], false],
      ] as const);
      return { category: 'refused call (isAccessible false)', method: 'get', url, as: 'agent', expect: [...expect], ...(notFoundOk ? { notFoundOk: true as const } : {}) };
    },
  ];
  return Array.from({ length: count }, (_, index) => categories[index % categories.length]!());
}

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ AUDIT_JSONL_PATH: path.join(os.tmpdir(), `fuzz-audit-${process.pid}.jsonl`), LIST_PER_PAGE_MAX: String(PER_PAGE_MAX) });
});
afterAll(() => t.close());

it(`answers ${REQUESTS} generated malformed requests with 4xx, never 5xx, and writes nothing`, async () => {
  const admin = await t.signIn();
  const agent = await t.signIn(AGENT_EMAIL);
  const requests = generateFuzzRequests();
  const before = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);
  const byStatus = new Map<number, number>();
  const wrong: string[] = [];
  const categories = new Map<string, number>();
  for (const call of requests) {
    const client = call.as === 'admin' ? admin : agent;
    let pending = call.method === 'get' ? client.get(call.url) : client.post(call.url);
    if (call.query) pending = pending.query(call.query);
    pending = pending.set('User-Agent', BROWSER_UA);
    if (call.form) pending = pending.type('form').send(call.form);
    const response = await pending;
    byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
    categories.set(call.category, (categories.get(call.category) ?? 0) + 1);
    const capped = call.category === 'perPage above the cap (capped)' && response.status === 200 && response.body.meta?.perPage !== PER_PAGE_MAX;
    const refusedAsNotFound = call.notFoundOk === true && isRecordNotFound(response);
    if ((!call.expect.includes(response.status) && !refusedAsNotFound) || capped || (response.status >= 400 && !response.text.trim())) {
      wrong.push(`${call.category}: ${call.method.toUpperCase()} ${call.url} ${JSON.stringify(call.query ?? call.form ?? {}).slice(0, 120)} -> ${response.status} ${response.text.slice(0, 160)}`);
    }
  }
  const after = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);
  const serverErrors = [...byStatus].filter(([status]) => status >= 500).reduce((sum, [, n]) => sum + n, 0);
  // A refused call that still answers its data would show here: the log itself must be unchanged.
  const ok = await adminApi(admin).list('Inbox', { perPage: '1000' });

  await reportThenAssert(
    '7-fuzz',
    {
      heading: 'malformed requests fuzzed (seeded)',
      lines: [
        `${requests.length} generated requests (seed 0x${FUZZ_SEED.toString(16)}) in ${categories.size} categories`,
        `answers: ${[...byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${n} x ${status}`).join(', ')}; ${serverErrors} x 5xx`,
        `${wrong.length} answered other than expected; audit entries written: ${after - before}`,
      ],
      entriesLost: 0,
      badInputs: requests.length,
    },
    () => {
      expect(requests.length).toBeGreaterThanOrEqual(1_000);
      expect(wrong.slice(0, 25)).toEqual([]);
      expect(serverErrors).toBe(0);
      expect(after).toBe(before);
      expect(ok.status).toBe(200);
      expect(ok.body.meta?.perPage).toBe(PER_PAGE_MAX);
    },
  );
}, 300_000);

it("refuses an agent an entry of their own account (403) and finds none of another account's, leaking neither", async () => {
  const agent = await t.signIn(AGENT_EMAIL);
  const [own] = await t.dataSource.query(`SELECT id::text AS id, sentence FROM audit_logs WHERE account_id = (SELECT min(id) FROM account) ORDER BY id DESC LIMIT 1`);
  const [other] = await t.dataSource.query(`SELECT id::text AS id, sentence FROM audit_logs WHERE account_id IS DISTINCT FROM (SELECT min(id) FROM account) ORDER BY id LIMIT 1`);
  expect(other).toBeDefined();
  const show = (id: string) => agent.get(`/admin/api/resources/AuditLog/records/${id}/show`).set('User-Agent', BROWSER_UA);
  const ownAnswer = await show(own.id);
  expect(ownAnswer.status).toBe(403);
  expect(ownAnswer.text).not.toContain(own.sentence);
  const otherAnswer = await show(other.id);
  expect(otherAnswer.status === 403 || isRecordNotFound(otherAnswer)).toBe(true);
  expect(otherAnswer.text).not.toContain(other.sentence);
});

it('generates the same requests from the same seed', () => {
  expect(JSON.stringify(generateFuzzRequests(FUZZ_SEED, 50))).toBe(JSON.stringify(generateFuzzRequests(FUZZ_SEED, 50)));
  expect(JSON.stringify(generateFuzzRequests(FUZZ_SEED + 1, 50))).not.toBe(JSON.stringify(generateFuzzRequests(FUZZ_SEED, 50)));
});
