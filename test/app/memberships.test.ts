// Memberships edited from the inbox's page, the team's page and the user's page: every path writes
// one member_added / member_removed per membership changed, in the same transaction as the edit.
import { InboxMember, Inbox, Team, TeamMember, User } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { newEntries, type AdminApi } from '../helpers/people.js';
import { ADMIN_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: AdminApi;
let adaId: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = adminApi(await t.signIn());
  adaId = String((await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).id);
});
afterAll(() => t.close());

const userId = async (email: string) => (await t.dataSource.getRepository(User).findOneByOrFail({ email })).id;
const inboxId = async (name: string) => (await t.dataSource.getRepository(Inbox).findOneByOrFail({ name })).id;
const teamId = async (name: string) => (await t.dataSource.getRepository(Team).findOneByOrFail({ name })).id;
const inboxMembers = async (id: number) => (await t.dataSource.getRepository(InboxMember).findBy({ inboxId: id })).map((row) => row.userId).sort((a, b) => a - b);
const teamMembers = async (id: number) => (await t.dataSource.getRepository(TeamMember).findBy({ teamId: id })).map((row) => row.userId).sort((a, b) => a - b);
const userInboxes = async (id: number) => (await t.dataSource.getRepository(InboxMember).findBy({ userId: id })).map((row) => row.inboxId).sort((a, b) => a - b);

/** The flattened list fields the panel's form sends for a multi-reference. */
const listFields = (field: string, ids: number[]) => (ids.length === 0 ? { [field]: '__FORM_VALUE_EMPTY_ARRAY__' } : Object.fromEntries(ids.map((id, index) => [`${field}.${index}`, id])));

