// Streaming out: every committed entry reaches the webhook and the JSON Lines file at least once,
// signed, with an event id; a receiver that is down or failing loses nothing; administrators see
// delivery state; nothing that was rolled back is ever sent.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuditEvent } from '@hashtrail/adminjs-audit';
import { entryHash } from '../../plugin/src/chain/canonical.js';
import { startAuditDelivery } from '../../src/audit/delivery.js';
import { seededAccountId } from '../helpers/accounts.js';
import { adminApi } from '../helpers/admin-api.js';
import { AGENT_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, startReceiver, type Receiver } from './receiver.js';

const SECRET = 'sink-test-secret-0123456789';
const RETRY_MIN_MS = 40;
const RETRY_MAX_MS = 300;
let t: TestApp;
let receiver: Receiver;
let worker: { stop(): Promise<void> };
let folder: string;
let jsonlPath: string;
let admin: ReturnType<typeof adminApi>;
let firstQueuedId: string;

beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  folder = await mkdtemp(path.join(tmpdir(), 'audit-sink-'));
  jsonlPath = path.join(folder, 'audit.jsonl');
  t = await startTestApp({
    AUDIT_WEBHOOK_URL: receiver.url,
    AUDIT_WEBHOOK_SECRET: SECRET,
    AUDIT_JSONL_PATH: jsonlPath,
    AUDIT_DELIVERY_POLL_MS: '20',
    AUDIT_DELIVERY_RETRY_MIN_MS: String(RETRY_MIN_MS),
    AUDIT_DELIVERY_RETRY_MAX_MS: String(RETRY_MAX_MS),
    AUDIT_DELIVERY_BATCH: '7',
  });
  worker = await startAuditDelivery(t.audit, t.config);
  const [{ id }] = await t.dataSource.query(`SELECT coalesce(max(id), 0) + 1 AS id FROM audit_logs`);
  firstQueuedId = String(id);
  admin = adminApi(await t.signIn());
});
afterAll(async () => {
  await worker.stop();
  await t.close();
  await receiver.close();
  await rm(folder, { recursive: true, force: true });
});

const queuedEntryIds = async (): Promise<string[]> =>
  (await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE id >= $1 ORDER BY account_id, chain_seq`, [firstQueuedId])).map((row: { id: string }) => row.id);
const undelivered = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE delivered_at IS NULL`))[0].n);
const fileEvents = async (): Promise<AuditEvent[]> =>
  (await readFile(jsonlPath, 'utf8').catch(() => '')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as AuditEvent);
async function drained() {
  await eventually('the outbox is drained', async () => (await undelivered()) === 0);
}

/**
 * The receiver's copy re-checks on its own, one chain per account (positions count from 1 in each):
 * each event links to the one before in its account's chain and matches its hash.
 */
function expectChainOf(events: AuditEvent[]) {
  const byAccount = new Map<string | null, AuditEvent[]>();
  for (const event of events) byAccount.set(event.entry.accountId ?? null, [...(byAccount.get(event.entry.accountId ?? null) ?? []), event]);
  for (const [account, chain] of byAccount) {
    // Entries of an account are in its own chain (format 3); only those of none in the global one.
    for (const event of chain) expect(event.entry.chainFormat).toBe(account === null ? 2 : 3);
    expectOneChain(chain);
  }
}

function expectOneChain(events: AuditEvent[]) {
  const ordered = [...events].sort((a, b) => Number(BigInt(a.entry.chainSeq) - BigInt(b.entry.chainSeq)));
  ordered.forEach((event, index) => {
    expect(entryHash(event.prevHash, event.entry)).toBe(event.hash);
    if (index > 0) {
      expect(BigInt(event.entry.chainSeq)).toBe(BigInt(ordered[index - 1]!.entry.chainSeq) + 1n);
      expect(event.prevHash).toBe(ordered[index - 1]!.hash);
    }
  });
}

