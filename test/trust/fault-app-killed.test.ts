// Fault: the app process is killed with SIGKILL mid-run and started again, while the webhook
// receiver is down for part of the run. Afterwards no change is without its entry and no entry
// without its change, the chain verifies, and every queued event reached the receiver (at least
// once: a batch in flight when the process died is sent again after its lease runs out).
import { spawn, type ChildProcess } from 'node:child_process';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { createDataSource } from '../../src/db/data-source.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL } from '../helpers/test-app.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';
import { eventually, startReceiver, type Receiver } from './receiver.js';
import { reportThenAssert } from './summary.js';
import { freePort } from '../helpers/free-port.js';
import { concurrencyCapableServer, onServer } from '../helpers/throwaway-postgres.js';
import { checkContinuity, count, createInboxes, renameUntilAcknowledged, type EditRecord } from './workload.js';

const SESSIONS = 4;
const TARGET_OK_PER_SESSION = 15;
const SECRET = 'kill-test-secret-0123456789';
const ADMIN_PASSWORD = 'Kill-Test-Admin-Password';

let database: TestDatabase;
let receiver: Receiver;
let dataSource: DataSource;
let port: number;
let child: ChildProcess | null = null;
let output = '';

async function startApp(): Promise<void> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    AUDIT_PURGE_DAILY: 'true', // the in-process retention run at start, alongside the workload
    BCRYPT_ROUNDS: '4',
    SESSION_SECRET: 'kill-test-session-secret-0123456789abcdef',
    SEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
    AUDIT_WEBHOOK_URL: receiver.url,
    AUDIT_WEBHOOK_SECRET: SECRET,
    AUDIT_DELIVERY_POLL_MS: '20',
    AUDIT_DELIVERY_RETRY_MIN_MS: '50',
    AUDIT_DELIVERY_RETRY_MAX_MS: '300',
    AUDIT_DELIVERY_LEASE_MS: '1000',
  };
  delete env.NODE_OPTIONS;
  delete env.TRUST_SUMMARY_DIR;
  const started = spawn(process.execPath, ['--conditions=hashtrail-source', '--import', 'tsx', 'src/main.ts'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child = started;
  await eventually(
    `the app answers on port ${port}`,
    async () => {
      if (started.exitCode !== null) throw new Error(`the app exited with ${started.exitCode}:\n${output}`);
      return (await request(`http://127.0.0.1:${port}`).get('/healthz').catch(() => null))?.status === 200;
    },
    90_000,
  );
}

async function kill(): Promise<void> {
  const victim = child!;
  const exited = new Promise((resolve) => victim.once('exit', resolve));
  victim.kill('SIGKILL');
  await exited;
  child = null;
}

let server: Awaited<ReturnType<typeof concurrencyCapableServer>>;
beforeAll(async () => {
  server = await concurrencyCapableServer();
  database = await onServer(server.url, () => createTestDatabase());
  receiver = await startReceiver(SECRET);
  port = await freePort();
  await startApp();
  dataSource = await createDataSource({ url: database.url, poolSize: 2 }).initialize();
});
afterAll(async () => {
  if (child) await kill();
  await dataSource?.destroy();
  await receiver?.close();
  await database?.drop();
  await server?.release();
});

it('loses nothing when the app is killed with SIGKILL mid-run and the receiver is down for a while', async () => {
  const base = `http://127.0.0.1:${port}`;
  const signIn = async () => {
    const agent = request.agent(base);
    const response = await agent.post('/admin/login').type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    if (response.headers.location !== '/admin') throw new Error(`sign-in failed: HTTP ${response.status}`);
    return adminApi(agent);
  };
  const admin = await signIn();
  const { inboxes, firstNames } = await createInboxes(admin, Array.from({ length: SESSIONS }, (_, i) => `Kill inbox ${i}`));
  const sessions: Array<ReturnType<typeof adminApi>> = [];
  for (let i = 0; i < SESSIONS; i++) sessions.push(await signIn());

  const edits: EditRecord[] = [];
  const deadline = Date.now() + 120_000;
  const workload = renameUntilAcknowledged(sessions, inboxes, { okPerSession: TARGET_OK_PER_SESSION, deadline, retryAfterMs: 100, edits });
  await eventually('some edits are done', () => count(edits, 'ok') >= SESSIONS * 3, 30_000);
  await receiver.down();
  await eventually('more edits are done with the receiver down', () => count(edits, 'ok') >= SESSIONS * 6, 30_000);
  await kill();
  const killedAfter = count(edits, 'ok');
  await receiver.up();
  await startApp(); // same port, same database; sessions live in PostgreSQL and survive
  await workload;

  // Everything measured first, recorded for the summary, then asserted: a failing run still shows its numbers.
  const continuity = await checkContinuity(dataSource, firstNames, edits);
  const chain = await verifyAuditChain(dataSource);
  // Not drained in time shows as undelivered events below (counted, then asserted), not as a thrown wait.
  await eventually('the outbox is drained', async () => Number((await dataSource.query(`SELECT count(*)::int AS n FROM audit_outbox WHERE delivered_at IS NULL`))[0].n) === 0, 60_000).catch(() => undefined);
  const delivered = new Set([...receiver.events.values()].map((event) => event.entry.id));
  const queued: string[] = (await dataSource.query(`SELECT entry_id::text AS id FROM audit_outbox`)).map((row: { id: string }) => row.id);
  const undelivered = queued.filter((id) => !delivered.has(id));

  await reportThenAssert(
    '3-fault-app',
    {
      heading: 'fault survived: app killed with SIGKILL mid-run and restarted; webhook receiver down, then up',
      lines: [
        `${SESSIONS} sessions, ${edits.length} edit attempts: ${count(edits, 'ok')} acknowledged (${killedAfter} before the kill), ${count(edits, 'network_error')} attempts failed while the app was down`,
        `every inbox's entries unbroken (${continuity.entries} entries); chain ${chain.ok ? 'verified' : 'BROKEN'} (${chain.count}); outbox: ${queued.length} events, ${undelivered.length} not at the receiver (${receiver.duplicates} sent twice and de-duplicated by event id)`,
      ],
      entriesLost: continuity.lostAcknowledged.length + continuity.breaks.length + undelivered.length,
    },
    () => {
      expect(count(edits, 'ok')).toBe(SESSIONS * TARGET_OK_PER_SESSION);
      expect(count(edits, 'network_error')).toBeGreaterThan(0); // the kill was felt
      expect(continuity.breaks).toEqual([]);
      expect(continuity.lostAcknowledged).toEqual([]);
      expect(chain).toMatchObject({ ok: true });
      expect(undelivered).toEqual([]);
      expect(receiver.badSignatures).toBe(0);
      expect(output).toMatch(/Audit retention: purged 0 entries older than \d{4}-/);
    },
  );
});
