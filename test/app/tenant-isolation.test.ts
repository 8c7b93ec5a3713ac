// Two accounts in one deployment: the seeded "MessageHub" (A, Ada administrator) and "Beta" (B, made
// as the operator's CLI makes it, Bea administrator). Ada also belongs to B, as an agent. Every way
// the panel offers to reach rows is tried from A against B's: lists and their filters, ids in the
// URL, bulk selections, pickers, memberships, the account settings and the dashboard; then
// switching accounts, and role changes and removals taking effect at the next request.
import request from 'supertest';
import { AuditLog } from '@hashtrail/adminjs-audit';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { BEA, betaAccount, newAccount, roleOf, seededAccountId, setRole, userIdOf } from '../helpers/accounts.js';
import { recordAction, submitPassword } from '../helpers/people.js';
import { ADMIN_EMAIL, AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

type Agent = Awaited<ReturnType<TestApp['signIn']>>;
type Api = ReturnType<typeof adminApi>;

const { email: BEA_EMAIL, password: BEA_PASSWORD } = BEA;

let t: TestApp;
let accountA: number;
let accountB: number;
let ada: Api;
let bea: Api;
let adaAgent: Agent;
/** B's rows, made by Bea through the panel. */
const b = { inbox: 0, team: 0, webhook: 0, rule: 0, bea: 0, inboxMember: 0, teamMember: 0 };

const idsOf = (result: Awaited<ReturnType<Api['list']>>) => (result.body.records ?? []).map((record) => Number(record.params.id));
const ok = (result: Awaited<ReturnType<Api['create']>>) => {
  if (result.body.notice?.type !== 'success') throw new Error(`refused: ${JSON.stringify(result.body.notice ?? result.body)}`);
  return Number(result.body.record!.params.id);
};

function switchTo(agent: Agent, accountId: number, headers: Record<string, string> = {}) {
  return agent.post('/admin/switch-account').set({ 'User-Agent': BROWSER_UA, ...headers }).type('form').send({ accountId: String(accountId) });
}

beforeAll(async () => {
  t = await startTestApp();
  accountA = await seededAccountId(t);
  accountB = await betaAccount(t);
  bea = adminApi(await t.signIn(BEA_EMAIL, BEA_PASSWORD));
  // Ada joins Beta as an agent: inviting an email that already has a user adds a membership.
  const invited = await bea.create('User', { name: 'Ada Again', email: ADMIN_EMAIL.toUpperCase(), role: 'agent' });
  expect(invited.body.notice?.type).toBe('success');
  b.bea = await userIdOf(t, BEA_EMAIL);
  const adaId = await userIdOf(t, ADMIN_EMAIL);
  b.inbox = ok(await bea.create('Inbox', { name: 'Beta chat', channelType: 'website', 'memberIds.0': adaId }));
  b.team = ok(await bea.create('Team', { name: 'Billing', 'memberIds.0': b.bea }));
  b.webhook = ok(await bea.create('Webhook', { url: 'https://hooks.beta.test/in', 'subscribedEvents.0': 'message_created' }));
  b.rule = ok(
    await bea.create('AutomationRule', {
      name: 'Beta rule',
      event: 'message_created',
      conditions: JSON.stringify([{ attribute: 'content', operator: 'contains', values: ['beta'] }]),
      actions: JSON.stringify([{ action: 'add_label', params: ['beta'] }]),
    }),
  );
  b.inboxMember = (await t.dataSource.getRepository(InboxMember).findOneByOrFail({ inboxId: b.inbox })).id;
  b.teamMember = (await t.dataSource.getRepository(TeamMember).findOneByOrFail({ teamId: b.team })).id;
  adaAgent = await t.signIn();
  ada = adminApi(adaAgent);
});

afterAll(async () => {
  await t?.close();
});

describe('what Beta made through the panel', () => {
  it('landed in Beta, whatever account the form named', async () => {
    for (const [entity, id] of [[Inbox, b.inbox], [Team, b.team], [Webhook, b.webhook], [AutomationRule, b.rule], [InboxMember, b.inboxMember], [TeamMember, b.teamMember]] as const) {
      expect((await t.dataSource.getRepository(entity).findOneByOrFail({ id })).accountId).toBe(accountB);
    }
    // A form naming another account is refused (the field is not the form's), and nothing is made.
    const smuggled = await bea.create('Inbox', { name: 'Smuggled', channelType: 'email', accountId: accountA });
    expect(smuggled.body.notice?.type).toBe('error');
    expect(await t.dataSource.getRepository(Inbox).countBy({ name: 'Smuggled' })).toBe(0);
  });

  it('Ada is a member of both accounts: administrator of MessageHub, agent of Beta', async () => {
    expect(await roleOf(t, ADMIN_EMAIL, accountA)).toBe('administrator');
    expect(await roleOf(t, ADMIN_EMAIL, accountB)).toBe('agent');
    expect(await t.dataSource.getRepository(User).countBy({ email: ADMIN_EMAIL })).toBe(1);
  });
});

describe('from MessageHub, nothing of Beta can be reached', () => {
  const resources = () => [
    ['Inbox', b.inbox],
    ['Team', b.team],
    ['Webhook', b.webhook],
    ['AutomationRule', b.rule],
    ['InboxMember', b.inboxMember],
    ['TeamMember', b.teamMember],
    ['User', b.bea],
    ['Account', accountB],
  ] as const;

  it('lists: none of Beta\'s rows, also when the query string asks for Beta\'s account', async () => {
    for (const [resource, id] of resources()) {
      const plain = await ada.list(resource, { perPage: '100' });
      expect(plain.status).toBe(200);
      expect(idsOf(plain).length).toBeGreaterThan(0);
      expect(idsOf(plain)).not.toContain(id);
      const asked = await ada.list(resource, { perPage: '100', 'filters.accountId': String(accountB) });
      expect(idsOf(asked)).not.toContain(id);
      // Resources with an account column ignore the filter (the current account replaces it); users and
      // accounts have no such column, and the filter is refused.
      if (resource === 'User' || resource === 'Account') expect(asked.body.notice?.type).toBe('error');
      else expect(idsOf(asked)).toEqual(idsOf(plain));
    }
    expect(idsOf(await ada.list('Account'))).toEqual([accountA]);
  });

  it('show, edit form, edit and delete by id in the URL: not found, and nothing changes', async () => {
    for (const [resource, id] of resources()) {
      const attempts = [await ada.show(resource, id), await ada.editForm(resource, id), await ada.edit(resource, id, { name: 'Taken over' }), await ada.remove(resource, id)];
      for (const result of attempts) {
        // AdminJS answers a record it cannot find (or an action refused to all, such as deleting an
        // account) with an error notice, HTTP 200, holding nothing of Beta's row.
        expect(result.body.notice?.type).toBe('error');
        expect(Number(result.body.record?.params.id ?? 0)).not.toBe(id);
        expect(result.text).not.toContain('Beta');
      }
    }
    expect((await t.dataSource.getRepository(Inbox).findOneByOrFail({ id: b.inbox })).name).toBe('Beta chat');
    expect((await t.dataSource.getRepository(Team).findOneByOrFail({ id: b.team })).name).toBe('Billing');
    expect(await t.dataSource.getRepository(Webhook).countBy({ id: b.webhook })).toBe(1);
    expect(await t.dataSource.getRepository(AutomationRule).countBy({ id: b.rule })).toBe(1);
    expect(await t.dataSource.getRepository(InboxMember).countBy({ id: b.inboxMember })).toBe(1);
    expect((await t.dataSource.getRepository(Account).findOneByOrFail({ id: accountB })).name).toBe('Beta');
    expect(await roleOf(t, BEA_EMAIL, accountB)).toBe('administrator');
  });

  it('bulk delete of a selection mixing both accounts deletes only what is MessageHub\'s', async () => {
    const own = ok(await ada.create('Webhook', { url: 'https://hooks.messagehub.test/throwaway', 'subscribedEvents.0': 'message_created' }));
    const result = await ada.bulkRemove('Webhook', [own, b.webhook]);
    expect(result.body.notice?.type).toBe('success');
    expect(await t.dataSource.getRepository(Webhook).countBy({ id: own })).toBe(0);
    expect(await t.dataSource.getRepository(Webhook).countBy({ id: b.webhook })).toBe(1);
    // Only Beta's ids: nothing selected at all.
    expect((await ada.bulkRemove('Inbox', [b.inbox])).status).toBe(404);
    expect(await t.dataSource.getRepository(Inbox).countBy({ id: b.inbox })).toBe(1);
  });

  it('search and record pickers offer only MessageHub\'s rows', async () => {
    const users = await ada.search('User', 'bea');
    expect(users.body.records ?? []).toHaveLength(0);
    expect(((await ada.search('User', '')).body.records ?? []).map((record) => Number(record.id))).not.toContain(b.bea);
    expect((await ada.search('Inbox', 'Beta')).body.records ?? []).toHaveLength(0);
    expect((await ada.search('Team', 'Billing')).body.records!.map((record) => Number(record.id))).not.toContain(b.team);
  });

  it('memberships cannot link Beta\'s users, inboxes or teams', async () => {
    const website = await t.dataSource.getRepository(Inbox).findOneByOrFail({ accountId: accountA, name: 'Website chat' });
    const before = await t.dataSource.getRepository(InboxMember).countBy({ inboxId: website.id });
    const withBea = await ada.edit('Inbox', website.id, { 'memberIds.0': b.bea });
    expect(withBea.body.record!.errors.memberIds?.message).toMatch(/does not exist/);
    expect(await t.dataSource.getRepository(InboxMember).countBy({ inboxId: website.id })).toBe(before);
    const alice = await userIdOf(t, AGENT_EMAIL);
    const intoBeta = await ada.edit('User', alice, { 'inboxIds.0': b.inbox, 'teamIds.0': b.team });
    expect(intoBeta.body.notice?.type).toBe('error');
    expect(await t.dataSource.getRepository(InboxMember).countBy({ userId: alice, inboxId: b.inbox })).toBe(0);
    expect(await t.dataSource.getRepository(TeamMember).countBy({ userId: alice, teamId: b.team })).toBe(0);
    // And the database refuses a membership row naming another account's inbox, whoever writes it.
    await expect(t.dataSource.query('INSERT INTO inbox_members (account_id, inbox_id, user_id) VALUES ($1, $2, $3)', [accountA, b.inbox, alice])).rejects.toThrow(/foreign key/);
  });

  it('an administrator\'s user page shows only memberships of the current account', async () => {
    const adaId = await userIdOf(t, ADMIN_EMAIL);
    await t.dataSource.query(`INSERT INTO inbox_members (account_id, inbox_id, user_id) SELECT $1, id, $2 FROM inboxes WHERE account_id = $1 AND name = 'Website chat'`, [accountA, adaId]);
    const shown = await ada.show('User', adaId);
    const inboxIds = Object.entries(shown.body.record!.params).filter(([key]) => key.startsWith('inboxIds.')).map(([, value]) => Number(value));
    expect(inboxIds.length).toBe(1);
    expect(inboxIds).not.toContain(b.inbox);
    expect(shown.body.record!.params.role).toBe('administrator');
  });

  it('the dashboard shows only MessageHub\'s entries', async () => {
    // Beta's entries are the newest: a dashboard that mixed accounts would show them first.
    await bea.edit('Inbox', b.inbox, { greeting: 'Hello from Beta' });
    await bea.edit('Team', b.team, { description: 'Beta billing' });
    const response = await adaAgent.get('/admin/api/dashboard').set('User-Agent', BROWSER_UA);
    expect(response.status).toBe(200);
    const latest = (response.body.data.latest as Array<{ id: string }>).map((entry) => entry.id);
    expect(latest.length).toBeGreaterThan(0);
    const accounts = await t.dataSource.getRepository(AuditLog).createQueryBuilder('log').select('DISTINCT log.accountId', 'accountId').where('log.id IN (:...latest)', { latest }).getRawMany();
    expect(accounts.map((row: { accountId: string | number }) => String(row.accountId))).toEqual([String(accountA)]);
  });
});

describe('switching accounts', () => {
  it('moves to an account one belongs to, with the role held there', async () => {
    const agent = await t.signIn();
    const switched = await switchTo(agent, accountB);
    expect(switched.status).toBe(303);
    expect(switched.headers.location).toBe('/admin');
    const api = adminApi(agent);
    // An agent in Beta: no users, and only the inboxes she belongs to there.
    expect((await api.list('User')).body.notice?.type).toBe('error');
    expect(idsOf(await api.list('Inbox'))).toEqual([b.inbox]);
    expect((await api.edit('Inbox', b.inbox, { name: 'Renamed by an agent' })).body.notice?.type).toBe('error');
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ email: ADMIN_EMAIL })).lastAccountId).toBe(accountB);
    // And back: an administrator again.
    expect((await switchTo(agent, accountA)).status).toBe(303);
    expect(idsOf(await api.list('User')).length).toBeGreaterThan(1);
  });

  it('refuses an account one does not belong to (403), and stays where one was', async () => {
    const agent = await t.signIn(AGENT_EMAIL);
    const refused = await switchTo(agent, accountB);
    expect(refused.status).toBe(403);
    expect(idsOf(await adminApi(agent).list('Inbox')).length).toBeGreaterThan(0);
    expect(idsOf(await adminApi(agent).list('Inbox'))).not.toContain(b.inbox);
    expect((await switchTo(agent, 999_999)).status).toBe(403);
    expect((await switchTo(agent, Number.NaN)).status).toBe(403);
  });

  it('refuses a form posted from another site', async () => {
    const agent = await t.signIn();
    expect((await switchTo(agent, accountB, { 'Sec-Fetch-Site': 'cross-site' })).status).toBe(403);
    expect((await switchTo(agent, accountB, { Origin: 'https://evil.example' })).status).toBe(403);
    expect(idsOf(await adminApi(agent).list('User')).length).toBeGreaterThan(1);
  });

  it('sends a session without a sign-in to the login page', async () => {
    const response = await request(t.app).post('/admin/switch-account').type('form').send({ accountId: String(accountB) });
    expect(response.status).toBe(303);
    expect(response.headers.location).toBe('/admin/login');
  });

  it('the next sign-in enters the account used last', async () => {
    const agent = await t.signIn();
    await switchTo(agent, accountB);
    const again = adminApi(await t.signIn());
    expect(idsOf(await again.list('Inbox'))).toEqual([b.inbox]);
    await switchTo(agent, accountA);
  });
});

