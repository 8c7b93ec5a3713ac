// My profile → API tokens over HTTP, as the panel's page calls it: an administrator makes a token
// (given once, as the answer's one-time secret) that reads the log through /api/v1, sees it listed
// by its first characters only, and revokes it (then it is refused). Each change is recorded with
// who made it and from where. Refusals come back as error notices (message keys the panel shows in
// the reader's language) with nothing changed; agents are refused the page altogether.
import { createHash } from 'node:crypto';
import request from 'supertest';
import { AuditApiToken } from '@hashtrail/adminjs-audit';
import type { ApiTokensPage } from '../../src/admin/components/ApiTokensResponse.js';
import { User } from '../../src/entities/index.js';
import type { ActionResult } from '../helpers/admin-api.js';
import { newEntries } from '../helpers/people.js';
import { ADMIN_EMAIL, AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

/** Few enough that the limit is quick to reach. */
const TOKENS_PER_ADMIN = 3;

let t: TestApp;
let admin: Awaited<ReturnType<TestApp['signIn']>>;
let adminId: number;
beforeAll(async () => {
  t = await startTestApp({ AUDIT_API_TOKENS_PER_USER: String(TOKENS_PER_ADMIN) });
  admin = await t.signIn();
  adminId = (await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).id;
});
afterAll(() => t.close());

type Agent = Awaited<ReturnType<TestApp['signIn']>>;
type PageResult = ActionResult & {
  body: ActionResult['body'] & { apiTokensPage?: ApiTokensPage; notice?: { message: string; type: string; resourceId?: string; options?: Record<string, unknown> } };
};

const actionUrl = (userId: number) => `/admin/api/resources/MyProfile/records/${userId}/apiTokens`;

/** The page's GET (what the panel loads it with). */
async function openPage(agent: Agent, userId = adminId, query: Record<string, string> = {}): Promise<PageResult> {
  const response = await agent.get(actionUrl(userId)).query(query).set('User-Agent', BROWSER_UA);
  return { status: response.status, body: response.body, text: response.text } as PageResult;
}

/** The page's POST, as its form and buttons send it (JSON, like the panel's ApiClient). */
async function post(agent: Agent, data: Record<string, string>, userId = adminId): Promise<PageResult> {
  const response = await agent.post(actionUrl(userId)).set('User-Agent', BROWSER_UA).send(data);
  return { status: response.status, body: response.body, text: response.text } as PageResult;
}

const create = (name: string, lifetime = '90') => post(admin, { operation: 'create', name, lifetime });
const revoke = (tokenId: string) => post(admin, { operation: 'revoke', tokenId });

const readLog = (token: string) => request(t.app).get('/api/v1/audit_logs').set('Authorization', `Bearer ${token}`).set('User-Agent', 'MessageHubTestClient/1.0');
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const tokenRows = () => t.dataSource.getRepository(AuditApiToken).find({ where: { ownerId: String(adminId) } });

/** Revokes every active token of the admin's, so each test starts below the limit. */
async function revokeAll(): Promise<void> {
  for (const token of (await openPage(admin)).body.apiTokensPage?.tokens ?? []) if (token.state === 'active') await revoke(token.id);
}
afterEach(revokeAll);

describe('an administrator on My profile → API tokens', () => {
  it('is offered the action on their own profile', async () => {
    const shown = await admin.get(`/admin/api/resources/MyProfile/records/${adminId}/show`).set('User-Agent', BROWSER_UA);
    const actions = (shown.body.record.recordActions as Array<{ name: string }>).map((action) => action.name);
    expect(actions).toContain('apiTokens');
  });

  it('makes a token that is given once, reads the log through the API, and is listed by its first characters only', async () => {
    const { result: made, entries } = await newEntries(t, () => create('SIEM export'));
    expect(made.body.notice).toMatchObject({ type: 'success', message: 'apiTokenCreated', options: { name: 'SIEM export' } });
    const token = made.body.oneTimeSecret!.value;
    expect(token).toMatch(/^hta_[A-Za-z0-9_-]{40,}$/);
    expect(made.body.oneTimeSecret).toMatchObject({ titleKey: 'apiTokenSecretTitle', explanationKey: 'apiTokenSecretExplanation', values: { name: 'SIEM export' } });

    const read = await readLog(token);
    expect(read.status).toBe(200);
    expect(Array.isArray(read.body.data)).toBe(true);

    // The list, in the answer that made it and on every later load, has the hint, not the token.
    const listed = (await openPage(admin)).body.apiTokensPage!.tokens;
    for (const tokens of [made.body.apiTokensPage!.tokens, listed]) {
      const row = tokens.find((candidate) => candidate.name === 'SIEM export')!;
      expect(row).toMatchObject({ state: 'active', hint: `${token.slice(0, 8)}…`, revokedAt: null });
      expect(Object.keys(row).sort()).toEqual(['createdAt', 'expiresAt', 'hint', 'id', 'lastUsedAt', 'name', 'revokedAt', 'state']);
    }
    const page = await openPage(admin);
    expect(page.text).not.toContain(token);
    expect(page.text).not.toContain(sha256(token));
    expect(JSON.stringify(made.body.apiTokensPage)).not.toContain(token);
    expect(page.body.oneTimeSecret).toBeUndefined();
    // Stored as its hash only.
    const [stored] = (await t.dataSource.query('SELECT * FROM audit_api_tokens WHERE name = $1', ['SIEM export'])) as Array<Record<string, unknown>>;
    expect(stored!.token_hash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);

    // Recorded with who made it and from where; the token itself nowhere in the log.
    expect(entries.map((entry) => entry.action)).toEqual(['api_token.created']);
    expect(entries[0]).toMatchObject({ targetType: 'api_token', targetLabel: 'SIEM export', actorId: String(adminId), actorEmail: ADMIN_EMAIL, ip: '127.0.0.1', userAgent: BROWSER_UA });
    expect(JSON.stringify(await t.entries())).not.toContain(token);
  });

  it('revokes a token with a POST: it is then refused by the API, listed as revoked, and the revocation is recorded', async () => {
    const made = await create('Nightly report');
    const token = made.body.oneTimeSecret!.value;
    const id = made.body.apiTokensPage!.tokens.find((row) => row.name === 'Nightly report')!.id;
    expect((await readLog(token)).status).toBe(200);

    const { result: revoked, entries } = await newEntries(t, () => revoke(id));
    expect(revoked.body.notice).toMatchObject({ type: 'success', message: 'apiTokenRevoked', options: { name: 'Nightly report' } });
    expect(revoked.body.oneTimeSecret).toBeUndefined();
    expect(revoked.body.apiTokensPage!.tokens.find((row) => row.id === id)).toMatchObject({ state: 'revoked' });
    expect((await readLog(token)).status).toBe(401);

    expect(entries.map((entry) => entry.action)).toEqual(['api_token.revoked']);
    expect(entries[0]).toMatchObject({ targetId: id, targetLabel: 'Nightly report', actorId: String(adminId), actorEmail: ADMIN_EMAIL, ip: '127.0.0.1', userAgent: BROWSER_UA });
  });

  it('changes nothing on a GET, whatever its query says', async () => {
    const made = await create('Read only');
    const id = made.body.apiTokensPage!.tokens.find((row) => row.name === 'Read only')!.id;
    const { entries } = await newEntries(t, async () => {
      await openPage(admin, adminId, { operation: 'revoke', tokenId: id });
      await openPage(admin, adminId, { operation: 'create', name: 'sneaky', lifetime: 'never' });
    });
    expect(entries).toEqual([]);
    expect((await tokenRows()).find((row) => row.id === id)?.revokedAt).toBeNull();
    expect((await tokenRows()).some((row) => row.name === 'sneaky')).toBe(false);
  });

  it('makes a token that never expires, or one that expires after the days chosen', async () => {
    const never = await create('Forever', 'never');
    expect(never.body.apiTokensPage!.tokens.find((row) => row.name === 'Forever')).toMatchObject({ expiresAt: null, state: 'active' });
    const month = await create('A month', '30');
    const expiresAt = Date.parse(month.body.apiTokensPage!.tokens.find((row) => row.name === 'A month')!.expiresAt!);
    expect(Math.abs(expiresAt - (Date.now() + 30 * 86_400_000))).toBeLessThan(60_000);
  });
});

describe('refusals, as error notices with nothing changed', () => {
  const refusedWith = async (result: PageResult, message: string) => {
    expect(result.body.notice).toMatchObject({ type: 'error', message, resourceId: 'MyProfile' });
    expect(result.body.oneTimeSecret).toBeUndefined();
  };

  it('a name that is blank, too long or on several lines', async () => {
    const before = (await tokenRows()).length;
    for (const name of ['', '   ', 'x'.repeat(101), 'two\nlines']) {
      const { result, entries } = await newEntries(t, () => create(name));
      await refusedWith(result, 'apiTokenInvalidName');
      expect(result.body.notice?.options).toEqual({ max: 100 });
      expect(entries).toEqual([]);
    }
    expect((await tokenRows()).length).toBe(before);
  });

  it('a lifetime the form does not offer', async () => {
    for (const lifetime of ['', '7', 'forever', '-1']) await refusedWith(await create('Odd lifetime', lifetime), 'apiTokenInvalidExpiry');
    expect((await tokenRows()).some((row) => row.name === 'Odd lifetime')).toBe(false);
  });

  it('one token more than an administrator may hold', async () => {
    for (let index = 0; index < TOKENS_PER_ADMIN; index += 1) expect((await create(`Token ${index}`)).body.notice?.type).toBe('success');
    const { result, entries } = await newEntries(t, () => create('One too many'));
    await refusedWith(result, 'apiTokenTooMany');
    expect(entries).toEqual([]);
    // The page still lists what there is.
    expect(result.body.apiTokensPage!.tokens.filter((row) => row.state === 'active')).toHaveLength(TOKENS_PER_ADMIN);
  });

  it('revoking a token that is already revoked, or that does not exist', async () => {
    const made = await create('Twice');
    const id = made.body.apiTokensPage!.tokens.find((row) => row.name === 'Twice')!.id;
    await revoke(id);
    await refusedWith(await revoke(id), 'apiTokenNotFound');
    await refusedWith(await revoke('00000000-0000-4000-8000-000000000000'), 'apiTokenNotFound');
    await refusedWith(await revoke('not-an-id'), 'apiTokenNotFound');
  });

  it('a request the page does not make', async () => {
    await refusedWith(await post(admin, { operation: 'rotate' }), 'apiTokenUnknownRequest');
  });
});

describe('an agent', () => {
  let agent: Agent;
  let agentId: number;
  beforeAll(async () => {
    agent = await t.signIn(AGENT_EMAIL);
    agentId = (await t.dataSource.getRepository(User).findOneByOrFail({ email: AGENT_EMAIL })).id;
  });

  it('is not offered the action on their profile', async () => {
    const shown = await agent.get(`/admin/api/resources/MyProfile/records/${agentId}/show`).set('User-Agent', BROWSER_UA);
    const actions = (shown.body.record.recordActions as Array<{ name: string }>).map((action) => action.name);
    expect(actions).toContain('chooseLanguage');
    expect(actions).not.toContain('apiTokens');
  });

  it('is refused the page and the making of a token when calling the action directly, and nothing is made or recorded', async () => {
    const { result: refusals, entries } = await newEntries(t, async () => [
      await openPage(agent, agentId),
      await post(agent, { operation: 'create', name: 'agent token', lifetime: 'never' }, agentId),
      // Nor through an administrator's profile.
      await post(agent, { operation: 'create', name: 'agent token', lifetime: 'never' }, adminId),
    ]);
    for (const refused of refusals) {
      expect(refused.status).toBe(403);
      expect(refused.body.notice).toMatchObject({ type: 'error', message: 'forbiddenError' });
      expect(refused.body.record?.baseError).toMatchObject({ type: 'ForbiddenError' });
      expect(refused.body.apiTokensPage).toBeUndefined();
      expect(refused.body.oneTimeSecret).toBeUndefined();
    }
    expect(entries).toEqual([]);
    const made = (await t.dataSource.query('SELECT count(*)::int AS n FROM audit_api_tokens WHERE name = $1', ['agent token'])) as Array<{ n: number }>;
    expect(made[0]!.n).toBe(0);
  });

  it("cannot see or revoke an administrator's tokens", async () => {
    const made = await create('Admin only');
    const id = made.body.apiTokensPage!.tokens.find((row) => row.name === 'Admin only')!.id;
    const refused = await post(agent, { operation: 'revoke', tokenId: id }, adminId);
    expect(refused.status).toBe(403);
    expect(refused.body.notice).toMatchObject({ type: 'error', message: 'forbiddenError' });
    expect(refused.text).not.toContain('Admin only');
    expect((await tokenRows()).find((row) => row.id === id)?.revokedAt).toBeNull();
  });
});

describe('an administrator on someone else\'s profile', () => {
  it('is refused: tokens are made and revoked on one\'s own profile only', async () => {
    const agentId = (await t.dataSource.getRepository(User).findOneByOrFail({ email: AGENT_EMAIL })).id;
    const refused = await post(admin, { operation: 'create', name: 'for someone else', lifetime: '30' }, agentId);
    expect(refused.status).toBe(403);
    expect(refused.body.notice).toMatchObject({ type: 'error', message: 'forbiddenError' });
    expect((await tokenRows()).some((row) => row.name === 'for someone else')).toBe(false);
  });
});
