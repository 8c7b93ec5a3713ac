// Abuse: brute force, people who may not read the log, writes to the log, injection strings,
// oversized bodies, spoofed client addresses, spreadsheet formulas. Each refused or harmless, and
// counted for the suite's summary. The summary's "entries lost" is counted from what happened:
// every change or refusal the app acknowledged that must leave an entry is noted as it is sent,
// and compared with what audit_logs holds at the end. It is recorded whatever the tests' outcome,
// marked passed only if every test that ran passed and nothing was lost.
import { connect } from 'node:net';
import request from 'supertest';
import { seededAccountId } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { recordSummary } from './summary.js';
import { loginError } from '../helpers/login-page.js';

const MAX_BODY_BYTES = 64 * 1024;
let t: TestApp;
let admin: ReturnType<typeof adminApi>;
let adminAgent: Awaited<ReturnType<TestApp['signIn']>>;
let badInputs = 0;
const proved: string[] = [];
/** Tests that started, and those whose assertions all passed. */
const started: string[] = [];
const passed: string[] = [];
/** Entries the app owes: one per acknowledged change or recorded refusal, by action and target label (null: any). */
const owed: Array<{ action: string; targetLabel: string | null }> = [];
/** Entries after this id are this file's. */
let firstId = '0';

/** `it`, noting whether the test ran and whether it passed, for the summary. */
function counted(name: string, body: () => Promise<void>) {
  it(name, async () => {
    started.push(name);
    await body();
    passed.push(name);
  });
}

beforeAll(async () => {
  t = await startTestApp({ MAX_BODY_BYTES: String(MAX_BODY_BYTES) });
  firstId = String((await t.dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_logs`))[0].id);
  adminAgent = await t.signIn();
  admin = adminApi(adminAgent);
});
afterAll(async () => {
  if (!t) return;
  const rows = (await t.dataSource.query(`SELECT action, target_label AS "targetLabel" FROM audit_logs WHERE id > $1`, [firstId])) as Array<{ action: string; targetLabel: string | null }>;
  const remaining = [...rows];
  let entriesLost = 0;
  for (const want of owed) {
    const at = remaining.findIndex((row) => row.action === want.action && (want.targetLabel === null || row.targetLabel === want.targetLabel));
    if (at === -1) entriesLost += 1;
    else remaining.splice(at, 1);
  }
  const failed = started.filter((name) => !passed.includes(name));
  const recorded = recordSummary('4-abuse', {
    heading: 'abuse refused or harmless',
    lines: [...proved, ...failed.map((name) => `FAILED: ${name}`), `${owed.length} acknowledged changes and refusals owed an entry; ${owed.length - entriesLost} found in audit_logs`],
    entriesLost,
    badInputs,
  });
  if (failed.length === 0 && entriesLost === 0) recorded.passed();
  else recorded.failed();
  await t.close();
});

/** A raw chunked POST (no Content-Length), as a client streaming a body would send it. */
function sendChunked(path: string, cookie: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const server = t.app.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as import('node:net').AddressInfo;
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: ${cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n`);
        for (let at = 0; at < body.length; at += 8192) {
          const piece = body.slice(at, at + 8192);
          socket.write(`${Buffer.byteLength(piece).toString(16)}\r\n${piece}\r\n`);
        }
        socket.write('0\r\n\r\n');
      });
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('error', () => undefined); // a reset after the 413 is expected
      socket.on('close', () => server.close(() => resolve(answer.split('\r\n')[0] || 'connection closed')));
      socket.setTimeout(10_000, () => reject(new Error('no answer to the chunked request')));
    });
  });
}
const adminCookie = () => adminAgent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).toValueString();

const entryCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);
/** The newest entry of the account the admin and the agent are in (the seeded one): one they could otherwise reach. */
const newestOfAccount = async () => {
  const account = String(await seededAccountId(t));
  return (await t.entries()).find((entry) => String(entry.accountId) === account);
};

