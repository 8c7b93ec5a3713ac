// Reading the log through the API is itself recorded: once per token per read window (an hour),
// not once per page, whoever polls how often; the entry is committed before the answer is sent,
// so a read that cannot be recorded is not answered. A window passing is simulated the way time
// would move it: the token's read_recorded_for is put one window back.
import type { QueryRunner } from 'typeorm';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { CLIENT_UA, entriesSince, get, lastEntryId, lastReadableEntryId, page, problemOf, sessionUserOf, tokenAccount, tokenFor } from './api-client.js';

let t: TestApp;
beforeAll(async () => {
  // Concurrent first reads, and a second connection holding the chain head: not the one-connection embedded engine.
  t = await onConcurrencyCapableServer(() => startTestApp());
});
afterAll(() => t.close());

const READ = 'audit_log.read_via_api';

async function readWindowPassed(tokenId: string) {
  const moved = await t.dataSource.query(
    `UPDATE audit_api_tokens SET read_recorded_for = read_recorded_for - make_interval(mins => $2) WHERE id = $1 AND read_recorded_for IS NOT NULL`,
    [tokenId, t.config.AUDIT_API_READ_WINDOW_MINUTES],
  );
  expect(moved[1]).toBe(1);
}

describe('the first read of a window', () => {
  it('is recorded with the owner, the token, the request and the filters, before the page it answers is read', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL, 'Sentinel connector');
    const admin = await sessionUserOf(t, ADMIN_EMAIL);
    const before = await lastEntryId(t);
    const response = await get(t, '/audit_logs', made.token, { limit: 3 });
    expect(response.status).toBe(200);

    const reads = await entriesSince(t, before, READ);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({
      category: 'Audit', actorId: admin.id, actorName: 'Ada Admin', actorEmail: ADMIN_EMAIL, actorRole: 'administrator',
      targetType: 'api_token', targetId: made.id, targetLabel: 'Sentinel connector',
      ip: '127.0.0.1', userAgent: CLIENT_UA, requestId: response.headers['x-request-id'],
      details: { filters: {}, order: 'desc', token: 'Sentinel connector', windowMinutes: t.config.AUDIT_API_READ_WINDOW_MINUTES },
      sentence: 'Ada Admin read the audit log through the API with the token "Sentinel connector"',
    });
    // In the token's account (the entity's accountId comes back as the column's integer).
    expect(String(reads[0]!.accountId)).toBe(admin.accountId);
    // Committed before the page was read: newest first, the page starts with its own read.
    expect(response.body.data[0]).toMatchObject({ id: reads[0]!.id, key: READ, target: { type: 'api_token', id: made.id, label: 'Sentinel connector' } });
    expect(await entriesSince(t, before)).toHaveLength(1);
  });

  it('keeps the filters and the order the client asked for', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL);
    const before = await lastEntryId(t);
    await page(t, made.token, { action: 'inbox.created', ip: '10.0.', search: 'Support', order: 'asc', limit: 2 });
    const [read] = await entriesSince(t, before, READ);
    expect(read!.details).toMatchObject({ filters: { action: 'inbox.created', ip: '10.0.', search: 'Support' }, order: 'asc' });
  });

  it('is recorded for GET /audit_logs/{id} too, naming the entry', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL);
    const before = await lastEntryId(t);
    expect((await get(t, `/audit_logs/${before}`, made.token)).status).toBe(200);
    const reads = await entriesSince(t, before, READ);
    expect(reads.map((read) => [read.targetId, read.details?.entry])).toEqual([[made.id, before]]);
  });
});

describe('within one window', () => {
  it('records nothing more, whatever is read and however often', async () => {
    // An entry of another account (the system log): not found for this token, like an id no entry has.
    await t.dataSource.transaction((manager) => t.audit.record(manager, { action: 'session.sign_in_failed', actor: null, details: { email: 'ghost@nowhere.example', reason: 'unknown_email' } }));
    const elsewhere = await lastEntryId(t);
    const made = await tokenFor(t, ADMIN_EMAIL);
    const before = await lastEntryId(t);
    let cursor: string | null = null;
    for (let i = 0; i < 4; i++) {
      const body = await page(t, made.token, cursor ? { limit: 5, cursor } : { limit: 5 });
      cursor = body.next_cursor;
    }
    await page(t, made.token, { order: 'asc', limit: 10 });
    await page(t, made.token, { actor_id: '1' });
    expect((await get(t, `/audit_logs/${before}`, made.token)).status).toBe(200);
    problemOf(await get(t, '/audit_logs/987654321', made.token), 404);
    expect(problemOf(await get(t, `/audit_logs/${elsewhere}`, made.token), 404).detail).toBe(`No entry has the id ${elsewhere}.`);
    expect((await entriesSince(t, before)).map((entry) => entry.action)).toEqual([READ]);
  });

  it('records one read per token: two tokens of one owner are two readers', async () => {
    const [first, second] = [await tokenFor(t, ADMIN_EMAIL, 'first reader'), await tokenFor(t, ADMIN_EMAIL, 'second reader')];
    const before = await lastEntryId(t);
    for (let i = 0; i < 3; i++) {
      await page(t, first.token, { limit: 1 });
      await page(t, second.token, { limit: 1 });
    }
    expect((await entriesSince(t, before, READ)).map((read) => read.targetLabel)).toEqual(['first reader', 'second reader']);
  });

  it('records one read when a token\'s first requests arrive at once', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL);
    const before = await lastEntryId(t);
    const responses = await Promise.all(Array.from({ length: 8 }, (_, i) => get(t, '/audit_logs', made.token, { limit: 1 + i })));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(200));
    expect(await entriesSince(t, before, READ)).toHaveLength(1);
  });
});

