import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DataDirLockedError, lockDataDir } from '../../src/db/data-dir-lock.js';
import { seedDemoData } from '../../seeds/seed-demo.js';
import { ADMIN_EMAIL, ADMIN_PASSWORD, AGENT_PASSWORD, startTestApp, type TestApp } from '../helpers/test-app.js';

describe('seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('adds nothing when run a second time', async () => {
    const counts = async () =>
      t.dataSource.query(`SELECT (SELECT count(*) FROM users) u, (SELECT count(*) FROM inboxes) i, (SELECT count(*) FROM inbox_members) im,
        (SELECT count(*) FROM teams) t, (SELECT count(*) FROM team_members) tm, (SELECT count(*) FROM webhooks) w,
        (SELECT count(*) FROM automation_rules) r, (SELECT count(*) FROM account) a, (SELECT count(*) FROM audit_logs) l`);
    const before = await counts();
    const summary = await seedDemoData(t.dataSource, { adminEmail: ADMIN_EMAIL.toUpperCase(), adminPassword: ADMIN_PASSWORD, agentPassword: AGENT_PASSWORD, bcryptRounds: 4 });
    expect(summary.created).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('records what it created as done by System', async () => {
    const entries = await t.entries('inbox.created');
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.actorName === 'System' && entry.actorId === null)).toBe(true);
  });
});

describe('configuration', () => {
  it('names every bad value at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BCRYPT_ROUNDS: '40', TRUST_PROXY: 'sometimes' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toMatch(/PORT: must be a port number/);
      expect(problems).toMatch(/DATABASE_URL: must be a postgres/);
      expect(problems).toMatch(/BCRYPT_ROUNDS: must be at most 15/);
      expect(problems).toMatch(/TRUST_PROXY: must be false, true/);
    }
  });

  it('requires SESSION_SECRET in production and generates one otherwise', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET: required when NODE_ENV=production/);
    const dev = loadConfig({});
    expect(dev.sessionSecretGenerated).toBe(true);
    expect(dev.sessionSecret).toHaveLength(64);
    expect(dev).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', DATA_DIR: './data', TRUST_PROXY: 'false' });
  });
});

describe('embedded data folder lock', () => {
  it('keeps a second process out and takes over a lock whose process is gone', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mh-lock-'));
    const release = lockDataDir(dir);
    fs.writeFileSync(path.join(dir, 'messagehub.lock'), String(process.ppid)); // a live process holds it
    expect(() => lockDataDir(dir)).toThrow(DataDirLockedError);
    fs.writeFileSync(path.join(dir, 'messagehub.lock'), '999999999'); // no such process
    const again = lockDataDir(dir);
    expect(fs.readFileSync(path.join(dir, 'messagehub.lock'), 'utf8')).toBe(String(process.pid));
    again();
    release();
    expect(fs.existsSync(path.join(dir, 'messagehub.lock'))).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