describe('a person in both accounts: Beta cannot change what MessageHub relies on', () => {
  const adaRow = async () => (await t.dataSource.getRepository(User).findOneByOrFail({ id: await userIdOf(t, ADMIN_EMAIL) }));

  it('refuses Beta\'s changes to Ada\'s name, email, status and availability, next to each field, and saves nothing', async () => {
    const before = await adaRow();
    for (const [field, value] of [['name', 'Renamed by Beta'], ['email', 'taken-over@beta.test'], ['status', 'disabled'], ['availability', 'busy'], ['displayName', 'Beta says hi']] as const) {
      const answer = await bea.edit('User', before.id, { name: before.name, email: before.email, [field]: value });
      expect(answer.body.record?.errors?.[field]?.message).toBe('sharedWithOtherAccounts');
      expect(answer.body.record?.params[field]).toBe(value); // the form keeps what was typed
      expect(answer.body.notice?.type).toBe('error');
    }
    expect(await adaRow()).toMatchObject({ name: before.name, email: before.email, status: before.status, availability: before.availability, displayName: before.displayName });
    // Ada still signs in to MessageHub as before.
    expect((await adminApi(await t.signIn()).list('Inbox')).status).toBe(200);
  });

  it('lets Beta change Ada\'s role in Beta, the form sending her own fields unchanged', async () => {
    const ada = await adaRow();
    const promoted = await bea.edit('User', ada.id, { name: ada.name, email: ada.email, status: ada.status, availability: ada.availability, role: 'administrator' });
    expect(promoted.body.notice?.type).toBe('success');
    expect(await roleOf(t, ADMIN_EMAIL, accountB)).toBe('administrator');
    expect(await roleOf(t, ADMIN_EMAIL, accountA)).toBe('administrator');
    expect((await bea.edit('User', ada.id, { role: 'agent' })).body.notice?.type).toBe('success');
    expect(await roleOf(t, ADMIN_EMAIL, accountB)).toBe('agent');
  });

  it('lets Ada rename herself on My profile (and nothing more there), recorded in the account she works in', async () => {
    const me = await adaRow();
    const renamed = await ada.edit('MyProfile', me.id, { name: 'Ada Lovelace-Admin', displayName: 'Ada L.' });
    expect(renamed.body.notice?.type).toBe('success');
    expect(await adaRow()).toMatchObject({ name: 'Ada Lovelace-Admin', displayName: 'Ada L.', email: me.email });
    const [entry] = await t.entries('user.updated');
    expect(entry).toMatchObject({ accountId: String(accountA), targetId: String(me.id), changes: { name: { from: me.name, to: 'Ada Lovelace-Admin' } } });
    const sneaky = await ada.edit('MyProfile', me.id, { email: 'elsewhere@acme.example', status: 'active' });
    expect(sneaky.body.notice?.type).toBe('error');
    expect((await adaRow()).email).toBe(me.email);
    // Someone else's record is not hers to edit there.
    const beaRow = await t.dataSource.getRepository(User).findOneByOrFail({ email: BEA_EMAIL });
    const other = await ada.edit('MyProfile', beaRow.id, { name: 'Hijacked' });
    expect(other.body.notice?.type).toBe('error');
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: beaRow.id })).name).toBe(beaRow.name);
    expect((await ada.edit('MyProfile', me.id, { name: me.name, displayName: me.displayName })).body.notice?.type).toBe('success');
  });

  it('lets Beta rename someone who is in Beta only', async () => {
    const cleo = ok(await bea.create('User', { name: 'Cleo Beta', email: 'cleo@beta.test', role: 'agent' }));
    expect((await bea.edit('User', cleo, { name: 'Cleo B. Beta' })).body.notice?.type).toBe('success');
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: cleo })).name).toBe('Cleo B. Beta');
  });

  it('refuses either account\'s resend or revoke of an invitation once the invitee is in both, and the link keeps working', async () => {
    const invited = await ada.create('User', { name: 'Dora Double', email: 'dora@double.test', role: 'agent' });
    expect(invited.body.notice?.type).toBe('success');
    const link = invited.body.oneTimeSecret!.value;
    const dora = Number(invited.body.record!.params.id);
    expect((await bea.create('User', { name: 'Dora Double', email: 'dora@double.test', role: 'agent' })).body.notice?.type).toBe('success');
    const hash = (await t.dataSource.getRepository(User).findOneByOrFail({ id: dora })).invitationTokenHash;
    const beaAgent = await t.signIn(BEA_EMAIL, BEA_PASSWORD);
    for (const [agent, action] of [[beaAgent, 'revokeInvitation'], [beaAgent, 'resendInvitation'], [adaAgent, 'revokeInvitation']] as const) {
      const answer = await recordAction(agent, 'User', dora, action, 'post');
      expect(answer.body.notice).toMatchObject({ type: 'error', message: 'sharedWithOtherAccounts' });
    }
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: dora })).invitationTokenHash).toBe(hash);
    expect((await submitPassword(t, link, 'Dora-Double-Password-1')).status).toBe(200);
    expect(await roleOf(t, 'dora@double.test', accountA)).toBe('agent');
    expect(await roleOf(t, 'dora@double.test', accountB)).toBe('agent');
  });
});

