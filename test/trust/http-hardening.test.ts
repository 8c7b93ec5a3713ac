// "Nothing erasable, nothing forged", over HTTP: an export is recorded before its first row leaves
// and its filters are checked first; only what a form shows is writable; the export and sign-out
// refuse cross-site requests; a forwarded address that is no address is not recorded as one;
// malformed requests answer 4xx; every seeded row has its entry.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { adminApi } from '../helpers/admin-api.js';
import { AGENT_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { reportThenAssert } from './summary.js';

let t: TestApp;
let agent: Awaited<ReturnType<TestApp['signIn']>>;
let admin: ReturnType<typeof adminApi>;
const proved: string[] = [];
let badInputs = 0;

beforeAll(async () => {
  t = await startTestApp();
  agent = await t.signIn();
  admin = adminApi(agent);
});
afterAll(async () => {
  await reportThenAssert('8-http-hardening', { heading: 'HTTP hardening (export, forms, cross-site, proxy, seed)', lines: proved, entriesLost: 0, badInputs }, () => undefined);
  await t.close();
});

const entryCount = async (action?: string) =>
  Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs${action ? ' WHERE action = $1' : ''}`, action ? [action] : []))[0].n);

describe('export: checked first, recorded before the first row leaves', () => {
  it('refuses malformed filters with 400 and the reason, sending nothing and writing nothing', async () => {
    const before = await entryCount();
    const cases: Array<[Record<string, string>, RegExp]> = [
      [{ 'filters.actorName': '\0' }, /NUL byte/],
      [{ 'filters.action': 'inbox.created\0' }, /NUL byte/],
      [{ 'filters.occurredAt~~from': 'yesterday' }, /not a date/],
      [{ 'filters.occurredAt~~to': '2026-13-45' }, /not a date/],
      [{ 'filters.nope': 'x' }, /Unknown filter "nope"/],
      [{ 'filters.actorId': 'abc' }, /not a possible User id/],
      [{ nope: '1' }, /Unknown parameter "nope"/],
      [{ sortBy: 'password_hash' }, /Cannot sort/],
    ];
    for (const [query, reason] of cases) {
      badInputs += 1;
      const response = await agent.get('/admin/audit-logs/export').query({ format: 'csv', ...query });
      expect([response.status, response.text]).toEqual([400, expect.stringMatching(reason)]);
      expect(response.headers['content-disposition']).toBeUndefined();
    }
    expect(await entryCount()).toBe(before);
    proved.push(`export: ${cases.length} malformed queries (NUL bytes, bad dates, unknown filters/parameters/sort) answer 400 with the reason; nothing sent, nothing written`);
  });

  it('commits audit_log.export_started before the first byte, and audit_log.exported with the rows after', async () => {
    const server = t.app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const { port } = server.address() as AddressInfo;
    const cookie = agent.jar.getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false }).toValueString();
    try {
      const seenAtFirstByte = await new Promise<{ requestId: string; started: number; finished: number; body: string }>((resolve, reject) => {
        const call = http.get({ host: '127.0.0.1', port, path: '/admin/audit-logs/export?format=csv&filters.category=Inbox', headers: { cookie } }, (response) => {
          const requestId = String(response.headers['x-request-id']);
          let first = true;
          let body = '';
          let started = -1;
          let finished = -1;
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
            if (!first) return;
            first = false;
            response.pause();
            // The client holds the first bytes: the start entry is already committed, the end one not yet.
            void Promise.all([
              t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'audit_log.export_started' AND request_id = $1`, [requestId]),
              t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'audit_log.exported' AND request_id = $1`, [requestId]),
            ]).then(([a, b]) => {
              started = a[0].n;
              finished = b[0].n;
              response.resume();
            }, reject);
          });
          response.on('end', () => resolve({ requestId, started, finished, body }));
        });
        call.on('error', reject);
      });
      expect(seenAtFirstByte.started).toBe(1);
      const rows = seenAtFirstByte.body.trimEnd().split('\r\n').length - 1;
      const [startedEntry] = (await t.entries('audit_log.export_started')).filter((entry) => entry.requestId === seenAtFirstByte.requestId);
      const [done] = (await t.entries('audit_log.exported')).filter((entry) => entry.requestId === seenAtFirstByte.requestId);
      expect(startedEntry!.details).toMatchObject({ format: 'csv', filters: { category: 'Inbox' } });
      expect(done!.details).toMatchObject({ format: 'csv', filters: { category: 'Inbox' }, rows, complete: true, truncated: false });
      proved.push(`export: audit_log.export_started committed before the first byte reached the client (end entry not needed yet: ${seenAtFirstByte.finished}); audit_log.exported records ${rows} rows, complete`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('sends no row when the start entry cannot be written', async () => {
    await t.dataSource.query(`CREATE FUNCTION refuse_export_start() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: export start refused'; END $$`);
    await t.dataSource.query(`CREATE TRIGGER refuse_export_start BEFORE INSERT ON audit_logs FOR EACH ROW WHEN (NEW.action = 'audit_log.export_started') EXECUTE FUNCTION refuse_export_start()`);
    try {
      const before = await entryCount();
      const response = await agent.get('/admin/audit-logs/export').query({ format: 'csv' });
      expect(response.status).toBe(500);
      expect(response.headers['content-disposition']).toBeUndefined();
      expect(response.text).not.toMatch(/^id,occurred_at/m);
      expect(await entryCount()).toBe(before);
    } finally {
      await t.dataSource.query(`DROP TRIGGER refuse_export_start ON audit_logs; DROP FUNCTION refuse_export_start()`);
    }
    proved.push('export: when the start entry cannot be written, the answer is an error and no row is sent');
  });
});

