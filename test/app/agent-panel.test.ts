// What an agent sees: their own profile (name, display name, availability) and the inboxes and
// teams they belong to, read-only. Everything else is hidden and the API refuses it. Changes to a
// signed-in user's role or status apply at their next request.
import { Inbox, InboxMember, Team, TeamMember, User } from '../../src/entities/index.js';
import { roleOf } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { newEntries, recordAction } from '../helpers/people.js';
import { AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let alice: User;
beforeAll(async () => {
  t = await startTestApp();
  alice = await t.dataSource.getRepository(User).findOneByOrFail({ email: AGENT_EMAIL });
});
afterAll(() => t.close());

const ids = (records: Array<{ id: string | number }> | undefined) => (records ?? []).map((record) => Number(record.id)).sort((a, b) => a - b);
const aliceInboxes = async () => (await t.dataSource.getRepository(InboxMember).findBy({ userId: alice.id })).map((row) => row.inboxId).sort((a, b) => a - b);
const aliceTeams = async () => (await t.dataSource.getRepository(TeamMember).findBy({ userId: alice.id })).map((row) => row.teamId).sort((a, b) => a - b);

/** The resources the panel's sidebar offers the signed-in user (AdminJS leaves href null for the others). */
async function sidebar(agent: Awaited<ReturnType<TestApp['signIn']>>): Promise<string[]> {
  const page = await agent.get('/admin').set('User-Agent', BROWSER_UA);
  const state = page.text.match(/window\.REDUX_STATE = (\{.*?\});?\s*\n/s)?.[1];
  if (!state) throw new Error('no REDUX_STATE on the panel page');
  const resources = (JSON.parse(state) as { resources: Array<{ id: string; href: string | null }> }).resources;
  return resources.filter((resource) => resource.href).map((resource) => resource.id).sort();
}

describe('an agent', () => {
  let agent: Awaited<ReturnType<TestApp['signIn']>>;
  let api: ReturnType<typeof adminApi>;
  beforeAll(async () => {
    agent = await t.signIn(AGENT_EMAIL);
    api = adminApi(agent);
  });

  it('is offered only My profile, and the inboxes and teams they belong to', async () => {
    expect(await sidebar(agent)).toEqual(['Inbox', 'MyProfile', 'Team']);
  });

  it('sees their own profile with their inboxes and teams by name', async () => {
    const shown = await api.show('MyProfile', alice.id);
    const record = shown.body.record as unknown as { params: Record<string, unknown>; populated: Record<string, { title: string }> };
    expect(record.params).toMatchObject({ name: 'Alice Martin', displayName: 'Alice', availability: alice.availability });
    const listed = (field: string) => Object.keys(record.params).filter((key) => key.startsWith(`${field}.`)).map((key) => Number(record.params[key])).sort((a, b) => a - b);
    expect(listed('inboxIds')).toEqual(await aliceInboxes());
    expect(listed('teamIds')).toEqual(await aliceTeams());
    const inboxNames = (await t.dataSource.getRepository(Inbox).findBy((await aliceInboxes()).map((id) => ({ id })))).map((inbox) => inbox.name);
    for (const name of inboxNames) expect(Object.values(record.populated).map((item) => item.title)).toContain(name);
    expect(shown.text).not.toContain('passwordHash');
  });

  it('lists only the inboxes and teams they belong to, with the right totals', async () => {
    expect(await t.dataSource.getRepository(Inbox).count()).toBeGreaterThan((await aliceInboxes()).length);
    const inboxes = await api.list('Inbox');
    expect(ids(inboxes.body.records)).toEqual(await aliceInboxes());
    expect(inboxes.body.meta?.total).toBe((await aliceInboxes()).length);
    const teams = await api.list('Team');
    expect(ids(teams.body.records)).toEqual(await aliceTeams());
    // A filter cannot widen the list.
    const widened = await api.list('Inbox', { 'filters.name': 'Support' });
    expect(widened.body.records ?? []).toHaveLength(0);
  });

  it('opens an inbox or team they belong to, and is refused the others', async () => {
    const own = (await aliceInboxes())[0]!;
    expect((await api.show('Inbox', own)).body.record?.params.id).toBe(own);
    const other = await t.dataSource.getRepository(Inbox).findOneByOrFail({ name: 'Support email' });
    const refused = await api.show('Inbox', other.id);
    expect(refused.body.notice).toEqual({ type: 'error', message: 'You can only see the inboxes you belong to.' });
    expect(refused.body.record?.params ?? {}).toEqual({});
    expect(refused.text).not.toContain('Support email');
    const otherTeam = await t.dataSource.getRepository(Team).findOneByOrFail({ name: 'Technical' });
    expect((await api.show('Team', otherTeam.id)).body.notice?.type).toBe('error');
  });

  it.each(['User', 'AuditLog', 'InboxMember', 'TeamMember', 'Webhook', 'AutomationRule', 'Account'])('is refused the %s list', async (resource) => {
    const response = await api.list(resource);
    expect(response.body.notice?.type).toBe('error');
    expect(response.body.records ?? []).toHaveLength(0);
  });

  it('is refused user and audit log records, and searches', async () => {
    const responses = [await api.show('User', alice.id), await api.show('AuditLog', 1), await api.search('Inbox', 'Support'), await api.search('User', 'a'), await api.search('MyProfile', 'a')];
    for (const response of responses) {
      expect(response.body.notice?.type).toBe('error');
      expect(response.body.records ?? []).toHaveLength(0);
    }
  });

  it('cannot change an inbox, a team or their own name and role, and nothing is written', async () => {
    const own = (await aliceInboxes())[0]!;
    const { result, entries } = await newEntries(t, async () => [
      await api.edit('Inbox', own, { name: 'Mine now' }),
      await api.edit('Team', (await aliceTeams())[0]!, { name: 'Mine too' }),
      await api.edit('User', alice.id, { role: 'administrator' }),
      await api.create('Team', { name: 'Agents only' }),
      await recordAction(agent, 'User', alice.id, 'makeAdministrator'),
    ]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect(await roleOf(t, alice.email)).toBe('agent');
    expect(entries).toHaveLength(0);
  });
});

describe('a signed-in user whose role or status changes', () => {
  it('gets administrator rights at the next request after being promoted, and loses them when demoted', async () => {
    const deepa = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'deepa@acme.example' });
    const asDeepa = adminApi(await t.signIn('deepa@acme.example'));
    expect((await asDeepa.list('User')).body.notice?.type).toBe('error');
    const admin = await t.signIn();
    await recordAction(admin, 'User', deepa.id, 'makeAdministrator');
    expect((await asDeepa.list('User')).body.records!.length).toBeGreaterThan(0);
    await recordAction(admin, 'User', deepa.id, 'makeAgent');
    expect((await asDeepa.list('User')).body.notice?.type).toBe('error');
  });

  it('is signed out at the next request once disabled', async () => {
    const bruno = await t.dataSource.getRepository(User).findOneByOrFail({ email: 'bruno@acme.example' });
    const asBruno = await t.signIn('bruno@acme.example');
    expect((await asBruno.get('/admin/api/resources/Inbox/actions/list')).status).toBe(200);
    await adminApi(await t.signIn()).edit('User', bruno.id, { status: 'disabled' });
    const after = await asBruno.get('/admin/api/resources/Inbox/actions/list');
    expect(after.status).toBe(302);
    expect(after.headers.location).toMatch(/\/admin\/login/);
    expect((await asBruno.patch('/api/me/availability').send({ availability: 'busy' })).status).toBe(401);
  });
});
