import { Account, AutomationRule, Inbox, Team, User, Webhook } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, AGENT_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { roleOf } from '../helpers/accounts.js';

let t: TestApp;
let admin: ReturnType<typeof adminApi>;
beforeAll(async () => {
  t = await startTestApp();
  admin = adminApi(await t.signIn());
});
afterAll(() => t.close());

const validRule = {
  name: 'Escalate VIPs',
  event: 'conversation_created',
  conditions: JSON.stringify([{ attribute: 'email', operator: 'contains', values: ['@vip.example'] }]),
  actions: JSON.stringify([{ action: 'assign_team', params: ['Billing'] }]),
  active: true,
};

describe('managing MessageHub settings through the panel API', () => {
  it('creates, lists, shows, edits and deletes an inbox', async () => {
    const created = await admin.create('Inbox', { name: 'Telegram', channelType: 'telegram', greeting: 'Hi', enabled: true });
    expect(created.body.notice?.type).toBe('success');
    const id = created.body.record!.params.id as number;
    const listed = await admin.list('Inbox');
    expect(listed.body.records!.map((r) => r.params.name)).toContain('Telegram');
    expect((await admin.show('Inbox', id)).body.record!.params.channelType).toBe('telegram');
    const edited = await admin.edit('Inbox', id, { name: 'Telegram EU' });
    expect(edited.body.notice?.type).toBe('success');
    expect((await t.dataSource.getRepository(Inbox).findOneByOrFail({ id })).name).toBe('Telegram EU');
    const deleted = await admin.remove('Inbox', id);
    expect(deleted.body.notice?.type).toBe('success');
    expect(await t.dataSource.getRepository(Inbox).findOneBy({ id })).toBeNull();
  });

  it('creates, edits and deletes a team, and refuses a duplicate name whatever its case', async () => {
    const created = await admin.create('Team', { name: 'Onboarding', description: 'New customers' });
    const id = created.body.record!.params.id as number;
    const duplicate = await admin.create('Team', { name: 'ONBOARDING' });
    expect(duplicate.body.notice?.type).toBe('error');
    expect(duplicate.body.record!.errors.name?.message).toMatch(/already taken/);
    expect(await t.dataSource.getRepository(Team).countBy({ name: 'ONBOARDING' })).toBe(0);
    await admin.edit('Team', id, { allowAutoAssign: false });
    expect((await t.dataSource.getRepository(Team).findOneByOrFail({ id })).allowAutoAssign).toBe(false);
    expect((await admin.remove('Team', id)).body.notice?.type).toBe('success');
  });

  it('creates a webhook, gives its signing secret once, as the one-time secret of its answer, and never again', async () => {
    const created = await admin.create('Webhook', { url: 'https://hooks.example.org/mh', 'subscribedEvents.0': 'message_created', enabled: true });
    expect(created.body.notice?.type).toBe('success');
    const id = created.body.record!.params.id as number;
    const stored = await t.dataSource.getRepository(Webhook).findOneByOrFail({ id });
    expect(stored.signingSecret).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(created.body.oneTimeSecret?.value).toBe(stored.signingSecret);
    expect(created.body.notice!.message).not.toContain(stored.signingSecret);
    expect(JSON.stringify(created.body.record)).not.toContain(stored.signingSecret);
    for (const response of [await admin.show('Webhook', id), await admin.editForm('Webhook', id), await admin.list('Webhook'), await admin.search('Webhook', 'hooks')]) {
      expect(response.text).not.toContain(stored.signingSecret);
      expect(response.text).not.toContain('signingSecret');
    }
    const edited = await admin.edit('Webhook', id, { enabled: false });
    expect(edited.text).not.toContain(stored.signingSecret);
    expect((await admin.remove('Webhook', id)).body.notice?.type).toBe('success');
  });

  it('refuses a webhook URL that is not http(s), with a field message, and saves nothing', async () => {
    const before = await t.dataSource.getRepository(Webhook).count();
    const response = await admin.create('Webhook', { url: 'ftp://files.example.org', 'subscribedEvents.0': 'message_created' });
    expect(response.status).toBe(200);
    expect(response.body.notice?.type).toBe('error');
    expect(response.body.record!.errors.url?.message).toBe('must be an http:// or https:// URL');
    expect(await t.dataSource.getRepository(Webhook).count()).toBe(before);
  });

  it('creates, edits and deletes an automation rule with JSON conditions and actions', async () => {
    const created = await admin.create('AutomationRule', validRule);
    expect(created.body.notice?.type).toBe('success');
    const id = created.body.record!.params.id as number;
    const rule = await t.dataSource.getRepository(AutomationRule).findOneByOrFail({ id });
    expect(rule.conditions).toEqual([{ attribute: 'email', operator: 'contains', values: ['@vip.example'] }]);
    const shown = await admin.show('AutomationRule', id);
    expect(JSON.parse(String(shown.body.record!.params.conditions))).toEqual(rule.conditions);
    await admin.edit('AutomationRule', id, { active: false });
    expect((await t.dataSource.getRepository(AutomationRule).findOneByOrFail({ id })).active).toBe(false);
    expect((await admin.remove('AutomationRule', id)).body.notice?.type).toBe('success');
  });

  it.each([
    ['not JSON', '{oops', 'is not valid JSON'],
    ['an unknown attribute', JSON.stringify([{ attribute: 'shoe_size', operator: 'equal_to', values: [42] }]), 'must be one of'],
    ['an empty list', '[]', 'add at least one condition'],
  ])('refuses rule conditions that are %s', async (_case, conditions, message) => {
    const response = await admin.create('AutomationRule', { ...validRule, name: `Bad ${message}`, conditions });
    expect(response.body.notice?.type).toBe('error');
    expect(response.body.record!.errors.conditions?.message).toContain(message);
    expect(await t.dataSource.getRepository(AutomationRule).countBy({ name: `Bad ${message}` })).toBe(0);
  });

  it('edits the account settings and refuses a bad time zone', async () => {
    const account = await t.dataSource.getRepository(Account).findOneByOrFail({});
    const ok = await admin.edit('Account', account.id, { timezone: 'America/New_York' });
    expect(ok.body.notice?.type).toBe('success');
    const bad = await admin.edit('Account', account.id, { timezone: 'Mars/Olympus' });
    expect(bad.body.record!.errors.timezone?.message).toMatch(/IANA time zone/);
    expect((await t.dataSource.getRepository(Account).findOneByOrFail({ id: account.id })).timezone).toBe('America/New_York');
  });

  it('clears "Auto-resolve after (days)" when the field is emptied, and still refuses 0', async () => {
    const account = await t.dataSource.getRepository(Account).findOneByOrFail({});
    expect((await admin.edit('Account', account.id, { autoResolveAfterDays: 7 })).body.notice?.type).toBe('success');
    expect((await t.dataSource.getRepository(Account).findOneByOrFail({ id: account.id })).autoResolveAfterDays).toBe(7);
    const emptied = await admin.edit('Account', account.id, { autoResolveAfterDays: '' });
    expect(emptied.body.notice?.type).toBe('success');
    expect((await t.dataSource.getRepository(Account).findOneByOrFail({ id: account.id })).autoResolveAfterDays).toBeNull();
    const zero = await admin.edit('Account', account.id, { autoResolveAfterDays: 0 });
    expect(zero.body.record!.errors.autoResolveAfterDays?.message).toMatch(/at least 1 day/);
  });

  it('creates a user as invited, edits them, refuses a duplicate email whatever its case, and deletes them', async () => {
    const created = await admin.create('User', { name: 'Eve Stone', email: 'eve@acme.example', role: 'agent', status: 'active' });
    expect(created.body.notice?.type).toBe('success');
    const id = created.body.record!.params.id as number;
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id })).status).toBe('invited');
    const duplicate = await admin.create('User', { name: 'Eve Again', email: 'EVE@acme.example', role: 'agent' });
    expect(duplicate.body.record!.errors.email?.message).toMatch(/already taken/);
    await admin.edit('User', id, { displayName: 'Evie' });
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id })).displayName).toBe('Evie');
    expect((await admin.remove('User', id)).body.notice?.type).toBe('success');
  });

  it('never sends a password hash to the browser: list, show, edit form, search, edit result', async () => {
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: AGENT_EMAIL });
    const responses = [
      await admin.list('User'),
      await admin.show('User', user.id),
      await admin.editForm('User', user.id),
      await admin.search('User', 'alice'),
      await admin.edit('User', user.id, { displayName: 'Ali' }),
      await admin.list('InboxMember'),
    ];
    for (const response of responses) {
      expect(response.text).not.toContain(user.passwordHash!);
      expect(response.text).not.toContain('passwordHash');
    }
  });
});

