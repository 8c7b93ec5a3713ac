// The per-token rate limit (AUDIT_API_RATE_LIMIT requests per AUDIT_API_RATE_WINDOW_SECONDS): past
// it, 429 problem+json with Retry-After; counted per token, in the database, so a second app
// instance on the same database does not double it; a new window gives the allowance back.
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { API, entriesSince, get, lastEntryId, lastReadableEntryId, problemOf, tokenFor } from './api-client.js';

const LIMIT = 3;
const WINDOW_SECONDS = 60;

let t: TestApp;
beforeAll(async () => {
  // A second app instance on the same database: a server, not the one-connection embedded engine.
  t = await onConcurrencyCapableServer(() => startTestApp({ AUDIT_API_RATE_LIMIT: String(LIMIT), AUDIT_API_RATE_WINDOW_SECONDS: String(WINDOW_SECONDS) }));
});
afterAll(() => t.close());

/** Ends the token's current rate window, as WINDOW_SECONDS passing would. */
async function rateWindowPassed(tokenId: string) {
  const moved = await t.dataSource.query(`UPDATE audit_sign_in_throttle SET expire = (extract(epoch FROM now()) * 1000)::bigint - 1 WHERE key = $1`, [`api:${tokenId}`]);
  expect(moved[1]).toBe(1);
}

describe('the per-token rate limit', () => {
  it(`answers ${LIMIT} requests, counting down RateLimit-Remaining, then 429 problem+json with Retry-After`, async () => {
    const { token } = await tokenFor(t, ADMIN_EMAIL);
    const remaining: string[] = [];
    const one = `/audit_logs/${await lastReadableEntryId(t)}`;
    for (const path of ['/audit_logs', one, '/audit_logs']) {
      const response = await get(t, path, token, path === '/audit_logs' ? { limit: 1 } : {});
      expect(response.status).toBe(200);
      expect(response.headers['ratelimit-limit']).toBe(String(LIMIT));
      remaining.push(response.headers['ratelimit-remaining']);
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const before = await lastEntryId(t);
    const limited = await get(t, '/audit_logs', token, { limit: 1 });
    const problem = problemOf(limited, 429);
    expect(problem).toMatchObject({ type: 'urn:hashtrail:audit-api:problem:rate_limited', title: 'Too many requests' });
    expect(problem.detail).toMatch(new RegExp(`${LIMIT} requests per ${WINDOW_SECONDS} s; try again in \\d+ s`));
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_SECONDS);
    expect(problem.detail).toContain(`try again in ${retryAfter} s`);
    expect(limited.text).not.toContain('"data"');
    problemOf(await get(t, one, token), 429);
    // A refused request reads nothing, so records nothing.
    expect(await entriesSince(t, before)).toEqual([]);
  });

  it("counts each token on its own: another token of the same owner keeps its allowance", async () => {
    const first = await tokenFor(t, ADMIN_EMAIL);
    const second = await tokenFor(t, ADMIN_EMAIL);
    for (let i = 0; i < LIMIT; i++) expect((await get(t, '/audit_logs', first.token, { limit: 1 })).status).toBe(200);
    problemOf(await get(t, '/audit_logs', first.token, { limit: 1 }), 429);
    const other = await get(t, '/audit_logs', second.token, { limit: 1 });
    expect(other.status).toBe(200);
    expect(other.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
  });

  it('gives the allowance back when the window has passed', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL);
    for (let i = 0; i < LIMIT; i++) expect((await get(t, '/audit_logs', made.token, { limit: 1 })).status).toBe(200);
    problemOf(await get(t, '/audit_logs', made.token, { limit: 1 }), 429);
    await rateWindowPassed(made.id);
    const again = await get(t, '/audit_logs', made.token, { limit: 1 });
    expect(again.status).toBe(200);
    expect(again.headers['ratelimit-remaining']).toBe(String(LIMIT - 1));
  });

  it('checks the token before the limit: a dead token is 401, not 429, however often it is sent', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL);
    await t.dataSource.query(`UPDATE audit_api_tokens SET revoked_at = now() WHERE id = $1`, [made.id]);
    for (let i = 0; i < LIMIT + 2; i++) problemOf(await get(t, '/audit_logs', made.token), 401);
  });

  describe('with a second app instance on the same database', () => {
    let otherSource: DataSource;
    let otherApp: ReturnType<typeof createApp>['express'];
    beforeAll(async () => {
      otherSource = await createDataSource({ url: t.config.DATABASE_URL!, poolSize: 2 }).initialize();
      otherApp = createApp(t.config, otherSource, createLogger('silent')).express;
    });
    afterAll(() => otherSource.destroy());

    it('counts one limit across both instances, not one each', async () => {
      const { token } = await tokenFor(t, ADMIN_EMAIL);
      const on = (app: typeof otherApp) => request(app).get(`${API}/audit_logs`).query({ limit: 1 }).set('Authorization', `Bearer ${token}`);
      const statuses = [];
      for (const app of [t.app, otherApp, t.app, otherApp, t.app, otherApp]) statuses.push((await on(app)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429, 429]);
    });
  });
});
