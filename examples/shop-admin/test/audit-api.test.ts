// The audit log's read API (GET /api/audit/audit_logs with a personal access token), and the
// panel route an admin makes and revokes their tokens with: paging by cursor, one entry, refusals
// as problem+json, and what the log records of it all.
import request from 'supertest';
import { AUDIT_API_ROOT } from '../src/app.js';
import { adminApi } from './helpers/admin-api.js';
import { CLERK_EMAIL, startShop, type Agent, type Shop } from './helpers/shop.js';

let shop: Shop;
let owner: Agent;
beforeAll(async () => {
  shop = await startShop();
  owner = await shop.signIn();
  const api = adminApi(owner);
  for (const name of ['Blue Mug', 'Red Mug', 'Green Mug', 'Tea Towel']) {
    expect((await api.create('Product', { name, price: 900 })).body.notice?.type).toBe('success');
  }
});
afterAll(() => shop.close());

interface CreatedToken {
  id: string;
  name: string;
  token: string;
  hint: string;
  state: string;
}

async function createToken(agent: Agent, name: string): Promise<CreatedToken> {
  const response = await agent.post('/admin/api-tokens').send({ name });
  expect(response.status).toBe(201);
  return response.body as CreatedToken;
}

const apiGet = (path: string, token?: string, query: Record<string, string> = {}) => {
  const call = request(shop.app).get(`${AUDIT_API_ROOT}${path}`).query(query);
  return token === undefined ? call : call.set('Authorization', `Bearer ${token}`);
};

