// Streaming out per account: a sink configured for some accounts receives only their entries (the
// database queues nothing else for it), a JSON Lines path with {account} gives each account a file
// of its own, and Audit Deliveries shows each administrator only their own account's deliveries.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeliveryWorker, type AuditEvent } from '@hashtrail/adminjs-audit';
import { auditSinks } from '../../src/audit/delivery.js';
import { loadConfig } from '../../src/config.js';
import { adminApi } from '../helpers/admin-api.js';
import { BEA, betaAccount, seededAccountId } from '../helpers/accounts.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, startReceiver, type Receiver } from './receiver.js';

const SECRET = 'sink-per-account-secret-0123';
const { email: BEA_EMAIL, password: BEA_PASSWORD } = BEA;

let t: TestApp;
let receiver: Receiver;
let worker: DeliveryWorker;
let folder: string;
let accountA: string;
let accountB: string;
let ada: ReturnType<typeof adminApi>;
let bea: ReturnType<typeof adminApi>;
/** Entries after this id were written once the sinks were registered (a sink gets no history). */
let lastBeforeSinks: string;

const fileEvents = async (file: string): Promise<AuditEvent[]> =>
  (await readFile(path.join(folder, file), 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent);
const undelivered = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE delivered_at IS NULL`))[0].n);

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  folder = await mkdtemp(path.join(tmpdir(), 'audit-sink-accounts-'));
  t = await startTestApp();
  accountA = String(await seededAccountId(t));
  accountB = String(await betaAccount(t));
  // The sinks as MessageHub builds them from its settings, with the webhook for account B only.
  const config = loadConfig({
    AUDIT_WEBHOOK_URL: receiver.url,
    AUDIT_WEBHOOK_SECRET: SECRET,
    AUDIT_WEBHOOK_ACCOUNTS: ` ${accountB} `,
    AUDIT_JSONL_PATH: path.join(folder, 'audit-{account}.jsonl'),
  });
  lastBeforeSinks = String((await t.dataSource.query(`SELECT coalesce(max(id), 0) AS id FROM audit_logs`))[0].id);
  worker = new DeliveryWorker(t.dataSource, auditSinks(config), { pollIntervalMs: 20, retryMinMs: 40, retryMaxMs: 300 });
  await worker.start();
  ada = adminApi(await t.signIn());
  bea = adminApi(await t.signIn(BEA_EMAIL, BEA_PASSWORD));
  for (const [api, name] of [[ada, 'Alpha desk'], [bea, 'Beta desk'], [ada, 'Alpha mail']] as const) {
    expect((await api.create('Inbox', { name, channelType: 'email' })).body.notice?.type).toBe('success');
  }
  await eventually('the outbox is drained', async () => (await undelivered()) === 0);
});

afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await receiver?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const labelsOf = (events: Iterable<AuditEvent>) => [...events].map((event) => event.entry.targetLabel).filter((label): label is string => Boolean(label));

describe('a sink for some accounts', () => {
  it('receives every entry of those accounts and nothing of the others', async () => {
    const received = [...receiver.events.values()];
    expect(labelsOf(received)).toContain('Beta desk');
    expect(new Set(received.map((event) => String(event.entry.accountId)))).toEqual(new Set([accountB]));
    const [{ n: bEntries }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE account_id = $1 AND id > $2`, [accountB, lastBeforeSinks]);
    expect(bEntries).toBeGreaterThanOrEqual(2); // Bea's sign-in and her inbox
    expect(received).toHaveLength(bEntries);
    expect(receiver.badSignatures).toBe(0);
  });

  it('is never even queued another account\'s entry', async () => {
    const queued = await t.dataSource.query(
      `SELECT DISTINCT l.account_id::text AS account FROM audit_outbox o JOIN audit_logs l ON l.id = o.entry_id WHERE o.sink = 'webhook'`,
    );
    expect(queued).toEqual([{ account: accountB }]);
  });
});

describe('a JSON Lines file per account', () => {
  it('writes each account\'s entries to its own file, in its chain\'s order', async () => {
    const alpha = await fileEvents(`audit-${accountA}.jsonl`);
    const beta = await fileEvents(`audit-${accountB}.jsonl`);
    expect(labelsOf(alpha)).toEqual(expect.arrayContaining(['Alpha desk', 'Alpha mail']));
    expect(labelsOf(alpha)).not.toContain('Beta desk');
    expect(labelsOf(beta)).toContain('Beta desk');
    expect(new Set(alpha.map((event) => String(event.entry.accountId)))).toEqual(new Set([accountA]));
    expect(new Set(beta.map((event) => String(event.entry.accountId)))).toEqual(new Set([accountB]));
    const positions = beta.map((event) => Number(event.entry.chainSeq));
    expect(positions).toEqual([...positions].sort((x, y) => x - y));
  });
});

describe('Audit Deliveries in the panel', () => {
  it('lists to each administrator only their own account\'s deliveries, whatever the filter asks', async () => {
    const alphaList = await ada.list('AuditDelivery', { perPage: '100' });
    const betaList = await bea.list('AuditDelivery', { perPage: '100', 'filters.accountId': accountA });
    const entryAccounts = async (records: Array<{ params: Record<string, unknown> }>) =>
      new Set(
        (await t.dataSource.query(`SELECT DISTINCT account_id::text AS account FROM audit_logs WHERE id = ANY($1::bigint[])`, [records.map((record) => String(record.params.entryId))])).map(
          (row: { account: string }) => row.account,
        ),
      );
    expect(alphaList.body.records!.length).toBeGreaterThan(0);
    expect(await entryAccounts(alphaList.body.records!)).toEqual(new Set([accountA]));
    expect(betaList.body.records!.length).toBeGreaterThan(0);
    expect(await entryAccounts(betaList.body.records!)).toEqual(new Set([accountB]));
    expect(betaList.body.meta?.total).toBe(betaList.body.records!.length);
  });

  it('does not show another account\'s delivery by its id', async () => {
    const [theirs] = await t.dataSource.query(`SELECT o.id::text AS id FROM audit_outbox o JOIN audit_logs l ON l.id = o.entry_id WHERE l.account_id = $1 LIMIT 1`, [accountA]);
    const answer = await bea.show('AuditDelivery', theirs.id);
    expect(answer.body.record?.baseError?.message).toMatch(/cannot be found/);
    expect(answer.body.record?.params).toEqual({});
    expect((await ada.show('AuditDelivery', theirs.id)).body.record?.params.id).toBe(theirs.id);
  });
});

describe('the setting', () => {
  it('refuses account lists that are not ids, naming the variable', () => {
    expect(() => loadConfig({ AUDIT_JSONL_PATH: '/tmp/x.jsonl', AUDIT_JSONL_ACCOUNTS: '1;2' })).toThrow(/AUDIT_JSONL_ACCOUNTS: must be account ids separated by commas/);
    expect(loadConfig({ AUDIT_WEBHOOK_ACCOUNTS: '3, 1,3' }).AUDIT_WEBHOOK_ACCOUNTS).toEqual(['3', '1']);
  });
});
