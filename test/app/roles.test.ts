// Role changes from the edit page and from the dedicated actions, and the guard rails: the last
// active administrator cannot be demoted, disabled or deleted; nobody demotes themselves.
// Every refusal says why, changes nothing and writes nothing.
import type { UserRole } from '../../src/entities/enums.js';
import { User } from '../../src/entities/index.js';
import { roleOf, setRole } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { newEntries, recordAction, type AdminApi } from '../helpers/people.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let ada: Awaited<ReturnType<TestApp['signIn']>>;
let admin: AdminApi;
let adaId: number;
beforeAll(async () => {
  t = await startTestApp();
  ada = await t.signIn();
  admin = adminApi(ada);
  adaId = (await users().findOneByOrFail({ email: ADMIN_EMAIL })).id;
});
afterAll(() => t.close());

const users = () => t.dataSource.getRepository(User);
const byEmail = (email: string) => users().findOneByOrFail({ email });
const LAST_ADMIN = /Ada Admin is the last active administrator/;

/** Makes `email` an active administrator who can sign in with the admin's password (a second admin). */
async function secondAdministrator(email: string): Promise<number> {
  const user = await byEmail(email);
  await t.dataSource.query(`UPDATE users SET status = 'active', password_hash = (SELECT password_hash FROM users WHERE id = $1) WHERE id = $2`, [adaId, user.id]);
  await setRole(t, email, 'administrator');
  return user.id;
}

async function back(email: string, fields: { role?: UserRole; status?: string }) {
  const user = await byEmail(email);
  if (fields.role) await setRole(t, email, fields.role);
  await t.dataSource.query(`UPDATE users SET status = coalesce($1, status) WHERE id = $2`, [fields.status ?? null, user.id]);
}

describe('changing a role', () => {
  it('makes an agent an administrator with the dedicated action and records from and to', async () => {
    const bruno = await byEmail('bruno@acme.example');
    const { result, entries } = await newEntries(t, () => recordAction(ada, 'User', bruno.id, 'makeAdministrator'));
    expect(result.body.notice).toMatchObject({ type: 'success', message: 'Bruno Costa is now an administrator.' });
    expect(await roleOf(t, 'bruno@acme.example')).toBe('administrator');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'user.role_changed', category: 'User', actorId: String(adaId), actorName: 'Ada Admin', ip: '127.0.0.1', userAgent: BROWSER_UA,
      targetType: 'user', targetId: String(bruno.id), changes: { role: { from: 'agent', to: 'administrator' } },
      sentence: 'Ada Admin changed the role of "Bruno Costa <bruno@acme.example>" from agent to administrator',
    });
  });

  it('makes an administrator an agent again, while another administrator remains', async () => {
    const bruno = await byEmail('bruno@acme.example');
    const { result, entries } = await newEntries(t, () => recordAction(ada, 'User', bruno.id, 'makeAgent', 'post'));
    expect(result.body.notice?.type).toBe('success');
    expect(entries.map((entry) => [entry.action, entry.changes])).toEqual([['user.role_changed', { role: { from: 'administrator', to: 'agent' } }]]);
  });

  it('offers only the action that applies to the user', async () => {
    const bruno = await byEmail('bruno@acme.example');
    const shown = await admin.show('User', bruno.id);
    const names = (shown.body as unknown as { record: { recordActions: Array<{ name: string }> } }).record.recordActions.map((action) => action.name);
    expect(names).toContain('makeAdministrator');
    expect(names).not.toContain('makeAgent');
    const refused = await recordAction(ada, 'User', bruno.id, 'makeAgent');
    expect(refused.body.notice?.type).toBe('error');
  });

  it('changes a role from the edit page too', async () => {
    const chloe = await byEmail('chloe@acme.example');
    const { result, entries } = await newEntries(t, () => admin.edit('User', chloe.id, { role: 'administrator' }));
    expect(result.body.notice?.type).toBe('success');
    expect(entries.map((entry) => entry.action)).toEqual(['user.role_changed']);
    await back('chloe@acme.example', { role: 'agent' });
  });

  it('is refused to agents, with nothing written', async () => {
    const agent = await t.signIn('alice@acme.example');
    const deepa = await byEmail('deepa@acme.example');
    const { result, entries } = await newEntries(t, async () => [await recordAction(agent, 'User', deepa.id, 'makeAdministrator'), await adminApi(agent).edit('User', deepa.id, { role: 'administrator' })]);
    for (const response of result) expect(response.body.notice?.type).toBe('error');
    expect(await roleOf(t, 'deepa@acme.example')).toBe('agent');
    expect(entries.filter((entry) => entry.action !== 'session.signed_in')).toHaveLength(0);
  });
});

