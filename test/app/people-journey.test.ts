// The "done when", over HTTP with separate browser sessions: invite an agent, join from
// another session, add them to an inbox and a team, make them an administrator, sign in as them
// and go busy — and Audit Logs shows each step as one readable line with time and IP.
import request from 'supertest';
import { Inbox, Team, User } from '../../src/entities/index.js';
import { roleOf } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { invite, newEntries, recordAction, submitPassword } from '../helpers/people.js';
import { BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: 'loopback' });
});
afterAll(() => t.close());

it('records the whole journey of a new agent, one line per step, with time and IP', async () => {
  const ADMIN_IP = '203.0.113.7';
  const NEWCOMER_IP = '198.51.100.23';
  const adminAgent = await t.signIn(undefined, undefined, { 'X-Forwarded-For': ADMIN_IP });
  const admin = adminApi(adminAgent, { 'X-Forwarded-For': ADMIN_IP });
  const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ name: 'Support email' });
  const team = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Technical' });
  const startedAt = new Date();

  const { entries } = await newEntries(t, async () => {
    const { id, link } = await invite(admin, { name: 'Nora Quinn', email: 'nora@acme.example', role: 'agent' });
    // Another browser: no cookies shared with the admin's.
    const joined = await submitPassword(t, link, 'nora-passphrase-1').set('X-Forwarded-For', NEWCOMER_IP);
    expect(joined.status).toBe(200);

    const members = await admin.show('Inbox', inbox.id);
    const current = Object.entries(members.body.record!.params).filter(([key]) => key.startsWith('memberIds.')).map(([, value]) => Number(value));
    const inboxEdit = await admin.edit('Inbox', inbox.id, Object.fromEntries([...current, id].map((userId, index) => [`memberIds.${index}`, userId])));
    expect(inboxEdit.body.notice?.type).toBe('success');
    const teamEdit = await admin.edit('User', id, { 'teamIds.0': team.id });
    expect(teamEdit.body.notice?.type).toBe('success');
    const promoted = await recordAction(adminAgent.set('X-Forwarded-For', ADMIN_IP), 'User', id, 'makeAdministrator');
    expect(promoted.body.notice?.type).toBe('success');

    const nora = request.agent(t.app);
    const signedIn = await nora.post('/admin/login').set({ 'User-Agent': BROWSER_UA, 'X-Forwarded-For': NEWCOMER_IP }).type('form').send({ email: 'nora@acme.example', password: 'nora-passphrase-1' });
    expect(signedIn.status).toBe(302);
    const busy = await nora.patch('/api/me/availability').set({ 'User-Agent': BROWSER_UA, 'X-Forwarded-For': NEWCOMER_IP }).send({ availability: 'busy' });
    expect(busy.status).toBe(200);
    return id;
  });

  const nora = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'nora@acme.example' });
  expect(nora).toMatchObject({ status: 'active', availability: 'busy' });
  expect(await roleOf(t, 'nora@acme.example')).toBe('administrator');
  const journey = entries.filter((entry) => entry.action !== 'session.signed_in' || entry.actorId === String(nora.id));
  expect(journey.map((entry) => [entry.action, entry.ip, entry.sentence])).toEqual([
    ['user.invited', ADMIN_IP, 'Ada Admin invited "Nora Quinn <nora@acme.example>" as agent'],
    ['user.invitation_accepted', NEWCOMER_IP, 'Nora Quinn accepted the invitation and joined'],
    ['inbox.member_added', ADMIN_IP, 'Ada Admin added "Nora Quinn <nora@acme.example>" to inbox "Support email"'],
    ['team.member_added', ADMIN_IP, 'Ada Admin added "Nora Quinn <nora@acme.example>" to team "Technical"'],
    ['user.role_changed', ADMIN_IP, 'Ada Admin changed the role of "Nora Quinn <nora@acme.example>" from agent to administrator'],
    ['session.signed_in', NEWCOMER_IP, 'Nora Quinn signed in'],
    ['user.availability_changed', NEWCOMER_IP, 'Nora Quinn changed their own availability from offline to busy'],
  ]);
  for (const entry of journey) expect(entry.occurredAt.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 1000);

  // And the Audit Logs screen lists those lines to an administrator.
  const logs = await adminApi(await t.signIn()).list('AuditLog', { perPage: '50' });
  const listed = (logs.body.records ?? []).map((record) => String(record.params.sentence));
  for (const entry of journey) expect(listed).toContain(entry.sentence);
});
