// Sessions live in PostgreSQL and roll: each request renews the expiry, and a session past it is
// refused. The signed-in user is re-read at every request (with the session, in one statement), so
// a demoted administrator loses the rights at their next request, a disabled user is signed out,
// and a renamed one is recorded under the new name.
import type { Request, Response } from 'express';
import type { SessionUser } from '../../src/admin/access.js';
import { Inbox } from '../../src/entities/index.js';
import { refreshSessionUser } from '../../src/http/session-user-refresh.js';
import { adminApi } from '../helpers/admin-api.js';
import { seededAccountId, setRole } from '../helpers/accounts.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let inboxId: number;
beforeAll(async () => {
  t = await startTestApp();
  inboxId = (await t.dataSource.getRepository(Inbox).find({ order: { id: 'ASC' }, take: 1 }))[0]!.id;
});
afterAll(() => t.close());

const maxAgeSeconds = () => t.config.SESSION_MAX_AGE_HOURS * 3600;

/** Seconds left to the session of `email` (the session table keeps local time, as connect-pg-simple writes it). */
async function secondsLeft(email: string): Promise<number[]> {
  const rows = (await t.dataSource.query(`SELECT extract(epoch FROM expire - localtimestamp)::float8 AS left FROM session WHERE sess -> 'adminUser' ->> 'email' = $1`, [email])) as Array<{ left: number }>;
  return rows.map((row) => row.left);
}

async function setExpiry(email: string, interval: string): Promise<void> {
  await t.dataSource.query(`UPDATE session SET expire = localtimestamp + $2::interval WHERE sess -> 'adminUser' ->> 'email' = $1`, [email, interval]);
}

/** Makes `email` an active administrator with the admin's password, signed out everywhere. */
async function administrator(email: string): Promise<void> {
  await t.dataSource.query(`UPDATE users SET status = 'active', password_hash = (SELECT password_hash FROM users WHERE email = $1) WHERE email = $2`, [ADMIN_EMAIL, email]);
  await setRole(t, email, 'administrator');
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sessions in PostgreSQL', () => {
  it('keeps the session as a row that expires SESSION_MAX_AGE_HOURS after the last request', async () => {
    const ada = await t.signIn();
    const [left] = await secondsLeft(ADMIN_EMAIL);
    expect(Math.abs(left! - maxAgeSeconds())).toBeLessThan(5);
    await setExpiry(ADMIN_EMAIL, '1 minute');
    // The renewal is kept to whole seconds: one to the second already written is not sent again.
    await wait(1100);
    expect((await adminApi(ada).list('Inbox')).status).toBe(200);
    const [renewed] = await secondsLeft(ADMIN_EMAIL);
    expect(Math.abs(renewed! - maxAgeSeconds())).toBeLessThan(5);
  });

  it('refuses a session past its expiry, as if signed out', async () => {
    const ada = await t.signIn();
    expect((await adminApi(ada).list('Inbox')).status).toBe(200);
    await setExpiry(ADMIN_EMAIL, '-1 minute');
    const refused = await ada.get('/admin/api/resources/Inbox/actions/list');
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toBe('/admin/login');
  });
});

describe('the signed-in user, re-read at every request', () => {
  it('takes the administrator rights away at the next request after a demotion', async () => {
    await administrator('deepa@acme.example');
    const deepa = adminApi(await t.signIn('deepa@acme.example', ADMIN_PASSWORD));
    expect((await deepa.edit('Inbox', inboxId, { name: 'Renamed by Deepa' })).body.notice?.type).toBe('success');
    await setRole(t, 'deepa@acme.example', 'agent');
    const refused = await deepa.edit('Inbox', inboxId, { name: 'Renamed by Deepa, an agent now' });
    expect(refused.status).toBe(403);
    expect(refused.body.notice?.type).toBe('error');
    expect((await t.dataSource.getRepository(Inbox).findOneByOrFail({ id: inboxId })).name).toBe('Renamed by Deepa');
  });

  it('signs a disabled user out at their next request', async () => {
    await administrator('chloe@acme.example');
    const chloe = await t.signIn('chloe@acme.example', ADMIN_PASSWORD);
    expect((await adminApi(chloe).list('Inbox')).status).toBe(200);
    await t.dataSource.query(`UPDATE users SET status = 'disabled' WHERE email = 'chloe@acme.example'`);
    const refused = await chloe.get('/admin/api/resources/Inbox/actions/list');
    expect(refused.status).toBe(302);
    expect(refused.headers.location).toBe('/admin/login');
    expect(await secondsLeft('chloe@acme.example')).toEqual([]); // the session no longer names her
  });

  it('reads the user on its own when the session was not read with it (another store, a session made in the request)', async () => {
    const [bruno] = (await t.dataSource.query(`SELECT id, name, email FROM users WHERE email = 'bruno@acme.example'`)) as Array<{ id: number; name: string; email: string }>;
    const refresh = refreshSessionUser(t.dataSource);
    const accountId = String(await seededAccountId(t));
    const session: { adminUser?: SessionUser } = { adminUser: { id: String(bruno!.id), email: bruno!.email, title: 'An old name', role: 'administrator', accountId, accountIds: [accountId] } };
    await refresh({ session } as unknown as Request, {} as Response, () => undefined);
    expect(session.adminUser).toMatchObject({ id: String(bruno!.id), title: bruno!.name, role: 'agent', accountId });
    const gone: { adminUser?: SessionUser } = { adminUser: { id: '999999', email: 'nobody@example.com', title: 'Nobody', role: 'administrator', accountId, accountIds: [accountId] } };
    await refresh({ session: gone } as unknown as Request, {} as Response, () => undefined);
    expect(gone.adminUser).toBeUndefined();
  });

  it('records a renamed administrator under the new name from the next request', async () => {
    const ada = adminApi(await t.signIn());
    await t.dataSource.query(`UPDATE users SET name = 'Ada Lovelace' WHERE email = $1`, [ADMIN_EMAIL]);
    try {
      expect((await ada.edit('Inbox', inboxId, { name: 'Renamed by Ada Lovelace' })).body.notice?.type).toBe('success');
      const [entry] = await t.entries('inbox.updated');
      expect(entry).toMatchObject({ actorEmail: ADMIN_EMAIL, actorName: 'Ada Lovelace' });
    } finally {
      await t.dataSource.query(`UPDATE users SET name = 'Ada Admin' WHERE email = $1`, [ADMIN_EMAIL]);
    }
  });
});