describe('guard rails while Ada is the only active administrator', () => {
  beforeAll(async () => {
    // An invited administrator does not count: they cannot sign in yet.
    await admin.create('User', { name: 'Pending Admin', email: 'pending-admin@acme.example', role: 'administrator' });
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM account_users m JOIN users u ON u.id = m.user_id WHERE m.role = 'administrator' AND u.status = 'active'`);
    expect(count).toBe(1);
  });

  it.each([
    ['the edit page', () => admin.edit('User', adaId, { role: 'agent' })],
    ['the make-agent action', () => recordAction(ada, 'User', adaId, 'makeAgent')],
  ])('refuses to demote her from %s, saying why', async (_path, attempt) => {
    const { result, entries } = await newEntries(t, attempt);
    expect(result.body.notice?.type).toBe('error');
    expect(result.body.notice?.message).toMatch(LAST_ADMIN);
    expect(result.body.notice?.message).toMatch(/Make someone else an administrator first/);
    expect(await roleOf(t, ADMIN_EMAIL)).toBe('administrator');
    expect(entries).toHaveLength(0);
  });

  it('shows the reason next to the role field on the edit page', async () => {
    const result = await admin.edit('User', adaId, { role: 'agent', displayName: 'Ada L.' });
    expect(result.body.record!.errors.role?.message).toMatch(LAST_ADMIN);
    // Nothing of the edit was saved, not even the other field.
    expect((await byEmail(ADMIN_EMAIL)).displayName).toBe('Ada');
  });

  it('refuses to disable her', async () => {
    const { result, entries } = await newEntries(t, () => admin.edit('User', adaId, { status: 'disabled' }));
    expect(result.body.notice?.type).toBe('error');
    expect(result.body.record!.errors.status?.message).toMatch(/last active administrator, so their account cannot be disabled/);
    expect((await byEmail(ADMIN_EMAIL)).status).toBe('active');
    expect(entries).toHaveLength(0);
  });

  it.each([
    ['delete', () => admin.remove('User', adaId)],
    ['bulk delete', () => admin.bulkRemove('User', [adaId])],
  ])('refuses to %s her, and removes none of her memberships', async (_path, attempt) => {
    await t.dataSource.query(`INSERT INTO team_members (account_id, team_id, user_id) SELECT account_id, id, $1 FROM teams WHERE name = 'Billing' ON CONFLICT DO NOTHING`, [adaId]);
    const { result, entries } = await newEntries(t, attempt);
    expect(result.body.notice?.type).toBe('error');
    expect(result.body.notice?.message).toMatch(/Ada Admin is the last active administrator and cannot be deleted/);
    expect(await users().countBy({ id: adaId })).toBe(1);
    expect(Number((await t.dataSource.query(`SELECT count(*) FROM team_members WHERE user_id = $1`, [adaId]))[0].count)).toBe(1);
    expect(entries).toHaveLength(0);
  });

  it('still lets her change her own availability and name', async () => {
    const { result, entries } = await newEntries(t, () => admin.edit('User', adaId, { availability: 'busy', displayName: 'Ada L.' }));
    expect(result.body.notice?.type).toBe('success');
    expect(entries.map((entry) => entry.action).sort()).toEqual(['user.availability_changed', 'user.updated']);
  });
});

describe('guard rails with two active administrators', () => {
  let brunoId: number;
  beforeAll(async () => {
    brunoId = await secondAdministrator('bruno@acme.example');
  });

  it('refuses an administrator demoting themselves, even when another administrator remains', async () => {
    const { result, entries } = await newEntries(t, () => recordAction(ada, 'User', adaId, 'makeAgent'));
    expect(result.body.notice).toMatchObject({ type: 'error', message: 'Not saved: You cannot remove your own administrator role. Ask another administrator to do it.' });
    expect(await roleOf(t, ADMIN_EMAIL)).toBe('administrator');
    expect(entries).toHaveLength(0);
  });

  it('lets another administrator demote her, recorded as done by him', async () => {
    const asBruno = await t.signIn('bruno@acme.example', ADMIN_PASSWORD);
    const { result, entries } = await newEntries(t, () => recordAction(asBruno, 'User', adaId, 'makeAgent'));
    expect(result.body.notice?.type).toBe('success');
    const changed = entries.filter((entry) => entry.action === 'user.role_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ actorId: String(brunoId), actorName: 'Bruno Costa', targetId: String(adaId) });
    // And now Bruno is the last one: the same rules protect him.
    const selfDemote = await recordAction(asBruno, 'User', brunoId, 'makeAgent');
    expect(selfDemote.body.notice?.message).toMatch(/Bruno Costa is the last active administrator/);
    await back(ADMIN_EMAIL, { role: 'administrator' });
  });

  it('lets one administrator disable or delete another', async () => {
    const { result: disabled, entries } = await newEntries(t, () => admin.edit('User', brunoId, { status: 'disabled' }));
    expect(disabled.body.notice?.type).toBe('success');
    expect(entries.map((entry) => [entry.action, entry.changes])).toEqual([['user.updated', { status: { from: 'active', to: 'disabled' } }]]);
    await back('bruno@acme.example', { status: 'active' });
    const removed = await newEntries(t, () => admin.remove('User', brunoId));
    expect(removed.result.body.notice?.type).toBe('success');
    expect(removed.entries.map((entry) => entry.action)).toContain('user.deleted');
  });

  it('refuses a bulk delete of every active administrator as a whole', async () => {
    const chloeId = await secondAdministrator('chloe@acme.example');
    const { result, entries } = await newEntries(t, () => admin.bulkRemove('User', [adaId, chloeId]));
    expect(result.body.notice?.type).toBe('error');
    expect(await users().countBy([{ id: adaId }, { id: chloeId }])).toBe(2);
    expect(entries).toHaveLength(0);
  });
});