describe('delivery to the webhook and the JSON Lines file', () => {
  it('sends every committed entry once per sink, signed, with its event id, and the receiver can re-check the chain', async () => {
    for (let i = 0; i < 12; i++) {
      const created = await admin.create('Inbox', { name: `Streamed inbox ${i}`, channelType: 'email' });
      expect(created.body.notice?.type).toBe('success');
    }
    await drained();
    const ids = await queuedEntryIds();
    expect(ids.length).toBeGreaterThanOrEqual(13); // the sign-in and 12 creations
    expect([...receiver.events.values()].map((event) => event.entry.id).sort()).toEqual([...ids].sort());
    expect(receiver.badSignatures).toBe(0);
    expectChainOf([...receiver.events.values()]);
    const lines = await fileEvents();
    expect(lines.map((event) => event.entry.id)).toEqual(ids);
    expect(lines.map((event) => event.eventId)).toEqual(lines.map((event) => event.entry.eventId));
    const created = lines.find((event) => event.entry.targetLabel === 'Streamed inbox 3');
    expect(created?.entry).toMatchObject({ action: 'inbox.created', actorName: 'Ada Admin', chainFormat: 3 });
    // In the admin's account's chain, as the event says.
    expect(String(created?.entry.accountId)).toBe(String(await seededAccountId(t)));
  });

  it('queues nothing for an entry that was rolled back', async () => {
    const { audit } = t;
    const before = Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox`))[0].n);
    await expect(
      t.dataSource.transaction(async (manager) => {
        await audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: 1, targetLabel: 'Rolled back' });
        throw new Error('rolled back on purpose');
      }),
    ).rejects.toThrow('rolled back on purpose');
    expect(Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox`))[0].n)).toBe(before);
    await drained();
    expect([...receiver.events.values()].some((event) => event.entry.targetLabel === 'Rolled back')).toBe(false);
  });
});

