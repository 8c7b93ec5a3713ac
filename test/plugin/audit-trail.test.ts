// One test per activity this app reaches through the panel, each checking the entry an
// administrator will read: action key, actor snapshot, target, IP, user agent, sentence, diff.
import { REDACTED } from '@hashtrail/adminjs-audit';
import { Account, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: ReturnType<typeof adminApi>;
let adminId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = adminApi(await t.signIn());
  adminId = String((await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).id);
});
afterAll(() => t.close());

const byAdmin = { actorId: () => adminId, actorName: 'Ada Admin', actorEmail: ADMIN_EMAIL, actorRole: 'administrator', ip: '127.0.0.1', userAgent: BROWSER_UA };
function expectByAdmin(entry: object | undefined) {
  expect(entry).toMatchObject({ actorId: adminId, actorName: byAdmin.actorName, actorEmail: byAdmin.actorEmail, actorRole: byAdmin.actorRole, ip: byAdmin.ip, userAgent: byAdmin.userAgent });
  expect((entry as { requestId: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
}

async function newEntries<T>(work: () => Promise<T>): Promise<{ result: T; entries: Awaited<ReturnType<TestApp['entries']>> }> {
  const [{ max }] = await t.dataSource.query('SELECT coalesce(max(id), 0)::bigint AS max FROM audit_logs');
  const result = await work();
  const entries = (await t.entries()).filter((entry) => BigInt(entry.id) > BigInt(max)).reverse();
  return { result, entries };
}

describe.each([
  ['Inbox', 'inbox', { name: 'Line', channelType: 'api' }, { name: 'Line Japan' }, 'inbox "Line'],
  ['Team', 'team', { name: 'Escalations' }, { name: 'Escalations 2' }, 'team "Escalations'],
  ['AutomationRule', 'automation_rule', {
    name: 'Auto-resolve spam', event: 'message_created',
    conditions: JSON.stringify([{ attribute: 'content', operator: 'contains', values: ['viagra'] }]),
    actions: JSON.stringify([{ action: 'resolve_conversation', params: [] }]),
  }, { name: 'Auto-resolve junk' }, 'automation rule "Auto-resolve'],
] as const)('%s lifecycle', (resource, prefix, createFields, editFields, sentencePart) => {
  // Every test makes its own record (names numbered, as team names are unique), so each runs alone.
  let made = 0;
  const fresh = () => {
    made += 1;
    return { create: { ...createFields, name: `${createFields.name} #${made}` }, edit: { ...editFields, name: `${editFields.name} #${made}` } };
  };
  const createOne = async (fields: Record<string, string>) => {
    const created = await admin.create(resource, fields);
    expect(created.body.notice?.type).toBe('success');
    return String(created.body.record!.params.id);
  };

  it(`records ${prefix}.created with the admin, the IP and the new values`, async () => {
    const names = fresh();
    const { result, entries } = await newEntries(() => admin.create(resource, names.create));
    const id = String(result.body.record!.params.id);
    expect(entries).toHaveLength(1);
    expectByAdmin(entries[0]);
    expect(entries[0]).toMatchObject({ action: `${prefix}.created`, targetType: prefix, targetId: id, targetLabel: names.create.name });
    expect(entries[0]!.sentence).toBe(`Ada Admin created ${sentencePart.split(' "')[0]} "${names.create.name}" (#${id})`);
    expect(entries[0]!.changes!.name).toEqual({ from: null, to: names.create.name });
  });

  it(`records ${prefix}.updated with only the changed field, before and after`, async () => {
    const names = fresh();
    const id = await createOne(names.create);
    const { entries } = await newEntries(() => admin.edit(resource, id, names.edit));
    expect(entries).toHaveLength(1);
    expectByAdmin(entries[0]);
    expect(entries[0]).toMatchObject({ action: `${prefix}.updated`, targetId: id, targetLabel: names.edit.name });
    expect(entries[0]!.changes).toEqual({ name: { from: names.create.name, to: names.edit.name } });
    expect(entries[0]!.sentence).toContain(sentencePart);
    // The field is named as the form labels it.
    expect(entries[0]!.sentence).toMatch(/: Name$/);
  });

  it('writes nothing for an edit that changes nothing', async () => {
    const names = fresh();
    const id = await createOne(names.create);
    expect((await newEntries(() => admin.edit(resource, id, names.edit))).entries).toHaveLength(1);
    const { result, entries } = await newEntries(() => admin.edit(resource, id, names.edit));
    expect(result.body.notice?.type).toBe('success');
    expect(entries).toHaveLength(0);
  });

  it(`records ${prefix}.deleted naming what was removed`, async () => {
    const names = fresh();
    const id = await createOne(names.create);
    await admin.edit(resource, id, names.edit);
    const { entries } = await newEntries(() => admin.remove(resource, id));
    expect(entries).toHaveLength(1);
    expectByAdmin(entries[0]);
    expect(entries[0]).toMatchObject({ action: `${prefix}.deleted`, targetId: id, targetLabel: names.edit.name });
    expect(entries[0]!.sentence).toContain('deleted');
    expect(entries[0]!.changes!.name).toEqual({ from: names.edit.name, to: null });
  });
});

describe('webhooks', () => {
  it('records webhook.created with its URL and the signing secret masked', async () => {
    const { result, entries } = await newEntries(() => admin.create('Webhook', { url: 'https://audit.example.org/in', 'subscribedEvents.0': 'contact_created' }));
    const webhook = await t.dataSource.getRepository(Webhook).findOneByOrFail({ id: Number(result.body.record!.params.id) });
    expect(entries).toHaveLength(1);
    expectByAdmin(entries[0]);
    expect(entries[0]).toMatchObject({ action: 'webhook.created', targetLabel: 'https://audit.example.org/in' });
    expect(entries[0]!.changes!.signingSecret).toEqual({ from: null, to: REDACTED });
    expect(JSON.stringify(entries[0])).not.toContain(webhook.signingSecret);
    const edit = await newEntries(() => admin.edit('Webhook', webhook.id, { url: 'https://audit.example.org/v2' }));
    expect(edit.entries[0]).toMatchObject({ action: 'webhook.updated', changes: { url: { from: 'https://audit.example.org/in', to: 'https://audit.example.org/v2' } } });
    const removed = await newEntries(() => admin.remove('Webhook', webhook.id));
    expect(removed.entries[0]).toMatchObject({ action: 'webhook.deleted', targetLabel: 'https://audit.example.org/v2' });
    expect(removed.entries[0]!.changes!.signingSecret).toEqual({ from: REDACTED, to: null });
  });
});

describe('account and users', () => {
  it('records account.updated with the settings that changed', async () => {
    const account = await t.dataSource.getRepository(Account).findOneByOrFail({});
    const { entries } = await newEntries(() => admin.edit('Account', account.id, { supportEmail: 'help@acme.example', csatSurveyEnabled: true }));
    expect(entries).toHaveLength(1);
    expectByAdmin(entries[0]);
    expect(entries[0]).toMatchObject({ action: 'account.updated', category: 'Account', targetType: 'account' });
    expect(entries[0]!.changes).toEqual({ supportEmail: { from: 'support@acme.example', to: 'help@acme.example' }, csatSurveyEnabled: { from: false, to: true } });
    // The fields as the account form labels them.
    expect(entries[0]!.sentence).toBe('Ada Admin changed account settings: Support email and CSAT survey');
  });

  it('records user.invited with the role when a user is created', async () => {
    const { result, entries } = await newEntries(() => admin.create('User', { name: 'Finn Lee', email: 'finn@acme.example', role: 'administrator' }));
    expect(entries).toHaveLength(1);
    expectByAdmin(entries[0]);
    expect(entries[0]).toMatchObject({ action: 'user.invited', targetId: String(result.body.record!.params.id), details: { role: 'administrator' } });
    expect(entries[0]!.sentence).toBe('Ada Admin invited "Finn Lee <finn@acme.example>" as administrator');
  });

  it('splits one edit into role_changed, availability_changed and updated entries', async () => {
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'bruno@acme.example' });
    const { entries } = await newEntries(() => admin.edit('User', user.id, { role: 'administrator', availability: 'busy', displayName: 'Bru' }));
    expect(entries.map((entry) => entry.action).sort()).toEqual(['user.availability_changed', 'user.role_changed', 'user.updated']);
    for (const entry of entries) expectByAdmin(entry);
    const role = entries.find((entry) => entry.action === 'user.role_changed')!;
    expect(role.changes).toEqual({ role: { from: 'agent', to: 'administrator' } });
    expect(role.sentence).toBe('Ada Admin changed the role of "Bruno Costa <bruno@acme.example>" from agent to administrator');
    const availability = entries.find((entry) => entry.action === 'user.availability_changed')!;
    expect(availability.details).toEqual({ own: false });
    expect(availability.sentence).toContain('changed the availability of "Bruno Costa');
    expect(entries.find((entry) => entry.action === 'user.updated')!.changes).toEqual({ displayName: { from: 'Bruno', to: 'Bru' } });
  });

  it('marks an availability change as their own when admins change themselves', async () => {
    const { entries } = await newEntries(() => admin.edit('User', adminId, { availability: 'busy' }));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'user.availability_changed', details: { own: true } });
    expect(entries[0]!.sentence).toBe('Ada Admin changed their own availability from online to busy');
  });

  it('records user.deleted and each membership the user loses, all in one go', async () => {
    const user = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'deepa@acme.example' });
    const inboxes = await t.dataSource.getRepository(InboxMember).countBy({ userId: user.id });
    const teams = await t.dataSource.getRepository(TeamMember).countBy({ userId: user.id });
    expect(inboxes + teams).toBeGreaterThan(0);
    const { entries } = await newEntries(() => admin.remove('User', user.id));
    expect(entries.filter((entry) => entry.action === 'inbox.member_removed')).toHaveLength(inboxes);
    expect(entries.filter((entry) => entry.action === 'team.member_removed')).toHaveLength(teams);
    const deleted = entries.find((entry) => entry.action === 'user.deleted')!;
    expectByAdmin(deleted);
    expect(deleted.sentence).toBe('Ada Admin removed user "Deepa Rao <deepa@acme.example>"');
    expect(JSON.stringify(deleted.changes)).not.toContain('$2b$');
    expect(deleted.changes!.passwordHash).toEqual({ from: REDACTED, to: null });
  });
});

