// Tamper evidence: the chains verify after real traffic and concurrent writers, and name the first
// entry a superuser edited, deleted or inserted behind the append-only guard's back. MessageHub
// stamps every entry with an account, so the admin's entries form the seeded account's chain
// (chain format 3, positions from 1): the tampering happens there, and the failure names it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { verifyAuditChain, type ChainVerification } from '@hashtrail/adminjs-audit';
import { adminApi } from '../helpers/admin-api.js';
import { seededAccountId } from '../helpers/accounts.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { asSuperuserBypassingTriggers, restoreRows, snapshotRow } from './superuser.js';

const run = promisify(execFile);
let t: TestApp;
/** The seeded account, whose chain holds the admin's entries. */
let account: string;
beforeAll(async () => {
  // A real server (shared, or a throwaway cluster): the embedded engine runs one transaction at a time.
  t = await onConcurrencyCapableServer(() => startTestApp());
  account = String(await seededAccountId(t));
  const admin = adminApi(await t.signIn());
  const created = await admin.create('Inbox', { name: 'Chain inbox', channelType: 'email' });
  expect(created.body.notice?.type).toBe('success');
  await admin.edit('Inbox', String(created.body.record!.params.id), { name: 'Chain inbox, renamed' });
});
afterAll(() => t?.close());

const verify = () => verifyAuditChain(t.dataSource);
const entryCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);
/** The seeded account's chain, as a condition on audit_logs ($1: the account). */
const IN_ACCOUNT_CHAIN = `account_id::text = $1 AND chain_format = 3`;
/** The id of the entry at the middle of the account's chain, so there is an entry before and after it. */
async function middleEntryId(): Promise<string> {
  const [row] = await t.dataSource.query(
    `SELECT id::text AS id FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN} ORDER BY chain_seq OFFSET (SELECT count(*) / 2 FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN}) LIMIT 1`,
    [account],
  );
  return row.id as string;
}
/** A failure in the seeded account's chain, naming the entry. */
function expectBad(result: ChainVerification, problem: string, entryId: string | null) {
  expect(result).toMatchObject({ ok: false, problem, entryId, account });
}

describe('the hash chain', () => {
  it('verifies every entry written by the app, seed and admin edits included', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, count: await entryCount() });
    expect(result.count).toBeGreaterThan(10);
    // Every chain was walked: the (empty) global one, the system log (0) and the seeded account's.
    expect(result.chains?.map((chain) => chain.account)).toEqual([null, '0', account]);
    const [inAccount] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN}`, [account]);
    expect(result.chains?.find((chain) => chain.account === account)).toMatchObject({ ok: true, count: inAccount.n });
    expect(inAccount.n).toBeGreaterThan(10);
  });

  it('links each entry to the one before it, with gap-free positions from 1 in each account\'s chain', async () => {
    // MessageHub stamps every entry with an account: nothing joins the global chain.
    const [global] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE chain_format < 3`);
    expect(global.n).toBe(0);
    const rows = (await t.dataSource.query(
      `SELECT account_id::text AS account, chain_seq::int AS seq, prev_hash, hash FROM audit_logs ORDER BY account_id, chain_seq`,
    )) as Array<{ account: string; seq: number; prev_hash: string; hash: string }>;
    const chains = new Map<string, typeof rows>();
    for (const row of rows) chains.set(row.account, [...(chains.get(row.account) ?? []), row]);
    expect([...chains.keys()]).toEqual(['0', account]);
    for (const [chainAccount, chain] of chains) {
      const [head] = await t.dataSource.query(`SELECT last_seq::int AS seq, last_hash AS hash FROM audit_account_chains WHERE account_id::text = $1`, [chainAccount]);
      chain.forEach((row, index) => {
        expect(row.seq).toBe(index + 1);
        expect(row.prev_hash).toBe(index > 0 ? chain[index - 1]!.hash : '0'.repeat(64));
      });
      expect(head).toEqual({ seq: chain.length, hash: chain[chain.length - 1]!.hash });
    }
  });

  it('stays one unbroken chain under 25 concurrent writers, some of which roll back', async () => {
    const before = await entryCount();
    // How many writers' transactions were open at the same moment: the point is that they overlap.
    let open = 0;
    let mostOpen = 0;
    const writers = Array.from({ length: 25 }, (_unused, i) =>
      t.dataSource
        .transaction(async (manager) => {
          open += 1;
          mostOpen = Math.max(mostOpen, open);
          await manager.query('SELECT 1'); // holds its connection before it reaches the chain head
          for (let k = 0; k < 3; k++) {
            await recordEntry(manager, `Concurrent ${i}.${k}`);
          }
          if (i % 5 === 0) throw new Error('rolled back on purpose');
        })
        .finally(() => (open -= 1))
        .then(() => 'committed', () => 'rolled back'),
    );
    const outcomes = await Promise.all(writers);
    expect(mostOpen).toBeGreaterThan(1);
    const committed = outcomes.filter((outcome) => outcome === 'committed').length;
    expect(committed).toBe(20);
    expect(await entryCount()).toBe(before + committed * 3);
    expect(await verify()).toMatchObject({ ok: true, count: before + committed * 3 });
  });

  it('keeps odd content exactly: unicode, lone surrogates, nested JSON, numbers', async () => {
    await t.dataSource.transaction((manager) =>
      recordEntry(manager, 'Zoë 😀 \ud800 "quoted" \\ back', {
        nested: { b: [1, 2.5, -0, 1e21, null, true], a: 'x\u2028y', '10': 'ten', '2': 'two', when: new Date('2026-01-02T03:04:05.678Z') },
        skipped: undefined,
      }),
    );
    expect(await verify()).toMatchObject({ ok: true });
  });
});

