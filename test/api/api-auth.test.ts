// Who may read the log through the API: a live token of an administrator who may still sign in.
// Each refusal is RFC 9457 problem+json with its own reason; a token stops working the moment it is
// revoked or expires, or its owner is demoted or disabled (no cache, no session to wait out). Making
// and revoking a token is recorded, and so is presenting a dead one — once per token per window.
import { randomBytes } from 'node:crypto';
import { AuditApiToken } from '@hashtrail/adminjs-audit';
import { User } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { recordAction } from '../helpers/people.js';
import { ADMIN_EMAIL, AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { CLIENT_UA, entriesSince, get, lastEntryId, problemOf, sessionUserOf, tokenFor } from './api-client.js';

let t: TestApp;
let ada: Awaited<ReturnType<TestApp['signIn']>>;
beforeAll(async () => {
  t = await startTestApp();
  ada = await t.signIn();
});
afterAll(() => t.close());

const BRUNO = 'bruno@acme.example';
const tokens = () => t.dataSource.getRepository(AuditApiToken);
const userId = async (email: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ email })).id;

/** Puts the token's `column` one read window back, as an hour passing would. */
async function windowPassed(tokenId: string, column: 'read_recorded_for' | 'refusal_recorded_for') {
  const minutes = t.config.AUDIT_API_READ_WINDOW_MINUTES;
  const moved = await t.dataSource.query(`UPDATE audit_api_tokens SET ${column} = ${column} - make_interval(mins => $2) WHERE id = $1 AND ${column} IS NOT NULL`, [tokenId, minutes]);
  expect(moved[1]).toBe(1);
}