describe('a receiver that is down or failing', () => {
  it('loses nothing while down, shows the failure to administrators, and catches up when back', async () => {
    await receiver.down();
    for (let i = 0; i < 10; i++) await admin.create('Inbox', { name: `While down ${i}`, channelType: 'email' });
    await eventually('a failed attempt is recorded', async () =>
      Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE sink = 'webhook' AND state = 'retrying' AND last_error IS NOT NULL`))[0].n) > 0,
    );
    const list = await admin.list('AuditDelivery', { 'filters.state': 'retrying', 'filters.sink': 'webhook' });
    const failing = list.body.records!.find((record) => record.params.lastError);
    expect(String(failing?.params.lastError)).toMatch(/POST http:\/\/127\.0\.0\.1:\d+\/audit-hook failed: ECONNREFUSED/);
    // The file sink is not held back by the webhook.
    await eventually('the file has every entry', async () => (await fileEvents()).length === (await queuedEntryIds()).length);

    await receiver.up();
    await drained();
    const ids = await queuedEntryIds();
    expect(new Set([...receiver.events.values()].map((event) => event.entry.id))).toEqual(new Set(ids));
    expectChainOf([...receiver.events.values()]);
  });

  it('retries with growing delays while the receiver answers 503, then delivers', async () => {
    // When each failing attempt reaches the receiver, measured here: its request counter is wrapped.
    const attemptsAt: number[] = [];
    let requests = receiver.requests;
    Object.defineProperty(receiver, 'requests', {
      configurable: true,
      get: () => requests,
      set: (value: number) => {
        requests = value;
        if (receiver.mode === 'fail') attemptsAt.push(performance.now());
      },
    });
    receiver.mode = 'fail';
    const failedBefore = receiver.requests;
    await admin.create('Inbox', { name: 'While failing', channelType: 'email' });
    await eventually('five attempts were made', () => attemptsAt.length >= 5);
    const [row] = await t.dataSource.query(`SELECT last_error FROM audit_outbox WHERE sink = 'webhook' AND delivered_at IS NULL ORDER BY attempts DESC LIMIT 1`);
    expect(row.last_error).toMatch(/answered HTTP 503/);
    receiver.mode = 'ok';
    await drained();
    expect([...receiver.events.values()].some((event) => event.entry.targetLabel === 'While failing')).toBe(true);
    expect(receiver.requests - failedBefore).toBeLessThan(20); // backoff, not a hot loop

    // The worker waits min(max, min * 2^(n-1)) after the nth failure, less up to half of it as
    // jitter: so the nth gap is at least half that, and those lower bounds double until the cap.
    const lowerBound = (n: number) => 0.5 * Math.min(RETRY_MAX_MS, RETRY_MIN_MS * 2 ** (n - 1)) - 2; // 2 ms: timer rounding
    const gaps = attemptsAt.slice(1, 5).map((at, k) => at - attemptsAt[k]!);
    expect(gaps).toHaveLength(4);
    gaps.forEach((gap, k) => expect({ gap: k + 1, ms: gap, atLeast: gap >= lowerBound(k + 1) }).toEqual({ gap: k + 1, ms: gap, atLeast: true }));
    // Growing: from the third gap on, the lower bound is above the longest a fixed RETRY_MIN_MS delay allows.
    expect(lowerBound(3)).toBeGreaterThan(RETRY_MIN_MS + 30);
  });
});

describe('delivery state in the panel', () => {
  it('is shown to administrators and refused to agents; nobody can change it through the panel', async () => {
    const list = await admin.list('AuditDelivery');
    expect(list.body.records!.length).toBeGreaterThan(0);
    expect(list.body.records![0]!.params).toMatchObject({ sink: expect.any(String), state: expect.stringMatching(/pending|retrying|delivered/) });
    const id = String(list.body.records![0]!.id);
    for (const response of [await admin.edit('AuditDelivery', id, { state: 'pending' }), await admin.remove('AuditDelivery', id)]) {
      expect(response.body.notice?.type).toBe('error');
    }
    const agent = adminApi(await t.signIn(AGENT_EMAIL));
    const refused = await agent.list('AuditDelivery');
    expect(refused.body.notice?.type).toBe('error');
    expect(refused.body.records ?? []).toHaveLength(0);
  });
});

describe('a worker that dies after sending', () => {
  it('has its batch sent again by another worker once the lease runs out, and the receiver sees the same event ids twice', async () => {
    await worker.stop();
    const { DeliveryWorker, WebhookSink } = await import('@hashtrail/adminjs-audit');
    const webhook = new WebhookSink({ name: 'webhook', url: receiver.url, secret: SECRET });
    let release!: () => void;
    const stuck = new Promise<void>((resolve) => (release = resolve));
    // Sends, then never reports back: what a process killed right after the POST looks like.
    const dying = new DeliveryWorker(t.dataSource, [{ name: 'webhook', deliver: async (events) => { await webhook.deliver(events); await stuck; } }], { leaseMs: 400 });
    const other = new DeliveryWorker(t.dataSource, [webhook], { leaseMs: 400 });

    for (let i = 0; i < 5; i++) await admin.create('Inbox', { name: `Twice ${i}`, channelType: 'email' });
    const ours = async () => (await t.dataSource.query(`SELECT event_id::text AS id FROM audit_outbox WHERE sink = 'webhook' AND delivered_at IS NULL`)).map((row: { id: string }) => row.id) as string[];
    const pending = await ours();
    expect(pending.length).toBeGreaterThanOrEqual(5);
    const duplicatesBefore = receiver.duplicates;

    const dyingRun = dying.runOnce();
    await eventually('the dying worker has sent the batch', () => pending.every((id) => receiver.events.has(id)));
    expect(await other.runOnce()).toBe(0); // still reserved by the worker that took it
    await eventually('the other worker sends it again after the lease', async () => (await other.runOnce()) > 0, 10_000);
    expect(receiver.duplicates - duplicatesBefore).toBe(pending.length);
    expect(await ours()).toEqual([]);

    release();
    await dyingRun;
    worker = await startAuditDelivery(t.audit, t.config);
    await drained();
  });
});