describe('the audit API', () => {
  it('lets a superuser make a token, shows it once, and records it without the token', async () => {
    const created = await createToken(owner, 'Nightly SIEM export');
    expect(created).toMatchObject({ name: 'Nightly SIEM export', state: 'active', token: expect.stringMatching(/^hta_[A-Za-z0-9_-]{40,}$/) });
    expect(created.token.startsWith(created.hint.replace('…', ''))).toBe(true);

    const listed = await owner.get('/admin/api-tokens');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: created.id, name: 'Nightly SIEM export', hint: created.hint, state: 'active' })]);
    expect(listed.text).not.toContain(created.token);

    const entries = await shop.entries({ action: 'api_token.created' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: shop.adminId, targetType: 'api_token', targetId: created.id, category: 'API token', ip: '127.0.0.1',
      sentence: 'Olivia Owner created the API token "Nightly SIEM export"',
    });
    expect(JSON.stringify(entries)).not.toContain(created.token);
  });

  it('refuses a token to an admin who may not read the log, and sends a visitor to the login page', async () => {
    const clerk = await shop.signIn(CLERK_EMAIL);
    const refused = await clerk.post('/admin/api-tokens').send({ name: 'Mine' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'forbidden' });
    const visitor = await request(shop.app).post('/admin/api-tokens').send({ name: 'Anyone' });
    expect(visitor.status).toBe(302);
    expect(visitor.headers.location).toBe('/admin/login');
    expect((await shop.entries({ action: 'api_token.created' })).map((entry) => entry.actorId)).not.toContain(shop.clerkId);
  });

  it('lists every entry page by page through next_cursor, gets one, and records the reading once', async () => {
    const { id, token } = await createToken(owner, 'Log shipper');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const response = await apiGet('/audit_logs', token, { limit: '3', ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const page = response.body as { data: Array<{ id: string }>; has_more: boolean; next_cursor: string | null };
      expect(page.data.length).toBeLessThanOrEqual(3);
      expect(page.has_more).toBe(page.next_cursor !== null);
      seen.push(...page.data.map((entry) => entry.id));
      cursor = page.next_cursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 50);
    expect(cursor).toBeUndefined();
    expect(pages).toBeGreaterThan(2);
    // Every entry once, newest first: the reading itself (recorded before the first page) included.
    const all = await shop.entries();
    expect(new Set(seen).size).toBe(seen.length);
    expect([...seen].sort()).toEqual(all.map((entry) => String(entry.id)).sort());
    expect(seen[0]).toBe(String(all.find((entry) => entry.action === 'audit_log.read_via_api' && entry.targetId === id)!.id));

    const [made] = await shop.entries({ action: 'api_token.created', targetId: id });
    const one = await apiGet(`/audit_logs/${made!.id}`, token);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({
      id: String(made!.id),
      key: 'api_token.created',
      category: 'API token',
      sentence: 'Olivia Owner created the API token "Log shipper"',
      actor: { id: shop.adminId, name: 'Olivia Owner', email: 'owner@shop.example' },
      target: { type: 'api_token', id, label: 'Log shipper' },
      occurred_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/),
    });

    const reads = await shop.entries({ action: 'audit_log.read_via_api', targetId: id });
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ actorId: shop.adminId, targetLabel: 'Log shipper', sentence: 'Olivia Owner read the audit log through the API with the token "Log shipper"' });
  });

  it('answers 401 problem+json to a request without a token or with an unknown one', async () => {
    for (const token of [undefined, 'hta_not-a-token-anyone-made']) {
      const response = await apiGet('/audit_logs', token);
      expect(response.status).toBe(401);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).toMatchObject({ status: 401, title: 'Authentication required', type: expect.stringContaining('unauthorized') });
    }
  });

  it('answers 400 problem+json naming each bad parameter, and reads nothing', async () => {
    const { id, token } = await createToken(owner, 'Careless script');
    const response = await apiGet('/audit_logs', token, { limit: '0', colour: 'red' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status: 400, title: 'Bad request' });
    expect((response.body.errors as Array<{ parameter: string }>).map((error) => error.parameter).sort()).toEqual(['colour', 'limit']);
    const badCursor = await apiGet('/audit_logs', token, { cursor: 'not-a-cursor' });
    expect(badCursor.status).toBe(400);
    expect(badCursor.body.errors).toEqual([expect.objectContaining({ parameter: 'cursor' })]);
    expect(await shop.entries({ action: 'audit_log.read_via_api', targetId: id })).toHaveLength(0);
  });

  it('stops a revoked token at once, recording the revocation and the refused use once', async () => {
    const { id, token } = await createToken(owner, 'Old laptop');
    expect((await apiGet('/audit_logs', token, { limit: '1' })).status).toBe(200);

    const revoked = await owner.delete(`/admin/api-tokens/${id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id, state: 'revoked' });
    expect((await owner.delete(`/admin/api-tokens/${id}`)).status).toBe(404);

    for (let attempt = 0; attempt < 2; attempt++) {
      const refused = await apiGet('/audit_logs', token);
      expect(refused.status).toBe(401);
      expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(refused.body.detail).toBe('This token was revoked.');
    }
    expect(await shop.entries({ action: 'api_token.revoked', targetId: id })).toEqual([
      expect.objectContaining({ actorId: shop.adminId, sentence: 'Olivia Owner revoked the API token "Old laptop"' }),
    ]);
    expect(await shop.entries({ action: 'api_token.refused', targetId: id })).toEqual([
      expect.objectContaining({ actorId: null, ip: '127.0.0.1', sentence: 'The revoked API token "Old laptop" was presented and refused' }),
    ]);
  });

  it("refuses the token of a superuser demoted since they made it", async () => {
    const setSuperuser = (value: boolean) => shop.dataSource.query('UPDATE admin_users SET is_superuser = $2 WHERE id = $1', [shop.clerkId, value]);
    await setSuperuser(true);
    try {
      const { token } = await createToken(await shop.signIn(CLERK_EMAIL), 'Clerk while promoted');
      expect((await apiGet('/audit_logs', token)).status).toBe(200);
      await setSuperuser(false);
      const refused = await apiGet('/audit_logs', token);
      expect(refused.status).toBe(403);
      expect(refused.body.detail).toBe("This token's owner may not read the audit log.");
    } finally {
      await setSuperuser(false);
    }
  });

  it('describes itself in an OpenAPI document at its mount path', async () => {
    const response = await apiGet('/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.servers).toEqual([{ url: AUDIT_API_ROOT }]);
    expect(Object.keys(response.body.paths)).toEqual(expect.arrayContaining(['/audit_logs', '/audit_logs/{id}']));
  });
});
