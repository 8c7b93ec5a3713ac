// What the viewer's pages get from the server: the show page's links and change rows, the
// "Audit history" redirect, and the dashboard numbers (administrators only).
import { transactionInAuditScope } from '@hashtrail/adminjs-audit';
import { Account, Inbox, Webhook } from '../../src/entities/index.js';
import { seededAccountId } from '../helpers/accounts.js';
import { dayRange, filterSearch } from '../../plugin/src/adminjs/viewer/log-links.js';
import { adminApi } from '../helpers/admin-api.js';
import { AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
let admin: ReturnType<typeof adminApi>;
let agentSession: Awaited<ReturnType<TestApp['signIn']>>;
beforeAll(async () => {
  t = await startTestApp();
  await t.signIn(AGENT_EMAIL, 'wrong-password-for-the-dashboard').catch(() => undefined);
  agentSession = await t.signIn(AGENT_EMAIL);
  admin = adminApi(await t.signIn());
});
afterAll(() => t.close());

type Viewer = {
  timeZone: string;
  actorUrl: string | null;
  targetUrl: string | null;
  changes: Array<{ field: string; from: unknown; to: unknown; masked: boolean }>;
  links: { actorThatDay: string | null; sameIp: string | null; sameRequest: string | null };
};
const viewerOf = async (id: string) => (await admin.show('AuditLog', id)).body.record!.params.viewer as Viewer;

/** The entries of the admin's current account (the seeded one), newest first: all the panel reads. */
async function accountEntries(action?: string) {
  const account = String(await seededAccountId(t));
  return (await t.entries(action)).filter((entry) => String(entry.accountId) === account);
}

describe('Audit Logs show page data', () => {
  it('links to the target while it exists, and no longer once it is deleted', async () => {
    const created = await admin.create('Inbox', { name: 'Short-lived', channelType: 'api' });
    const inboxId = String(created.body.record!.params.id);
    await admin.edit('Inbox', inboxId, { name: 'Short-lived (renamed)' });
    const [renamed] = await t.entries('inbox.updated');
    const viewer = await viewerOf(renamed!.id);
    expect(viewer.targetUrl).toBe(`/admin/resources/Inbox/records/${inboxId}/show`);
    expect(viewer.actorUrl).toMatch(/^\/admin\/resources\/User\/records\/\d+\/show$/);
    expect(viewer.changes).toEqual([{ field: 'name', label: 'Name', from: 'Short-lived', to: 'Short-lived (renamed)', masked: false }]);

    await admin.remove('Inbox', inboxId);
    expect((await viewerOf(renamed!.id)).targetUrl).toBeNull();
    expect(await t.dataSource.getRepository(Inbox).findOneBy({ id: Number(inboxId) })).toBeNull();
  });

  it('gives the account time zone and links to the same actor that day, the same IP and the same request', async () => {
    const accounts = t.dataSource.getRepository(Account);
    const account = await accounts.findOneByOrFail({});
    account.timezone = 'America/New_York';
    await accounts.save(account);
    const [signedIn] = await t.entries('session.signed_in');
    const viewer = await viewerOf(signedIn!.id);
    expect(viewer.timeZone).toBe('America/New_York');
    const day = dayRange(signedIn!.occurredAt, 'America/New_York');
    expect(viewer.links.actorThatDay).toBe(`/admin/resources/AuditLog${filterSearch({ actorId: signedIn!.actorId, occurredAt: day })}`);
    expect(viewer.links.sameIp).toBe('/admin/resources/AuditLog?filters.ip=127.0.0.1');
    expect(viewer.links.sameRequest).toBe(`/admin/resources/AuditLog?filters.requestId=${signedIn!.requestId}`);
  });

  it('flags masked secrets in the change rows', async () => {
    const webhooks = t.dataSource.getRepository(Webhook);
    const webhook = await webhooks.findOneByOrFail({ id: 1 });
    webhook.signingSecret = 'rotated-secret-never-shown';
    webhook.url = 'https://hooks.acme.example/rotated';
    // Changed by code in the webhook's own account (with no account, the entry would go to the system log).
    await transactionInAuditScope(t.dataSource, { accountId: String(webhook.accountId) }, (manager) => manager.save(webhook));
    const [updated] = await t.entries('webhook.updated');
    expect(String(updated!.accountId)).toBe(String(await seededAccountId(t)));
    const viewer = await viewerOf(updated!.id);
    expect(viewer.changes).toEqual(
      expect.arrayContaining([
        { field: 'signingSecret', label: 'Signing secret', from: '[redacted]', to: '[redacted]', masked: true },
        { field: 'url', label: 'URL', from: 'https://hooks.acme.example/messagehub', to: 'https://hooks.acme.example/rotated', masked: false },
      ]),
    );
    expect(JSON.stringify(viewer)).not.toContain('rotated-secret-never-shown');
  });
});

describe('links between records and the log', () => {
  it('"Audit history" on a team redirects to Audit Logs filtered to that team', async () => {
    const response = await admin.show('Team', 1);
    const actions = (response.body.record as unknown as { recordActions: Array<{ name: string }> }).recordActions;
    expect(actions.some((a) => a.name === 'auditHistory')).toBe(true);
    const history = await (await t.signIn()).get('/admin/api/resources/Team/records/1/auditHistory').set('User-Agent', BROWSER_UA);
    expect(history.body.redirectUrl).toBe('/admin/resources/AuditLog?filters.targetType=team&filters.targetId=1');
  });

  it('agents get no "Audit history" action', async () => {
    const response = await agentSession.get('/admin/api/resources/Team/records/1/auditHistory').set('User-Agent', BROWSER_UA);
    expect(response.body.redirectUrl).toBeUndefined();
    expect(response.body.record.baseError).toMatchObject({ type: 'ForbiddenError' });
    expect(response.body.record.recordActions.map((a: { name: string }) => a.name)).not.toContain('auditHistory');
  });

  it('the local day of an instant is a UTC range in the account time zone', () => {
    expect(dayRange(new Date('2026-11-25T03:00:00Z'), 'America/New_York')).toEqual({ from: '2026-11-24T05:00:00.000Z', to: '2026-11-25T04:59:59.999Z' });
    expect(dayRange(new Date('2026-11-25T23:30:00Z'), 'Europe/Paris')).toEqual({ from: '2026-11-25T23:00:00.000Z', to: '2026-11-26T22:59:59.999Z' });
    expect(dayRange(new Date('2026-11-25T12:00:00Z'), 'Not/AZone')).toEqual({ from: '2026-11-25T00:00:00.000Z', to: '2026-11-25T23:59:59.999Z' });
  });
});

describe('dashboard', () => {
  it('gives administrators the latest 10, 30 days of counts, sign-in failures by IP and active actors', async () => {
    const response = await (await t.signIn()).get('/admin/api/dashboard').set('User-Agent', BROWSER_UA);
    const { data } = response.body;
    expect(data.latest).toHaveLength(10);
    // The newest entry is the sign-in just above; the rest are the log's next nine, newest first.
    expect(data.latest[0].sentence).toBe('Ada Admin signed in');
    // The admin's current account's entries only: not the system log's (the time zone set above with no one signed in).
    const newestTen = (await accountEntries()).slice(0, 10);
    expect(newestTen[0]).toMatchObject({ action: 'session.signed_in', actorName: 'Ada Admin' });
    expect(data.latest.map((entry: { sentence: string }) => entry.sentence)).toEqual(newestTen.map((entry) => entry.sentence));
    const [settingsChange] = await t.entries('account.updated');
    expect(settingsChange).toBeDefined();
    expect(String(settingsChange!.accountId)).not.toBe(String(await seededAccountId(t)));
    expect((await t.entries()).slice(0, 10).map((entry) => entry.id)).toContain(settingsChange!.id);
    expect(data.latest.map((entry: { id: string }) => String(entry.id))).not.toContain(settingsChange!.id);
    expect(data.perDay).toHaveLength(30);
    const counted = data.perDay.reduce((sum: number, day: { count: number }) => sum + day.count, 0);
    expect(counted).toBe((await accountEntries()).length);
    expect(counted).toBeLessThan((await t.entries()).length);
    expect(data.signInFailures.total).toBe(1);
    expect(data.signInFailures.byIp).toEqual([expect.objectContaining({ ip: '127.0.0.1', count: 1, emails: [AGENT_EMAIL] })]);
    expect(data.topActors[0]).toMatchObject({ actorName: 'Ada Admin' });
  });

  it('gives agents a greeting and no audit numbers', async () => {
    const response = await agentSession.get('/admin/api/dashboard').set('User-Agent', BROWSER_UA);
    expect(response.body).toEqual({ restricted: true, name: expect.any(String) });
  });
});