describe('memberships', () => {
  it('records inbox.member_added and member_removed naming the agent and the inbox', async () => {
    const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ name: 'WhatsApp' });
    const chloe = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'chloe@acme.example' });
    const added = await newEntries(() => admin.create('InboxMember', { inboxId: inbox.id, userId: chloe.id }));
    expect(added.result.body.notice?.type).toBe('success');
    expect(added.entries).toHaveLength(1);
    expectByAdmin(added.entries[0]);
    expect(added.entries[0]).toMatchObject({ action: 'inbox.member_added', targetType: 'inbox', targetId: String(inbox.id), targetLabel: 'WhatsApp', details: { memberId: String(chloe.id) } });
    expect(added.entries[0]!.sentence).toBe('Ada Admin added "Chloé Dubois <chloe@acme.example>" to inbox "WhatsApp"');
    const removed = await newEntries(() => admin.remove('InboxMember', added.result.body.record!.params.id as number));
    expect(removed.entries[0]).toMatchObject({ action: 'inbox.member_removed', targetLabel: 'WhatsApp' });
    expect(removed.entries[0]!.sentence).toBe('Ada Admin removed "Chloé Dubois <chloe@acme.example>" from inbox "WhatsApp"');
  });

  it('records team.member_removed for every member when a team is deleted', async () => {
    const team = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Technical' });
    const members = await t.dataSource.getRepository(TeamMember).countBy({ teamId: team.id });
    const { entries } = await newEntries(() => admin.remove('Team', team.id));
    expect(entries.filter((entry) => entry.action === 'team.member_removed')).toHaveLength(members);
    expect(entries.at(-1)).toMatchObject({ action: 'team.deleted', targetLabel: 'Technical' });
  });
});

