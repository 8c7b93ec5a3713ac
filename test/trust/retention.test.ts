// Retention: entries past AUDIT_RETENTION_DAYS leave through the one path the database allows,
// the purge is itself recorded, and the chain still verifies afterwards.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AuditChainBrokenError } from '@hashtrail/adminjs-audit';
import { purgeExpiredEntries } from '../../src/audit/retention.js';
import { schedulePurge } from '../../src/audit/purge-schedule.js';
import { createLogger } from '../../src/logger.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { ageOldestEntries, asSuperuserBypassingTriggers, restoreRows, snapshotRow } from './superuser.js';

const run = promisify(execFile);
let t: TestApp;
let audit: TestApp['audit'];
beforeAll(async () => {
  // Purging while writers run is a concurrency test: a real server, not the one-connection embedded engine.
  t = await onConcurrencyCapableServer(() => startTestApp());
  audit = t.audit;
});
afterAll(() => t.close());

const count = async (where = 'true') => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE ${where}`))[0].n);
const writeEntries = (n: number, label: string) =>
  t.dataSource.transaction(async (manager) => {
    for (let i = 0; i < n; i++) await audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: i, targetLabel: `${label} ${i}` });
  });

describe('the database allows no other way out', () => {
  it('refuses a direct DELETE of an old entry, even one the purge would remove', async () => {
    await ageOldestEntries(t.dataSource, 3, 400);
    await expect(t.dataSource.query(`DELETE FROM audit_logs WHERE chain_seq = (SELECT anchor_seq FROM audit_chain_head)`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_logs`)).rejects.toThrow(/append-only/);
  });

  it('refuses moving the chain anchor, or deleting after moving it, outside the purge function', async () => {
    await expect(t.dataSource.query(`UPDATE audit_chain_head SET anchor_seq = anchor_seq + 2`)).rejects.toThrow(/anchor moves only through audit_logs_purge/);
    await expect(t.dataSource.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/refused/);
    await expect(t.dataSource.query(`UPDATE audit_chain_head SET last_seq = last_seq - 1`)).rejects.toThrow(/only moves forward/);
    await expect(
      t.dataSource.query(`DO $$ BEGIN PERFORM set_config('audit_logs.purging', 'on', true); DELETE FROM audit_logs WHERE chain_seq = 1; END $$`),
    ).rejects.toThrow(/append-only/);
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});

describe('npm run audit:purge', () => {
  const cli = (script: string, env: Record<string, string>) =>
    run('npx', ['tsx', '--conditions=hashtrail-source', script], { env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL!, ...env }, timeout: 60_000 });

  it('removes the entries past AUDIT_RETENTION_DAYS, records how many, and the chain still verifies', async () => {
    await ageOldestEntries(t.dataSource, 10, 400);
    const total = await count();
    const old = await count(`occurred_at < now() - interval '30 days'`);
    expect(old).toBe(10);

    const purge = await cli('src/cli/audit-purge.ts', { AUDIT_RETENTION_DAYS: '30' });
    expect(purge.stdout).toMatch(/^Purged 10 audit entries older than .* \(retention 30 days; chain now starts at position 11\)/);
    expect(await count(`occurred_at < now() - interval '30 days'`)).toBe(0);
    expect(await count()).toBe(total - 10 + 1);

    const [entry] = await t.entries('audit_log.purged');
    expect(entry).toMatchObject({ actorId: null, actorName: 'System', category: 'Audit' });
    expect(entry!.details).toMatchObject({ count: 10, retentionDays: 30 });
    expect(entry!.sentence).toMatch(/^System purged 10 audit entries older than \d{4}-/);

    const verify = await cli('src/cli/audit-verify.ts', {});
    expect(verify.stdout).toMatch(new RegExp(`^OK ${total - 10 + 1} entries verified`));
  });

  it('writes nothing when nothing is past the retention period', async () => {
    const before = await count();
    const result = await purgeExpiredEntries(audit, { AUDIT_RETENTION_DAYS: 30 });
    expect(result.purged).toBe(0);
    expect(await count()).toBe(before);
  });

  it('still catches an entry deleted out of band after a purge', async () => {
    const [oldest] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs ORDER BY chain_seq LIMIT 1`);
    const original = await snapshotRow(t.dataSource, oldest.id);
    await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [oldest.id]);
    try {
      expect(await audit.verify()).toMatchObject({ ok: false, problem: 'anchor_missing' });
    } finally {
      await restoreRows(t.dataSource, original);
    }
  });

  it('refuses to purge a log whose chain does not verify, and removes nothing', async () => {
    await ageOldestEntries(t.dataSource, 2, 400);
    const [victim] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs ORDER BY chain_seq LIMIT 1`);
    const original = await snapshotRow(t.dataSource, victim.id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET sentence = 'rewritten' WHERE id = $1`, [victim.id]);
    const before = await count();
    try {
      await expect(purgeExpiredEntries(audit, { AUDIT_RETENTION_DAYS: 30 })).rejects.toBeInstanceOf(AuditChainBrokenError);
      const refused = await cli('src/cli/audit-purge.ts', { AUDIT_RETENTION_DAYS: '30' }).then(
        () => { throw new Error('audit:purge exited 0 on a broken chain'); },
        (error: { code: number; stdout: string }) => error,
      );
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(new RegExp(`not purged: the chain does not verify \\(entry ${victim.id} `));
      expect(await count()).toBe(before);
    } finally {
      await restoreRows(t.dataSource, original);
    }
  });

  it('purges while other transactions keep writing, and the chain stays whole', async () => {
    const before = await count();
    const purging = purgeExpiredEntries(audit, { AUDIT_RETENTION_DAYS: 30 });
    const writers = Array.from({ length: 10 }, (_unused, i) => writeEntries(3, `During purge ${i}`));
    const [result] = await Promise.all([purging, ...writers]);
    expect(result.purged).toBe(2);
    expect(await count()).toBe(before - 2 + 1 + 30);
    expect(await audit.verify()).toMatchObject({ ok: true, count: before - 2 + 1 + 30 });
  });

  it('purges everything when every entry is past retention, and later entries chain on from there', async () => {
    const total = await count();
    await ageOldestEntries(t.dataSource, total, 400);
    const result = await purgeExpiredEntries(audit, { AUDIT_RETENTION_DAYS: 30 });
    expect(result.purged).toBe(total);
    expect(await count()).toBe(1); // the purge's own entry
    await writeEntries(2, 'After a full purge');
    expect(await audit.verify()).toMatchObject({ ok: true, count: 3 });
  });
});

describe('AUDIT_PURGE_DAILY', () => {
  it('runs the purge at start and again at each interval, and keeps going after a failure', async () => {
    const calls: number[] = [];
    const logger = createLogger('silent');
    const schedule = schedulePurge(async () => {
      calls.push(Date.now());
      if (calls.length === 2) throw new Error('database away');
      return { purged: 0, olderThan: new Date() };
    }, logger, 20);
    const deadline = Date.now() + 5000;
    while (calls.length < 4 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    schedule.stop();
    expect(calls.length).toBeGreaterThanOrEqual(4);
  });
});
