// MessageHub on a Citus cluster (a coordinator and two workers of its own): the same migrations as
// on one server, then DATABASE_DISTRIBUTION=citus places the tables. Two accounts edit at once,
// each account's chain verifies alone, the Audit Logs list, search and export read the split log
// for one account only, and one account's old entries are purged without touching the other's.
// (`npm run test:citus` runs the tenant-isolation suite on such a cluster too.)
import { adminApi } from '../helpers/admin-api.js';
import { BEA, betaAccount, seededAccountId } from '../helpers/accounts.js';
import { BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';

const { email: BEA_EMAIL, password: BEA_PASSWORD } = BEA;
const EDITS_PER_ACCOUNT = 8;

type Api = ReturnType<typeof adminApi>;
type Agent = Awaited<ReturnType<TestApp['signIn']>>;

let t: TestApp;
let accountA: number;
let accountB: number;
let adaAgent: Agent;
let ada: Api;
let bea: Api;
let inboxA: number;
let inboxB: number;

const rows = <T>(sql: string, params: unknown[] = []) => t.dataSource.query(sql, params) as Promise<T[]>;

async function chain(account: number): Promise<Array<{ seq: number; prevHash: string; hash: string }>> {
  return rows(`SELECT chain_seq::int AS seq, prev_hash AS "prevHash", hash FROM audit_logs WHERE account_id = $1 AND chain_format = 3 ORDER BY chain_seq`, [account]);
}

const created = (result: Awaited<ReturnType<Api['create']>>) => {
  if (result.body.notice?.type !== 'success') throw new Error(`refused: ${JSON.stringify(result.body.notice ?? result.body)}`);
  return Number(result.body.record!.params.id);
};

beforeAll(async () => {
  process.env.TEST_CITUS = '1'; // startTestApp then starts a cluster of its own and places the tables
  t = await startTestApp();
  accountA = await seededAccountId(t);
  accountB = await betaAccount(t);
  adaAgent = await t.signIn();
  ada = adminApi(adaAgent);
  bea = adminApi(await t.signIn(BEA_EMAIL, BEA_PASSWORD));
  // The same name in both accounts: a search for it must find only the reader's account's entries.
  inboxA = created(await ada.create('Inbox', { name: 'Night desk', channelType: 'website' }));
  inboxB = created(await bea.create('Inbox', { name: 'Night desk', channelType: 'email' }));
}, 240_000);

afterAll(async () => {
  delete process.env.TEST_CITUS;
  await t?.close();
}, 60_000);

describe('the tables on the cluster', () => {
  it('splits the account tables by account beside their account, copies users to every node, and keeps the log in a group of its own', async () => {
    const tables = await rows<{ name: string; type: string; column: string; group: number }>(
      `SELECT table_name::text AS name, citus_table_type AS type, distribution_column AS column, colocation_id AS group FROM citus_tables`,
    );
    const byName = new Map(tables.map((table) => [table.name, table]));
    const account = byName.get('account')!;
    expect(account).toMatchObject({ type: 'distributed', column: 'id' });
    for (const table of ['account_users', 'inboxes', 'teams', 'webhooks', 'automation_rules', 'inbox_members', 'team_members']) {
      expect(byName.get(table)).toMatchObject({ type: 'distributed', column: 'account_id', group: account.group });
    }
    expect(byName.get('users')).toMatchObject({ type: 'reference' });
    expect(byName.get('audit_logs')).toMatchObject({ type: 'distributed', column: 'account_id' });
    expect(byName.get('audit_logs')!.group).not.toBe(account.group);
    expect(byName.has('session')).toBe(false);
    // Both accounts' rows exist, on the workers.
    const placed = await rows<{ nodes: number }>(`SELECT count(DISTINCT nodeport)::int AS nodes FROM citus_shards WHERE table_name = 'audit_logs'::regclass`);
    expect(placed[0]!.nodes).toBe(2);
  });
});

describe('two accounts writing at once', () => {
  it('gives each account a gap-free chain of its own, and each verifies alone and with every other', async () => {
    const beforeA = (await chain(accountA)).length;
    const beforeB = (await chain(accountB)).length;
    await Promise.all(
      Array.from({ length: EDITS_PER_ACCOUNT }, (_, i) => [
        ada.edit('Inbox', inboxA, { greeting: `Hello from A, edit ${i}` }),
        bea.edit('Inbox', inboxB, { greeting: `Hello from B, edit ${i}` }),
      ]).flat(),
    );
    for (const [account, before] of [[accountA, beforeA], [accountB, beforeB]] as const) {
      const entries = await chain(account);
      expect(entries.length).toBe(before + EDITS_PER_ACCOUNT);
      expect(entries.map((entry) => entry.seq)).toEqual(entries.map((_, i) => i + 1));
      for (let i = 1; i < entries.length; i += 1) expect(entries[i]!.prevHash).toBe(entries[i - 1]!.hash);
      await expect(t.audit.verify({ account: String(account) })).resolves.toMatchObject({ ok: true, count: entries.length });
    }
    const all = await t.audit.verify();
    expect(all.ok).toBe(true);
    expect(all.chains?.map((one) => one.account)).toEqual(expect.arrayContaining([String(accountA), String(accountB), '0']));
  });
});

describe('the Audit Logs on the split log', () => {
  it('lists and searches only the reader\'s account', async () => {
    const listed = await ada.list('AuditLog', { perPage: '100' });
    expect(listed.body.records!.length).toBeGreaterThan(0);
    expect(new Set(listed.body.records!.map((record) => String(record.params.accountId)))).toEqual(new Set([String(accountA)]));
    const found = await ada.list('AuditLog', { 'filters.search': 'Night desk', perPage: '100' });
    const ids = found.body.records!.map((record) => String(record.params.id));
    expect(ids.length).toBeGreaterThanOrEqual(EDITS_PER_ACCOUNT + 1);
    const owners = await rows<{ account: number }>(`SELECT DISTINCT account_id AS account FROM audit_logs WHERE id = ANY($1::bigint[])`, [ids]);
    expect(owners).toEqual([{ account: accountA }]);
    const [inB] = await rows<{ id: string }>(`SELECT id::text AS id FROM audit_logs WHERE account_id = $1 LIMIT 1`, [accountB]);
    const shown = await ada.show('AuditLog', inB!.id);
    expect(shown.body.record?.baseError?.message).toMatch(/cannot be found/);
    expect(shown.body.record?.params).toEqual({});
  });

  it('exports only the reader\'s account', async () => {
    const response = await adaAgent.get('/admin/audit-logs/export').set('User-Agent', BROWSER_UA).query({ format: 'jsonl' }).buffer(true);
    expect(response.status).toBe(200);
    const exported = response.text.trim().split('\n').map((line) => JSON.parse(line) as { account_id: unknown });
    expect(exported.length).toBeGreaterThan(EDITS_PER_ACCOUNT);
    expect(new Set(exported.map((row) => String(row.account_id)))).toEqual(new Set([String(accountA)]));
  });
});

describe('retention on the split log', () => {
  it('purges one account\'s older entries on its worker and leaves the other account\'s alone', async () => {
    // A test cannot wait out the retention floor: it goes to zero, as the owner role could set it.
    await rows(`UPDATE audit_retention SET min_age = interval '0 seconds'`);
    const entriesA = await chain(accountA);
    const entriesB = await chain(accountB);
    const [cutoff] = await rows<{ at: Date }>(`SELECT occurred_at AS at FROM audit_logs WHERE account_id = $1 AND chain_seq = $2 AND chain_format = 3`, [accountA, 4]);
    const result = await t.audit.purge({ olderThan: cutoff!.at, account: String(accountA) });
    expect(result.purged).toBe(3);
    const after = await chain(accountA);
    expect(after[0]!.seq).toBe(4);
    expect(after.length).toBe(entriesA.length - 3 + 1); // and the purge's own entry
    expect(await chain(accountB)).toEqual(entriesB);
    await expect(t.audit.verify({ account: String(accountA) })).resolves.toMatchObject({ ok: true });
    await expect(t.audit.verify({ account: String(accountB) })).resolves.toMatchObject({ ok: true });
  });
});