describe('only what the form shows is writable', () => {
  it('refuses fields the edit form does not show, saving nothing', async () => {
    const before = await entryCount();
    const cases: Array<[string, string, Record<string, string>, string]> = [
      ['User', '3', { lastSignInAt: '2001-01-01T00:00:00Z' }, 'lastSignInAt'],
      ['User', '3', { name: 'Bruno C.', createdAt: '2001-01-01T00:00:00Z' }, 'createdAt'],
      ['User', '3', { passwordHash: '$2b$04$forgedforgedforgedforgedforgedforgedforgedforgedforged' }, 'passwordHash'],
      ['Inbox', '1', { createdAt: '2001-01-01T00:00:00Z' }, 'createdAt'],
      ['Inbox', '1', { updatedAt: '2001-01-01T00:00:00Z' }, 'updatedAt'],
      ['Account', '1', { createdAt: '2001-01-01T00:00:00Z' }, 'createdAt'],
      ['Account', '1', { updatedAt: '2001-01-01T00:00:00Z' }, 'updatedAt'],
      ['Team', '1', { id: '77' }, 'id'],
    ];
    for (const [resource, id, fields, refused] of cases) {
      badInputs += 1;
      const response = await admin.edit(resource, id, fields);
      expect(response.body.notice?.type).toBe('error');
      expect(response.body.record?.errors?.[refused]?.message).toMatch(/not a field of this form/);
    }
    const [user] = await t.dataSource.query(`SELECT last_sign_in_at, created_at, name FROM users WHERE id = 3`);
    expect(user.last_sign_in_at?.toISOString?.()).not.toBe('2001-01-01T00:00:00.000Z');
    expect(user.name).toBe('Bruno Costa');
    const [inbox] = await t.dataSource.query(`SELECT created_at FROM inboxes WHERE id = 1`);
    expect(inbox.created_at.toISOString()).not.toBe('2001-01-01T00:00:00.000Z');
    const [account] = await t.dataSource.query(`SELECT created_at, updated_at FROM account WHERE id = 1`);
    expect(account.created_at.getUTCFullYear()).not.toBe(2001);
    expect(account.updated_at.getUTCFullYear()).not.toBe(2001);
    expect(await entryCount()).toBe(before);
    proved.push(`forms: ${cases.length} writes to fields no form shows (lastSignInAt, createdAt, updatedAt, passwordHash, id) refused with a validation error naming the field; nothing saved`);
  });

  it('accepts the whole record sent back as the panel does, writing only what changed', async () => {
    const form = await admin.editForm('Inbox', '2');
    const params = { ...form.body.record!.params, name: 'Support email (EU)' } as Record<string, string | number | boolean | null>;
    const response = await admin.edit('Inbox', '2', params);
    expect(response.body.notice?.type).toBe('success');
    const [entry] = await t.entries('inbox.updated');
    expect(entry).toMatchObject({ targetId: '2' });
    expect(Object.keys(entry!.changes ?? {})).toEqual(['name']);
    const user = await admin.editForm('User', '3');
    const userResponse = await admin.edit('User', '3', { ...(user.body.record!.params as Record<string, string>), displayName: 'Bru' });
    expect(userResponse.body.notice?.type).toBe('success');
    proved.push('forms: the record sent back whole (id, createdAt, lastSignInAt unchanged) saves, and only the changed field is recorded');
  });
});

