// Fault: PostgreSQL crashes (immediate stop) and comes back while admins keep editing. Requests
// during the outage fail visibly; afterwards no change is without its entry and no entry without
// its change, the chain verifies, the app answers again and the outbox drains to the receiver.
// Uses a throwaway cluster of its own (never the shared server).
import pg from 'pg';
import request from 'supertest';
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { startAuditDelivery } from '../../src/audit/delivery.js';
import { adminApi } from '../helpers/admin-api.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { eventually, startReceiver, type Receiver } from './receiver.js';
import { reportThenAssert } from './summary.js';
import { onServer, startThrowawayPostgres, type ThrowawayPostgres } from '../helpers/throwaway-postgres.js';
import { readFile } from 'node:fs/promises';
import { checkContinuity, count, createInboxes, renameUntilAcknowledged, type EditRecord } from './workload.js';

const SESSIONS = 6;
const TARGET_OK_PER_SESSION = 12;
const SECRET = 'fault-test-secret-0123456789';

let pgServer: ThrowawayPostgres;
let t: TestApp;
let receiver: Receiver;
let worker: { stop(): Promise<void> };
beforeAll(async () => {
  pgServer = await startThrowawayPostgres();
  receiver = await startReceiver(SECRET);
  // This file's database lives on the throwaway cluster.
  t = await onServer(pgServer.url, () =>
    startTestApp({ AUDIT_WEBHOOK_URL: receiver.url, AUDIT_WEBHOOK_SECRET: SECRET, AUDIT_DELIVERY_POLL_MS: '20', AUDIT_DELIVERY_RETRY_MIN_MS: '50', AUDIT_DELIVERY_RETRY_MAX_MS: '300', AUDIT_DELIVERY_LEASE_MS: '1000' }),
  );
  worker = await startAuditDelivery(t.audit, t.config);
});
afterAll(async () => {
  await worker?.stop();
  await t?.close();
  await receiver?.close();
  await pgServer?.destroy();
});

