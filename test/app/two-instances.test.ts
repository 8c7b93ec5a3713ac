// Scale beyond one box: two MessageHub processes share one PostgreSQL. Sessions live in the
// database, so a sign-in on one is good on the other (and a sign-out on one ends it on both); each
// sees the other's changes at once (no per-process copy of the data); both write into one audit
// log whose chain stays whole, with one entry per edit, when they write at the same time.
// Needs a database server both processes can reach: TEST_DATABASE_URL, or else a throwaway cluster
// (the embedded engine is one process's private database).
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { startServer, type RunningServer } from '../../bench/servers.js';
import { getList, postEdit, signIn, type Session } from '../../bench/http-client.js';
import { Inbox } from '../../src/entities/index.js';
import { seededAccountId } from '../helpers/accounts.js';
import { freePort } from '../helpers/free-port.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';

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

/** A record's params as the panel's show page gets them from `server`. */
async function shown(server: RunningServer, session: Session, resource: string, id: string | number): Promise<Record<string, unknown>> {
  const response = await fetch(`${server.url}/admin/api/resources/${resource}/records/${id}/show`, { headers: { cookie: session.cookie } });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { record?: { params: Record<string, unknown> } };
  return body.record?.params ?? {};
}

const entryCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);

describe('two app instances sharing one database', () => {
  beforeAll(async () => {
    t = await onConcurrencyCapableServer(() => startTestApp());
    [first, second] = await Promise.all([instance(), instance()]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
    await t?.close();
  });

  it('accept on the second instance a session made on the first, and end it on both at sign-out', async () => {
    const session = await signIn(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const onSecond = on(second, session);
    expect((await getList(onSecond, 'Inbox', {})).records).toBeGreaterThan(0);

    const signOut = await fetch(`${second.url}/admin/logout`, { headers: { cookie: session.cookie }, redirect: 'manual' });
    expect(signOut.status).toBe(302);
    const afterSignOut = await fetch(`${first.url}/admin/api/resources/Inbox/actions/list`, { headers: { cookie: session.cookie }, redirect: 'manual' });
    expect(afterSignOut.status).toBe(302);
    expect(afterSignOut.headers.get('location')).toMatch(/\/admin\/login/);
  });

  it("see each other's changes at once", async () => {
    const session = await signIn(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const [inbox] = (await t.dataSource.query('SELECT id FROM inboxes ORDER BY id LIMIT 1')) as Array<{ id: number }>;
    await postEdit(on(first, session), 'Inbox', String(inbox!.id), { name: 'Renamed on the first instance' });
    expect((await shown(second, session, 'Inbox', inbox!.id)).name).toBe('Renamed on the first instance');
    await postEdit(on(second, session), 'Inbox', String(inbox!.id), { name: 'Renamed on the second instance' });
    expect((await shown(first, session, 'Inbox', inbox!.id)).name).toBe('Renamed on the second instance');
  });

  it('write the edits made on both instances at the same time into one audit log, one entry per edit, that verifies', async () => {
    const session = await signIn(first.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const EDITS = 12;
    const accountId = await seededAccountId(t);
    const inboxes = await t.dataSource.getRepository(Inbox).save(Array.from({ length: EDITS }, (_unused, i) => t.dataSource.getRepository(Inbox).create({ accountId, name: `Shared ${i}`, channelType: 'email' })));
    const before = await entryCount();
    // Concurrent, half on each instance: the chain head serialises writers from both processes.
    const names = inboxes.map((inbox, i) => `Shared ${i} edited on the ${i % 2 === 0 ? 'first' : 'second'} instance`);
    await Promise.all(inboxes.map((inbox, i) => postEdit(on(i % 2 === 0 ? first : second, session), 'Inbox', String(inbox.id), { name: names[i]! })));

    expect(await entryCount()).toBe(before + EDITS);
    const labels = ((await t.dataSource.query(`SELECT target_label FROM audit_logs WHERE action = 'inbox.updated' AND target_id = ANY($1::text[])`, [inboxes.map((inbox) => String(inbox.id))])) as Array<{ target_label: string }>).map((row) => row.target_label);
    expect(labels.sort()).toEqual([...names].sort());
    // Each account's entries form a chain of their own (and the system log one more): no gap, no duplicate in any.
    const chains = (await t.dataSource.query(`SELECT coalesce(account_id::text, '') AS account, array_agg(chain_seq::int ORDER BY chain_seq) AS seqs FROM audit_logs GROUP BY 1`)) as Array<{ account: string; seqs: number[] }>;
    for (const { seqs } of chains) expect(seqs).toEqual(seqs.map((_unused, index) => seqs[0]! + index));
    expect(await verifyAuditChain(t.dataSource)).toMatchObject({ ok: true, count: before + EDITS });
  });
});
