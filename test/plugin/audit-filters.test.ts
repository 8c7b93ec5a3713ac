// Filters and search of the Audit Logs list return exactly the matching entries.
import { auditLocaleEn } from '@hashtrail/adminjs-audit';
import { User } from '../../src/entities/index.js';
import { adminApi } from '../helpers/admin-api.js';
import { AGENT_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: ReturnType<typeof adminApi>;
beforeAll(async () => {
  t = await startTestApp();
  admin = adminApi(await t.signIn());
  await admin.create('Inbox', { name: 'Kiosk 100%_off', channelType: 'website' });
  await admin.create('Team', { name: 'Night shift' });
  await t.signIn(AGENT_EMAIL);
});
afterAll(() => t.close());

/** The ids of entries, sorted: what two ways of finding the same entries must agree on. */
const idsOf = (rows: Array<{ id?: unknown }>) => rows.map((row) => String(row.id)).sort();
/** What the search box matches, worked out here from the entries themselves (case-insensitive, anywhere). */
const matchesSearch = (entry: { sentence: string; actorName: string | null; actorEmail: string | null; targetLabel: string | null }, term: string) =>
  [entry.sentence, entry.actorName, entry.actorEmail, entry.targetLabel].some((text) => (text ?? '').toLowerCase().includes(term.toLowerCase()));

const listed = async (query: Record<string, string>) => {
  const response = await admin.list('AuditLog', { perPage: '500', ...query });
  expect(response.body.notice?.type).not.toBe('error');
  return response.body.records!.map((record) => record.params);
};

describe('Audit Logs filters', () => {
  it('filters by actor', async () => {
    const alice = await t.dataSource.getRepository(User).findOneByOrFail({ email: AGENT_EMAIL });
    const expected = (await t.entries()).filter((entry) => entry.actorId === String(alice.id));
    expect(expected.length).toBeGreaterThan(0); // alice signed in in beforeAll
    const rows = await listed({ 'filters.actorId': String(alice.id) });
    expect(idsOf(rows)).toEqual(idsOf(expected));
    expect(new Set(rows.map((row) => row.actorEmail))).toEqual(new Set([AGENT_EMAIL]));
  });

  it('filters by action key exactly, not as a substring', async () => {
    const rows = await listed({ 'filters.action': 'inbox.created' });
    const expected = await t.entries('inbox.created');
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(rows)).toEqual(idsOf(expected));
    expect(new Set(rows.map((row) => row.action))).toEqual(new Set(['inbox.created']));
    expect(await listed({ 'filters.action': 'inbox.' })).toHaveLength(0);
  });

  it('filters by category, target type and id', async () => {
    const [team] = await t.entries('team.created');
    expect(team?.targetLabel).toBe('Night shift');
    const expected = (await t.entries()).filter((entry) => entry.category === 'Team' && entry.targetType === 'team' && entry.targetId === team!.targetId);
    expect(expected.length).toBeGreaterThan(0);
    const rows = await listed({ 'filters.category': 'Team', 'filters.targetType': 'team', 'filters.targetId': team!.targetId! });
    expect(idsOf(rows)).toEqual(idsOf(expected));
    expect(new Set(rows.map((row) => row.targetLabel))).toEqual(new Set(['Night shift']));
  });

  it('filters by date range', async () => {
    const all = await t.entries();
    const newest = all[0]!.occurredAt;
    const rows = await listed({ 'filters.occurredAt~~from': new Date(newest.getTime()).toISOString() });
    const expected = all.filter((entry) => entry.occurredAt.getTime() >= newest.getTime());
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(rows)).toEqual(idsOf(expected));
    expect(rows.length).toBeLessThan(all.length); // the filter left some out
    const none = await listed({ 'filters.occurredAt~~to': '2001-01-01T00:00:00.000Z' });
    expect(none).toHaveLength(0);
  });

  it('filters by IP prefix', async () => {
    const expected = (await t.entries()).filter((entry) => (entry.ip ?? '').startsWith('127.0.'));
    expect(expected.length).toBeGreaterThan(0);
    expect(idsOf(await listed({ 'filters.ip': '127.0.' }))).toEqual(idsOf(expected));
    expect(await listed({ 'filters.ip': '10.' })).toHaveLength(0);
  });

  it('refuses a date that is not a date with a clear message', async () => {
    const response = await admin.list('AuditLog', { 'filters.occurredAt~~from': 'yesterday-ish' });
    expect(response.body.notice?.type).toBe('error');
    // A locale key: the panel shows it in the reader's language.
    expect(response.body.notice?.message).toBe('auditBadDateFilter');
    expect(auditLocaleEn.messages.auditBadDateFilter).toMatch(/not a valid date/);
  });
});

describe('Audit Logs search', () => {
  it('matches the sentence case-insensitively', async () => {
    const rows = await listed({ 'filters.search': 'NIGHT SHIFT' });
    expect(rows.map((row) => row.action)).toEqual(['team.created']);
  });

  it('matches the actor email and name', async () => {
    const all = await t.entries();
    const byEmail = all.filter((entry) => matchesSearch(entry, 'ALICE@acme'));
    expect(byEmail.some((entry) => entry.actorEmail === AGENT_EMAIL)).toBe(true);
    const rows = await listed({ 'filters.search': 'ALICE@acme' });
    expect(idsOf(rows)).toEqual(idsOf(byEmail));
    const byName = all.filter((entry) => matchesSearch(entry, 'ada admin'));
    expect(byName.length).toBeGreaterThan(0);
    expect(byName.length).toBeLessThan(all.length); // the seed, by System, does not match
    const named = await listed({ 'filters.search': 'ada admin' });
    expect(idsOf(named)).toEqual(idsOf(byName));
    expect(named.every((row) => String(row.sentence).includes('Ada Admin') || row.actorName === 'Ada Admin')).toBe(true);
  });

  it('treats % and _ as plain characters', async () => {
    const rows = await listed({ 'filters.search': '100%_off' });
    expect(rows.map((row) => row.targetLabel)).toEqual(['Kiosk 100%_off']);
    expect(await listed({ 'filters.search': '%' })).toHaveLength(1);
  });

  it('is harmless with SQL in it', async () => {
    const rows = await listed({ 'filters.search': "x'; DELETE FROM audit_logs; --" });
    expect(rows).toHaveLength(0);
    expect((await t.entries()).length).toBeGreaterThan(0);
  });
});

describe('filters typed by hand', () => {
  it('refuses an actor id that cannot be an id with 400, listing nothing', async () => {
    const response = await admin.list('AuditLog', { 'filters.actorId': "1 OR 1=1'" });
    expect(response.status).toBe(400);
    expect(response.body.records ?? []).toEqual([]);
  });

  it('answers 404 for a record id that cannot be an id', async () => {
    const response = await admin.show('Inbox', 'abc');
    expect(response.status).toBe(404);
    expect(response.body.record?.params ?? {}).toEqual({});
    expect(response.body.record?.baseError?.message).toMatch(/not a possible id/);
  });
});
