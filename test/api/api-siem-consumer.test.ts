// A SIEM-style consumer: a client follows the log through the API (oldest first, always asking
// from the last cursor it got) while 20 writers add entries — some through the panel over HTTP,
// most through audit.record in transactions of varying length, a few of them long transactions
// that began before entries the client has already read and commit only after. In the end it
// holds every entry exactly once, in the log's order. And a client paging newest first while
// writers add entries sees no entry twice and skips none.
//
// The long transactions are what an entry time taken at the transaction's start got wrong: such
// an entry became visible after later-stamped ones had been read, behind the client's cursor. Each
// long writer waits (no timer: the client's own progress opens its gate) until the client has
// read an entry stamped after that writer's transaction began, then commits.
import type { ActivityDraft } from '@hashtrail/adminjs-audit';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { SYSTEM_ACCOUNT_ID } from '../../src/accounts/system-log.js';
import { idsInLogOrder, idsOfOtherAccounts, page, tokenAccount, tokenFor, type ApiEntryBody } from './api-client.js';

const WRITERS = 20;
const PANEL_WRITERS = 4;
const LONG_WRITERS = 3;
const ENTRIES_PER_WRITER = 5;

let t: TestApp;
let token: string;
/** The token's account: the writers write there, but for one more writing in the system log (another account) meanwhile. */
let account: string;
beforeAll(async () => {
  // A client polling in a loop makes many requests; 20 writers and the client need connections at once
  // (a server: the embedded engine serves one connection at a time).
  t = await onConcurrencyCapableServer(() => startTestApp({ AUDIT_API_RATE_LIMIT: '1000000', DB_POOL_SIZE: '16' }));
  ({ token } = await tokenFor(t, ADMIN_EMAIL, 'SIEM'));
  account = await tokenAccount(t);
});
afterAll(() => t.close());

/** UTC to the microsecond, as the API writes occurred_at (so the texts compare in time order). */
const AT = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** A gate a long writer waits at, opened once the client has read an entry stamped after `startedAt`. */
interface Gate {
  startedAt: string;
  open: () => void;
}

/**
 * A long writer: begins, records its entry, reads its transaction's start, then waits at a gate
 * before it commits. `started` settles once it is inside its transaction.
 */
function longWriter(n: number, gates: Gate[], entryIds: Map<number, string>) {
  let started!: () => void;
  const isStarted = new Promise<void>((resolve) => (started = resolve));
  const done = t.dataSource.transaction(async (manager) => {
    const [{ at }] = await manager.query(`SELECT to_char(now() AT TIME ZONE 'UTC', ${AT}) AS at`);
    await t.audit.record(manager, draft(`long-${n}`, 0));
    await new Promise<void>((open) => {
      gates.push({ startedAt: at, open });
      started();
    });
  });
  return { isStarted, done: done.then(async () => entryIds.set(n, (await t.dataSource.query(`SELECT id::text FROM audit_logs WHERE target_label = $1`, [`long-${n}`]))[0].id)) };
}

const draft = (label: string, i: number, accountId = account): ActivityDraft => ({
  accountId,
  action: 'automation_rule.updated',
  actor: { id: '1', name: 'Writer', email: null, role: 'administrator' },
  targetType: 'automation_rule',
  targetId: String(1000 + i),
  targetLabel: label,
  changes: { active: { from: i % 2 === 0, to: i % 2 === 1 } },
  request: { ip: '10.20.0.1', userAgent: 'writer', requestId: `${label}-${i}` },
});

/** A writer through audit.record: transactions of varying length (a little work in each, none alike). */
async function recordWriter(n: number, committed: () => void = () => undefined, accountId = account) {
  for (let i = 0; i < ENTRIES_PER_WRITER; i++) {
    await t.dataSource.transaction(async (manager) => {
      await t.audit.record(manager, draft(`writer-${n}`, i, accountId));
      await manager.query(`SELECT pg_sleep($1)`, [((n * 7 + i * 3) % 10) / 1000]);
    });
    committed();
  }
}

/** Opens the gates of `gates` that `reached` says the client has gone past; keeps the others. */
function openPassed(gates: Gate[], reached: (gate: Gate) => boolean): Gate[] {
  const passed = gates.filter(reached);
  for (const gate of passed) gate.open();
  gates.splice(0, gates.length, ...gates.filter((gate) => !passed.includes(gate)));
  return passed;
}

/** A writer through the panel, over HTTP: an administrator renaming an inbox of their own. */
async function panelWriter(n: number) {
  const admin = adminApi(await t.signIn());
  const created = await admin.create('Inbox', { name: `Panel ${n}`, channelType: 'api' });
  expect(created.body.notice?.type).toBe('success');
  const id = String(created.body.record!.params.id);
  for (let i = 1; i < ENTRIES_PER_WRITER; i++) {
    expect((await admin.edit('Inbox', id, { name: `Panel ${n} v${i}` })).body.notice?.type).toBe('success');
  }
}

