// Fault: PostgreSQL crashes (immediate stop) and comes back while admins keep editing. Requests
// during the outage fail visibly; afterwards no change is without its entry and no entry without
// its change, the chain verifies, the app answers again and the outbox drains to the receiver.
// Uses a throwaway cluster of its own (never the shared server).
import request from 'supertest';
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { startAuditDelivery } from '../../src/audit/delivery.js';
import { adminApi } from '../helpers/admin-api.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, startReceiver, type Receiver } from './receiver.js';
import { reportToSummary } from './summary.js';
import { onServer, startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres.js';
import { checkContinuity, count, createInboxes, renameUntilAcknowledged, type EditRecord } from './workload.js';

const SESSIONS = 6;
const TARGET_OK_PER_SESSION = 12;
const SECRET = 'fault-test-secret-0123456789';

let pg: ThrowawayPostgres;
let t: TestApp;
let receiver: Receiver;
let worker: { stop(): Promise<void> };
beforeAll(async () => {
  pg = await startThrowawayPostgres();
  receiver = await startReceiver(SECRET);
  // This file's database lives on the throwaway cluster.
  t = await onServer(pg.url, () =>
    startTestApp({ AUDIT_WEBHOOK_URL: receiver.url, AUDIT_WEBHOOK_SECRET: SECRET, AUDIT_DELIVERY_POLL_MS: '20', AUDIT_DELIVERY_RETRY_MIN_MS: '50', AUDIT_DELIVERY_RETRY_MAX_MS: '300', AUDIT_DELIVERY_LEASE_MS: '1000' }),
  );
  worker = await startAuditDelivery(t.audit, t.config);
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await receiver?.close();
  await pg?.destroy();
});

it('loses no entry and no change when PostgreSQL crashes and restarts mid-run', async () => {
  const admin = adminApi(await t.signIn());
  const { inboxes, firstNames } = await createInboxes(admin, Array.from({ length: SESSIONS }, (_, i) => `Crash inbox ${i}`));
  const sessions: Array<ReturnType<typeof adminApi>> = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(adminApi(await t.signIn()));

  const edits: EditRecord[] = [];
  let crashed = false;
  const okSoFar = () => count(edits, 'ok');
  const deadline = Date.now() + 60_000;
  const workload = renameUntilAcknowledged(sessions, inboxes, { okPerSession: TARGET_OK_PER_SESSION, deadline, retryAfterMs: 50, edits });
  await eventually('a third of the edits are done', () => okSoFar() >= (SESSIONS * TARGET_OK_PER_SESSION) / 3, 30_000);
  await pg.stop('immediate');
  crashed = true;
  await eventually('edits fail while the database is down', () => edits.some((edit) => edit.outcome !== 'ok'), 10_000);
  await pg.start();
  await workload;

  expect(crashed).toBe(true);
  expect(okSoFar()).toBe(SESSIONS * TARGET_OK_PER_SESSION);
  await eventually('the app answers its health check', async () => (await request(t.app).get('/healthz')).status === 200);
  const continuity = await checkContinuity(t.dataSource, firstNames, edits);
  expect(continuity.breaks).toEqual([]);
  expect(continuity.lostAcknowledged).toEqual([]);
  const chain = await verifyAuditChain(t.dataSource);
  expect(chain).toMatchObject({ ok: true });

  await eventually('the outbox is drained', async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE delivered_at IS NULL`))[0].n) === 0, 30_000);
  const delivered = new Set([...receiver.events.values()].map((event) => event.entry.id));
  const queued: string[] = (await t.dataSource.query(`SELECT entry_id::text AS id FROM audit_outbox`)).map((row: { id: string }) => row.id);
  expect(queued.filter((id) => !delivered.has(id))).toEqual([]);

  reportToSummary('2-fault-database', {
    heading: 'fault survived: PostgreSQL crashed (pg_ctl stop -m immediate) and restarted mid-run',
    lines: [
      `${SESSIONS} sessions, ${edits.length} edit attempts: ${okSoFar()} acknowledged, ${edits.length - okSoFar()} refused during the outage (${count(edits, 'server_error')} HTTP 5xx, ${count(edits, 'refused')} error notices, ${count(edits, 'network_error')} network errors)`,
      `every inbox's entries run unbroken from its first name to its stored name (${continuity.entries} entries); chain verified (${chain.count}); outbox drained, ${queued.length} events at the receiver`,
    ],
    entriesLost: continuity.lostAcknowledged.length + continuity.breaks.length + queued.filter((id) => !delivered.has(id)).length,
  });
});
