// Sign-in brute force is throttled per client IP and per email; each refusal is recorded.
import request from 'supertest';
import { SignInThrottle } from '@hashtrail/adminjs-audit';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, AGENT_PASSWORD, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginError } from '../helpers/login-page.js';

describe('SignInThrottle', () => {
  const clock = { now: 0 };
  const throttle = () => new SignInThrottle({ maxPerIp: 4, maxPerEmail: 2, windowMs: 1000, maxTrackedKeys: 50, now: () => clock.now });

  it('refuses an email over its limit from any IP, and lets it in again once the window has passed', () => {
    const t = throttle();
    clock.now = 0;
    expect(t.admit('10.0.0.1', 'a@x.test').admitted).toBe(true);
    expect(t.admit('10.0.0.2', 'A@X.test ').admitted).toBe(true);
    expect(t.admit('10.0.0.3', 'a@x.test')).toEqual({ admitted: false, limitedBy: 'email' });
    clock.now = 1001;
    expect(t.admit('10.0.0.3', 'a@x.test').admitted).toBe(true);
  });

  it('refuses an IP over its limit whatever email it tries', () => {
    const t = throttle();
    clock.now = 0;
    for (let i = 0; i < 4; i++) expect(t.admit('10.0.0.9', `user${i}@x.test`).admitted).toBe(true);
    expect(t.admit('10.0.0.9', 'fresh@x.test')).toEqual({ admitted: false, limitedBy: 'ip' });
    expect(t.admit('10.0.0.10', 'fresh@x.test').admitted).toBe(true);
  });

  it('gives the slots of a successful sign-in back', () => {
    const t = throttle();
    clock.now = 0;
    t.admit('10.0.0.1', 'a@x.test');
    const success = t.admit('10.0.0.1', 'a@x.test');
    if (!success.admitted) throw new Error('should be admitted');
    success.release();
    expect(t.admit('10.0.0.1', 'a@x.test').admitted).toBe(true);
  });

  it('remembers a bounded number of keys under a spray of random emails', () => {
    const t = throttle();
    for (let i = 0; i < 500; i++) {
      clock.now = i * 10;
      t.admit(`10.1.${i >> 8}.${i & 255}`, `spray${i}@x.test`);
    }
    expect(t.trackedKeys).toBeLessThanOrEqual(51);
  });
});

describe('sign-in over HTTP', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'loopback', SIGN_IN_MAX_FAILURES_PER_EMAIL: '3', SIGN_IN_MAX_FAILURES_PER_IP: '6', SIGN_IN_THROTTLE_WINDOW_MINUTES: '10' });
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
    expect(entries[0]).toMatchObject({ ip: '10.0.1.4', actorId: null, sentence: `Sign-in refused for ${AGENT_EMAIL} (throttled)` });
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
