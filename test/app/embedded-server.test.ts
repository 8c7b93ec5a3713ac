// Issue #15's fault targets for the embedded PostgreSQL server, on real processes: the app started
// as `npm start` starts it (from the sources, through tsx, for speed) with no DATABASE_URL, so the
// server runs as a child process on DATA_DIR/postgres, whatever TEST_DATABASE_URL says.
// - kill -9 of the app, then a new start: nothing committed lost, no server process left
//   running (the watchdog stops it), the data folder's lock recovered with a clear message;
// - the watchdog killed too: the next start stops the orphaned server cleanly, saying so;
// - a second app on the same folder is refused and the first keeps running;
// - concurrent requests all succeed (the former engine, PGlite, served one session);
// - a normal stop (SIGTERM, Ctrl-C) leaves no server process and no lock; audit:verify says OK;
// - after a reboot, the lock and postmaster.pid name numbers that other processes now have: those
//   are left alone, and the app starts.
// Each wait polls a condition with a deadline; the cases run in order on one data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { createDataSource } from '../../src/db/data-source.js';
import { adminApi, type ActionResult } from '../helpers/admin-api.js';
import {
  clusterProcesses,
  embeddedServerUrl,
  INFO,
  isAlive,
  postmastersOf,
  startAppProcess,
  until,
  watchdogsOf,
  type AppProcess,
} from '../helpers/app-process.js';
import { freePort } from '../helpers/free-port.js';
import { BROWSER_UA } from '../helpers/test-app.js';

const ADMIN_EMAIL = 'admin@messagehub.local';
const ADMIN_PASSWORD = 'Embedded-Server-Admin-1';
/** The watchdog looks once a second; a fast shutdown takes well under a second more. */
const SERVER_GONE_MS = 5_000;
const READY_MS = 60_000;

// Under os.tmpdir() and opened to others: as root, the server runs as `postgres` (or `nobody`), which must reach DATA_DIR/postgres.
// Its real path: the server's working directory (read from /proc) is one.
const dataDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'mh-embedded-server-')));
fs.chmodSync(dataDir, 0o755);
const clusterDir = path.join(dataDir, 'postgres');
const lockFile = path.join(dataDir, 'messagehub.lock');

let port: number;
const apps: AppProcess[] = [];
let running: AppProcess;
let base: string;
let admin: ReturnType<typeof adminApi>;
/** Inboxes this test made, by id, with the name each should have now. */
const inboxes = new Map<string, string>();
/** A running server's postmaster.pid, to leave behind as a power cut would. */
let postmasterPidFile = '';
/** Processes standing in for whatever got a dead process's number after a reboot. */
const decoys: ChildProcess[] = [];

function env(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    DATA_DIR: dataDir,
    ADMIN_JS_TMP_DIR: path.join(dataDir, 'adminjs-bundle'),
    PORT: String(port),
    HOST: '127.0.0.1',
    NODE_ENV: 'test',
    // debug: the server's own lines too (a clean start after a clean stop, or crash recovery).
    LOG_LEVEL: 'debug',
    BCRYPT_ROUNDS: '4',
    SESSION_SECRET: 'embedded-server-test-session-secret-0123456789',
    SEED_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ...overrides,
  };
}

function start(overrides: Record<string, string> = {}, script?: string): AppProcess {
  const app = startAppProcess(env(overrides), script);
  apps.push(app);
  return app;
}

async function startReady(): Promise<AppProcess> {
  const app = start();
  base = await app.ready;
  return app;
}

async function signIn(url: string): Promise<ReturnType<typeof adminApi>> {
  const agent = request.agent(url);
  const response = await agent.post('/admin/login').set('User-Agent', BROWSER_UA).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
  if (response.headers.location !== '/admin') throw new Error(`sign-in failed: HTTP ${response.status} to ${response.headers.location}`);
  return adminApi(agent);
}

