// Inviting a user, the acceptance page, resending and revoking, over HTTP: what each step shows,
// what it changes, and the exact audit entries it writes.
import request from 'supertest';
import { REDACTED } from '@hashtrail/adminjs-audit';
import { User } from '../../src/entities/index.js';
import { hashInvitationToken } from '../../src/invitations/invitation-token.js';
import { adminApi } from '../helpers/admin-api.js';
import { invite, linkIn, newEntries, pathOf, recordAction, submitPassword, type AdminApi } from '../helpers/people.js';
import { ADMIN_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { roleOf } from '../helpers/accounts.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';

const TTL_DAYS = 3;
const PUBLIC_URL = 'https://support.acme.example';
let t: TestApp;
let admin: AdminApi;
let adminAgent: Awaited<ReturnType<TestApp['signIn']>>;
let adminId: string;
beforeAll(async () => {
  // Two submissions of a link racing: a real server, not the one-connection embedded engine.
  t = await onConcurrencyCapableServer(() => startTestApp({ INVITATION_TTL_DAYS: String(TTL_DAYS), PUBLIC_URL, PASSWORD_MIN_LENGTH: '12' }));
  adminAgent = await t.signIn();
  admin = adminApi(adminAgent);
  adminId = String((await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).id);
});
afterAll(() => t.close());

const users = () => t.dataSource.getRepository(User);
const tokenOf = (link: string) => pathOf(link).split('/').pop()!;

describe('inviting', () => {
  it('creates the user as invited, stores only the hash of the link, and gives the link once, as the one-time secret of its answer', async () => {
    const before = Date.now();
    const { result, entries } = await newEntries(t, () =>
      admin.create('User', { name: 'Ivy Novak', email: 'ivy@acme.example', role: 'agent', status: 'active', availability: 'busy' }),
    );
    expect(result.body.notice?.type).toBe('success');
    const link = linkIn(result);
    expect(link.startsWith(`${PUBLIC_URL}/invitations/`)).toBe(true);
    const user = await users().findOneByOrFail({ email: 'ivy@acme.example' });
    // What the form sent beyond name, email and role is ignored.
    expect(user).toMatchObject({ status: 'invited', availability: 'offline', passwordHash: null });
    expect(await roleOf(t, 'ivy@acme.example')).toBe('agent');
    expect(user.invitationTokenHash).toBe(hashInvitationToken(tokenOf(link)));
    expect(user.invitationTokenHash).not.toContain(tokenOf(link));
    const days = (user.invitationExpiresAt!.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(TTL_DAYS - 0.01);
    expect(days).toBeLessThan(TTL_DAYS + 0.01);
    // Neither the token nor its hash reaches the browser's record or the log.
    expect(JSON.stringify(result.body.record)).not.toMatch(/invitation(TokenHash|ExpiresAt)/);
    expect(result.text).not.toContain(user.invitationTokenHash);
    expect(JSON.stringify(entries)).not.toContain(tokenOf(link));
    expect(JSON.stringify(entries)).not.toContain(user.invitationTokenHash);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.invited', actorId: adminId, actorName: 'Ada Admin', ip: '127.0.0.1', userAgent: BROWSER_UA,
      targetType: 'user', targetId: String(user.id), details: { role: 'agent' },
      sentence: 'Ada Admin invited "Ivy Novak <ivy@acme.example>" as agent',
    });
    expect(entries[0]!.changes!.invitationTokenHash).toEqual({ from: null, to: REDACTED });
    expect(entries[0]!.changes!.invitationExpiresAt).toEqual({ from: null, to: REDACTED });
    // Shown once: the user's page does not show it again.
    const shown = await admin.show('User', user.id);
    expect(shown.text).not.toContain(tokenOf(link));
  });

  it('records the role an administrator was invited as', async () => {
    const { entries } = await newEntries(t, () => invite(admin, { name: 'Otto Berg', email: 'otto@acme.example', role: 'administrator' }));
    expect(entries.map((entry) => [entry.action, entry.details])).toEqual([['user.invited', { role: 'administrator' }]]);
    expect(entries[0]!.sentence).toBe('Ada Admin invited "Otto Berg <otto@acme.example>" as administrator');
  });

  it('refuses an invitation without a valid email and writes nothing', async () => {
    const { result, entries } = await newEntries(t, () => admin.create('User', { name: 'No Mail', email: 'not-an-email', role: 'agent' }));
    expect(result.body.notice?.type).toBe('error');
    expect(result.body.record!.errors.email?.message).toMatch(/valid email/);
    expect(result.body.notice?.message).not.toMatch(/invitations\//);
    expect(entries).toHaveLength(0);
  });

  it('is refused to agents', async () => {
    const agent = adminApi(await t.signIn('alice@acme.example'));
    const { result, entries } = await newEntries(t, () => agent.create('User', { name: 'Mallory', email: 'mallory@acme.example', role: 'administrator' }));
    expect(result.body.notice?.type).toBe('error');
    expect(await users().countBy({ email: 'mallory@acme.example' })).toBe(0);
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });
});

describe('accepting', () => {
  it('shows a form naming the invitee, sets the password, activates them, and records it as done by them', async () => {
    const { id, link } = await invite(admin, { name: 'Jon Park', email: 'jon@acme.example', role: 'agent' });
    const page = await request(t.app).get(pathOf(link));
    expect(page.status).toBe(200);
    expect(page.text).toContain('jon@acme.example');
    expect(page.text).toContain('at least 12 characters');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['referrer-policy']).toBe('no-referrer');

    const { result, entries } = await newEntries(t, () => submitPassword(t, link, 'a-long-passphrase-1'));
    expect(result.status).toBe(200);
    expect(result.text).toContain('You have joined MessageHub');
    const user = await users().findOneByOrFail({ id });
    expect(user.status).toBe('active');
    expect(user.passwordHash).toMatch(/^\$2[aby]\$/);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.invitation_accepted', actorId: String(id), actorName: 'Jon Park', actorEmail: 'jon@acme.example', actorRole: 'agent',
      targetId: String(id), ip: '127.0.0.1', userAgent: BROWSER_UA, sentence: 'Jon Park accepted the invitation and joined',
    });
    expect(entries[0]!.requestId).toBe(result.headers['x-request-id']);
    expect(entries[0]!.changes).toEqual({ status: { from: 'invited', to: 'active' }, passwordHash: { from: null, to: REDACTED } });
    expect(JSON.stringify(entries[0])).not.toContain('a-long-passphrase-1');

    // They can sign in with it.
    await expect(t.signIn('jon@acme.example', 'a-long-passphrase-1')).resolves.toBeDefined();
  });

  it('refuses a short password or a confirmation that differs, changes nothing and keeps the link usable', async () => {
    const { id, link } = await invite(admin, { name: 'Kim Lo', email: 'kim@acme.example', role: 'agent' });
    const { result: short, entries } = await newEntries(t, () => submitPassword(t, link, 'short-pw'));
    expect(short.status).toBe(422);
    expect(short.text).toContain('Use at least 12 characters.');
    const mismatch = await submitPassword(t, link, 'a-long-passphrase-2', 'a-long-passphrase-3');
    expect(mismatch.status).toBe(422);
    expect(mismatch.text).toContain('The two passwords are not the same.');
    expect(entries).toHaveLength(0);
    expect((await users().findOneByOrFail({ id })).status).toBe('invited');
    expect((await submitPassword(t, link, 'a-long-passphrase-2')).status).toBe(200);
  });

  it('refuses a link that was already used: clear page, nothing changed, nothing recorded', async () => {
    const { id, link } = await invite(admin, { name: 'Lea Moss', email: 'lea@acme.example', role: 'agent' });
    expect((await submitPassword(t, link, 'first-passphrase-1')).status).toBe(200);
    const hashAfterJoining = (await users().findOneByOrFail({ id })).passwordHash;
    const { result, entries } = await newEntries(t, () => submitPassword(t, link, 'second-passphrase-2'));
    expect(result.status).toBe(410);
    expect(result.text).toContain('This invitation has already been used');
    expect((await request(t.app).get(pathOf(link))).text).toContain('already been used');
    expect((await users().findOneByOrFail({ id })).passwordHash).toBe(hashAfterJoining);
    expect(entries).toHaveLength(0);
  });

  it('lets only one of two simultaneous submissions of a link through', async () => {
    const { link } = await invite(admin, { name: 'Max Rye', email: 'max@acme.example', role: 'agent' });
    const { result, entries } = await newEntries(t, () => Promise.all([submitPassword(t, link, 'racing-passphrase-1'), submitPassword(t, link, 'racing-passphrase-2')]));
    expect(result.map((response) => response.status).sort()).toEqual([200, 410]);
    expect(entries.filter((entry) => entry.action === 'user.invitation_accepted')).toHaveLength(1);
  });

  it('refuses an expired link with a page saying so, and changes nothing', async () => {
    const { id, link } = await invite(admin, { name: 'Nia Holt', email: 'nia@acme.example', role: 'agent' });
    await t.dataSource.query(`UPDATE users SET invitation_expires_at = now() - interval '1 minute' WHERE id = $1`, [id]);
    const page = await request(t.app).get(pathOf(link));
    expect(page.status).toBe(410);
    expect(page.text).toContain('This invitation has expired');
    const { result, entries } = await newEntries(t, () => submitPassword(t, link, 'too-late-passphrase'));
    expect(result.status).toBe(410);
    expect(result.text).toContain('This invitation has expired');
    expect((await users().findOneByOrFail({ id })).status).toBe('invited');
    expect(entries).toHaveLength(0);
  });

  it.each([
    ['an unknown token', '/invitations/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a malformed token', '/invitations/%3Cscript%3E'],
  ])('answers %s with a clear page and writes nothing', async (_case, path) => {
    const { result, entries } = await newEntries(t, async () => [await request(t.app).get(path), await request(t.app).post(path).type('form').send({ password: 'whatever-passphrase', confirmation: 'whatever-passphrase' })]);
    for (const response of result) {
      expect(response.status).toBe(404);
      expect(response.text).toContain('This invitation link does not work');
      expect(response.text).not.toContain('<script>');
    }
    expect(entries).toHaveLength(0);
  });
});