describe('out-of-band changes by a superuser bypassing the guard', () => {
  it('names an edited entry', async () => {
    const id = await middleEntryId();
    const original = await snapshotRow(t.dataSource, id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET sentence = 'Nothing happened here' WHERE id = $1`, [id]);
    try {
      expectBad(await verify(), 'content_altered', id);
    } finally {
      await restoreRows(t.dataSource, original);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names an entry whose time or jsonb changes were edited', async () => {
    const id = await middleEntryId();
    const original = await snapshotRow(t.dataSource, id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET occurred_at = occurred_at + interval '1 microsecond' WHERE id = $1`, [id]);
    try {
      expectBad(await verify(), 'content_altered', id);
    } finally {
      await restoreRows(t.dataSource, original);
    }
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET details = coalesce(details, '{}'::jsonb) || '{"forged": true}' WHERE id = $1`, [id]);
    try {
      expectBad(await verify(), 'content_altered', id);
    } finally {
      await restoreRows(t.dataSource, original);
    }
  });

  it('names the entry after a deleted one', async () => {
    const id = await middleEntryId();
    const original = await snapshotRow(t.dataSource, id);
    const [next] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN} AND chain_seq = $2 + 1`, [account, original.chain_seq]);
    await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [id]);
    try {
      expectBad(await verify(), 'entries_missing_before', next.id);
    } finally {
      await restoreRows(t.dataSource, original);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('notices that the newest entry was deleted, and that the oldest was', async () => {
    const [newest] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN} ORDER BY chain_seq DESC LIMIT 1`, [account]);
    const [oldest] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN} ORDER BY chain_seq LIMIT 1`, [account]);
    for (const victim of [newest.id as string, oldest.id as string]) {
      const original = await snapshotRow(t.dataSource, victim);
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [victim]);
      try {
        const result = await verify();
        expect(result).toMatchObject({ ok: false, account });
        if (victim === newest.id) expect(result).toMatchObject({ problem: 'entries_missing_at_end' });
        else expect(result).toMatchObject({ problem: 'anchor_missing' });
      } finally {
        await restoreRows(t.dataSource, original);
      }
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names an entry inserted around the writer, with or without a plausible position and hash', async () => {
    const [{ id: forgedId }] = await asSuperuserBypassingTriggers<Array<{ id: string }>>(
      t.dataSource,
      `INSERT INTO audit_logs (actor_name, action, category, sentence) VALUES ('Mallory', 'inbox.deleted', 'Inbox', 'Mallory deleted nothing') RETURNING id::text AS id`,
    );
    try {
      // No position, no chain: the global walk, which looks at every row without a position, names it.
      expect(await verify()).toMatchObject({ ok: false, problem: 'not_in_chain', entryId: forgedId, account: null });
    } finally {
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [forgedId]);
    }
    // Past the account chain's head, linked to it, as if appended to that chain.
    const [{ id: chainedId }] = await asSuperuserBypassingTriggers<Array<{ id: string }>>(
      t.dataSource,
      `INSERT INTO audit_logs (actor_name, action, category, sentence, account_id, chain_format, chain_seq, event_id, prev_hash, hash)
       SELECT 'Mallory', 'inbox.deleted', 'Inbox', 'Mallory deleted nothing', account_id, 3, last_seq + 1, gen_random_uuid(), last_hash, repeat('a', 64)
         FROM audit_account_chains WHERE account_id::text = $1 RETURNING id::text AS id`,
      [account],
    );
    try {
      expectBad(await verify(), 'not_in_chain', chainedId);
    } finally {
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [chainedId]);
    }
    // Past the (empty) global chain's head: the global chain reports it.
    const [{ id: globalId }] = await asSuperuserBypassingTriggers<Array<{ id: string }>>(
      t.dataSource,
      `INSERT INTO audit_logs (actor_name, action, category, sentence, chain_format, chain_seq, event_id, prev_hash, hash)
       SELECT 'Mallory', 'inbox.deleted', 'Inbox', 'Mallory deleted nothing', 2, last_seq + 1, gen_random_uuid(), last_hash, repeat('a', 64)
         FROM audit_chain_head RETURNING id::text AS id`,
    );
    try {
      expect(await verify()).toMatchObject({ ok: false, problem: 'not_in_chain', entryId: globalId, account: null });
    } finally {
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [globalId]);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names two entries swapped in place', async () => {
    const [a, b] = await t.dataSource.query(`SELECT id::text AS id, chain_seq FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN} ORDER BY chain_seq LIMIT 2 OFFSET 3`, [account]);
    const originals = [await snapshotRow(t.dataSource, a.id), await snapshotRow(t.dataSource, b.id)];
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET chain_seq = -chain_seq WHERE id IN ($1, $2)`, [a.id, b.id]);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET chain_seq = CASE WHEN id = $1 THEN $4::bigint ELSE $3::bigint END WHERE id IN ($1, $2)`, [a.id, b.id, a.chain_seq, b.chain_seq]);
    try {
      expectBad(await verify(), 'link_broken', b.id);
    } finally {
      await restoreRows(t.dataSource, ...originals);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });
});