describe('the next window', () => {
  it('records the first read after the window has passed, once', async () => {
    const made = await tokenFor(t, ADMIN_EMAIL, 'hourly');
    const before = await lastEntryId(t);
    await page(t, made.token, { limit: 1 });
    await page(t, made.token, { limit: 1 });
    expect(await entriesSince(t, before, READ)).toHaveLength(1);

    await readWindowPassed(made.id);
    await page(t, made.token, { limit: 1 });
    await page(t, made.token, { limit: 1 });
    const reads = await entriesSince(t, before, READ);
    expect(reads).toHaveLength(2);
    expect(reads.map((read) => read.targetId)).toEqual([made.id, made.id]);

    // The claimed window is the current one: its start, on a window boundary.
    const [row] = await t.dataSource.query(
      `SELECT extract(epoch FROM read_recorded_for)::bigint % ($2::int * 60) AS offset, now() - read_recorded_for < make_interval(mins => $2) AS current FROM audit_api_tokens WHERE id = $1`,
      [made.id, t.config.AUDIT_API_READ_WINDOW_MINUTES],
    );
    expect(row).toEqual({ offset: '0', current: true });
  });
});

describe('a read that cannot be recorded', () => {
  let holder: QueryRunner;
  afterEach(async () => {
    if (holder?.isTransactionActive) await holder.rollbackTransaction();
    await holder?.release();
  });

  /** Holds the chain head's lock, so the read's entry waits for it; returns once the API request waits there. */
  async function appendBlocked(send: () => PromiseLike<{ status: number; text: string; headers: Record<string, string> }>) {
    holder = t.dataSource.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    // The read is recorded in the token's account: that account's chain head.
    const locked = await holder.query(`SELECT 1 FROM audit_account_chains WHERE account_id = $1 FOR UPDATE`, [await tokenAccount(t)]);
    expect(locked).toHaveLength(1);
    // then() sends it: supertest sends nothing until asked for the answer.
    const answer = Promise.resolve(send());
    let waiting: Array<{ pid: number }> = [];
    for (const deadline = Date.now() + 20_000; waiting.length === 0; ) {
      if (Date.now() > deadline) throw new Error('the read never waited for the chain head');
      waiting = await t.dataSource.query(
        `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%audit_append_entry_v3%'`,
      );
    }
    return { answer, pid: waiting[0]!.pid };
  }

  it.each([
    ['GET /audit_logs', (token: string) => get(t, '/audit_logs', token, { limit: 5 })],
    ['GET /audit_logs/{id}', async (token: string) => get(t, `/audit_logs/${await lastReadableEntryId(t)}`, token)],
  ])('is not answered (%s): 500 problem+json, no entries, and the window stays open for the next read', async (_route, send) => {
    const made = await tokenFor(t, ADMIN_EMAIL);
    const before = await lastEntryId(t);
    const { answer, pid } = await appendBlocked(() => send(made.token));
    // The read is held before its answer: nothing may have been sent yet. Cancelling its append fails it.
    await t.dataSource.query(`SELECT pg_cancel_backend($1)`, [pid]);
    const response = await answer;
    const problem = problemOf(response, 500);
    expect(problem.type).toBe('urn:hashtrail:audit-api:problem:internal');
    expect(response.text).not.toContain('"data"');
    expect(response.text).not.toContain('"key"');
    await holder.rollbackTransaction();

    expect(await entriesSince(t, before)).toEqual([]);
    const [{ read_recorded_for }] = await t.dataSource.query(`SELECT read_recorded_for FROM audit_api_tokens WHERE id = $1`, [made.id]);
    expect(read_recorded_for).toBeNull();
    await page(t, made.token, { limit: 1 });
    expect(await entriesSince(t, before, READ)).toHaveLength(1);
  });
});
