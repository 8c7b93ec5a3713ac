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