describe('npm run audit:verify', () => {
  const cli = (env: Record<string, string>) =>
    run('npx', ['tsx', '--conditions=hashtrail-source', 'src/cli/audit-verify.ts'], { env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL!, ...env }, timeout: 60_000 });

  it('prints OK with the count, then the first bad entry id with exit code 1 after tampering', async () => {
    const ok = await cli({});
    const [inAccount] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE ${IN_ACCOUNT_CHAIN}`, [account]);
    // One line per chain, then the total.
    expect(ok.stdout).toMatch(/^global chain: OK 0 entries verified/m);
    expect(ok.stdout).toMatch(new RegExp(`^account ${account}: OK ${inAccount.n} entries verified`, 'm'));
    expect(ok.stdout).toMatch(new RegExp(`^OK ${await entryCount()} entries verified in 3 chains$`, 'm'));
    const one = await run('npx', ['tsx', '--conditions=hashtrail-source', 'src/cli/audit-verify.ts', '--account', account], {
      env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL! }, timeout: 60_000,
    });
    expect(one.stdout.trim()).toMatch(new RegExp(`^account ${account}: OK ${inAccount.n} entries verified`));

    const id = await middleEntryId();
    const original = await snapshotRow(t.dataSource, id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET actor_name = 'Someone else' WHERE id = $1`, [id]);
    try {
      const failed = await cli({}).then(
        () => { throw new Error('audit:verify exited 0 on a tampered log'); },
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain(`account ${account}: TAMPERED first bad entry id ${id} [content_altered]`);
    } finally {
      await restoreRows(t.dataSource, original);
    }
  });
});

/** One entry through the plugin's public `record`, on the caller's transaction. */
async function recordEntry(manager: import('typeorm').EntityManager, label: string, details: Record<string, unknown> = {}) {
  audit ??= t.audit;
  await audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: 1, targetLabel: label, changes: { name: { from: 'a', to: label } }, details });
}
let audit: TestApp['audit'] | undefined;