describe('cross-site requests to the export and the sign-out', () => {
  it('refuses them with 403, writes no export entry, and the session still works', async () => {
    const before = await entryCount('audit_log.export_started');
    const crossSite: Array<Record<string, string>> = [
      { 'Sec-Fetch-Site': 'cross-site' },
      { 'Sec-Fetch-Site': 'same-site' },
      { Origin: 'http://evil.example' },
      { Referer: 'http://127.0.0.1:1/attack.html' },
    ];
    for (const headers of crossSite) {
      badInputs += 2;
      expect((await agent.get('/admin/audit-logs/export?format=csv').set(headers)).status).toBe(403);
      expect((await agent.get('/admin/logout').set(headers)).status).toBe(403);
    }
    expect(await entryCount('audit_log.export_started')).toBe(before);
    expect((await admin.list('Inbox')).status).toBe(200);
    const own = await agent.get('/admin/audit-logs/export?format=csv').set({ 'Sec-Fetch-Site': 'same-origin', Referer: 'http://127.0.0.1/admin/resources/AuditLog' });
    expect(own.status).toBe(200);
    proved.push(`cross-site: ${crossSite.length} kinds of cross-site request (Sec-Fetch-Site, Origin, Referer) refused on export and sign-out with 403; the session still works`);
  });
});

describe('malformed requests answer 4xx with a message', () => {
  it('answers each listed kind of bad input with 400, 403 or 404', async () => {
    const api = '/admin/api/resources';
    const cases: Array<[string, Record<string, string>, number, RegExp]> = [
      [`${api}/AuditLog/actions/list`, { 'filters.actorName': '\0' }, 400, /NUL byte/],
      [`${api}/AuditLog/actions/list`, { 'filters.occurredAt~~from': 'not-a-date' }, 400, /not a date/],
      [`${api}/User/actions/list`, { 'filters.createdAt~~to': '2026-02-30T25:00:00Z' }, 400, /not a date/],
      [`${api}/Inbox/actions/list`, { sortBy: 'nope' }, 400, /Cannot sort Inbox by "nope"/],
      [`${api}/Inbox/actions/list`, { perPage: '-1' }, 400, /perPage/],
      [`${api}/Inbox/actions/list`, { page: '-5' }, 400, /page/],
      [`${api}/AuditLog/records/abc/show`, {}, 404, /not a possible id/],
      [`${api}/AuditDelivery/records/abc/show`, {}, 404, /no resource|not a possible id/],
      [`${api}/Inbox/actions/nope`, {}, 404, /no resource action "nope"/],
      [`${api}/Inbox/records/1/nope`, {}, 404, /no record action "nope"/],
      [`${api}/Inbox/actions/list`, { '__proto__.x': '1' }, 400, /__proto__/],
      [`${api}/Inbox/actions/list`, { 'constructor.prototype.x': '1' }, 400, /__proto__, constructor or prototype/],
      [`${api}/Inbox/actions/list`, { [Array(5000).fill('a').join('.')]: '1' }, 400, /nested|longer/],
      [`${api}/User/search/ada`, { 'filters.createdAt~~from': 'nope' }, 400, /not a date/],
    ];
    for (const [url, query, status, message] of cases) {
      badInputs += 1;
      const response = await agent.get(url).query(query);
      // Dates: the notice is the locale key the panel translates; the reason says which value.
      const said = response.body.notice?.message === 'auditBadDateFilter' ? response.body.reason : response.body.notice?.message;
      expect([url, response.status, said]).toEqual([url, status, expect.stringMatching(message)]);
    }
    const posted = await agent.post(`${api}/Inbox/records/1/edit`).type('form').send({ 'constructor.prototype.x': '1' });
    expect([posted.status, posted.body.notice?.message]).toEqual([400, expect.stringMatching(/constructor/)]);
    const capped = await admin.list('Inbox', { perPage: '100000' });
    expect([capped.status, capped.body.meta?.perPage]).toEqual([200, t.config.LIST_PER_PAGE_MAX]);
    const refused = await (await t.signIn(AGENT_EMAIL)).get(`${api}/AuditLog/actions/list`);
    expect([refused.status, refused.body.notice]).toEqual([403, { message: 'forbiddenError', type: 'error' }]);
    badInputs += 3;
    proved.push(`bad input: ${cases.length + 1} listed kinds answer 400/404 with a message; perPage capped at ${t.config.LIST_PER_PAGE_MAX}; a refused call answers 403 with AdminJS's error body`);
  });

  it('still sends anonymous visitors to the sign-in page', async () => {
    const response = await request(t.app).get('/admin/api/resources/AuditLog/records/abc/show');
    expect(response.status).toBe(302);
  });
});

