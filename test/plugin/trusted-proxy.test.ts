import { adminApi } from '../helpers/admin-api.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ TRUST_PROXY: '127.0.0.1' });
});
afterAll(() => t.close());

describe('behind a trusted proxy (TRUST_PROXY set)', () => {
  it('records the client address from X-Forwarded-For, for sign-ins and for changes', async () => {
    const agent = await t.signIn(undefined, undefined, { 'X-Forwarded-For': '198.51.100.7' });
    const [signIn] = await t.entries('session.signed_in');
    expect(signIn!.ip).toBe('198.51.100.7');
    await adminApi(agent, { 'X-Forwarded-For': '198.51.100.8, 127.0.0.1' }).create('Inbox', { name: 'Via proxy', channelType: 'api' });
    const [created] = await t.entries('inbox.created');
    expect(created).toMatchObject({ targetLabel: 'Via proxy', ip: '198.51.100.8' });
  });
});

describe('filtering by IP address', () => {
  it('matches a whole address exactly, and a partial one as a prefix', async () => {
    // Its own entries from three client addresses (the test does not lean on the one above).
    const fromSeven = await t.signIn(undefined, undefined, { 'X-Forwarded-For': '198.51.100.7' });
    const created = await adminApi(fromSeven, { 'X-Forwarded-For': '198.51.100.8' }).create('Inbox', { name: 'Via proxy, for the IP filter', channelType: 'api' });
    expect(created.body.notice?.type).toBe('success');
    const admin = adminApi(await t.signIn(undefined, undefined, { 'X-Forwarded-For': '198.51.100.70' }));
    const ips = async (value: string) => {
      const response = await admin.list('AuditLog', { 'filters.ip': value, perPage: '500' });
      return new Set(response.body.records!.map((record) => record.params.ip));
    };
    expect(await ips('198.51.100.7')).toEqual(new Set(['198.51.100.7']));
    expect(await ips('198.51.100.70')).toEqual(new Set(['198.51.100.70']));
    expect(await ips('198.51.100.')).toEqual(new Set(['198.51.100.7', '198.51.100.8', '198.51.100.70']));
  });
});
