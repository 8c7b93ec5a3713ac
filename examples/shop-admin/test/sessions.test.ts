// Sign-in, refused sign-in and sign-out (sessions kept in PostgreSQL), and the log itself:
// the panel's read-only list and the CSV export, each recorded.
import request from 'supertest';
import { adminApi } from './helpers/admin-api.js';
import { ADMIN_EMAIL, CLERK_EMAIL, startShop, type Shop } from './helpers/shop.js';

let shop: Shop;
beforeAll(async () => {
  shop = await startShop();
});
afterAll(() => shop.close());

const storedSessions = async () => Number((await shop.dataSource.query('SELECT count(*) AS n FROM session'))[0].n);

describe('sessions', () => {
  it('records a sign-in with the admin as actor and target, and keeps the session in PostgreSQL', async () => {
    const sessionsBefore = await storedSessions();
    const agent = await shop.signIn();
    expect(await storedSessions()).toBe(sessionsBefore + 1);
    const entries = await shop.entries({ action: 'session.signed_in' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: shop.adminId, actorName: 'Olivia Owner', actorEmail: ADMIN_EMAIL, targetType: 'admin', targetId: shop.adminId, category: 'Session' });
    expect((await adminApi(agent).list('Product')).status).toBe(200);
  });

  it('refuses a wrong password and an unknown email, recording each with its reason', async () => {
    for (const [email, password] of [[ADMIN_EMAIL, 'not-the-password'], ['nobody@shop.example', 'whatever']] as const) {
      const response = await request(shop.app).post('/admin/login').type('form').send({ email, password });
      expect(response.status).not.toBe(302);
      // The page state names the error; its translations name every message, so search that, not the page.
      expect(response.text).toMatch(/"errorMessage":"invalidCredentials"/);
    }
    const refused = await shop.entries({ action: 'session.sign_in_failed' });
    expect(refused.map((entry) => [entry.targetLabel, entry.details?.reason, entry.targetId, entry.actorId, entry.actorName, entry.ip])).toEqual([
      [ADMIN_EMAIL, 'wrong_password', shop.adminId, null, 'System', '127.0.0.1'],
      ['nobody@shop.example', 'unknown_email', null, null, 'System', '127.0.0.1'],
    ]);
    expect(JSON.stringify(refused)).not.toContain('not-the-password');
  });

  it('records a sign-out, ends the session and sends the browser to the login page', async () => {
    const agent = await shop.signIn();
    const out = await agent.get('/admin/logout');
    expect(out.status).toBe(302);
    expect(out.headers.location).toBe('/admin/login');
    const entries = await shop.entries({ action: 'session.signed_out' });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorId: shop.adminId, targetType: 'admin', targetId: shop.adminId });
    const after = await agent.get('/admin/api/resources/Product/actions/list');
    expect(after.status).toBe(302);
    expect(after.headers.location).toBe('/admin/login');
  });

  it('lists the entries in the read-only AuditLog resource, for superusers only', async () => {
    const owner = adminApi(await shop.signIn());
    const listed = await owner.list('AuditLog', { perPage: '100' });
    expect(listed.body.notice?.type).not.toBe('error');
    expect(listed.body.records!.map((record) => record.params.action)).toEqual(expect.arrayContaining(['session.signed_in', 'session.sign_in_failed', 'session.signed_out']));
    const clerk = adminApi(await shop.signIn(CLERK_EMAIL));
    const refused = await clerk.list('AuditLog');
    expect(refused.body.notice?.type).toBe('error');
    expect(refused.body.records ?? []).toHaveLength(0);
  });

  it('exports the log as a CSV download and records the export', async () => {
    const agent = await shop.signIn();
    const response = await agent.get('/admin/audit-logs/export').query({ format: 'csv' }).buffer(true).parse((res, done) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      res.on('end', () => done(null, text));
    });
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-log-.*\.csv"$/);
    const lines = String(response.body).trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/action/);
    expect(lines.some((line) => line.includes('session.signed_in'))).toBe(true);
    expect(lines.some((line) => line.includes('session.sign_in_failed'))).toBe(true);
    const exported = await shop.entries({ action: 'audit_log.exported' });
    expect(exported).toHaveLength(1);
    expect(exported[0]).toMatchObject({ actorId: shop.adminId, details: expect.objectContaining({ format: 'csv', rows: lines.length - 1 }) });
  });

  it('refuses the export to an admin who may not read the log, recording no export', async () => {
    const clerk = await shop.signIn(CLERK_EMAIL);
    const response = await clerk.get('/admin/audit-logs/export').query({ format: 'csv' });
    expect(response.status).toBe(403);
    expect((await shop.entries({ action: 'audit_log.exported' })).filter((entry) => entry.actorId === shop.clerkId)).toHaveLength(0);
  });
});