describe('agents', () => {
  let agent: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    agent = adminApi(await t.signIn(AGENT_EMAIL));
  });

  it.each(['User', 'Webhook', 'AutomationRule', 'Account', 'AuditLog'])('cannot list or read %s', async (resource) => {
    const response = await agent.list(resource);
    expect(response.body.notice?.type).toBe('error');
    expect(response.body.records ?? []).toHaveLength(0);
  });

  it('cannot create a webhook or change a user', async () => {
    const before = await t.dataSource.getRepository(Webhook).count();
    const created = await agent.create('Webhook', { url: 'https://evil.example', 'subscribedEvents.0': 'message_created' });
    expect(created.body.notice?.type).toBe('error');
    expect(await t.dataSource.getRepository(Webhook).count()).toBe(before);
    const admin = await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL });
    const edit = await agent.edit('User', admin.id, { role: 'agent' });
    expect(edit.body.notice?.type).toBe('error');
    expect(await roleOf(t, ADMIN_EMAIL)).toBe('administrator');
  });

  it('can read inboxes but not change them', async () => {
    expect((await agent.list('Inbox')).body.records!.length).toBeGreaterThan(0);
    const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ name: 'Website chat' });
    const edit = await agent.edit('Inbox', inbox.id, { name: 'Hijacked' });
    expect(edit.body.notice?.type).toBe('error');
    expect((await t.dataSource.getRepository(Inbox).findOneByOrFail({ id: inbox.id })).name).toBe('Website chat');
  });

  it('is sent to the login page when not signed in', async () => {
    const { default: request } = await import('supertest');
    const response = await request(t.app).get('/admin/api/resources/Inbox/actions/list');
    expect(response.status).toBe(302);
    expect(response.headers.location).toMatch(/\/admin\/login/);
  });
});
