// Sign-in brute force is throttled per client IP and per email, with the counts in PostgreSQL
// (shared by every app instance); each refusal is recorded.
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { SignInThrottle } from '@hashtrail/adminjs-audit';
import { createDataSource } from '../../src/db/data-source.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createLogger } from '../../src/logger.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, AGENT_PASSWORD, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { loginError } from '../helpers/login-page.js';

describe('SignInThrottle', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await createDataSource({ url: database.url, poolSize: database.poolSize }).initialize();
    await runMigrations(dataSource, createLogger('silent'));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });
  // A long window, ended on purpose by moving the stored expiry: no test depends on the clock's pace.
  const throttle = () => new SignInThrottle({ maxPerIp: 4, maxPerEmail: 2, windowMs: 600_000, dataSource });
  const endWindow = (key: string) => dataSource.query(`UPDATE audit_sign_in_throttle SET expire = 1 WHERE key = $1`, [key]);
  const stored = async (key: string) => ((await dataSource.query(`SELECT points FROM audit_sign_in_throttle WHERE key = $1`, [key])) as Array<{ points: number }>)[0]?.points;

  it('refuses an email over its limit from any IP, and lets it in again once the window has passed', async () => {
    const t = throttle();
    expect((await t.admit('10.0.0.1', 'a@x.test')).admitted).toBe(true);
    expect((await t.admit('10.0.0.2', 'A@X.test ')).admitted).toBe(true);
    expect(await t.admit('10.0.0.3', 'a@x.test')).toEqual({ admitted: false, limitedBy: 'email' });
    await endWindow('email:a@x.test');
    expect((await t.admit('10.0.0.3', 'a@x.test')).admitted).toBe(true);
  });

  it('refuses an IP over its limit whatever email it tries, and a refusal takes no slot', async () => {
    const t = throttle();
    for (let i = 0; i < 4; i++) expect((await t.admit('10.0.0.9', `user${i}@x.test`)).admitted).toBe(true);
    expect(await t.admit('10.0.0.9', 'fresh@x.test')).toEqual({ admitted: false, limitedBy: 'ip' });
    expect(await t.admit('10.0.0.9', 'fresh@x.test')).toEqual({ admitted: false, limitedBy: 'ip' });
    expect(await stored('ip:10.0.0.9')).toBe(4);
    expect(await stored('email:fresh@x.test')).toBeUndefined();
    expect((await t.admit('10.0.0.10', 'fresh@x.test')).admitted).toBe(true);
  });

  it('gives the slots of a successful sign-in back', async () => {
    const t = throttle();
    await t.admit('10.0.0.11', 'b@x.test');
    const success = await t.admit('10.0.0.11', 'b@x.test');
    if (!success.admitted) throw new Error('should be admitted');
    await success.release();
    expect(await stored('email:b@x.test')).toBeUndefined();
    expect(await stored('ip:10.0.0.11')).toBe(1);
    expect((await t.admit('10.0.0.11', 'b@x.test')).admitted).toBe(true);
  });

  it('gives nothing back to a window that has ended (no count below zero to start the next one)', async () => {
    const t = throttle();
    const success = await t.admit('10.0.0.16', 'd@x.test');
    if (!success.admitted) throw new Error('should be admitted');
    await endWindow('ip:10.0.0.16');
    await success.release();
    expect(await stored('ip:10.0.0.16')).toBe(1);
    for (let i = 0; i < 4; i++) expect((await t.admit('10.0.0.16', `e${i}@x.test`)).admitted).toBe(true);
    expect(await t.admit('10.0.0.16', 'e9@x.test')).toEqual({ admitted: false, limitedBy: 'ip' });
  });

  it('shares its counts between throttles on the same database (one per app instance)', async () => {
    const [one, two] = [throttle(), throttle()];
    expect((await one.admit('10.0.0.12', 'c@x.test')).admitted).toBe(true);
    expect((await two.admit('10.0.0.13', 'c@x.test')).admitted).toBe(true);
    expect(await one.admit('10.0.0.14', 'c@x.test')).toEqual({ admitted: false, limitedBy: 'email' });
    expect(await two.admit('10.0.0.15', 'c@x.test')).toEqual({ admitted: false, limitedBy: 'email' });
  });

  it('admits exactly the limit out of a concurrent burst', async () => {
    const t = throttle();
    const burst = await Promise.all(Array.from({ length: 12 }, (_unused, i) => t.admit(`10.0.5.${i}`, 'burst@x.test')));
    expect(burst.filter((decision) => decision.admitted)).toHaveLength(2);
  });
});

