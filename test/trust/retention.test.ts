// Retention: entries past AUDIT_RETENTION_DAYS (no account here chose a period of its own; see
// test/app/account-retention.test.ts) leave through the one path the database allows,
// the purge is itself recorded, and the chain still verifies afterwards. Each account's chain is
// purged on its own (audit_logs_purge_account): the entries here are the seeded account's, so its
// chain is the one aged, purged and tampered with.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AuditChainBrokenError } from '@hashtrail/adminjs-audit';
import { purgeExpiredEntries } from '../../src/audit/retention.js';
import { schedulePurge } from '../../src/audit/purge-schedule.js';
import { createLogger } from '../../src/logger.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { seededAccountId } from '../helpers/accounts.js';
import { ageOldestAccountEntries, asSuperuserBypassingTriggers, restoreRows, snapshotRow } from './superuser.js';

const run = promisify(execFile);
let t: TestApp;
let audit: TestApp['audit'];
/** The seeded account, whose chain holds the entries aged and purged here. */
let account: string;
beforeAll(async () => {
  // Purging while writers run is a concurrency test: a real server, not the one-connection embedded engine.
  t = await onConcurrencyCapableServer(() => startTestApp());
  audit = t.audit;
  account = String(await seededAccountId(t));
});
afterAll(() => t.close());

const count = async (where = 'true') => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE ${where}`))[0].n);
/** The seeded account's chain, as a condition on audit_logs. */
const IN_CHAIN = () => `account_id = ${Number(account)} AND chain_format = 3`;
const writeEntries = (n: number, label: string) =>
  t.dataSource.transaction(async (manager) => {
    for (let i = 0; i < n; i++) await audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: i, targetLabel: `${label} ${i}`, accountId: account });
  });
const headOf = async (chain: string) =>
  (await t.dataSource.query(`SELECT anchor_seq::int AS anchor, last_seq::int AS last FROM audit_account_chains WHERE account_id = $1`, [chain]))[0] as { anchor: number; last: number };

describe('the database allows no other way out', () => {
  it('refuses a direct DELETE of an old entry, even one the purge would remove', async () => {
    await ageOldestAccountEntries(t.dataSource, account, 3, 400);
    expect(await count(`${IN_CHAIN()} AND occurred_at < now() - interval '30 days'`)).toBe(3);
    await expect(
      t.dataSource.query(`DELETE FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq = (SELECT anchor_seq FROM audit_account_chains WHERE account_id = $1)`, [account]),
    ).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_logs`)).rejects.toThrow(/append-only/);
    expect(await audit.verify({ account })).toMatchObject({ ok: true });
  });

  it('refuses moving the chain anchor, or deleting after moving it, outside the purge function', async () => {
    await expect(t.dataSource.query(`UPDATE audit_chain_head SET anchor_seq = anchor_seq + 2`)).rejects.toThrow(/anchor moves only through audit_logs_purge/);
    await expect(t.dataSource.query(`DELETE FROM audit_chain_head`)).rejects.toThrow(/refused/);
    await expect(t.dataSource.query(`UPDATE audit_chain_head SET last_seq = last_seq - 1`)).rejects.toThrow(/only moves forward/);
    await expect(
      t.dataSource.query(`DO $$ BEGIN PERFORM set_config('audit_logs.purging', 'on', true); DELETE FROM audit_logs WHERE chain_seq = 1; END $$`),
    ).rejects.toThrow(/append-only/);
    // The same for an account's chain head.
    const chainHead = `audit_account_chains WHERE account_id = ${Number(account)}`;
    await expect(t.dataSource.query(`UPDATE ${chainHead.replace(' WHERE', ' SET anchor_seq = anchor_seq + 2 WHERE')}`)).rejects.toThrow(/anchor moves only through audit_logs_purge_account/);
    await expect(t.dataSource.query(`UPDATE ${chainHead.replace(' WHERE', ` SET anchor_prev_hash = repeat('a', 64) WHERE`)}`)).rejects.toThrow(/anchor moves only through audit_logs_purge_account/);
    await expect(t.dataSource.query(`DELETE FROM ${chainHead}`)).rejects.toThrow(/refused/);
    await expect(t.dataSource.query(`TRUNCATE audit_account_chains`)).rejects.toThrow(/refused/);
    await expect(t.dataSource.query(`UPDATE ${chainHead.replace(' WHERE', ' SET last_seq = last_seq - 1 WHERE')}`)).rejects.toThrow(/only moves forward/);
    await expect(t.dataSource.query(`UPDATE ${chainHead.replace(' WHERE', ' SET account_id = 999 WHERE')}`)).rejects.toThrow(/only moves forward/);
    await expect(
      t.dataSource.query(`INSERT INTO audit_account_chains (account_id, anchor_seq, anchor_prev_hash, last_seq, last_hash) VALUES (999, 5, repeat('0', 64), 4, repeat('0', 64))`),
    ).rejects.toThrow(/a chain starts empty/);
    await expect(
      t.dataSource.query(`DO $$ BEGIN PERFORM set_config('audit_logs.purging', 'on', true); DELETE FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq = 1; END $$`),
    ).rejects.toThrow(/append-only/);
    expect(await count(`${IN_CHAIN()} AND chain_seq = 1`)).toBe(1);
    expect(await headOf(account)).toMatchObject({ anchor: 1 });
    expect(await audit.verify()).toMatchObject({ ok: true });
  });
});