/** A connection of the test's own to the running embedded server. */
async function onServer<T>(work: (dataSource: DataSource) => Promise<T>): Promise<T> {
  const dataSource = await createDataSource({ url: embeddedServerUrl(dataDir), poolSize: 2 }).initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/** Each inbox has its expected name, and an entry for its creation and for the change to that name; the chain verifies. */
async function expectEverythingCommitted(): Promise<void> {
  await onServer(async (dataSource) => {
    for (const [id, name] of inboxes) {
      const [row] = await dataSource.query(`SELECT name FROM inboxes WHERE id = $1`, [id]);
      expect({ id, name: row?.name }).toEqual({ id, name });
      const entries = (await dataSource.query(
        `SELECT action, changes->'name'->>'to' AS "to" FROM audit_logs WHERE target_type = 'inbox' AND target_id = $1 ORDER BY chain_seq`,
        [id],
      )) as Array<{ action: string; to: string | null }>;
      expect(entries.map((entry) => entry.action)).toContain('inbox.created');
      if (!name.startsWith('Killed ')) expect({ id, renamedTo: entries.filter((entry) => entry.action === 'inbox.updated').map((entry) => entry.to) }).toEqual({ id, renamedTo: [name] });
    }
    const chain = await verifyAuditChain(dataSource);
    expect(chain).toMatchObject({ ok: true });
  });
}

/** Lines meant for the person running the app (info or above) that name `pid`. */
const noticesNaming = (app: AppProcess, pid: number) =>
  app
    .logLines()
    .filter((line) => line.level >= INFO && new RegExp(`\\b${pid}\\b`).test(line.msg))
    .map((line) => line.msg);

/** The server's own start-up lines: after a clean stop it says "was shut down at"; after a crash, recovery. */
const serverStartLines = (app: AppProcess) =>
  app
    .logLines()
    .map((line) => line.msg)
    .filter((msg) => /database system was|automatic recovery/.test(msg));

beforeAll(async () => {
  port = await freePort();
});

afterAll(async () => {
  for (const decoy of decoys) decoy.kill('SIGKILL');
  // Whatever a failed case left behind: the apps (each in a group of its own, with its server), their watchdogs, an orphaned server.
  for (const app of apps) {
    if (app.child.exitCode === null && app.child.signalCode === null) {
      try {
        process.kill(-app.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await app.exited;
    }
    for (const guard of watchdogsOf(app.pid)) process.kill(guard.pid, 'SIGKILL');
  }
  for (const leftover of clusterProcesses(clusterDir)) process.kill(leftover.pid, 'SIGKILL');
  await until('the cluster has no process left', () => clusterProcesses(clusterDir).length === 0, 10_000).catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded PostgreSQL server under faults (real processes, no DATABASE_URL)', () => {
  it('loses nothing when the app is killed with kill -9: the watchdog stops the server, the next start recovers the lock and says so', async () => {
    const first = await startReady();
    expect(first.output()).toContain(`Embedded PostgreSQL: data lives in ${dataDir}`);
    admin = await signIn(base);
    for (let i = 0; i < 10; i++) {
      const name = `Killed ${i}`;
      const created = await admin.create('Inbox', { name, channelType: 'email' });
      expect({ status: created.status, notice: created.body.notice?.type }).toEqual({ status: 200, notice: 'success' });
      inboxes.set(String(created.body.record!.params.id), name);
    }
    expect(postmastersOf(clusterDir)).toHaveLength(1);
    expect(watchdogsOf(first.pid)).toHaveLength(1);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(first.pid));

    first.child.kill('SIGKILL');
    await first.exited;
    await until('no process of the embedded server runs on the cluster', () => clusterProcesses(clusterDir).length === 0, SERVER_GONE_MS);
    await until('the watchdog has ended', () => watchdogsOf(first.pid).length === 0, SERVER_GONE_MS);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(first.pid)); // no chance to remove it

    running = await startReady();
    expect((await request(base).get('/healthz')).body).toEqual({ status: 'ok' });
    // The watchdog's stop was a clean one: no crash recovery at this start.
    expect(serverStartLines(running)).toEqual([expect.stringMatching(/database system was shut down at/)]);
    // The lock the killed app left: taken over, and said so at a level an operator sees.
    expect(noticesNaming(running, first.pid)).toEqual([expect.stringMatching(/lock/i)]);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(running.pid));
    // Sessions live in the database: the admin signed in before the kill is still signed in.
    const listed = await admin.list('Inbox');
    expect({ status: listed.status, records: Array.isArray(listed.body.records) }).toEqual({ status: 200, records: true });
    await expectEverythingCommitted();
  }, READY_MS * 2);

  it('refuses a second app on the same data folder with a clear message, and the first keeps running unharmed', async () => {
    const [postmaster] = postmastersOf(clusterDir);
    const second = start({ PORT: String(await freePort()) });
    const { code } = await second.exited;
    expect(code).not.toBe(0);
    expect(second.output()).toContain(`The data folder ${dataDir} is in use by another process (pid ${running.pid})`);
    expect(second.output()).not.toMatch(/ready on/);

    expect(postmastersOf(clusterDir).map((info) => info.pid)).toEqual([postmaster!.pid]);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(running.pid));
    expect((await request(base).get('/healthz')).body).toEqual({ status: 'ok' });
    const created = await admin.create('Inbox', { name: 'Killed 10', channelType: 'email' });
    expect({ status: created.status, notice: created.body.notice?.type }).toEqual({ status: 200, notice: 'success' });
    inboxes.set(String(created.body.record!.params.id), 'Killed 10');
  }, READY_MS);

  it('lets npm run audit:verify check the log beside the running app, on its server, and leaves that server running', async () => {
    const [postmaster] = postmastersOf(clusterDir);
    const verify = start({}, 'src/cli/audit-verify.ts');
    const { code } = await verify.exited;
    expect(verify.output()).toMatch(/^OK \d+ entries verified/m);
    expect(code).toBe(0);
    expect(postmastersOf(clusterDir).map((info) => info.pid)).toEqual([postmaster!.pid]);
    expect(fs.readFileSync(lockFile, 'utf8').trim()).toBe(String(running.pid));
    expect((await request(base).get('/healthz')).body).toEqual({ status: 'ok' });
  }, READY_MS);

  it('serves 20 concurrent requests of four signed-in admins, lists and edits, with no error, on several database sessions', async () => {
    const sessions = [admin, ...(await Promise.all([1, 2, 3].map(() => signIn(base))))];
    const ids = [...inboxes.keys()];
    const resources = ['Inbox', 'AuditLog', 'Team', 'User', 'Webhook'];
    type Outcome = { what: string; response?: ActionResult; error?: string };
    const burst: Array<Promise<Outcome>> = Array.from({ length: 20 }, (_, i) => {
      const api = sessions[i % sessions.length]!;
      const call =
        i % 2 === 0
          ? api.edit('Inbox', ids[i / 2]!, { name: `Concurrent ${i / 2}` }).then((response) => ({ what: `rename inbox ${ids[i / 2]}`, response }))
          : api.list(resources[(i - 1) / 2 % resources.length]!).then((response) => ({ what: `list ${resources[(i - 1) / 2 % resources.length]}`, response }));
      return call.catch((error: unknown) => ({ what: `request ${i}`, error: String(error) }));
    });
    const outcomes = await Promise.all(burst);
    const failed = outcomes.filter(({ what, response }) => {
      if (!response || response.status !== 200) return true;
      return what.startsWith('rename') ? response.body.notice?.type !== 'success' : !Array.isArray(response.body.records);
    });
    expect(failed.map(({ what, response, error }) => `${what}: ${error ?? `HTTP ${response!.status} ${response!.body.notice?.message ?? ''}`}`)).toEqual([]);
    for (let k = 0; k < 10; k++) inboxes.set(ids[k]!, `Concurrent ${k}`);

    // The app's pool held several sessions at once (idle ones stay open for 10 s).
    const client = new pg.Client({ connectionString: embeddedServerUrl(dataDir) });
    await client.connect();
    try {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`);
      expect(rows[0].n).toBeGreaterThan(1);
    } finally {
      await client.end();
    }
    await expectEverythingCommitted();
  }, READY_MS);

  it('stops the server an earlier app left running when the watchdog was killed too, says so, and runs exactly one server', async () => {
    const [orphan] = postmastersOf(clusterDir);
    const [guard] = watchdogsOf(running.pid);
    expect(orphan).toBeDefined();
    expect(guard).toBeDefined();
    process.kill(guard!.pid, 'SIGKILL');
    await until('the watchdog is gone', () => !isAlive(guard!.pid), SERVER_GONE_MS);
    const killed = running;
    killed.child.kill('SIGKILL');
    await killed.exited;
    // Nobody is left to stop it: the server runs on, orphaned, and still serves.
    expect(isAlive(orphan!.pid)).toBe(true);
    const client = new pg.Client({ connectionString: embeddedServerUrl(dataDir) });
    await client.connect();
    await client.end();

    running = await startReady();
    expect(isAlive(orphan!.pid)).toBe(false);
    const postmasters = postmastersOf(clusterDir);
    expect(postmasters).toHaveLength(1);
    expect(postmasters[0]!.pid).not.toBe(orphan!.pid);
    expect(watchdogsOf(running.pid)).toHaveLength(1);
    // Stopped cleanly (a fast shutdown, no crash recovery), and said so where an operator sees it.
    expect(serverStartLines(running)).toEqual([expect.stringMatching(/database system was shut down at/)]);
    expect(noticesNaming(running, orphan!.pid)).toEqual([expect.stringMatching(/database server|PostgreSQL/i)]);
    expect(noticesNaming(running, killed.pid)).toEqual([expect.stringMatching(/lock/i)]);
    expect((await request(base).get('/healthz')).body).toEqual({ status: 'ok' });
    await expectEverythingCommitted();
  }, READY_MS);

  it('leaves no server process, no watchdog and no lock after a SIGTERM, a Ctrl-C, and an audit:verify that says OK', async () => {
    postmasterPidFile = fs.readFileSync(path.join(clusterDir, 'postmaster.pid'), 'utf8');
    const stopped = running;
    stopped.child.kill('SIGTERM');
    expect(await stopped.exited).toEqual({ code: 0, signal: null });
    // The app waits for its server to stop before it exits: nothing to wait for here.
    expect(clusterProcesses(clusterDir)).toEqual([]);
    expect(fs.existsSync(lockFile)).toBe(false);
    await until('the watchdog has ended', () => watchdogsOf(stopped.pid).length === 0, SERVER_GONE_MS);

    // Ctrl-C in a terminal: SIGINT to the whole foreground group, the app and its server at once.
    const interrupted = await startReady();
    expect(serverStartLines(interrupted)).toEqual([expect.stringMatching(/database system was shut down at/)]);
    process.kill(-interrupted.pid, 'SIGINT');
    expect(await interrupted.exited).toEqual({ code: 0, signal: null });
    expect(clusterProcesses(clusterDir)).toEqual([]);
    expect(fs.existsSync(lockFile)).toBe(false);
    await until('the watchdog has ended', () => watchdogsOf(interrupted.pid).length === 0, SERVER_GONE_MS);
    expect(interrupted.logLines().filter((line) => line.level >= 50)).toEqual([]);

    // npm run audit:verify on the folder: its own server for the check, stopped afterwards.
    const verify = start({}, 'src/cli/audit-verify.ts');
    const { code } = await verify.exited;
    expect(verify.output()).toMatch(/^OK \d+ entries verified/m);
    expect(code).toBe(0);
    expect(clusterProcesses(clusterDir)).toEqual([]);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, READY_MS * 2);

  it('after a reboot, leaves alone the processes that now have the numbers in the lock and in postmaster.pid, says so, and starts', async () => {
    // What a power cut leaves: the lock and the server's postmaster.pid, written an hour ago, naming
    // numbers that, since the reboot, belong to other processes (one of them even called postgres).
    const spawnDecoy = (name: string) => {
      const decoy = spawn('sleep', ['120'], { argv0: name, stdio: 'ignore' });
      decoys.push(decoy);
      return decoy.pid!;
    };
    const holderNow = spawnDecoy('node');
    const serverNow = spawnDecoy('postgres');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    fs.writeFileSync(lockFile, String(holderNow));
    fs.utimesSync(lockFile, anHourAgo, anHourAgo);
    const pidFile = path.join(clusterDir, 'postmaster.pid');
    fs.writeFileSync(pidFile, postmasterPidFile.replace(/^\d+/, String(serverNow)));
    fs.utimesSync(pidFile, anHourAgo, anHourAgo);

    const restarted = start();
    base = await restarted.ready;
    expect(isAlive(holderNow)).toBe(true);
    expect(isAlive(serverNow)).toBe(true);
    expect(noticesNaming(restarted, holderNow)).toEqual([expect.stringMatching(/lock/i)]);
    expect(noticesNaming(restarted, serverNow)).toEqual([expect.stringMatching(/postmaster\.pid/)]);
    expect(postmastersOf(clusterDir)).toHaveLength(1);
    expect((await request(base).get('/healthz')).body).toEqual({ status: 'ok' });
    await expectEverythingCommitted();

    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toEqual({ code: 0, signal: null });
    expect(clusterProcesses(clusterDir)).toEqual([]);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, READY_MS);
});
