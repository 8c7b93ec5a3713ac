import request from 'supertest';
import { User } from '../../src/entities/User.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginError } from '../helpers/login-page.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const login = (email: string, password: string) =>
  request(t.app).post('/admin/login').set('User-Agent', BROWSER_UA).type('form').send({ email, password });

describe('sign-in', () => {
  it('lets the seeded administrator in, stores the session in PostgreSQL and records who signed in from where', async () => {
    const response = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('/admin');
    const cookie = String(response.headers['set-cookie']);
    expect(cookie).toMatch(/messagehub\.sid=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM session WHERE sess::text LIKE $1`, [`%${ADMIN_EMAIL}%`]);
    expect(count).toBeGreaterThanOrEqual(1);

    const [entry] = await t.entries('session.signed_in');
    expect(entry).toMatchObject({ actorName: 'Ada Admin', actorEmail: ADMIN_EMAIL, actorRole: 'administrator', category: 'User', targetType: 'user', ip: '127.0.0.1', userAgent: BROWSER_UA });
    expect(entry!.sentence).toBe('Ada Admin signed in');
    const admin = await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL });
    expect(admin.lastSignInAt).not.toBeNull();
  });

  it('gives a new session id at sign-in', async () => {
    const agent = request.agent(t.app);
    const first = await agent.get('/admin/login');
    const before = String(first.headers['set-cookie'] ?? '');
    const signedIn = await agent.post('/admin/login').type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    const after = String(signedIn.headers['set-cookie']);
    expect(after).toMatch(/messagehub\.sid=/);
    expect(after).not.toBe(before);
  });

  it.each([
    ['a wrong password', ADMIN_EMAIL, 'not-the-password', 'wrong_password'],
    ['an unknown email', 'nobody@acme.example', 'whatever-password', 'unknown_email'],
  ])('refuses %s, records the email tried and never the password', async (_case, email, password, reason) => {
    const response = await login(email, password);
    expect(response.status).not.toBe(302);
    expect(loginError(response.text)).toBe('invalidCredentials');
    const [entry] = await t.entries('session.sign_in_failed');
    expect(entry).toMatchObject({ actorId: null, actorName: 'System', targetLabel: email, ip: '127.0.0.1', userAgent: BROWSER_UA });
    expect(entry!.details).toEqual({ email, reason });
    expect(JSON.stringify(entry)).not.toContain(password);
  });

  it.each([
    ['disabled', 'disabled'],
    ['invited', 'not_active'],
  ] as const)('refuses a %s user even with the right password', async (status, reason) => {
    const users = t.dataSource.getRepository(User);
    const user = await users.findOneByOrFail({ email: 'bruno@acme.example' });
    await t.dataSource.query(`UPDATE users SET status = $1 WHERE id = $2`, [status, user.id]);
    const response = await login('bruno@acme.example', 'Agent-Test-Password-1');
    expect(response.status).not.toBe(302);
    const [entry] = await t.entries('session.sign_in_failed');
    expect(entry!.details).toEqual({ email: 'bruno@acme.example', reason });
    await t.dataSource.query(`UPDATE users SET status = 'active' WHERE id = $1`, [user.id]);
  });

  it('signs out, ends the session and records the sign-out', async () => {
    const agent = await t.signIn();
    const out = await agent.get('/admin/logout').set('User-Agent', BROWSER_UA);
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe('/admin/login');
    const [entry] = await t.entries('session.signed_out');
    expect(entry).toMatchObject({ actorEmail: ADMIN_EMAIL, sentence: 'Ada Admin signed out', ip: '127.0.0.1', userAgent: BROWSER_UA });
    const after = await agent.get('/admin/api/resources/Inbox/actions/list');
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/\/admin\/login/);
  });
});