describe('resending and revoking', () => {
  it('resends: a new link works, the old one is dead, and the entry says so without the token', async () => {
    const { id, link: oldLink } = await invite(admin, { name: 'Pia Quist', email: 'pia@acme.example', role: 'agent' });
    // The panel opens the action's page with GET (nothing changes) and its button POSTs.
    const { result, entries } = await newEntries(t, () => recordAction(adminAgent, 'User', id, 'resendInvitation', 'post'));
    expect(result.body.notice?.type).toBe('success');
    const newLink = linkIn(result);
    expect(newLink).not.toBe(oldLink);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'user.invitation_resent', actorId: adminId, targetId: String(id), sentence: 'Ada Admin sent a new invitation link to "Pia Quist <pia@acme.example>"' });
    expect(entries[0]!.changes).toEqual({ invitationTokenHash: { from: REDACTED, to: REDACTED }, invitationExpiresAt: { from: REDACTED, to: REDACTED } });
    expect(JSON.stringify(entries)).not.toContain(tokenOf(newLink));

    const old = await submitPassword(t, oldLink, 'old-link-passphrase');
    expect(old.status).toBe(404);
    expect((await users().findOneByOrFail({ id })).status).toBe('invited');
    expect((await submitPassword(t, newLink, 'new-link-passphrase')).status).toBe(200);
  });

  it('revokes: the link stops working and the entry names who revoked whose invitation', async () => {
    const { id, link } = await invite(admin, { name: 'Rui Sol', email: 'rui@acme.example', role: 'agent' });
    const { result, entries } = await newEntries(t, () => recordAction(adminAgent, 'User', id, 'revokeInvitation', 'post'));
    expect(result.body.notice).toMatchObject({ type: 'success', message: 'Revoked the invitation of rui@acme.example: the link no longer works.' });
    expect(entries.map((entry) => entry.action)).toEqual(['user.invitation_revoked']);
    expect(entries[0]!.sentence).toBe('Ada Admin revoked the invitation of "Rui Sol <rui@acme.example>"');
    expect((await request(t.app).get(pathOf(link))).status).toBe(404);
    expect((await users().findOneByOrFail({ id })).invitationTokenHash).toBeNull();
  });

  it('refuses to resend or revoke for a user who has already joined', async () => {
    const alice = await users().findOneByOrFail({ email: 'alice@acme.example' });
    const { result, entries } = await newEntries(t, async () => [
      await recordAction(adminAgent, 'User', alice.id, 'resendInvitation'),
      await recordAction(adminAgent, 'User', alice.id, 'revokeInvitation'),
    ]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect(entries).toHaveLength(0);
  });

  it('refuses both to agents', async () => {
    const { id } = await invite(admin, { name: 'Sam Toll', email: 'sam@acme.example', role: 'agent' });
    const agent = await t.signIn('bruno@acme.example');
    const { result, entries } = await newEntries(t, async () => [await recordAction(agent, 'User', id, 'resendInvitation'), await recordAction(agent, 'User', id, 'revokeInvitation')]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });

  it('refuses the panel API to requests another site started (a link or form elsewhere)', async () => {
    const { id } = await invite(admin, { name: 'Uma Vik', email: 'uma@acme.example', role: 'agent' });
    const { result, entries } = await newEntries(t, () => adminAgent.get(`/admin/api/resources/User/records/${id}/revokeInvitation`).set('Sec-Fetch-Site', 'cross-site'));
    expect(result.status).toBe(403);
    expect(entries).toHaveLength(0);
    expect((await users().findOneByOrFail({ id })).invitationTokenHash).not.toBeNull();
  });
});