describe('people who may not read the log', () => {
  const endpoints = (id: string) => [
    ['get', '/admin/api/resources/AuditLog/actions/list'],
    ['get', `/admin/api/resources/AuditLog/records/${id}/show`],
    ['get', '/admin/api/resources/AuditLog/actions/search/admin'],
    ['get', '/admin/api/resources/AuditDelivery/actions/list'],
    ['get', '/admin/audit-logs/export?format=csv'],
    ['get', '/admin/audit-logs/export?format=jsonl'],
  ] as const;

  counted('refuses anonymous visitors on every audit endpoint', async () => {
    const entry = await newestOfAccount();
    for (const [, url] of endpoints(entry!.id)) {
      badInputs += 1;
      const response = await request(t.app).get(url);
      expect([302, 401]).toContain(response.status);
      if (response.status === 302) expect(response.headers.location).toMatch(/\/admin\/login/);
      expect(response.text).not.toContain(entry!.sentence);
    }
    proved.push(`anonymous: ${endpoints('1').length} audit endpoints answer with the sign-in page or 401, never data`);
  });

  counted('refuses agents on every audit endpoint', async () => {
    // The brute-force test throttled the administrator's email, not the agent's.
    const agent = await t.signIn(AGENT_EMAIL);
    const entry = await newestOfAccount();
    for (const [, url] of endpoints(entry!.id)) {
      badInputs += 1;
      const response = await agent.get(url);
      if (url.startsWith('/admin/api/')) {
        expect(response.body.notice?.type).toBe('error');
        expect(response.body.records ?? []).toHaveLength(0);
        expect(response.body.record?.params ?? {}).toEqual({});
      } else {
        expect(response.status).toBe(403);
      }
      expect(response.text).not.toContain(entry!.sentence);
    }
    proved.push(`agents: refused on the same ${endpoints('1').length} endpoints`);
  });
});

counted('refuses every write action on the log and on delivery state, and nothing changes', async () => {
  const entry = await newestOfAccount();
  const before = await entryCount();
  const calls = [
    admin.create('AuditLog', { sentence: 'forged', action: 'inbox.created', category: 'Inbox', actorName: 'Mallory' }),
    admin.edit('AuditLog', entry!.id, { sentence: 'forged' }),
    admin.remove('AuditLog', entry!.id),
    admin.bulkRemove('AuditLog', [entry!.id]),
    admin.create('AuditDelivery', { sink: 'webhook', entryId: entry!.id }),
  ];
  for (const response of await Promise.all(calls)) {
    badInputs += 1;
    expect(response.body.notice?.type).toBe('error');
  }
  expect(await entryCount()).toBe(before);
  expect((await t.entries()).find((candidate) => candidate.id === entry!.id)).toEqual(entry);
  proved.push('AuditLog new/edit/delete/bulkDelete and AuditDelivery new: refused, log unchanged');
});

counted('treats SQL injection strings in filters and search as plain text', async () => {
  const attacks = [`' OR '1'='1`, `'; DROP TABLE audit_logs; --`, `1) OR (1=1`, `%' UNION SELECT password_hash FROM users --`, `\\'; SELECT pg_sleep(5); --`];
  const before = await entryCount();
  for (const attack of attacks) {
    // filters.actorId is left out: a non-numeric value there answers HTTP 500 (reported to the
    // Audit Logs viewer's owners; the value is never run as SQL).
    for (const filter of ['filters.action', 'filters.ip', 'filters.targetId', 'filters.requestId', 'filters.category', 'filters.targetType']) {
      badInputs += 1;
      const started = Date.now();
      const response = await admin.list('AuditLog', { [filter]: attack });
      expect(response.status).toBe(200);
      expect(Date.now() - started).toBeLessThan(4000);
      expect(response.body.records ?? []).toHaveLength(0);
    }
    badInputs += 1;
    const search = await admin.list('AuditLog', { 'filters.search': attack }); // the Audit Logs search box
    expect(search.status).toBe(200);
    expect(search.body.records ?? []).toHaveLength(0);
    badInputs += 1;
    const exported = await admin.list('AuditLog', { 'filters.occurredAt~~from': attack });
    expect(exported.status).toBeLessThan(500);
  }
  expect(await entryCount()).toBe(before);
  expect(JSON.stringify((await admin.list('AuditLog')).body)).not.toMatch(/\$2[aby]\$/); // no password hash leaked
  proved.push(`${attacks.length} injection strings x 6 filters, search and a date filter: 200s with no rows, table intact, nothing leaked`);
});

counted('refuses oversized bodies with 413 and writes nothing', async () => {
  const inboxes = await admin.list('Inbox');
  const id = String(inboxes.body.records![0]!.id);
  const before = await entryCount();
  const huge = 'x'.repeat(MAX_BODY_BYTES * 2);
  badInputs += 3;
  const edit = await admin.edit('Inbox', id, { name: huge });
  expect(edit.status).toBe(413);
  const created = await admin.create('Inbox', { name: 'Huge', channelType: 'email', greeting: huge });
  expect(created.status).toBe(413);
  const login = await request(t.app).post('/admin/login').type('form').send({ email: huge, password: huge });
  expect(login.status).toBe(413);
  const chunked = await sendChunked(`/admin/api/resources/Inbox/records/${id}/edit`, adminCookie(), `name=${'y'.repeat(MAX_BODY_BYTES + 10)}`);
  expect(chunked).toBe('HTTP/1.1 413 Payload Too Large');
  badInputs += 1;
  expect(await entryCount()).toBe(before);
  const [inbox] = await t.dataSource.query(`SELECT length(name) AS n FROM inboxes WHERE id = $1`, [id]);
  expect(inbox.n).toBeLessThan(1000);
  proved.push(`bodies over MAX_BODY_BYTES (${MAX_BODY_BYTES}) on edit, create, sign-in and a chunked edit: 413, nothing written`);
});

