// Scale beyond one box: two MessageHub processes on different ports share one PostgreSQL. Sessions
// live in the database, so a sign-in on one is good on the other (and a sign-out on one ends it on
// both); both write into one audit log whose chain verifies.
// Needs a database server both processes can reach: TEST_DATABASE_URL, or else a throwaway cluster
// (the embedded engine is one process's private database).
import { createServer } from 'node:net';
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { startServer, type RunningServer } from '../../bench/servers.js';
import { getList, postEdit, signIn, type Session } from '../../bench/http-client.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import { concurrencyCapableServer, onServer } from '../helpers/throwaway-postgres.js';


function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

let t: TestApp;
let first: RunningServer;
let second: RunningServer;

async function instance(): Promise<RunningServer> {
  return startServer({
    script: 'src/main.ts',
    port: await freePort(),
    env: {
      DATABASE_URL: t.config.DATABASE_URL!,
      SESSION_SECRET: t.config.sessionSecret,
      NODE_ENV: 'test',
      SEED_ON_START: 'false',
      NODE_OPTIONS: '',
    },
  });
}

/** Same cookie, other instance. */
const on = (server: RunningServer, session: Session): Session => ({ base: server.url, cookie: session.cookie });

describe('two app instances sharing one database', () => {
  let server: Awaited<ReturnType<typeof concurrencyCapableServer>>;
  beforeAll(async () => {
    server = await concurrencyCapableServer();
    t = await onServer(server.url, () => startTestApp());
    [first, second] = await Promise.all([instance(), instance()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await t?.close();
    await server?.release();
  });

  it('listen on different ports', () => {
    expect(first.url).not.toBe(second.url);
  });

  it('accept on the second instance a session made on the first, and end it on both at sign-out', async () => {
    const session = await signIn(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const onSecond = on(second, session);
    expect((await getList(onSecond, 'Inbox', {})).records).toBeGreaterThan(0);

    const signOut = await fetch(`${second.url}/admin/logout`, { headers: { cookie: session.cookie }, redirect: 'manual' });
    expect(signOut.status).toBe(302);
    const afterSignOut = await fetch(`${first.url}/admin/api/resources/Inbox/actions/list`, { headers: { cookie: session.cookie }, redirect: 'manual' });
    expect(afterSignOut.status).toBe(302);
  });

  it('write the edits made on either instance into one audit log that verifies', async () => {
    const session = await signIn(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [inbox] = (await t.dataSource.query('SELECT id FROM inboxes ORDER BY id LIMIT 1')) as Array<{ id: number }>;
    // Interleaved and concurrent: the chain head serialises writers from both processes.
    await Promise.all([
      postEdit(on(first, session), 'Inbox', String(inbox!.id), { name: 'Edited on the first instance' }),
      postEdit(on(second, session), 'Team', '1', { name: 'Edited on the second instance' }),
    ]);
    await postEdit(on(second, session), 'Inbox', String(inbox!.id), { name: 'Edited again on the second instance' });

    const sentences = (await t.entries()).map((entry) => entry.sentence);
    expect(sentences).toEqual(expect.arrayContaining([
      expect.stringContaining('"Edited on the first instance"'),
      expect.stringContaining('"Edited on the second instance"'),
      expect.stringContaining('"Edited again on the second instance"'),
    ]));
    const verification = await verifyAuditChain(t.dataSource);
    expect(verification).toMatchObject({ ok: true });
  });
});