describe('a client following the log oldest first while 20 writers add entries', () => {
  it("ends with every entry exactly once, in the log's order", async () => {
    const gates: Gate[] = [];
    const longIds = new Map<number, string>();
    /** For each long writer's transaction start: how many entries the client had read when its gate opened. */
    const readWhenOpened = new Map<string, number>();
    const collected: ApiEntryBody[] = [];

    // The long transactions begin first.
    const long = Array.from({ length: LONG_WRITERS }, (_, n) => longWriter(n, gates, longIds));
    await Promise.all(long.map((writer) => writer.isStarted));
    const starts = gates.map((gate) => gate.startedAt);
    const others = Array.from({ length: WRITERS - LONG_WRITERS }, (_, n) => (n < PANEL_WRITERS ? panelWriter(n) : recordWriter(n)));
    // And one more, in another account's log at the same time: none of its entries is the client's.
    others.push(recordWriter(50, undefined, SYSTEM_ACCOUNT_ID));
    let writing = true;
    const writers = Promise.all([...others, ...long.map((writer) => writer.done)]).finally(() => (writing = false));

    let cursor: string | null = null;
    let polls = 0;
    for (;;) {
      const finished = !writing;
      const body = await page(t, token, cursor ? { order: 'asc', limit: 7, cursor } : { order: 'asc', limit: 7 });
      polls++;
      collected.push(...body.data);
      if (body.next_cursor) cursor = body.next_cursor;
      const newest = collected.at(-1)?.occurred_at ?? '';
      for (const gate of openPassed(gates, (candidate) => candidate.startedAt < newest)) readWhenOpened.set(gate.startedAt, collected.length);
      // Every writer had committed before this poll began, and it found nothing more: the end.
      if (finished && body.data.length === 0) break;
    }
    await writers;

    const collectedIds = collected.map((entry) => entry.id);
    expect(new Set(collectedIds).size).toBe(collectedIds.length);
    expect(collectedIds).toEqual(await idsInLogOrder(t));
    expect(collectedIds.length).toBeGreaterThan(WRITERS * ENTRIES_PER_WRITER);
    const elsewhere = await idsOfOtherAccounts(t, `target_label = 'writer-50'`);
    expect(elsewhere).toHaveLength(ENTRIES_PER_WRITER);
    expect(collectedIds.filter((id) => elsewhere.includes(id))).toEqual([]);
    for (const entry of collected) expect(entry.account_id).toBe(account);
    expect(polls).toBeGreaterThan(10);
    // The hard case happened: each long entry committed only once the client had read entries stamped after its transaction began.
    expect([...readWhenOpened.keys()].sort()).toEqual([...starts].sort());
    expect(longIds.size).toBe(LONG_WRITERS);
    const firstOpened = Math.min(...readWhenOpened.values());
    for (const id of longIds.values()) expect(collectedIds.indexOf(id)).toBeGreaterThanOrEqual(firstOpened);
  });
});

describe('a client paging newest first while 20 writers add entries', () => {
  it('sees each entry that was there when it began exactly once, and none twice', async () => {
    const gates: Gate[] = [];
    const longIds = new Map<number, string>();
    const long = Array.from({ length: LONG_WRITERS }, (_, n) => longWriter(10 + n, gates, longIds));
    await Promise.all(long.map((writer) => writer.isStarted));
    // The walk begins once an entry committed after the long transactions began.
    let firstCommitted!: () => void;
    const someCommitted = new Promise<void>((resolve) => (firstCommitted = resolve));
    const others = Array.from({ length: WRITERS - LONG_WRITERS }, (_, n) => (n < PANEL_WRITERS ? panelWriter(100 + n) : recordWriter(100 + n, firstCommitted)));
    others.push(recordWriter(150, undefined, SYSTEM_ACCOUNT_ID));
    await someCommitted;

    // Page down from the top while the writers go on; the long writers commit once the client is below their start.
    const collected: ApiEntryBody[] = [];
    let body = await page(t, token, { limit: 5 });
    const top = body.data[0]!;
    for (;;) {
      collected.push(...body.data);
      const oldest = collected.at(-1)!.occurred_at;
      openPassed(gates, (gate) => oldest < gate.startedAt);
      if (!body.has_more) break;
      body = await page(t, token, { limit: 5, cursor: body.next_cursor! });
    }
    openPassed(gates, () => true);
    await Promise.all([...others, ...long.map((writer) => writer.done)]);

    const collectedIds = collected.map((entry) => entry.id);
    expect(new Set(collectedIds).size).toBe(collectedIds.length);
    // Exactly the entries at or below the first page's top, as the log holds them now that every writer is done.
    const [{ at }] = await t.dataSource.query(`SELECT to_char(occurred_at AT TIME ZONE 'UTC', ${AT}) AS at FROM audit_logs WHERE id = $1`, [top.id]);
    expect(at).toBe(top.occurred_at);
    expect(collectedIds).toEqual((await idsInLogOrder(t, `(occurred_at, id) <= ($1::timestamptz, $2::bigint)`, [top.occurred_at, top.id])).reverse());
    const elsewhere = await idsOfOtherAccounts(t, `target_label = 'writer-150'`);
    expect(elsewhere).toHaveLength(ENTRIES_PER_WRITER);
    expect(collectedIds.filter((id) => elsewhere.includes(id))).toEqual([]);
    // The writers went on meanwhile: entries above the top that the walk rightly did not see, the long ones among them.
    const above = await idsInLogOrder(t, `(occurred_at, id) > ($1::timestamptz, $2::bigint)`, [top.occurred_at, top.id]);
    expect(above.length).toBeGreaterThan(0);
    for (const id of longIds.values()) expect(above).toContain(id);
  });
});