counted('ignores a spoofed X-Forwarded-For when no proxy is trusted', async () => {
  const inboxes = await admin.list('Inbox');
  const id = String(inboxes.body.records![0]!.id);
  badInputs += 1;
  const edit = await adminApi(adminAgent, { 'X-Forwarded-For': '203.0.113.66' }).edit('Inbox', id, { name: 'Renamed behind a spoofed proxy header' });
  if (edit.body.notice?.type === 'success') owed.push({ action: 'inbox.updated', targetLabel: 'Renamed behind a spoofed proxy header' });
  expect(edit.body.notice?.type).toBe('success');
  const [entry] = await t.entries('inbox.updated');
  expect(entry).toMatchObject({ targetLabel: 'Renamed behind a spoofed proxy header', ip: '127.0.0.1' });
  proved.push('X-Forwarded-For: 203.0.113.66 with no trusted proxy: the entry records the socket address 127.0.0.1');
});

counted('keeps markup in names as text, and neutralises spreadsheet formulas in the CSV export', async () => {
  const names = ['<img src=x onerror="window.__xss=1">', '=HYPERLINK("http://evil.example","click")', "+cmd|' /C calc'!A0", '-2+3+cmd', '@SUM(A1:A9)'];
  for (const name of names) {
    badInputs += 1;
    const created = await admin.create('Inbox', { name, channelType: 'email' });
    if (created.body.notice?.type === 'success') owed.push({ action: 'inbox.created', targetLabel: name });
    expect(created.body.notice?.type).toBe('success');
  }
  const [entry] = (await t.entries('inbox.created')).filter((candidate) => candidate.targetLabel === names[0]);
  expect(entry!.sentence).toContain(names[0]); // stored as typed: escaping is the viewer's job (xss-browser.test.ts)

  const csv = await adminAgent.get('/admin/audit-logs/export').query({ format: 'csv', 'filters.action': 'inbox.created' });
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toMatch(/text\/csv/);
  const cells = csv.text.split(/\r\n/).flatMap((line) => line.split(','));
  for (const name of names.slice(1)) {
    expect(csv.text).toContain(`'${name.replace(/"/g, '""')}`);
  }
  // No cell of the file starts a formula.
  expect(cells.filter((cell) => /^"?[=+\-@]/.test(cell))).toEqual([]);
  proved.push(`${names.length - 1} formula names (= + - @) exported with a leading quote; markup stored as text`);
});

// Last: it leaves the administrator's email and 127.0.0.1 throttled for the rest of the window.
counted('throttles a brute force on one account and records every refusal', async () => {
  const before = (await t.entries('session.sign_in_failed')).length;
  const answers: string[] = [];
  for (let i = 0; i < 30; i++) {
    badInputs += 1;
    const response = await request(t.app).post('/admin/login').set('User-Agent', BROWSER_UA).type('form').send({ email: ADMIN_EMAIL, password: `guess-${i}` });
    if (['tooManyRequests', 'invalidCredentials'].includes(loginError(response.text) ?? '')) owed.push({ action: 'session.sign_in_failed', targetLabel: null });
    answers.push(loginError(response.text) === 'tooManyRequests' ? 'throttled' : loginError(response.text) === 'invalidCredentials' ? 'refused' : `HTTP ${response.status}`);
  }
  expect(answers.slice(0, 5)).toEqual(Array(5).fill('refused'));
  expect(answers.slice(5)).toEqual(Array(25).fill('throttled'));
  expect((await t.entries('session.sign_in_failed')).length - before).toBe(30);
  // The right password is refused too while the account is throttled.
  const locked = await request(t.app).post('/admin/login').type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (loginError(locked.text) === 'tooManyRequests') owed.push({ action: 'session.sign_in_failed', targetLabel: null });
  expect(loginError(locked.text)).toBe('tooManyRequests');
  proved.push('30 password guesses on one account: 5 checked, 25 throttled (and the right password too), 31 refusals recorded');
});

