// `npm run db:upgrade-embedded` on data folders the former default wrote: PGlite in the app's
// process with pg_trgm and btree_gin, served on a loopback port by PGLiteSocketServer, the app's
// migrations run over it, demo data seeded and audited changes made through the app's HTTP panel,
// as the former default did (git show e5bb0e2:src/db/embedded-postgres.ts). The command runs as a
// user runs it (npm, a separate process); the upgraded folder is then opened as the app opens it.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { transactionInAuditScope, verifyAuditChain, type ChainVerification } from '@hashtrail/adminjs-audit';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { loadConfig } from '../../src/config.js';
import { createDataSource } from '../../src/db/data-source.js';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres.js';
import { planSwap } from '../../src/db/former-engine/former-folder.js';
import { runMigrations } from '../../src/db/migrate.js';
import { createApp } from '../../src/http/app.js';
import { createLogger } from '../../src/logger.js';
import { migrationsFor } from '../../migrations/index.js';
import { seedDemoData } from '../../seeds/seed-demo.js';
import { adminApi } from '../helpers/admin-api.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_EMAIL, AGENT_PASSWORD, BROWSER_UA, messageHubAuditFor } from '../helpers/test-app.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const SESSION_SECRET = 'test-session-secret-that-is-long-enough-0123456789';
const logger = createLogger('silent');
/** The audit migrations' role settings, without their note that PGlite has no roles (the former engine's fixtures). */
const quiet = { log: () => undefined };

const appConfig = (url: string, poolSize: number) =>
  loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, SESSION_SECRET, LOG_LEVEL: 'silent', BCRYPT_ROUNDS: '4', DB_POOL_SIZE: String(poolSize) });