it('loses no entry and no change when PostgreSQL crashes and restarts mid-run', async () => {
  const admin = adminApi(await t.signIn());
  const { inboxes, firstNames } = await createInboxes(admin, Array.from({ length: SESSIONS }, (_, i) => `Crash inbox ${i}`));
  const sessions: Array<ReturnType<typeof adminApi>> = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(adminApi(await t.signIn()));

  /** Asks the cluster itself, on a connection of its own: its postmaster's start time, or the error. */
  const askServer = async (): Promise<{ startedAt: Date } | { error: string }> => {
    const client = new pg.Client({ connectionString: pgServer.url, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
      const [row] = (await client.query('SELECT pg_postmaster_start_time() AS "startedAt"')).rows;
      return { startedAt: row.startedAt as Date };
    } catch (error) {
      return { error: `${(error as { code?: string }).code ?? ''} ${(error as Error).message}` };
    } finally {
      await client.end().catch(() => undefined);
    }
  };
  const before = await askServer();
  const pidBefore = await pgServer.postmasterPid();
  expect(before).toHaveProperty('startedAt');
  expect(pidBefore).toEqual(expect.any(Number));
  // (The assertions on the outage and after it come once the summary has its numbers.)

  const edits: EditRecord[] = [];
  const okSoFar = () => count(edits, 'ok');
  const deadline = Date.now() + 60_000;
  const workload = renameUntilAcknowledged(sessions, inboxes, { okPerSession: TARGET_OK_PER_SESSION, deadline, retryAfterMs: 50, edits });
  await eventually('a third of the edits are done', () => okSoFar() >= (SESSIONS * TARGET_OK_PER_SESSION) / 3, 30_000);
  await pgServer.stop('immediate');
  const attemptsBeforeOutage = edits.length;
  // Down for real: a fresh connection is refused and no postmaster is running.
  const duringOutage = await askServer();
  const pidDuringOutage = await pgServer.postmasterPid();
  await eventually('edits fail while the database is down', () => edits.slice(attemptsBeforeOutage).some((edit) => edit.outcome !== 'ok'), 10_000).catch(() => undefined); // asserted below
  const failedDuringOutage = edits.slice(attemptsBeforeOutage).filter((edit) => edit.outcome !== 'ok').length;
  await pgServer.start();
  const after = await askServer();
  const pidAfter = await pgServer.postmasterPid();
  await workload;

  await eventually('the app answers its health check', async () => (await request(t.app).get('/healthz')).status === 200).catch(() => undefined);
  const healthy = (await request(t.app).get('/healthz')).status;
  const continuity = await checkContinuity(t.dataSource, firstNames, edits);
  const chain = await verifyAuditChain(t.dataSource);
  const undelivered = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE delivered_at IS NULL`))[0].n);
  await eventually('the outbox is drained', async () => (await undelivered()) === 0, 30_000).catch(() => undefined);
  const delivered = new Set([...receiver.events.values()].map((event) => event.entry.id));
  const queued: string[] = (await t.dataSource.query(`SELECT entry_id::text AS id FROM audit_outbox`)).map((row: { id: string }) => row.id);
  const notDelivered = queued.filter((id) => !delivered.has(id));

  // The summary first, from what happened, so a failure below still shows the real numbers.
  await reportThenAssert(
    '2-fault-database',
    {
      heading: 'fault survived: PostgreSQL crashed (pg_ctl stop -m immediate) and restarted mid-run',
      lines: [
        `postmaster ${pidBefore} crashed; during the outage a new connection got "${'error' in duringOutage ? duringOutage.error.trim() : 'no error'}"; back as postmaster ${pidAfter} after crash recovery`,
        `${SESSIONS} sessions, ${edits.length} edit attempts: ${okSoFar()} acknowledged, ${edits.length - okSoFar()} refused (${count(edits, 'server_error')} HTTP 5xx, ${count(edits, 'refused')} error notices, ${count(edits, 'network_error')} network errors; ${failedDuringOutage} while the server was down)`,
        `${continuity.entries} entries for ${continuity.acknowledged} acknowledged edits, ${continuity.breaks.length} breaks; chain ${chain.ok ? `verified (${chain.count})` : 'BROKEN'}; ${queued.length} events queued, ${queued.length - notDelivered.length} at the receiver`,
      ],
      entriesLost: continuity.lostAcknowledged.length + continuity.breaks.length + notDelivered.length,
    },
    async () => {
      // Down for real: a fresh connection was refused, no postmaster was running, and edits failed.
      expect(duringOutage).toEqual({ error: expect.stringMatching(/ECONNREFUSED/) });
      expect(pidDuringOutage).toBeNull();
      expect(failedDuringOutage).toBeGreaterThan(0);
      // Back as a new server process that had to recover from a crash (no shutdown checkpoint).
      expect(pidAfter).toEqual(expect.any(Number));
      expect(pidAfter).not.toBe(pidBefore);
      expect('startedAt' in after && 'startedAt' in before && after.startedAt.getTime() > before.startedAt.getTime()).toBe(true);
      expect(await readFile(pgServer.logFile, 'utf8')).toMatch(/database system was interrupted|was not properly shut down; automatic recovery in progress/);
      // And the app carried on: every session reached its target on the restarted server, nothing lost.
      expect(okSoFar()).toBe(SESSIONS * TARGET_OK_PER_SESSION);
      expect(healthy).toBe(200);
      expect(continuity.breaks).toEqual([]);
      expect(continuity.lostAcknowledged).toEqual([]);
      expect(continuity.acknowledged).toBe(SESSIONS * TARGET_OK_PER_SESSION);
      expect(chain).toMatchObject({ ok: true });
      expect(await undelivered()).toBe(0);
      expect(queued.length).toBeGreaterThan(0);
      expect(notDelivered).toEqual([]);
    },
  );
});