describe('role changes and removals take effect at the next request', () => {
  it('a demoted administrator is an agent at their next request', async () => {
    await setRole(t, 'bruno@acme.example', 'administrator', accountA);
    const bruno = adminApi(await t.signIn('bruno@acme.example'));
    expect((await bruno.list('User')).status).toBe(200);
    expect((await bruno.list('User')).body.notice?.type).not.toBe('error');
    await setRole(t, 'bruno@acme.example', 'agent', accountA);
    expect((await bruno.list('User')).body.notice?.type).toBe('error');
  });

  it('someone removed from their current account moves to another of theirs, or is signed out', async () => {
    await setRole(t, 'chloe@acme.example', 'agent', accountB);
    const agent = await t.signIn('chloe@acme.example');
    const chloe = adminApi(agent);
    expect(idsOf(await chloe.list('Inbox'))).not.toContain(b.inbox);
    // Removed from MessageHub: in Beta at the next request (an agent of no inbox there yet).
    await t.dataSource.query('DELETE FROM account_users WHERE account_id = $1 AND user_id = $2', [accountA, await userIdOf(t, 'chloe@acme.example')]);
    const inBeta = await chloe.list('Inbox');
    expect(inBeta.status).toBe(200);
    expect(idsOf(inBeta)).toEqual([]);
    // Removed from Beta too: signed out.
    await t.dataSource.query('DELETE FROM account_users WHERE account_id = $1 AND user_id = $2', [accountB, await userIdOf(t, 'chloe@acme.example')]);
    const out = await agent.get('/admin/api/resources/Inbox/actions/list').set('User-Agent', BROWSER_UA);
    expect(out.status).toBe(302);
    expect(out.headers.location).toMatch(/\/admin\/login/);
    // And cannot sign in again: no account left.
    await expect(t.signIn('chloe@acme.example')).rejects.toThrow(/sign-in as chloe@acme.example failed/);
    const [refusal] = await t.entries('session.sign_in_failed');
    expect(refusal).toMatchObject({ details: { email: 'chloe@acme.example', reason: 'no_account' } });
  });

  it('removing a user from one account keeps them in the other', async () => {
    const result = await bea.remove('User', await userIdOf(t, ADMIN_EMAIL));
    expect(result.body.notice?.type).toBe('success');
    expect(await roleOf(t, ADMIN_EMAIL, accountB)).toBeNull();
    expect(await roleOf(t, ADMIN_EMAIL, accountA)).toBe('administrator');
    expect(await t.dataSource.getRepository(InboxMember).countBy({ inboxId: b.inbox })).toBe(0);
    const [removed] = await t.entries('user.deleted');
    expect(removed).toMatchObject({ accountId: String(accountB), targetId: String(await userIdOf(t, ADMIN_EMAIL)) });
  });
});