/** A folder the embedded server's user (postgres, when the tests run as root) can reach: mkdtemp makes it 0700. */
function tempFolder(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** A copy of a former folder, for one scenario. */
function copyOf(template: string, prefix: string): string {
  const dir = tempFolder(prefix);
  fs.cpSync(template, dir, { recursive: true, preserveTimestamps: true });
  return dir;
}

/** sha256 over every file's path and bytes under `dir`, except the top-level names in `skip`. */
function digestOf(dir: string, skip: string[] = []): string {
  const hash = createHash('sha256');
  const walk = (relative: string) => {
    for (const name of fs.readdirSync(path.join(dir, relative)).sort()) {
      if (relative === '' && skip.includes(name)) continue;
      const entry = path.join(relative, name);
      const stat = fs.lstatSync(path.join(dir, entry));
      hash.update(`${entry}\0`);
      if (stat.isDirectory()) walk(entry);
      else hash.update(fs.readFileSync(path.join(dir, entry)));
    }
  };
  walk('');
  return hash.digest('hex');
}

/** The former default engine, as the app ran it: PGlite in-process, served on a loopback port. */
async function formerEngine(dataDir: string) {
  const db = await PGlite.create({ dataDir, extensions: { pg_trgm, btree_gin } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 6 });
  await server.start();
  return {
    url: `postgres://postgres:postgres@${server.getServerConn()}/postgres`,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

/** Rows per table of the public schema, by name. */
async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = (await dataSource.query(`SELECT tablename::text AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)) as Array<{ name: string }>;
  const counts: Record<string, number> = {};
  for (const { name } of tables) counts[name] = Number((await dataSource.query(`SELECT count(*)::int AS n FROM "${name}"`))[0].n);
  return counts;
}

interface FormerState {
  counts: Record<string, number>;
  /** The global chain's head (entries with no account; empty in a log written since accounts had chains). */
  head: { seq: string; hash: string };
  /** Each account's chain head, by account id. */
  chains: Record<string, { seq: string; hash: string }>;
  /** digestOf() the folder, once closed. */
  digest: string;
}

/** A former folder as the app left it after a demo and a few audited changes through the panel. */
async function makeFormerFolder(dataDir: string): Promise<Omit<FormerState, 'digest'>> {
  const engine = await formerEngine(dataDir);
  const dataSource = await createDataSource({ url: engine.url, poolSize: 1, auditRoles: quiet }).initialize();
  try {
    await runMigrations(dataSource, logger);
    const { express, audit } = createApp(appConfig(engine.url, 1), dataSource, logger);
    await seedDemoData(dataSource, { adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, bcryptRounds: 4 });
    const signIn = async (email: string, password: string) => {
      const agent = request.agent(express);
      const response = await agent.post('/admin/login').set('User-Agent', BROWSER_UA).type('form').send({ email, password });
      expect(response.headers.location).toBe('/admin');
      return agent;
    };
    const admin = adminApi(await signIn(ADMIN_EMAIL, ADMIN_PASSWORD));
    expect((await admin.edit('Inbox', 1, { greeting: 'Hello from the former engine' })).body.notice?.type).toBe('success');
    expect((await admin.create('Team', { name: 'Night shift', description: 'Sees the log across the move' })).body.notice?.type).toBe('success');
    await signIn(AGENT_EMAIL, AGENT_PASSWORD);
    const verified = await audit.verify();
    if (!verified.ok) throw new Error(`the former chain does not verify: ${verified.message}`);
    const counts = await rowCounts(dataSource);
    expect(counts.audit_logs).toBeGreaterThan(10);
    return { counts, head: { seq: verified.headSeq, hash: verified.headHash }, chains: chainHeads(verified) };
  } finally {
    await dataSource.destroy();
    await engine.close();
  }
}

/** Each account chain's head in a walk of every chain. */
function chainHeads(verified: ChainVerification): Record<string, { seq: string; hash: string }> {
  const heads: Record<string, { seq: string; hash: string }> = {};
  for (const chain of verified.chains ?? []) {
    if (!chain.ok) throw new Error(`chain of account ${chain.account} does not verify: ${chain.message}`);
    if (chain.account !== null && chain.account !== undefined) heads[chain.account] = { seq: chain.headSeq, hash: chain.headHash };
  }
  return heads;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function upgradeCommand(dataDir: string, args: string[] = []): { child: ChildProcess; done: Promise<Run>; stderr: () => string } {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete env.DATABASE_URL;
  delete env.NODE_OPTIONS;
  // Its own process group, so a test can kill npm and everything under it at once.
  const child = spawn('npm', ['run', '--silent', 'db:upgrade-embedded', ...(args.length > 0 ? ['--', ...args] : [])], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Run>((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
  return { child, done, stderr: () => stderr };
}

const upgrade = (dataDir: string, args: string[] = []) => upgradeCommand(dataDir, args).done;

const backupsIn = (dataDir: string) => fs.readdirSync(dataDir).filter((name) => name.startsWith('pglite-backup-'));

describe('npm run db:upgrade-embedded', () => {
  const folders: string[] = [];
  let template: string;
  let former: FormerState;

  beforeAll(async () => {
    template = tempFolder('mh-former-');
    folders.push(template);
    former = { ...(await makeFormerFolder(template)), digest: digestOf(template) };
  }, 180_000);
  afterAll(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  let upgraded: string;

  it('moves every row to the embedded server, keeps the audit chain and its head, and keeps the former files in a backup', async () => {
    upgraded = copyOf(template, 'mh-upgrade-');
    folders.push(upgraded);
    const run = await upgrade(upgraded);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`Upgraded ${upgraded} from the former embedded engine (PGlite)`);
    expect(run.stdout).toContain(`head at position ${former.head.seq}, hash ${former.head.hash} (the former database's head)`);

    // The folders swapped; the former files are all in the backup, byte for byte.
    const [backup, ...others] = backupsIn(upgraded);
    expect(others).toEqual([]);
    expect(run.stdout).toContain(`kept, unchanged, in ${path.join(upgraded, backup!)}/`);
    expect(fs.readdirSync(upgraded).sort()).toEqual([backup, 'postgres', 'postgres-password'].sort());
    expect(digestOf(path.join(upgraded, backup!), ['MESSAGEHUB-BACKUP.txt'])).toBe(former.digest);

    // The app opens the folder as it does at every start.
    const embedded = await startEmbeddedPostgres({ dataDir: upgraded, maxConnections: 20 });
    const dataSource = await createDataSource({ url: embedded.url, poolSize: 5 }).initialize();
    try {
      expect(await runMigrations(dataSource, logger)).toEqual([]);
      expect(await rowCounts(dataSource)).toEqual(former.counts);
      expect(await dataSource.query(`SELECT greeting FROM inboxes WHERE id = 1`)).toEqual([{ greeting: 'Hello from the former engine' }]);

      const { express, audit } = createApp(appConfig(embedded.url, 5), dataSource, logger);
      // Every chain verifies and ends where the former one did: the global chain and each account's.
      const moved = await audit.verify();
      expect(moved).toMatchObject({ ok: true, headSeq: former.head.seq, headHash: former.head.hash });
      expect(chainHeads(moved)).toEqual(former.chains);
      const account = String((await dataSource.query(`SELECT min(id) AS id FROM account`))[0].id);
      expect(Object.keys(former.chains)).toContain(account);

      // The administrator signs in with the password set before the move; the entry joins their account's chain, after its former head.
      const signIn = await request(express).post('/admin/login').set('User-Agent', BROWSER_UA).type('form').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(signIn.headers.location).toBe('/admin');
      const [newest] = (await dataSource.query(
        `SELECT action, chain_format, account_id::text AS account, chain_seq::text AS seq, prev_hash FROM audit_logs ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      )) as Array<{ action: string; seq: string; prev_hash: string }>;
      expect(newest).toEqual({
        action: 'session.signed_in', chain_format: 3, account, seq: String(BigInt(former.chains[account]!.seq) + 1n), prev_hash: former.chains[account]!.hash,
      });
      const after = await audit.verify();
      expect(after).toMatchObject({ ok: true, headSeq: former.head.seq, headHash: former.head.hash });
      expect(chainHeads(after)[account]).toMatchObject({ seq: newest!.seq });
      // Sequences carried on from where they were: a new team gets the next id, not 1.
      const [{ max }] = await dataSource.query(`SELECT max(id)::int AS max FROM teams`);
      const [{ next }] = await dataSource.query(`SELECT nextval('teams_id_seq')::int AS next`);
      expect(next).toBe(max + 1);
    } finally {
      await dataSource.destroy();
      await embedded.close();
    }
  }, 180_000);

  it('says an upgraded folder is already upgraded, and changes nothing', async () => {
    const before = fs.readdirSync(upgraded).sort();
    const password = fs.readFileSync(path.join(upgraded, 'postgres-password'), 'utf8');
    const cluster = digestOf(path.join(upgraded, 'postgres'));
    const run = await upgrade(upgraded);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`${upgraded} is already upgraded`);
    expect(fs.readdirSync(upgraded).sort()).toEqual(before);
    expect(fs.readFileSync(path.join(upgraded, 'postgres-password'), 'utf8')).toBe(password);
    expect(digestOf(path.join(upgraded, 'postgres'))).toBe(cluster);
  }, 60_000);

  it('finishes a swap an earlier run verified and was cut short in', async () => {
    // The state a run killed while moving folders leaves: the copy verified (swap.json written), the
    // password moved, the cluster not yet, half the former files in the backup.
    const [backup] = backupsIn(upgraded);
    const work = path.join(upgraded, 'upgrade-embedded-in-progress');
    fs.mkdirSync(work);
    fs.renameSync(path.join(upgraded, 'postgres'), path.join(work, 'postgres'));
    fs.rmSync(path.join(upgraded, backup!, 'MESSAGEHUB-BACKUP.txt'));
    const formerFiles = fs.readdirSync(path.join(upgraded, backup!)).sort();
    for (const name of formerFiles.slice(0, formerFiles.length / 2)) fs.renameSync(path.join(upgraded, backup!, name), path.join(upgraded, name));
    planSwap(upgraded, backup!);

    const run = await upgrade(upgraded);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`Finished the upgrade an earlier run had verified: ${upgraded}'s data is in the embedded PostgreSQL server`);
    expect(fs.readdirSync(upgraded).sort()).toEqual([backup, 'postgres', 'postgres-password'].sort());
    expect(digestOf(path.join(upgraded, backup!), ['MESSAGEHUB-BACKUP.txt'])).toBe(former.digest);
  }, 60_000);

  it('refuses while the app runs on the folder, and changes nothing', async () => {
    const dir = copyOf(template, 'mh-upgrade-locked-');
    folders.push(dir);
    const release = lockDataDir(dir); // as the app holds it: this process runs
    try {
      const run = await upgrade(dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`Not upgraded: The data folder ${dir} is in use by another process \\(pid ${process.pid}\\)\\. Stop MessageHub first`));
      expect(digestOf(dir, ['messagehub.lock'])).toBe(former.digest);
    } finally {
      release();
    }
  }, 60_000);

  it('refuses a folder the former engine did not write', async () => {
    const dir = tempFolder('mh-upgrade-empty-');
    folders.push(dir);
    const run = await upgrade(dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Not upgraded: ${dir} is not a data folder of MessageHub's former embedded engine (PGlite)`);
    expect(fs.readdirSync(dir)).toEqual([]);
  }, 60_000);

  it('starts over after a run killed half-way, the former files untouched by the failed one', async () => {
    const dir = copyOf(template, 'mh-upgrade-killed-');
    folders.push(dir);
    const first = upgradeCommand(dir);
    // Killed (kill -9, npm and all under it) while its migrations run on the new cluster.
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (first.stderr().includes('Creating the former database')) {
          clearInterval(timer);
          process.kill(-first.child.pid!, 'SIGKILL');
          resolve();
        } else if (first.child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`the upgrade ended before it could be killed: ${first.stderr()}`));
        }
      }, 50);
    });
    await first.done;
    expect(fs.existsSync(path.join(dir, 'upgrade-embedded-in-progress', 'postgres'))).toBe(true);
    expect(digestOf(dir, ['upgrade-embedded-in-progress', 'messagehub.lock'])).toBe(former.digest);

    const second = await upgrade(dir);
    expect(second).toMatchObject({ code: 0 });
    expect(second.stderr).toContain('left by an earlier upgrade that did not finish');
    expect(second.stdout).toContain(`hash ${former.head.hash} (the former database's head)`);
    const [backup] = backupsIn(dir);
    expect(digestOf(path.join(dir, backup!), ['MESSAGEHUB-BACKUP.txt'])).toBe(former.digest);
    expect(fs.readdirSync(dir).sort()).toEqual([backup, 'postgres', 'postgres-password'].sort());
  }, 120_000);

  it('refuses a log whose chain was already broken before the move, unless told to move it as it is', async () => {
    const dir = copyOf(template, 'mh-upgrade-tampered-');
    folders.push(dir);
    // A superuser of the former engine edited an entry with the guards set aside.
    const db = await PGlite.create({ dataDir: dir, extensions: { pg_trgm, btree_gin } });
    await db.exec(`SET session_replication_role = replica; UPDATE audit_logs SET actor_name = 'Mallory' WHERE account_id = 1 AND chain_format = 3 AND chain_seq = 3`);
    await db.close();
    const tampered = digestOf(dir);

    const refused = await upgrade(dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Not upgraded: The copy matches the former database row for row, but its audit chain does not verify');
    expect(refused.stderr).toMatch(/^\s*account 1: TAMPERED first bad entry id \d+ \[content_altered\]/m);
    expect(digestOf(dir)).toBe(tampered);

    const moved = await upgrade(dir, ['--accept-broken-chain']);
    expect(moved).toMatchObject({ code: 0 });
    expect(moved.stdout).toMatch(/Audit chain NOT verified, moved as it was \(--accept-broken-chain\): global chain: OK [^\n]*\n(account \d+: OK [^\n]*\n)*account 1: TAMPERED first bad entry id \d+ \[content_altered\]/);
    const [backup] = backupsIn(dir);
    expect(digestOf(path.join(dir, backup!), ['MESSAGEHUB-BACKUP.txt'])).toBe(tampered);
  }, 120_000);

  it('runs the migrations a folder of an older version lacks after copying its rows', async () => {
    const dir = tempFolder('mh-upgrade-older-');
    folders.push(dir);
    // An older MessageHub: every migration before the users' language (1764000000610), so it lacks
    // that one and each later one (the Audit Logs API, the audit log's chains per account, many
    // accounts, …). Counted by version rather than from the newest: a migration added later is one
    // more it lacks, and the older schema stays the one written to below.
    const migrations = migrationsFor(quiet);
    const nameOf = (migration: (typeof migrations)[number]) => new migration().name ?? '';
    const versionOf = (migration: (typeof migrations)[number]) => Number(nameOf(migration).slice(-13));
    const older = migrations.filter((migration) => versionOf(migration) < 1764000000610);
    const lacking = migrations.filter((migration) => versionOf(migration) >= 1764000000610).sort((a, b) => versionOf(a) - versionOf(b)).map(nameOf);
    expect(lacking.slice(0, 4)).toEqual(['AddUserLanguage1764000000610', 'AddAuditApi1764000000700', 'AddAuditAccountChains1764000000800', 'AddManyAccounts1764000000810']);
    const engine = await formerEngine(dir);
    const dataSource = createDataSource({ url: engine.url, poolSize: 1, auditRoles: quiet });
    dataSource.setOptions({ migrations: older });
    await dataSource.initialize();
    let head: { seq: string; hash: string };
    try {
      await runMigrations(dataSource, logger);
      await dataSource.query(`INSERT INTO account (name, support_email) VALUES ('Older Inc', 'help@older.example')`);
      await dataSource.query(`INSERT INTO teams (name) VALUES ('Older team')`);
    } finally {
      await dataSource.destroy();
    }
    // Two entries written by that version's append function, audit_append_entry_v2: the global chain
    // (format 2), the only one then. This version's plugin appends through audit_append_entry_v3, which
    // migration 1764000000800 makes, so it cannot write on that schema (its start-up check only wants
    // the migrations listed, not run): the entries are appended as the older version did, in SQL.
    const writer = await createDataSource({ url: engine.url, poolSize: 1, auditRoles: quiet }).initialize();
    try {
      for (const id of ['1', '2']) {
        await writer.transaction((manager) =>
          manager.query(
            `SELECT * FROM audit_append_entry_v2(gen_random_uuid(), $1, $2, NULL, NULL, 'session.signed_out', 'User', 'user', $1, $2,
                                                 NULL, '{}'::jsonb, NULL, NULL, NULL, NULL, '{}'::jsonb, $2 || ' signed out')`,
            [id, `Person ${id}`],
          ),
        );
      }
      expect(await writer.query(`SELECT to_regclass('audit_account_chains') IS NULL AS absent`)).toEqual([{ absent: true }]);
      const verified = await verifyAuditChain(writer, { account: null });
      if (!verified.ok) throw new Error(`the older chain does not verify: ${verified.message}`);
      expect(verified).toMatchObject({ count: 2, headSeq: '2' });
      head = { seq: verified.headSeq, hash: verified.headHash };
    } finally {
      await writer.destroy();
      await engine.close();
    }

    const run = await upgrade(dir);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`the former database had run ${older.length}; ran the missing ${lacking.join(', ')}.`);
    expect(run.stdout).toContain(`Audit chain verified: 2 entries, head at position ${head.seq}, hash ${head.hash} (the former database's head)`);

    const embedded = await startEmbeddedPostgres({ dataDir: dir, maxConnections: 20 });
    const upgradedSource = await createDataSource({ url: embedded.url, poolSize: 2 }).initialize();
    try {
      expect(await runMigrations(upgradedSource, logger)).toEqual([]);
      expect(await upgradedSource.query(`SELECT name FROM teams`)).toEqual([{ name: 'Older team' }]);
      expect(await upgradedSource.query(`SELECT count(*)::int AS n FROM migrations`)).toEqual([{ n: migrations.length }]);
      expect(await upgradedSource.query(`SELECT actor_name FROM audit_logs ORDER BY chain_seq`)).toEqual([{ actor_name: 'Person 1' }, { actor_name: 'Person 2' }]);
      // This version then writes to account chains (here the system log, 0); the former entries stay the global chain, its head where it was.
      const audit = messageHubAuditFor(upgradedSource);
      await transactionInAuditScope(upgradedSource, {}, (manager) =>
        audit.record(manager, { action: 'session.signed_out', actor: { id: '3', name: 'Person 3', email: null, role: null }, targetType: 'user', targetId: '3' }),
      );
      expect(await upgradedSource.query(`SELECT actor_name, account_id::text AS account, chain_format, chain_seq::text AS seq FROM audit_logs ORDER BY id`)).toEqual([
        { actor_name: 'Person 1', account: null, chain_format: 2, seq: '1' },
        { actor_name: 'Person 2', account: null, chain_format: 2, seq: '2' },
        { actor_name: 'Person 3', account: '0', chain_format: 3, seq: '1' },
      ]);
      const verified = await audit.verify();
      expect(verified).toMatchObject({ ok: true, count: 3, headSeq: head!.seq, headHash: head!.hash });
      expect(verified.chains?.map((chain) => [chain.account, chain.count])).toEqual([[null, 2], ['0', 1]]);
    } finally {
      await upgradedSource.destroy();
      await embedded.close();
    }
  }, 180_000);
});
