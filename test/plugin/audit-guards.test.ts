// The log cannot be edited, and a change whose entry cannot be written does not happen.
import request from 'supertest';
import { Inbox } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: ReturnType<typeof adminApi>;
beforeAll(async () => {
  t = await startTestApp();
  admin = adminApi(await t.signIn());
});
afterAll(() => t.close());

describe('the database keeps audit entries append-only', () => {
  it.each([
    ['UPDATE', `UPDATE audit_logs SET sentence = 'rewritten'`],
    ['DELETE', `DELETE FROM audit_logs`],
    ['TRUNCATE', `TRUNCATE audit_logs`],
  ])('refuses %s', async (_op, sql) => {
    const before = await t.dataSource.query(`SELECT count(*)::int AS n, string_agg(sentence, '|' ORDER BY id) AS s FROM audit_logs`);
    await expect(t.dataSource.query(sql)).rejects.toThrow(/append-only/);
    const after = await t.dataSource.query(`SELECT count(*)::int AS n, string_agg(sentence, '|' ORDER BY id) AS s FROM audit_logs`);
    expect(after).toEqual(before);
  });
});

describe('the Audit Logs resource is read-only over the API', () => {
  it('lists entries for administrators, newest first', async () => {
    const list = await admin.list('AuditLog');
    expect(list.body.records!.length).toBeGreaterThan(0);
    const times = list.body.records!.map((r) => String(r.params.occurredAt));
    expect([...times].sort().reverse()).toEqual(times);
  });

  it.each([
    ['new', (id: string) => admin.create('AuditLog', { sentence: 'forged', action: 'inbox.created', category: 'Inbox', actorName: 'Mallory' })],
    ['edit', (id: string) => admin.edit('AuditLog', id, { sentence: 'forged' })],
    ['delete', (id: string) => admin.remove('AuditLog', id)],
    ['bulkDelete', (id: string) => admin.bulkRemove('AuditLog', [id])],
  ])('refuses %s and changes nothing', async (_action, call) => {
    const [first] = await t.entries();
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE sentence = 'forged'`);
    const response = await call(String(first!.id));
    expect(response.body.notice?.type).toBe('error');
    const [again] = (await t.entries()).filter((entry) => entry.id === first!.id);
    expect(again).toEqual(first);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE sentence = 'forged'`)).toEqual(before);
  });
});

describe('when the entry cannot be written', () => {
  // A real refusal by the database, no mocks: a constraint no new entry can satisfy.
  const breakAuditWrites = () => t.dataSource.query(`ALTER TABLE audit_logs ADD CONSTRAINT test_refuse_entries CHECK (false) NOT VALID`);
  const repairAuditWrites = () => t.dataSource.query(`ALTER TABLE audit_logs DROP CONSTRAINT test_refuse_entries`);

  afterEach(repairAuditWrites);

  it('rolls a create back and tells the admin why', async () => {
    await breakAuditWrites();
    const response = await admin.create('Inbox', { name: 'Never saved', channelType: 'email' });
    expect(response.body.notice?.type).toBe('error');
    expect(response.body.notice?.message).toMatch(/audit entry for this change could not be written/);
    expect(await t.dataSource.getRepository(Inbox).countBy({ name: 'Never saved' })).toBe(0);
  });

  it('rolls an edit back', async () => {
    const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ name: 'Website chat' });
    await breakAuditWrites();
    const response = await admin.edit('Inbox', inbox.id, { name: 'Renamed without trace' });
    expect(response.body.notice?.type).toBe('error');
    expect((await t.dataSource.getRepository(Inbox).findOneByOrFail({ id: inbox.id })).name).toBe('Website chat');
  });

  it('rolls a delete back, and a bulk delete as a whole', async () => {
    const inboxes = await t.dataSource.getRepository(Inbox).find();
    await breakAuditWrites();
    const single = await admin.remove('Inbox', inboxes[0]!.id);
    expect(single.body.notice?.type).toBe('error');
    const bulk = await admin.bulkRemove('Inbox', inboxes.map((inbox) => inbox.id));
    expect(bulk.body.notice?.type).toBe('error');
    expect(await t.dataSource.getRepository(Inbox).count()).toBe(inboxes.length);
  });

  it('refuses the sign-in rather than letting someone in unrecorded', async () => {
    await breakAuditWrites();
    const response = await request(t.app).post('/admin/login').type('form').send({ email: 'admin@messagehub.local', password: 'Admin-Test-Password-1' });
    expect(response.headers.location).not.toBe('/admin');
    expect(String(response.headers['set-cookie'] ?? '')).not.toMatch(/messagehub\.sid/);
  });

  it('keeps the session when the sign-out cannot be recorded', async () => {
    const agent = await t.signIn();
    await breakAuditWrites();
    const out = await agent.get('/admin/logout');
    expect(out.status).toBe(500);
    await repairAuditWrites();
    const still = await adminApi(agent).list('Inbox');
    expect(still.status).toBe(200);
    expect(still.body.records!.length).toBeGreaterThan(0);
    await breakAuditWrites(); // afterEach repairs it again
  });
});

describe('where a request came from', () => {
  it('ignores X-Forwarded-For when no proxy is trusted', async () => {
    await adminApi(await t.signIn(), { 'X-Forwarded-For': '203.0.113.9' }).create('Team', { name: 'Spoofed' });
    const [entry] = await t.entries('team.created');
    expect(entry).toMatchObject({ targetLabel: 'Spoofed', ip: '127.0.0.1', userAgent: BROWSER_UA });
  });
});
