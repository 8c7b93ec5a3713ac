// Load: 20 admin sessions edit at once for a fixed count. Afterwards every acknowledged change has
// its entry and every entry its change, no request failed, the chain verifies and the sink got
// every entry.
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { startAuditDelivery } from '../../src/audit/delivery.js';
import { adminApi } from '../helpers/admin-api.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, startReceiver, type Receiver } from './receiver.js';
import { reportThenAssert } from './summary.js';
import { concurrencyCapableServer, onServer } from '../helpers/throwaway-postgres.js';
import { checkContinuity, count, createInboxes, renameInbox, type EditRecord } from './workload.js';

const SESSIONS = 20;
const EDITS_PER_SESSION = 10;
const SECRET = 'load-test-secret-0123456789';

let t: TestApp;
let receiver: Receiver;
let worker: { stop(): Promise<void> };
let server: Awaited<ReturnType<typeof concurrencyCapableServer>>;
beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  server = await concurrencyCapableServer();
  t = await onServer(server.url, () => startTestApp({ AUDIT_WEBHOOK_URL: receiver.url, AUDIT_WEBHOOK_SECRET: SECRET, AUDIT_DELIVERY_POLL_MS: '20', DB_POOL_SIZE: '10' }));
  worker = await startAuditDelivery(t.audit, t.config);
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await receiver?.close();
  await server?.release();
});

it(`keeps one entry per change with ${SESSIONS} admin sessions editing at once`, async () => {
  const admin = adminApi(await t.signIn());
  // One inbox per session, plus a last one every session also edits.
  const { inboxes, firstNames } = await createInboxes(admin, [...Array.from({ length: SESSIONS }, (_, i) => `Load inbox ${i}`), 'Contended inbox']);
  const contended = inboxes[SESSIONS]!;
  // One after another: concurrent sign-ins of one account would meet the per-email throttle (in-flight attempts count).
  const sessions: Array<ReturnType<typeof adminApi>> = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(adminApi(await t.signIn()));

  const started = Date.now();
  const edits: EditRecord[] = [];
  await Promise.all(
    sessions.map(async (api, session) => {
      for (let k = 0; k < EDITS_PER_SESSION; k++) {
        // Every third edit goes to the one inbox all sessions share: row locks and the chain head contend.
        const target = k % 3 === 2 ? contended : inboxes[session]!;
        edits.push(await renameInbox(api, target, `S${session}-E${k}`));
      }
    }),
  );
  const elapsedMs = Date.now() - started;

  // Everything measured first, recorded for the summary, then asserted: a failing run still shows its numbers.
  const continuity = await checkContinuity(t.dataSource, firstNames, edits);
  const chain = await verifyAuditChain(t.dataSource);
  const undeliveredCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE delivered_at IS NULL`))[0].n);
  // Not drained in time shows as undelivered events below (counted, then asserted), not as a thrown wait.
  await eventually('the outbox is drained', async () => (await undeliveredCount()) === 0).catch(() => undefined);
  const delivered = new Set([...receiver.events.values()].map((event) => event.entry.id));
  const queued: string[] = (await t.dataSource.query(`SELECT entry_id::text AS id FROM audit_outbox`)).map((row: { id: string }) => row.id);
  const undelivered = queued.filter((id) => !delivered.has(id));
  const failures = count(edits, 'server_error') + count(edits, 'network_error') + count(edits, 'refused');

  await reportThenAssert(
    '1-load',
    {
      heading: 'load held',
      lines: [
        `${SESSIONS} admin sessions made ${edits.length} edits in ${elapsedMs} ms (a third on one shared inbox): ${count(edits, 'ok')} acknowledged, ${failures} failed`,
        `entries == committed changes (${continuity.entries}); chain ${chain.ok ? 'verified' : 'BROKEN'} (${chain.count} entries); ${queued.length - undelivered.length} of ${queued.length} events delivered to the webhook`,
      ],
      entriesLost: continuity.lostAcknowledged.length + continuity.breaks.length + undelivered.length,
    },
    () => {
      expect(count(edits, 'ok')).toBe(SESSIONS * EDITS_PER_SESSION);
      expect(failures).toBe(0);
      expect(continuity.breaks).toEqual([]);
      expect(continuity.lostAcknowledged).toEqual([]);
      expect(continuity.entries).toBe(SESSIONS * EDITS_PER_SESSION);
      expect(chain.ok).toBe(true);
      expect(undelivered).toEqual([]);
      expect(queued.length).toBeGreaterThanOrEqual(SESSIONS * EDITS_PER_SESSION);
    },
  );
});