describe('from an inbox\'s page', () => {
  it('shows the inbox\'s agents with their names', async () => {
    const id = await inboxId('Website chat');
    const shown = await admin.show('Inbox', id);
    const record = shown.body.record as unknown as { params: Record<string, unknown>; populated: Record<string, { title: string }> };
    expect([record.params['memberIds.0'], record.params['memberIds.1']].map(Number).sort()).toEqual(await inboxMembers(id));
    expect(Object.values(record.populated).map((user) => user.title).sort()).toEqual(['Alice Martin', 'Bruno Costa']);
    const form = await admin.editForm('Inbox', id);
    expect(Object.keys(form.body.record!.params).filter((key) => key.startsWith('memberIds.'))).toHaveLength(2);
  });

  it('adds and removes agents in one save, one entry per membership, each naming who, whom and which inbox', async () => {
    const id = await inboxId('Website chat');
    const [alice, bruno, chloe, deepa] = await Promise.all(['alice', 'bruno', 'chloe', 'deepa'].map((name) => userId(`${name}@acme.example`)));
    const { result, entries } = await newEntries(t, () => admin.edit('Inbox', id, { name: 'Website chat', ...listFields('memberIds', [alice!, chloe!, deepa!]) }));
    expect(result.body.notice?.type).toBe('success');
    expect(await inboxMembers(id)).toEqual([alice, chloe, deepa].sort((a, b) => a! - b!));
    expect(entries.map((entry) => [entry.action, entry.details?.memberId]).sort()).toEqual(
      [['inbox.member_added', String(chloe)], ['inbox.member_added', String(deepa)], ['inbox.member_removed', String(bruno)]].sort(),
    );
    for (const entry of entries) {
      expect(entry).toMatchObject({ actorId: adaId, actorName: 'Ada Admin', ip: '127.0.0.1', userAgent: BROWSER_UA, targetType: 'inbox', targetId: String(id), targetLabel: 'Website chat' });
    }
    expect(entries.find((entry) => entry.action === 'inbox.member_removed')!.sentence).toBe('Ada Admin removed "Bruno Costa <bruno@acme.example>" from inbox "Website chat"');
    expect(entries.find((entry) => entry.details?.memberId === String(chloe))!.sentence).toBe('Ada Admin added "Chloé Dubois <chloe@acme.example>" to inbox "Website chat"');
  });

  it('writes an inbox.updated entry beside the membership entries when other fields change too', async () => {
    const id = await inboxId('WhatsApp');
    const bruno = await userId('bruno@acme.example');
    const current = await inboxMembers(id);
    const { entries } = await newEntries(t, () => admin.edit('Inbox', id, { greeting: 'Hola', ...listFields('memberIds', [...current, bruno]) }));
    expect(entries.map((entry) => entry.action).sort()).toEqual(['inbox.member_added', 'inbox.updated']);
  });

  it('leaves the members alone when the form does not send the field, and writes nothing when nothing changes', async () => {
    const id = await inboxId('Support email');
    const before = await inboxMembers(id);
    const { entries: unchangedField } = await newEntries(t, () => admin.edit('Inbox', id, { name: 'Support email' }));
    expect(unchangedField).toHaveLength(0);
    const { entries: sameMembers } = await newEntries(t, () => admin.edit('Inbox', id, listFields('memberIds', before)));
    expect(sameMembers).toHaveLength(0);
    expect(await inboxMembers(id)).toEqual(before);
  });

  it('removes every agent when the list is cleared', async () => {
    const id = await inboxId('Support email');
    const before = await inboxMembers(id);
    expect(before.length).toBeGreaterThan(0);
    const { entries } = await newEntries(t, () => admin.edit('Inbox', id, listFields('memberIds', [])));
    expect(await inboxMembers(id)).toEqual([]);
    expect(entries.map((entry) => entry.action)).toEqual(before.map(() => 'inbox.member_removed'));
  });

  it('creates an inbox with its agents: the inbox first, then one entry per agent', async () => {
    const alice = await userId('alice@acme.example');
    const { result, entries } = await newEntries(t, () => admin.create('Inbox', { name: 'Telegram', channelType: 'telegram', ...listFields('memberIds', [alice]) }));
    expect(result.body.notice?.type).toBe('success');
    expect(entries.map((entry) => entry.action)).toEqual(['inbox.created', 'inbox.member_added']);
  });

  it('refuses an agent that does not exist, and saves nothing of the edit', async () => {
    const id = await inboxId('WhatsApp');
    const before = await inboxMembers(id);
    const { result, entries } = await newEntries(t, () => admin.edit('Inbox', id, { greeting: 'Changed?', ...listFields('memberIds', [...before, 999_999]) }));
    expect(result.body.notice?.type).toBe('error');
    expect(result.body.record!.errors.memberIds?.message).toMatch(/does not exist/);
    expect(await inboxMembers(id)).toEqual(before);
    expect((await t.dataSource.getRepository(Inbox).findOneByOrFail({ id })).greeting).toBe('Hola');
    expect(entries).toHaveLength(0);
  });
});

describe('from a team\'s page', () => {
  it('adds and removes agents, one entry each', async () => {
    const id = await teamId('Billing');
    const [alice, chloe, bruno] = await Promise.all(['alice', 'chloe', 'bruno'].map((name) => userId(`${name}@acme.example`)));
    expect(await teamMembers(id)).toEqual([alice, chloe].sort((a, b) => a! - b!));
    const { result, entries } = await newEntries(t, () => admin.edit('Team', id, listFields('memberIds', [chloe!, bruno!])));
    expect(result.body.notice?.type).toBe('success');
    expect(entries.map((entry) => [entry.action, entry.details?.memberId, entry.targetLabel]).sort()).toEqual(
      [['team.member_added', String(bruno), 'Billing'], ['team.member_removed', String(alice), 'Billing']].sort(),
    );
    expect(entries.find((entry) => entry.action === 'team.member_added')!.sentence).toBe('Ada Admin added "Bruno Costa <bruno@acme.example>" to team "Billing"');
  });
});