describe('a request without a usable token', () => {
  it('answers 401 problem+json naming the scheme when no token is sent, and reads nothing', async () => {
    const before = await lastEntryId(t);
    const response = await get(t, '/audit_logs', null);
    const problem = problemOf(response, 401);
    expect(problem).toMatchObject({ type: 'urn:hashtrail:audit-api:problem:unauthorized', title: 'Authentication required', status: 401 });
    expect(problem.detail).toMatch(/Authorization: Bearer <token>/);
    // RFC 6750 §3.1: no error code when no credentials were sent.
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(response.text)).not.toHaveProperty('data');
    expect(await entriesSince(t, before)).toEqual([]);
  });

  it.each([
    ['a Basic header', (token: string) => `Basic ${Buffer.from(`admin:${token}`).toString('base64')}`],
    ['a bare token', (token: string) => token],
    ['"Bearer" and nothing', () => 'Bearer '],
    ['two tokens', (token: string) => `Bearer ${token} ${token}`],
    ['characters no token has', (token: string) => `Bearer ${token}!`],
    ['a token of 201 characters', () => `Bearer ${'a'.repeat(201)}`],
  ])('answers 401 to a malformed Authorization header (%s), even around a good token', async (_case, header) => {
    const { token } = await tokenFor(t, ADMIN_EMAIL);
    expect((await get(t, '/audit_logs', token, { limit: 1 })).status).toBe(200);
    const response = await get(t, '/audit_logs', null, {}, { Authorization: header(token) });
    expect(problemOf(response, 401).detail).toBe('The Authorization header must be "Bearer <token>".');
  });

  it('answers 401 to a well-formed token nobody was given, and records nothing (there is no token to name)', async () => {
    const before = await lastEntryId(t);
    const response = await get(t, '/audit_logs', `hta_${randomBytes(32).toString('base64url')}`);
    expect(problemOf(response, 401).detail).toBe('This token is not known.');
    expect(await entriesSince(t, before)).toEqual([]);
  });

  it('answers 401 to a revoked token from the moment it is revoked', async () => {
    const admin = await sessionUserOf(t, ADMIN_EMAIL);
    const made = await tokenFor(t, ADMIN_EMAIL, 'soon revoked');
    expect((await get(t, '/audit_logs', made.token, { limit: 1 })).status).toBe(200);
    await t.audit.apiTokens!.revoke(admin, made.id);
    const response = await get(t, '/audit_logs', made.token, { limit: 1 });
    expect(problemOf(response, 401).detail).toBe('This token was revoked.');
    expect(response.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect(problemOf(await get(t, '/audit_logs/1', made.token), 401).detail).toBe('This token was revoked.');
  });

  it('answers 401 to a token past its expiry', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL, 'short-lived', new Date(Date.now() + 3_600_000));
    expect((await get(t, '/audit_logs', made.token, { limit: 1 })).status).toBe(200);
    await t.dataSource.query(`UPDATE audit_api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [made.id]);
    expect(problemOf(await get(t, '/audit_logs', made.token, { limit: 1 }), 401).detail).toBe('This token has expired.');
  });
});

describe("a token whose owner's standing changes", () => {
  let brunoId: number;
  let token: string;
  beforeAll(async () => {
    brunoId = await userId(BRUNO);
    expect((await recordAction(ada, 'User', brunoId, 'makeAdministrator', 'post')).body.notice?.type).toBe('success');
    ({ token } = await tokenFor(t, BRUNO, "Bruno's SIEM"));
  });

  it("answers 403 problem+json at the next request once the owner is made an agent in the panel, and 200 again once they are an administrator again", async () => {
    expect((await get(t, '/audit_logs', token, { limit: 1 })).status).toBe(200);
    expect((await recordAction(ada, 'User', brunoId, 'makeAgent', 'post')).body.notice?.type).toBe('success');

    const refused = await get(t, '/audit_logs', token, { limit: 1 });
    expect(problemOf(refused, 403)).toMatchObject({ type: 'urn:hashtrail:audit-api:problem:forbidden', title: 'Not allowed', detail: "This token's owner may not read the audit log." });
    expect(refused.text).not.toContain('"data"');
    problemOf(await get(t, '/audit_logs/1', token), 403);

    expect((await recordAction(ada, 'User', brunoId, 'makeAdministrator', 'post')).body.notice?.type).toBe('success');
    expect((await get(t, '/audit_logs', token, { limit: 1 })).status).toBe(200);
  });

  it('answers 401 at the next request once the owner is disabled, and works again once they are enabled', async () => {
    expect((await get(t, '/audit_logs', token, { limit: 1 })).status).toBe(200);
    const disabled = await adminApi(ada).edit('User', brunoId, { status: 'disabled' });
    expect(disabled.body.notice?.type).toBe('success');
    expect(problemOf(await get(t, '/audit_logs', token, { limit: 1 }), 401).detail).toBe("This token's owner can no longer sign in.");
    expect(problemOf(await get(t, '/audit_logs/1', token), 401).detail).toBe("This token's owner can no longer sign in.");

    await t.dataSource.query(`UPDATE users SET status = 'active' WHERE id = $1`, [brunoId]);
    expect((await get(t, '/audit_logs', token, { limit: 1 })).status).toBe(200);
  });
});

describe('making and revoking tokens', () => {
  it('refuses an agent a token, stores nothing and records nothing', async () => {
    const before = await lastEntryId(t);
    const count = await tokens().count();
    const agent = await sessionUserOf(t, AGENT_EMAIL);
    await expect(t.audit.apiTokens!.create(agent, { name: 'agent token', expiresAt: null })).rejects.toMatchObject({ name: 'ApiTokenError', code: 'forbidden' });
    await expect(t.audit.apiTokens!.list(agent)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(t.audit.apiTokens!.create(undefined, { name: 'nobody' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await tokens().count()).toBe(count);
    expect(await entriesSince(t, before)).toEqual([]);
  });

  it("reads the owner's role at each use, not the session's the token was made in", async () => {
    const agent = await sessionUserOf(t, AGENT_EMAIL);
    const before = await lastEntryId(t);
    // A host that handed create() a stale session claiming administrator still gets no reading agent.
    const stale = await t.audit.apiTokens!.create({ ...agent, role: 'administrator' }, { name: 'stale session' });
    problemOf(await get(t, '/audit_logs', stale.token), 403);
    await t.audit.apiTokens!.revoke({ ...agent, role: 'administrator' }, stale.id);
    // Made and revoked, both recorded; the 403 in between is no dead token, so it is not.
    expect((await entriesSince(t, before)).map((entry) => entry.action)).toEqual(['api_token.created', 'api_token.revoked']);
  });

  it('records the making of a token — who, which, its hint and expiry — and never the token itself', async () => {
    const before = await lastEntryId(t);
    const expiresAt = new Date(Date.now() + 7 * 86_400_000);
    const made = await tokenFor(t, ADMIN_EMAIL, 'Splunk forwarder', expiresAt);
    expect(made.token).toMatch(/^hta_[A-Za-z0-9_-]{43}$/);
    const stored = await t.dataSource.query(`SELECT token_hash FROM audit_api_tokens WHERE id = $1`, [made.id]);
    expect(stored[0].token_hash).not.toContain(made.token.slice(4, 20));
    const entries = await entriesSince(t, before);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'api_token.created', category: 'Access', actorId: String(await userId(ADMIN_EMAIL)), actorName: 'Ada Admin',
      targetType: 'api_token', targetId: made.id, targetLabel: 'Splunk forwarder',
      details: { name: 'Splunk forwarder', hint: made.hint, expiresAt: expiresAt.toISOString() },
      sentence: 'Ada Admin created the API token "Splunk forwarder"',
    });
    expect(made.hint).toBe(`${made.token.slice(0, 8)}…`);
    expect(JSON.stringify(entries[0])).not.toContain(made.token);
  });

  it('records a revocation once, and refuses to revoke it again or to revoke another owner\'s token', async () => {
    const brunoAsAdmin = { ...(await sessionUserOf(t, BRUNO)), role: 'administrator' as const };
    const admin = await sessionUserOf(t, ADMIN_EMAIL);
    const made = await tokenFor(t, ADMIN_EMAIL, 'to revoke');
    const before = await lastEntryId(t);
    await expect(t.audit.apiTokens!.revoke(brunoAsAdmin, made.id)).rejects.toMatchObject({ code: 'not_found' });
    const revoked = await t.audit.apiTokens!.revoke(admin, made.id);
    expect(revoked.state).toBe('revoked');
    await expect(t.audit.apiTokens!.revoke(admin, made.id)).rejects.toMatchObject({ code: 'not_found' });
    const entries = await entriesSince(t, before);
    expect(entries.map((entry) => [entry.action, entry.targetId, entry.actorName])).toEqual([['api_token.revoked', made.id, 'Ada Admin']]);
    expect(entries[0]!.sentence).toBe('Ada Admin revoked the API token "to revoke"');
  });
});

describe('presenting a dead token', () => {
  it('records a revoked token presented, once per token per window, as System with the caller\'s address', async () => {
    const admin = await sessionUserOf(t, ADMIN_EMAIL);
    const made = await tokenFor(t, ADMIN_EMAIL, 'leaked in a paste');
    await t.audit.apiTokens!.revoke(admin, made.id);
    const before = await lastEntryId(t);

    const first = await get(t, '/audit_logs', made.token);
    problemOf(first, 401);
    for (let i = 0; i < 3; i++) problemOf(await get(t, i % 2 ? '/audit_logs/1' : '/audit_logs', made.token), 401);
    let refused = await entriesSince(t, before, 'api_token.refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({
      actorId: null, actorName: 'System', targetType: 'api_token', targetId: made.id, targetLabel: 'leaked in a paste',
      ip: '127.0.0.1', userAgent: CLIENT_UA, requestId: first.headers['x-request-id'],
      details: { name: 'leaked in a paste', hint: made.hint, ownerId: admin.id, state: 'revoked' },
      sentence: 'The revoked API token "leaked in a paste" was presented and refused',
    });
    // Nothing else was written for those refusals: no read.
    expect((await entriesSince(t, before)).map((entry) => entry.action)).toEqual(['api_token.refused']);

    await windowPassed(made.id, 'refusal_recorded_for');
    problemOf(await get(t, '/audit_logs', made.token), 401);
    problemOf(await get(t, '/audit_logs', made.token), 401);
    refused = await entriesSince(t, before, 'api_token.refused');
    expect(refused).toHaveLength(2);
  });

  it('records an expired token presented, saying it expired, once per window', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL, 'quarterly audit', new Date(Date.now() + 3_600_000));
    await t.dataSource.query(`UPDATE audit_api_tokens SET expires_at = now() - interval '1 day' WHERE id = $1`, [made.id]);
    const before = await lastEntryId(t);
    problemOf(await get(t, '/audit_logs', made.token, {}, { 'User-Agent': 'old-cron/1.0' }), 401);
    problemOf(await get(t, '/audit_logs', made.token), 401);
    const refused = await entriesSince(t, before, 'api_token.refused');
    expect(refused.map((entry) => [entry.targetId, entry.details?.state, entry.userAgent, entry.sentence])).toEqual([
      [made.id, 'expired', 'old-cron/1.0', 'The expired API token "quarterly audit" was presented and refused'],
    ]);
    await windowPassed(made.id, 'refusal_recorded_for');
    problemOf(await get(t, '/audit_logs/1', made.token), 401);
    expect(await entriesSince(t, before, 'api_token.refused')).toHaveLength(2);
  });

  it('keeps counting refusals and reads in separate windows: a refused use does not use up the read window of a live token', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL, 'two windows');
    const before = await lastEntryId(t);
    expect((await get(t, '/audit_logs', made.token, { limit: 1 })).status).toBe(200);
    await t.audit.apiTokens!.revoke(await sessionUserOf(t, ADMIN_EMAIL), made.id);
    problemOf(await get(t, '/audit_logs', made.token), 401);
    expect((await entriesSince(t, before)).map((entry) => entry.action)).toEqual(['audit_log.read_via_api', 'api_token.revoked', 'api_token.refused']);
  });
});

describe('a browser session is no token', () => {
  it('answers 401 to a signed-in panel session without a token', async () => {
    const response = await ada.get('/api/v1/audit_logs').set('User-Agent', BROWSER_UA);
    problemOf(response, 401);
  });
});
