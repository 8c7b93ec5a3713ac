// What the API answers for an entry: the stored entry, field by field (key, parameters, sentence in
// the token owner's language, actor snapshot, target, changes with secrets masked, IP, user agent,
// request id, RFC 3339 UTC time to the microsecond, chain position and hashes), the same through
// GET /audit_logs/{id}; and the routes' edges: 404 and 400 for an id, 405 for anything but GET.
import { transactionInAuditScope } from '@hashtrail/adminjs-audit';
import { SYSTEM_ACCOUNT_ID } from '../../src/accounts/system-log.js';
import { Webhook } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { allPages, API, get, lastEntryId, page, problemOf, tokenAccount, tokenFor, type ApiEntryBody } from './api-client.js';
import request from 'supertest';

let t: TestApp;
let token: string;
let admin: ReturnType<typeof adminApi>;
/** The account the token (and the signed-in admin) is in. */
let account: string;
beforeAll(async () => {
  t = await startTestApp();
  ({ token } = await tokenFor(t, ADMIN_EMAIL, 'entries'));
  account = await tokenAccount(t);
  admin = adminApi(await t.signIn());
});
afterAll(() => t.close());

interface StoredRow {
  id: string;
  at: string;
  action: string;
  category: string;
  params: Record<string, unknown> | null;
  sentence: string;
  actor_id: string | null;
  actor_name: string;
  actor_email: string | null;
  actor_role: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  changes: Record<string, unknown> | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  account_id: string | null;
  chain_seq: string;
  hash: string;
  prev_hash: string;
  chain_format: number;
}

async function stored(id: string): Promise<StoredRow> {
  const [row] = await t.dataSource.query(
    `SELECT id::text, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, action, category, params, sentence,
            actor_id, actor_name, actor_email, actor_role, target_type, target_id, target_label, changes, details, ip, user_agent,
            request_id, account_id::text, chain_seq::text, trim(hash) AS hash, trim(prev_hash) AS prev_hash, chain_format
       FROM audit_logs WHERE id = $1`,
    [id],
  );
  return row as StoredRow;
}

async function byId(id: string): Promise<ApiEntryBody> {
  const response = await get(t, `/audit_logs/${id}`, token);
  expect(response.status).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.body as ApiEntryBody;
}

