// Availability: administrators set anyone's from the user's page; every signed-in user sets their
// own from "My profile" or with PATCH /api/me/availability. Entries say whose, from what to what,
// and whether it was their own.
import request from 'supertest';
import { User } from '../../src/entities/index.js';
import { roleOf } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { newEntries, recordAction } from '../helpers/people.js';
import { ADMIN_EMAIL, AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const users = () => t.dataSource.getRepository(User);
const byEmail = (email: string) => users().findOneByOrFail({ email });
type Agent = Awaited<ReturnType<TestApp['signIn']>>;
const patchAvailability = (agent: Agent | ReturnType<typeof request>, body: unknown) =>
  (agent as Agent).patch('/api/me/availability').set('User-Agent', BROWSER_UA).send(body as object);

describe('PATCH /api/me/availability', () => {
  it('sets the signed-in agent\'s own availability and records it as their own', async () => {
    const alice = await byEmail(AGENT_EMAIL);
    const agent = await t.signIn(AGENT_EMAIL);
    const { result, entries } = await newEntries(t, () => patchAvailability(agent, { availability: 'busy' }));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ id: alice.id, availability: 'busy' });
    expect((await byEmail(AGENT_EMAIL)).availability).toBe('busy');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.availability_changed', category: 'User', actorId: String(alice.id), actorName: 'Alice Martin', actorRole: 'agent',
      targetType: 'user', targetId: String(alice.id), ip: '127.0.0.1', userAgent: BROWSER_UA, details: { own: true },
      changes: { availability: { from: alice.availability, to: 'busy' } },
      sentence: `Alice Martin changed their own availability from ${alice.availability} to busy`,
    });
    expect(entries[0]!.requestId).toBe(result.headers['x-request-id']);
  });

  it('writes nothing when the availability does not change', async () => {
    const agent = await t.signIn(AGENT_EMAIL);
    await patchAvailability(agent, { availability: 'online' });
    const { result, entries } = await newEntries(t, () => patchAvailability(agent, { availability: 'online' }));
    expect(result.status).toBe(200);
    expect(entries).toHaveLength(0);
  });

  it.each([
    ['an unknown value', { availability: 'away' }, /must be one of: online, offline, busy/],
    ['another user\'s id', { availability: 'busy', userId: 1 }, /Unrecognized key/i],
    ['no value', {}, /must be one of/],
  ])('refuses %s with 400, changing nothing', async (_case, body, message) => {
    const agent = await t.signIn('bruno@acme.example');
    const before = (await byEmail('bruno@acme.example')).availability;
    const { result, entries } = await newEntries(t, () => patchAvailability(agent, body));
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).toMatch(message);
    expect((await byEmail('bruno@acme.example')).availability).toBe(before);
    expect(entries.filter((entry) => entry.action === 'user.availability_changed')).toHaveLength(0);
  });

  it('refuses a body that is not JSON (a cross-site form cannot send JSON)', async () => {
    const agent = await t.signIn('bruno@acme.example');
    const result = await agent.patch('/api/me/availability').type('form').send({ availability: 'busy' });
    expect(result.status).toBe(415);
  });

  it('answers 401 without a session and writes nothing', async () => {
    const { result, entries } = await newEntries(t, () => request(t.app).patch('/api/me/availability').send({ availability: 'busy' }));
    expect(result.status).toBe(401);
    expect(entries).toHaveLength(0);
  });

  it('answers 401 once the account was disabled after signing in: the session no longer counts', async () => {
    const agent = await t.signIn('chloe@acme.example');
    await t.dataSource.query(`UPDATE users SET status = 'disabled' WHERE email = 'chloe@acme.example'`);
    const { result, entries } = await newEntries(t, () => patchAvailability(agent, { availability: 'busy' }));
    expect(result.status).toBe(401);
    expect((await byEmail('chloe@acme.example')).availability).not.toBe('busy');
    expect(entries).toHaveLength(0);
    await t.dataSource.query(`UPDATE users SET status = 'active' WHERE email = 'chloe@acme.example'`);
  });
});

describe('My profile in the panel', () => {
  it('lists exactly one record, the signed-in user\'s, whatever filter is asked for', async () => {
    const alice = await byEmail(AGENT_EMAIL);
    const agent = adminApi(await t.signIn(AGENT_EMAIL));
    for (const query of [{}, { 'filters.id': '1' }, { 'filters.email': 'bruno' }] as Array<Record<string, string>>) {
      const list = await agent.list('MyProfile', query);
      expect(list.body.records!.map((record) => record.id)).toEqual([alice.id]);
    }
  });

  it('sets their own availability with a button and records it as their own', async () => {
    const bruno = await byEmail('bruno@acme.example');
    await t.dataSource.query(`UPDATE users SET availability = 'offline' WHERE id = $1`, [bruno.id]);
    const agent = await t.signIn('bruno@acme.example');
    const { result, entries } = await newEntries(t, () => recordAction(agent, 'MyProfile', bruno.id, 'goBusy'));
    expect(result.body.notice).toMatchObject({ type: 'success', message: 'You are now busy.' });
    expect(entries.map((entry) => [entry.action, entry.actorId, entry.targetId, entry.details])).toEqual([['user.availability_changed', String(bruno.id), String(bruno.id), { own: true }]]);
  });

  it('refuses to change someone else\'s availability, from My profile or the Users page', async () => {
    const agent = await t.signIn(AGENT_EMAIL);
    const deepa = await byEmail('deepa@acme.example');
    const { result, entries } = await newEntries(t, async () => [
      await recordAction(agent, 'MyProfile', deepa.id, 'goBusy'),
      await recordAction(agent, 'MyProfile', deepa.id, 'goOnline', 'post'),
      await adminApi(agent).edit('User', deepa.id, { availability: 'busy' }),
      await adminApi(agent).edit('MyProfile', deepa.id, { availability: 'busy' }),
      await adminApi(agent).show('MyProfile', deepa.id),
    ]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect((await byEmail('deepa@acme.example')).availability).toBe(deepa.availability);
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });

  it('takes no role from its edit form (only one\'s name and display name) and cannot be deleted, even by the user themselves', async () => {
    const alice = await byEmail(AGENT_EMAIL);
    const agent = adminApi(await t.signIn(AGENT_EMAIL));
    const { result, entries } = await newEntries(t, async () => [await agent.edit('MyProfile', alice.id, { name: 'Queen Alice', role: 'administrator' }), await agent.remove('MyProfile', alice.id)]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect(await byEmail(AGENT_EMAIL)).toMatchObject({ name: 'Alice Martin' });
    expect(await roleOf(t, AGENT_EMAIL)).toBe('agent');
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });
});

describe('an administrator setting someone\'s availability', () => {
  it('records whose availability it was and that it was not their own', async () => {
    const admin = adminApi(await t.signIn());
    const ada = await byEmail(ADMIN_EMAIL);
    const deepa = await byEmail('deepa@acme.example');
    const target = deepa.availability === 'busy' ? 'online' : 'busy';
    const { result, entries } = await newEntries(t, () => admin.edit('User', deepa.id, { availability: target }));
    expect(result.body.notice?.type).toBe('success');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.availability_changed', actorId: String(ada.id), targetId: String(deepa.id), details: { own: false },
      sentence: `Ada Admin changed the availability of "Deepa Rao <deepa@acme.example>" from ${deepa.availability} to ${target}`,
    });
  });
});