describe('the operator\'s account:create', () => {
  it('creates the account and its administrator in one go, recorded in the system log', async () => {
    const created = await newAccount(t, { name: 'Gamma', supportEmail: 'help@gamma.test', adminEmail: AGENT_EMAIL });
    expect(created).toMatchObject({ invited: false, invitationLink: null });
    expect(await roleOf(t, AGENT_EMAIL, created.accountId)).toBe('administrator');
    expect(await roleOf(t, AGENT_EMAIL, accountA)).toBe('agent');
    const [entry] = await t.entries('account.created');
    expect(entry).toMatchObject({ accountId: '0', actorName: 'System', targetType: 'account', targetId: String(created.accountId), targetLabel: 'Gamma' });
    const [invited] = await t.entries('user.invited');
    expect(invited).toMatchObject({ accountId: String(created.accountId), targetId: String(await userIdOf(t, AGENT_EMAIL)), details: { role: 'administrator', existingUser: true } });
  });

  it('refuses a bad email and writes nothing', async () => {
    const before = await t.dataSource.getRepository(Account).count();
    await expect(newAccount(t, { name: 'Delta', supportEmail: 'not-an-email', adminEmail: 'd@delta.test' })).rejects.toThrow(/supportEmail/);
    expect(await t.dataSource.getRepository(Account).count()).toBe(before);
    expect(await t.dataSource.getRepository(User).countBy({ email: 'd@delta.test' })).toBe(0);
  });
});