describe('seeding', () => {
  it('records every seeded row, as System', async () => {
    const tables: Array<[string, string]> = [['account', 'account'], ['users', 'user'], ['inboxes', 'inbox'], ['teams', 'team'], ['webhooks', 'webhook'], ['automation_rules', 'automation_rule']];
    const missing: string[] = [];
    let rows = 0;
    for (const [table, targetType] of tables) {
      const unrecorded = await t.dataSource.query(
        `SELECT r.id FROM ${table} r WHERE NOT EXISTS (SELECT 1 FROM audit_logs l WHERE l.target_type = $1 AND l.target_id = r.id::text AND l.actor_name = 'System' AND (l.action LIKE '%.created' OR l.action = 'user.invited'))`,
        [targetType],
      );
      rows += Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
      missing.push(...unrecorded.map((row: { id: number }) => `${table} #${row.id}`));
    }
    for (const [table, parent, targetType] of [['inbox_members', 'inbox_id', 'inbox'], ['team_members', 'team_id', 'team']] as const) {
      const unrecorded = await t.dataSource.query(
        `SELECT m.id FROM ${table} m WHERE NOT EXISTS (SELECT 1 FROM audit_logs l WHERE l.action = $1 AND l.target_id = m.${parent}::text AND l.details->>'memberId' = m.user_id::text AND l.actor_name = 'System')`,
        [`${targetType}.member_added`],
      );
      rows += Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
      missing.push(...unrecorded.map((row: { id: number }) => `${table} #${row.id}`));
    }
    expect(missing).toEqual([]);
    const [account] = await t.entries('account.created');
    expect(account).toMatchObject({ actorName: 'System', targetType: 'account', targetLabel: 'MessageHub' });
    proved.push(`seed: all ${rows} seeded rows (account included) have their entry, by System`);
  });
});

describe('behind a trusted proxy', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ TRUST_PROXY: 'true' });
  });
  afterAll(() => proxied.close());

  it('records the socket peer, and says so, when X-Forwarded-For is not an address', async () => {
    const signedIn = await proxied.signIn();
    const edit = await adminApi(signedIn, { 'X-Forwarded-For': 'not-an-ip<b>' }).edit('Inbox', '1', { name: 'Lobby behind a broken proxy' });
    expect(edit.body.notice?.type).toBe('success');
    const [entry] = await proxied.entries('inbox.updated');
    expect(entry).toMatchObject({ ip: '127.0.0.1', details: { forwardedFor: { rejected: 'not-an-ip<b>', recorded: 'socket' } } });
    const good = await adminApi(signedIn, { 'X-Forwarded-For': '203.0.113.9' }).edit('Inbox', '1', { name: 'Lobby behind a good proxy' });
    expect(good.body.notice?.type).toBe('success');
    const [second] = await proxied.entries('inbox.updated');
    expect(second!.ip).toBe('203.0.113.9');
    expect(second!.details?.forwardedFor).toBeUndefined();
    badInputs += 1;
    proved.push('proxy: X-Forwarded-For "not-an-ip<b>" under TRUST_PROXY=true records the socket peer 127.0.0.1 and details.forwardedFor says so; 203.0.113.9 is recorded as given');
  });
});