describe('from a user\'s page', () => {
  it('shows and changes their inboxes and teams, recording each on the inbox or team', async () => {
    const deepa = await userId('deepa@acme.example');
    const shown = await admin.show('User', deepa);
    const params = shown.body.record!.params;
    expect(Object.keys(params).filter((key) => key.startsWith('inboxIds.')).map((key) => Number(params[key])).sort()).toEqual(await userInboxes(deepa));

    const [website, whatsapp, billing] = [await inboxId('Website chat'), await inboxId('WhatsApp'), await teamId('Billing')];
    const before = await userInboxes(deepa);
    const { result, entries } = await newEntries(t, () => admin.edit('User', deepa, { ...listFields('inboxIds', [whatsapp]), ...listFields('teamIds', [billing]) }));
    expect(result.body.notice?.type).toBe('success');
    expect(await userInboxes(deepa)).toEqual([whatsapp]);
    const expected = [
      ...before.filter((id) => id !== whatsapp).map((id) => ['inbox.member_removed', String(id)]),
      ...(before.includes(whatsapp) ? [] : [['inbox.member_added', String(whatsapp)]]),
      ['team.member_added', String(billing)],
      ['team.member_removed', String(await teamId('Technical'))],
    ];
    expect(entries.map((entry) => [entry.action, entry.targetId]).sort()).toEqual(expected.sort());
    for (const entry of entries) expect(entry.details).toMatchObject({ memberId: String(deepa), memberLabel: 'Deepa Rao <deepa@acme.example>' });
    expect(website).not.toBe(whatsapp);
  });
});

describe('deleting', () => {
  it('an inbox removes its memberships, one entry each, then records the deletion', async () => {
    const id = await inboxId('Website chat');
    const members = await inboxMembers(id);
    expect(members.length).toBeGreaterThan(0);
    const { entries } = await newEntries(t, () => admin.remove('Inbox', id));
    expect(entries.map((entry) => entry.action)).toEqual([...members.map(() => 'inbox.member_removed'), 'inbox.deleted']);
    expect(await t.dataSource.getRepository(InboxMember).countBy({ inboxId: id })).toBe(0);
  });

  it('a user removes their inbox and team memberships, each recorded, then the deletion', async () => {
    const chloe = await userId('chloe@acme.example');
    // Several of each kind: they are removed (and recorded) one after the other.
    await t.dataSource.query(`INSERT INTO inbox_members (account_id, inbox_id, user_id) SELECT account_id, id, $1 FROM inboxes ON CONFLICT DO NOTHING`, [chloe]);
    await t.dataSource.query(`INSERT INTO team_members (account_id, team_id, user_id) SELECT account_id, id, $1 FROM teams ON CONFLICT DO NOTHING`, [chloe]);
    const inboxes = await t.dataSource.getRepository(InboxMember).countBy({ userId: chloe });
    const teams = await t.dataSource.getRepository(TeamMember).countBy({ userId: chloe });
    expect(Math.min(inboxes, teams)).toBeGreaterThan(1);
    const { entries } = await newEntries(t, () => admin.remove('User', chloe));
    expect(entries.filter((entry) => entry.action === 'inbox.member_removed')).toHaveLength(inboxes);
    expect(entries.filter((entry) => entry.action === 'team.member_removed')).toHaveLength(teams);
    expect(entries.at(-1)!.action).toBe('user.deleted');
  });
});

describe('agents', () => {
  it('cannot change memberships from any page', async () => {
    const agent = adminApi(await t.signIn('bruno@acme.example'));
    const [bruno, whatsapp, billing] = [await userId('bruno@acme.example'), await inboxId('WhatsApp'), await teamId('Billing')];
    const before = { inbox: await inboxMembers(whatsapp), team: await teamMembers(billing) };
    const { result, entries } = await newEntries(t, async () => [
      await agent.edit('Inbox', whatsapp, listFields('memberIds', [bruno])),
      await agent.edit('Team', billing, listFields('memberIds', [])),
      await agent.edit('User', bruno, listFields('inboxIds', [whatsapp])),
      await agent.create('InboxMember', { inboxId: whatsapp, userId: bruno }),
    ]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect({ inbox: await inboxMembers(whatsapp), team: await teamMembers(billing) }).toEqual(before);
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });
});