describe('what is not recorded', () => {
  it('writes nothing when validation fails', async () => {
    const { result, entries } = await newEntries(() => admin.create('Webhook', { url: 'not a url', 'subscribedEvents.0': 'message_created' }));
    expect(result.body.notice?.type).toBe('error');
    expect(entries).toHaveLength(0);
  });

  it('writes nothing when an agent is refused', async () => {
    const agent = adminApi(await (async () => t.signIn(AGENT_EMAIL))());
    const inbox = await t.dataSource.getRepository(Inbox).findOneByOrFail({ name: 'Website chat' });
    const { result, entries } = await newEntries(() => agent.remove('Inbox', inbox.id));
    expect(result.body.notice?.type).toBe('error');
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });
});

describe('bulk delete', () => {
  it('deletes every selected record and writes one entry per record', async () => {
    const ids: number[] = [];
    for (const name of ['Bulk A', 'Bulk B', 'Bulk C']) ids.push((await admin.create('Inbox', { name, channelType: 'sms' })).body.record!.params.id as number);
    const { result, entries } = await newEntries(() => admin.bulkRemove('Inbox', ids));
    expect(result.body.notice?.type).toBe('success');
    expect(entries.filter((entry) => entry.action === 'inbox.deleted').map((entry) => entry.targetLabel).sort()).toEqual(['Bulk A', 'Bulk B', 'Bulk C']);
    expect(await t.dataSource.getRepository(Inbox).countBy(ids.map((id) => ({ id })))).toBe(0);
  });
});

describe('actor snapshots', () => {
  it('keeps naming the actor after the actor is deleted', async () => {
    const created = await admin.create('User', { name: 'Gina Temp', email: 'gina@acme.example', role: 'administrator' });
    const gina = await t.dataSource.getRepository(User).findOneByOrFail({ id: Number(created.body.record!.params.id) });
    await t.dataSource.query(`UPDATE users SET status = 'active', password_hash = (SELECT password_hash FROM users WHERE email = $1) WHERE id = $2`, [ADMIN_EMAIL, gina.id]);
    const asGina = adminApi(await t.signIn('gina@acme.example', 'Admin-Test-Password-1'));
    const made = await asGina.create('Team', { name: 'Gina made this' });
    await admin.remove('User', gina.id);
    const [entry] = (await t.entries('team.created')).filter((row) => row.targetId === String(made.body.record!.params.id));
    expect(entry).toMatchObject({ actorId: String(gina.id), actorName: 'Gina Temp', actorEmail: 'gina@acme.example' });
    expect(entry!.sentence).toBe(`Gina Temp created team "Gina made this" (#${String(made.body.record!.params.id)})`);
  });
});

describe('a create that saves nothing', () => {
  it('is reported as an error, not as "successfully created"', async () => {
    const before = await t.dataSource.getRepository(InboxMember).count();
    const { result, entries } = await newEntries(() => admin.create('InboxMember', { inbox: 1, user: 2 }));
    expect(result.body.notice?.type).toBe('error');
    expect(result.body.notice?.message).toMatch(/Not saved/);
    expect(entries).toHaveLength(0);
    expect(await t.dataSource.getRepository(InboxMember).count()).toBe(before);
  });
});