describe('sign-in over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    // A concurrent burst: a real server, not the one-connection embedded engine.
    t = await onConcurrencyCapableServer(() => startTestApp({ TRUST_PROXY: 'loopback', SIGN_IN_MAX_FAILURES_PER_EMAIL: '3', SIGN_IN_MAX_FAILURES_PER_IP: '6', SIGN_IN_THROTTLE_WINDOW_MINUTES: '10' }));
  });
  afterAll(() => t.close());

  const login = (email: string, password: string, ip: string) =>
    request(t.app).post('/admin/login').set({ 'User-Agent': BROWSER_UA, 'X-Forwarded-For': ip }).type('form').send({ email, password });
  const refusals = async (email: string) =>
    (await t.entries('session.sign_in_failed')).filter((entry) => (entry.details as { email?: string }).email === email);

  it('throttles an email after its limit, even with the right password, and records every refusal', async () => {
    for (const ip of ['10.0.1.1', '10.0.1.2', '10.0.1.3']) {
      const wrong = await login(AGENT_EMAIL, 'not-the-password', ip);
      expect(loginError(wrong.text)).toBe('invalidCredentials');
    }
    const throttled = await login(AGENT_EMAIL, AGENT_PASSWORD, '10.0.1.4');
    expect(throttled.status).toBe(400);
    expect(loginError(throttled.text)).toBe('tooManyRequests');
    const entries = await refusals(AGENT_EMAIL);
    expect(entries).toHaveLength(4);
    expect(entries[0]).toMatchObject({ ip: '10.0.1.4', actorId: null, sentence: `Sign-in refused for ${AGENT_EMAIL} (too many attempts)` });
    expect(entries[0]!.details).toEqual({ email: AGENT_EMAIL, reason: 'throttled', limitedBy: 'email' });
    expect(JSON.stringify(entries)).not.toContain(AGENT_PASSWORD);
    expect(await t.entries('session.signed_in')).toHaveLength(0);
  });

  it('throttles an IP that tries many emails, while other IPs still get in', async () => {
    for (let i = 0; i < 6; i++) {
      const wrong = await login(`guess${i}@acme.example`, 'whatever-password', '10.0.2.1');
      expect(loginError(wrong.text)).toBe('invalidCredentials');
    }
    const throttled = await login(ADMIN_EMAIL, ADMIN_PASSWORD, '10.0.2.1');
    expect(loginError(throttled.text)).toBe('tooManyRequests');
    const [entry] = await refusals(ADMIN_EMAIL);
    expect(entry).toMatchObject({ ip: '10.0.2.1' });
    expect(entry!.details).toEqual({ email: ADMIN_EMAIL, reason: 'throttled', limitedBy: 'ip' });

    const elsewhere = await login(ADMIN_EMAIL, ADMIN_PASSWORD, '10.0.2.2');
    expect(elsewhere.status).toBe(302);
  });

  it('admits exactly the limit out of a concurrent burst on one email', async () => {
    const email = 'bruno@acme.example';
    const burst = await Promise.all(Array.from({ length: 15 }, (_unused, i) => login(email, `wrong-${i}`, `10.0.3.${i + 1}`)));
    expect(burst.filter((response) => loginError(response.text) === 'tooManyRequests')).toHaveLength(12);
    const entries = await refusals(email);
    expect(entries).toHaveLength(15);
    expect(entries.filter((entry) => (entry.details as { reason: string }).reason === 'throttled')).toHaveLength(12);
  });

  it('does not count successful sign-ins against a shared address', async () => {
    for (let i = 0; i < 8; i++) {
      const ok = await login(ADMIN_EMAIL, ADMIN_PASSWORD, '10.0.4.1');
      expect(ok.status).toBe(302);
    }
  });
});

describe('with no trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_MAX_FAILURES_PER_IP: '4', SIGN_IN_MAX_FAILURES_PER_EMAIL: '100' });
  });
  afterAll(() => t.close());

  it('ignores a rotating X-Forwarded-For: the socket address is throttled', async () => {
    const texts: string[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await request(t.app).post('/admin/login').set({ 'X-Forwarded-For': `203.0.113.${i}` }).type('form').send({ email: `spoof${i}@acme.example`, password: 'whatever-password' });
      texts.push(loginError(response.text) === 'tooManyRequests' ? 'throttled' : 'refused');
    }
    expect(texts).toEqual(['refused', 'refused', 'refused', 'refused', 'throttled', 'throttled']);
    const [entry] = await t.entries('session.sign_in_failed');
    expect(entry).toMatchObject({ ip: '127.0.0.1' });
  });
});
