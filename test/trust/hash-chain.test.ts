// Tamper evidence: the chain verifies after real traffic and concurrent writers, and names the first
// entry a superuser edited, deleted or inserted behind the append-only guard's back.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { verifyAuditChain, type ChainVerification } from '@hashtrail/adminjs-audit';
import { adminApi } from '../helpers/admin-api.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { onConcurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { asSuperuserBypassingTriggers, restoreRows, snapshotRow } from './superuser.js';

const run = promisify(execFile);
let t: TestApp;
beforeAll(async () => {
  // A real server (shared, or a throwaway cluster): the embedded engine runs one transaction at a time.
  t = await onConcurrencyCapableServer(() => startTestApp());
  const admin = adminApi(await t.signIn());
  const created = await admin.create('Inbox', { name: 'Chain inbox', channelType: 'email' });
  expect(created.body.notice?.type).toBe('success');
  await admin.edit('Inbox', String(created.body.record!.params.id), { name: 'Chain inbox, renamed' });
});
afterAll(() => t?.close());

const verify = () => verifyAuditChain(t.dataSource);
const entryCount = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);
/** The id of the entry at the middle of the chain, so there is an entry before and after it. */
async function middleEntryId(): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs ORDER BY chain_seq OFFSET (SELECT count(*) / 2 FROM audit_logs) LIMIT 1`);
  return row.id as string;
}
function expectBad(result: ChainVerification, problem: string, entryId: string | null) {
  expect(result).toMatchObject({ ok: false, problem, entryId });
}

describe('the hash chain', () => {
  it('verifies every entry written by the app, seed and admin edits included', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, count: await entryCount() });
    expect(result.count).toBeGreaterThan(10);
  });

  it('links each entry to the one before it, with gap-free positions', async () => {
    const rows = await t.dataSource.query(`SELECT chain_seq::int AS seq, prev_hash, hash FROM audit_logs ORDER BY chain_seq`);
    rows.forEach((row: { seq: number; prev_hash: string; hash: string }, index: number) => {
      expect(row.seq).toBe(index + 1);
      if (index > 0) expect(row.prev_hash).toBe(rows[index - 1].hash);
    });
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
    const [next] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs WHERE chain_seq = $1 + 1`, [original.chain_seq]);
    await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [id]);
    try {
      expectBad(await verify(), 'entries_missing_before', next.id);
    } finally {
      await restoreRows(t.dataSource, original);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('notices that the newest entry was deleted, and that the oldest was', async () => {
    const [newest] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs ORDER BY chain_seq DESC LIMIT 1`);
    const [oldest] = await t.dataSource.query(`SELECT id::text AS id FROM audit_logs ORDER BY chain_seq LIMIT 1`);
    for (const victim of [newest.id as string, oldest.id as string]) {
      const original = await snapshotRow(t.dataSource, victim);
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [victim]);
      try {
        const result = await verify();
        expect(result.ok).toBe(false);
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
      expectBad(await verify(), 'not_in_chain', forgedId);
    } finally {
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [forgedId]);
    }
    const [{ id: chainedId }] = await asSuperuserBypassingTriggers<Array<{ id: string }>>(
      t.dataSource,
      `INSERT INTO audit_logs (actor_name, action, category, sentence, chain_seq, event_id, prev_hash, hash)
       SELECT 'Mallory', 'inbox.deleted', 'Inbox', 'Mallory deleted nothing', last_seq + 1, gen_random_uuid(), last_hash, repeat('a', 64)
         FROM audit_chain_head RETURNING id::text AS id`,
    );
    try {
      expectBad(await verify(), 'not_in_chain', chainedId);
    } finally {
      await asSuperuserBypassingTriggers(t.dataSource, `DELETE FROM audit_logs WHERE id = $1`, [chainedId]);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });

  it('names two entries swapped in place', async () => {
    const [a, b] = await t.dataSource.query(`SELECT id::text AS id, chain_seq FROM audit_logs ORDER BY chain_seq LIMIT 2 OFFSET 3`);
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
    expect(ok.stdout).toMatch(new RegExp(`^OK ${await entryCount()} entries verified`));

    const id = await middleEntryId();
    const original = await snapshotRow(t.dataSource, id);
    await asSuperuserBypassingTriggers(t.dataSource, `UPDATE audit_logs SET actor_name = 'Someone else' WHERE id = $1`, [id]);
    try {
      const failed = await cli({}).then(
        () => { throw new Error('audit:verify exited 0 on a tampered log'); },
        (error: { code: number; stdout: string }) => error,
      );
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain(`TAMPERED first bad entry id ${id} [content_altered]`);
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