describe('an entry as the API answers it', () => {
  it('holds every stored field of an entry written through the panel', async () => {
    const created = await admin.create('Inbox', { name: 'Before', channelType: 'email', enabled: true });
    const inboxId = String(created.body.record!.params.id);
    await admin.edit('Inbox', inboxId, { name: 'After' });
    const [{ id }] = await t.dataSource.query(`SELECT id::text FROM audit_logs WHERE action = 'inbox.updated' AND target_id = $1`, [inboxId]);
    const row = await stored(id);
    // The previous entry of the same chain: the account's (format 3, positions per account).
    expect(row.chain_format).toBe(3);
    expect(row.account_id).toBe(account);
    const [previous] = await t.dataSource.query(
      `SELECT trim(hash) AS hash FROM audit_logs WHERE account_id = $1 AND chain_format = 3 AND chain_seq = $2::bigint - 1`,
      [account, row.chain_seq],
    );

    const entry = await byId(id);
    expect(entry).toEqual({
      id,
      key: 'inbox.updated',
      category: 'Inbox',
      params: row.params,
      sentence: 'Ada Admin updated inbox "After" (#' + inboxId + '): Name',
      actor: { id: row.actor_id, name: 'Ada Admin', email: ADMIN_EMAIL, role: 'administrator' },
      target: { type: 'inbox', id: inboxId, label: 'After' },
      changes: { name: { from: 'Before', to: 'After' } },
      details: row.details,
      ip: '127.0.0.1',
      user_agent: BROWSER_UA,
      request_id: row.request_id,
      account_id: account,
      occurred_at: row.at,
      chain: { seq: row.chain_seq, hash: row.hash, prev_hash: previous.hash, format: 3 },
    });
    expect(entry.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(entry.chain.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry.request_id).toMatch(/^[0-9a-f-]{36}$/);

    // The list holds the very same object.
    const listed = await page(t, token, { target_type: 'inbox', target_id: inboxId, action: 'inbox.updated' });
    expect(listed.data).toEqual([entry]);
  });

  it('answers an entry written by no one with the System actor, and one about nothing with a null target', async () => {
    const draft = { action: 'session.sign_in_failed', actor: null, details: { email: 'ghost@nowhere.example', reason: 'unknown_email' }, request: { ip: '203.0.113.9', userAgent: null, requestId: 'req-system' } };
    // Written with no account, as MessageHub writes it: in the system log, which no token reads.
    await t.dataSource.transaction((manager) => t.audit.record(manager, draft));
    const inSystemLog = await lastEntryId(t);
    const [{ account_id }] = await t.dataSource.query(`SELECT account_id::text FROM audit_logs WHERE id = $1`, [inSystemLog]);
    expect(account_id).toBe(SYSTEM_ACCOUNT_ID);
    const refused = problemOf(await get(t, `/audit_logs/${inSystemLog}`, token), 404);
    expect(refused.detail).toBe(`No entry has the id ${inSystemLog}.`);
    expect(refused.detail).not.toContain('ghost@');

    // The same in the token's account.
    await t.dataSource.transaction((manager) => t.audit.record(manager, { ...draft, accountId: account }));
    const entry = await byId(await lastEntryId(t));
    expect(entry).toMatchObject({
      key: 'session.sign_in_failed',
      actor: { id: null, name: 'System', email: null, role: null },
      target: null,
      details: { email: 'ghost@nowhere.example', reason: 'unknown_email' },
      ip: '203.0.113.9',
      user_agent: null,
      request_id: 'req-system',
      account_id: account,
    });
    expect(entry.sentence).toMatch(/^Sign-in refused for ghost@nowhere\.example \(/);
  });

  it('masks a webhook\'s signing secret in the changes, and never shows it anywhere in the log', async () => {
    const created = await admin.create('Webhook', { url: 'https://hooks.example.org/siem', 'subscribedEvents.0': 'message_created', enabled: true });
    const webhookId = Number(created.body.record!.params.id);
    const webhooks = t.dataSource.getRepository(Webhook);
    const webhook = await webhooks.findOneByOrFail({ id: webhookId });
    const firstSecret = webhook.signingSecret;
    webhook.signingSecret = 'whsec_rotated_0123456789abcdef0123456789abcdef01234567';
    // Rotated by code in the webhook's account (with no account it would go to the system log, unread here).
    await transactionInAuditScope(t.dataSource, { accountId: account }, (manager) => manager.getRepository(Webhook).save(webhook));

    const entries = await allPages(t, token, { target_type: 'webhook', target_id: String(webhookId), order: 'asc' });
    expect(entries.map((entry) => entry.key)).toEqual(['webhook.created', 'webhook.updated']);
    expect(entries[1]!.changes).toEqual({ signingSecret: { from: '[redacted]', to: '[redacted]' } });
    expect(entries[0]!.changes?.signingSecret).toEqual({ from: null, to: '[redacted]' });
    expect(entries[0]!.changes?.url).toEqual({ from: null, to: 'https://hooks.example.org/siem' });

    const everything = JSON.stringify(await allPages(t, token, { limit: 500 }));
    expect(everything).toContain('https://hooks.example.org/siem');
    expect(everything).not.toContain(firstSecret);
    expect(everything).not.toContain('whsec_');
    // Nor in any account's entries, read or not.
    const [{ leaks }] = await t.dataSource.query(`SELECT count(*)::int AS leaks FROM audit_logs l WHERE l::text LIKE '%whsec\\_%' OR strpos(l::text, $1) > 0`, [firstSecret]);
    expect(leaks).toBe(0);
  });

  it("renders the sentence in the token owner's language, read at each request", async () => {
    const [{ id: adminId }] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [ADMIN_EMAIL]);
    const named = await tokenFor(t, ADMIN_EMAIL, 'Lecteur SIEM');
    const createdId = await lastEntryId(t);
    try {
      await t.dataSource.query(`UPDATE users SET locale = 'fr' WHERE id = $1`, [adminId]);
      expect((await byId(createdId)).sentence).toBe('Ada Admin a créé le jeton d’API « Lecteur SIEM »');
      await t.dataSource.query(`UPDATE users SET locale = 'de' WHERE id = $1`, [adminId]);
      expect((await byId(createdId)).sentence).toBe('Ada Admin hat den API-Token „Lecteur SIEM“ erstellt');
    } finally {
      await t.dataSource.query(`UPDATE users SET locale = NULL WHERE id = $1`, [adminId]);
    }
    expect((await byId(createdId)).sentence).toBe('Ada Admin created the API token "Lecteur SIEM"');
    expect((await byId(createdId)).target?.id).toBe(named.id);
  });

  it('lists entries in strictly decreasing (occurred_at, id), each time in UTC to the microsecond', async () => {
    const entries = await allPages(t, token, { limit: 500 });
    expect(entries.length).toBeGreaterThan(20);
    for (let i = 1; i < entries.length; i++) {
      const [newer, older] = [entries[i - 1]!, entries[i]!];
      expect(newer.occurred_at > older.occurred_at || (newer.occurred_at === older.occurred_at && BigInt(newer.id) > BigInt(older.id))).toBe(true);
    }
    for (const entry of entries) expect(entry.occurred_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  });
});

describe('GET /audit_logs/{id}', () => {
  it('answers 404 problem+json for an id no entry has', async () => {
    const problem = problemOf(await get(t, '/audit_logs/987654321', token), 404);
    expect(problem).toMatchObject({ type: 'urn:hashtrail:audit-api:problem:not_found', detail: 'No entry has the id 987654321.' });
  });

  it.each(['abc', '0', '-1', '1.5', '01', '1e3', '12345678901234567890', '%20'])('answers 400 naming id for %j', async (id) => {
    const problem = problemOf(await get(t, `/audit_logs/${id}`, token), 400);
    expect(problem.errors?.map((error) => error.parameter)).toEqual(['id']);
  });

  it.each(['9223372036854775807', '9223372036854775808', '9999999999999999999'])('answers 404, not an error, for %s: a well-formed id at or past the largest PostgreSQL holds', async (id) => {
    expect(problemOf(await get(t, `/audit_logs/${id}`, token), 404).detail).toBe(`No entry has the id ${id}.`);
  });

  it('refuses query parameters, naming them', async () => {
    const problem = problemOf(await get(t, '/audit_logs/1', token, { fields: 'all', expand: 'actor' }), 400);
    expect(problem.errors?.map((error) => error.parameter).sort()).toEqual(['expand', 'fields']);
  });
});

describe('anything but GET', () => {
  const methods = ['post', 'put', 'patch', 'delete'] as const;
  it.each(methods.flatMap((method) => ['/audit_logs', '/audit_logs/1', '/openapi.json'].map((path) => [method, path] as const)))(
    'answers %s %s with 405 problem+json and Allow: GET, and changes nothing',
    async (method, path) => {
      const before = await lastEntryId(t);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_logs`);
      const response = await request(t.app)[method](`${API}${path}`).set('Authorization', `Bearer ${token}`).send({ action: 'forged' });
      const problem = problemOf(response, 405);
      expect(problem.type).toBe('urn:hashtrail:audit-api:problem:method_not_allowed');
      expect(response.headers.allow).toBe('GET');
      expect(await lastEntryId(t)).toBe(before);
      expect((await t.dataSource.query(`SELECT count(*)::int AS count FROM audit_logs`))[0].count).toBe(count);
    },
  );

  it('answers 404 problem+json for a path the API does not have, pointing at the document', async () => {
    const problem = problemOf(await get(t, '/audit_log', token), 404);
    expect(problem.detail).toContain(`${API}/openapi.json`);
  });
});

describe('the time filters at the precision the API answers in', () => {
  // occurred_at is given to the microsecond; a client that filters with an entry's own time must
  // get that entry back (a JavaScript Date would cut the bound to milliseconds).
  it('answers an entry for a `to` or a `from` equal to its own occurred_at', async () => {
    const entries = (await page(t, token, { limit: 5 })).data;
    const withMicros = entries.find((entry) => !entry.occurred_at.endsWith('000Z'))!;
    expect(withMicros).toBeDefined();
    const upTo = await page(t, token, { to: withMicros.occurred_at, limit: 1 });
    expect(upTo.data[0]?.id).toBe(withMicros.id);
    const since = await page(t, token, { from: withMicros.occurred_at, order: 'asc', limit: 1 });
    expect(since.data[0]?.id).toBe(withMicros.id);
  });
});