describe('npm run audit:purge', () => {
  const cli = (script: string, env: Record<string, string>) =>
    run('npx', ['tsx', '--conditions=hashtrail-source', script], { env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL!, ...env }, timeout: 60_000 });

  it('removes the entries past AUDIT_RETENTION_DAYS, records how many, and the chain still verifies', async () => {
    await ageOldestAccountEntries(t.dataSource, account, 10, 400);
    const total = await count();
    const inChain = await count(IN_CHAIN());
    const old = await count(`occurred_at < now() - interval '30 days'`);
    expect(old).toBe(10);
    expect(await count(`${IN_CHAIN()} AND occurred_at < now() - interval '30 days'`)).toBe(10);
    const last = (await headOf(account)).last;

    const purge = await cli('src/cli/audit-purge.ts', { AUDIT_RETENTION_DAYS: '30' });
    // One line per chain with its period (none of these accounts chose one), then the total over every chain.
    expect(purge.stdout).toContain(`  global chain: 0 purged, retention 30 days (the deployment default)\n`);
    expect(purge.stdout).toContain(`  system log: 0 purged, retention 30 days (the deployment default)\n`);
    expect(purge.stdout).toContain(`  account ${account}: 10 purged, retention 30 days (the deployment default), chain now starts at position 11\n`);
    expect(purge.stdout).toMatch(/^Purged 10 audit entries in 3 chains \(default retention 30 days\)$/m);
    expect(await count(`occurred_at < now() - interval '30 days'`)).toBe(0);
    expect(await count()).toBe(total - 10 + 1);
    expect(await count(IN_CHAIN())).toBe(inChain - 10 + 1);
    // The anchor moved past the purged prefix; the purge's own entry is the chain's newest.
    expect(await headOf(account)).toEqual({ anchor: 11, last: last + 1 });

    const [entry] = await t.entries('audit_log.purged');
    expect(entry).toMatchObject({ actorId: null, actorName: 'System', category: 'Audit', chainFormat: 3, chainSeq: String(last + 1) });
    expect(String(entry!.accountId)).toBe(account);
    expect(entry!.details).toMatchObject({ count: 10, retentionDays: 30, retentionFrom: 'deployment', anchorSeq: 11 });
    expect(entry!.sentence).toMatch(/^System purged 10 audit entries older than \d{4}-/);

    const verify = await cli('src/cli/audit-verify.ts', {});
    expect(verify.stdout).toMatch(new RegExp(`^account ${account}: OK ${inChain - 10 + 1} entries verified \\(chain head at position ${last + 1},`, 'm'));
    expect(verify.stdout).toMatch(new RegExp(`^OK ${total - 10 + 1} entries verified in 3 chains$`, 'm'));
  });

  it('writes nothing when nothing is past the retention period', async () => {
    const before = await count();
    const result = await purgeExpiredEntries(audit, t.dataSource, { AUDIT_RETENTION_DAYS: 30 });
    expect(result.purged).toBe(0);
    const byDefault = { retentionDays: 30, retentionFrom: 'deployment' };
    expect(result.chains).toEqual([
      { account: null, purged: 0, anchorSeq: '1', olderThan: result.olderThan, retention: byDefault },
      { account: '0', purged: 0, anchorSeq: '1', olderThan: result.olderThan, retention: byDefault },
      { account, purged: 0, anchorSeq: '11', olderThan: result.olderThan, retention: byDefault },
    ]);
    expect(await count()).toBe(before);
  });

  it('still catches an entry deleted out of band after a purge', async () => {
    const [oldest] = await t.dataSource.query(`SELECT id::text AS id, chain_seq::int AS seq FROM audit_logs WHERE ${IN_CHAIN()} ORDER BY chain_seq LIMIT 1`);
    expect(oldest.seq).toBe(11);
    const original = await snapshotRow(t.dataSource, oldest.id);
    await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [oldest.id]);
    try {
      expect(await audit.verify()).toMatchObject({ ok: false, problem: 'anchor_missing', account });
    } finally {
      await restoreRows(t.dataSource, original);
    }
  });

  it('refuses to purge a log whose chain does not verify, and removes nothing', async () => {
    await ageOldestAccountEntries(t.dataSource, account, 2, 400);
    const [victim] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE ${IN_CHAIN()} ORDER BY chain_seq LIMIT 1`);
    const original = await snapshotRow(t.dataSource, victim.id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET sentence = 'rewritten' WHERE id = $1`, [victim.id]);
    const before = await count();
    try {
      await expect(purgeExpiredEntries(audit, t.dataSource, { AUDIT_RETENTION_DAYS: 30 })).rejects.toBeInstanceOf(AuditChainBrokenError);
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
    const purging = purgeExpiredEntries(audit, t.dataSource, { AUDIT_RETENTION_DAYS: 30 });
    const writers = Array.from({ length: 10 }, (_unused, i) => writeEntries(3, `During purge ${i}`));
    const [result] = await Promise.all([purging, ...writers]);
    expect(result.purged).toBe(2);
    expect(result.chains.find((chain) => chain.account === account)).toMatchObject({ account, purged: 2, anchorSeq: '13' });
    expect(await count()).toBe(before - 2 + 1 + 30);
    expect(await audit.verify()).toMatchObject({ ok: true, count: before - 2 + 1 + 30 });
    const positions = (await t.dataSource.query(`SELECT chain_seq::int AS seq FROM audit_logs WHERE ${IN_CHAIN()} ORDER BY chain_seq`)).map((row: { seq: number }) => row.seq);
    const { last } = await headOf(account);
    expect(positions).toEqual(Array.from({ length: last - 13 + 1 }, (_unused, i) => 13 + i));
  });

  it('purges everything when every entry is past retention, and later entries chain on from there', async () => {
    const total = await count();
    // Every chain's entries (the seeded account's and the system log's; the global chain is empty).
    expect(await count('chain_format < 3')).toBe(0);
    const chains = (await t.dataSource.query(`SELECT account_id::text AS account FROM audit_account_chains ORDER BY account_id`)).map((row: { account: string }) => row.account);
    expect(chains).toEqual(['0', account]);
    const lastBefore = (await headOf(account)).last;
    for (const chain of chains) await ageOldestAccountEntries(t.dataSource, chain, total, 400);
    const result = await purgeExpiredEntries(audit, t.dataSource, { AUDIT_RETENTION_DAYS: 30 });
    expect(result.purged).toBe(total);
    expect(await count()).toBe(2); // each chain's purge entry
    expect(await headOf(account)).toEqual({ anchor: lastBefore + 1, last: lastBefore + 1 });
    await writeEntries(2, 'After a full purge');
    expect(await audit.verify({ account })).toMatchObject({ ok: true, count: 3, headSeq: String(lastBefore + 3) });
    expect(await audit.verify()).toMatchObject({ ok: true, count: 4 });
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
