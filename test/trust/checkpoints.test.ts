// "Nothing forged": what a superuser (or the table owner) can still do to the stored log — cut the
// newest entries and roll the head back, move the anchor and delete a prefix, edit an entry and
// re-hash everything after it — is detected by the signed checkpoints (Ed25519, key outside the
// database) and by the JSON Lines sink's copy of the events. Each account's chain carries its own
// checkpoints: the entries here are the seeded account's, and the tampering happens in its chain.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { checkpointOf, checkpointSignatureValid, generateCheckpointKeyPair, readAuditEvents, type ChainVerification } from '@hashtrail/adminjs-audit';
import { CHAINED_COLUMNS_SQL, entryHash } from '../../plugin/src/chain/canonical.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { seededAccountId } from '../helpers/accounts.js';
import { reportThenAssert } from './summary.js';

const run = promisify(execFile);
const keys = generateCheckpointKeyPair();
let t: TestApp;
let folder: string;
let jsonl: string;
/** The seeded account: its chain holds the entries written here. */
let account: string;
/** Its chain, as a condition on audit_logs. */
const IN_CHAIN = () => `account_id = ${Number(account)} AND chain_format = 3`;

beforeAll(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'audit-checkpoints-'));
  jsonl = path.join(folder, 'events.jsonl');
  t = await startTestApp({ AUDIT_CHECKPOINT_PRIVATE_KEY: keys.privateKey, AUDIT_CHECKPOINT_EVERY_ENTRIES: '10', AUDIT_JSONL_PATH: jsonl });
  account = String(await seededAccountId(t));
  await t.audit.delivery!.register();
  await writeEntries(25, 'Before');
  await t.audit.checkpoint();
  await deliverAll();
}, 120_000);
afterAll(async () => {
  t.audit.checkpoints?.stop();
  await t.close();
  await rm(folder, { recursive: true, force: true });
});

async function writeEntries(n: number, label: string) {
  for (let i = 0; i < n; i++) {
    await t.dataSource.transaction((manager) => t.audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: i, targetLabel: `${label} ${i}`, accountId: account }));
  }
}
async function deliverAll() {
  await new Promise((resolve) => setTimeout(resolve, 50)); // let a due checkpoint land
  while ((await t.audit.delivery!.runOnce()) > 0);
}
const verify = async (against = false) => t.audit.verify(against ? { against: await readAuditEvents(jsonl) } : {});

/** Runs `tamper` as a superuser with the guards off, `check`s, then puts every audit row and every chain head back. */
async function tampered(tamper: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<void>, check: () => Promise<void>) {
  const rows = await t.dataSource.query(`SELECT to_jsonb(a) AS row FROM audit_logs a`);
  const [head] = await t.dataSource.query(`SELECT * FROM audit_chain_head`);
  const accountHeads = await t.dataSource.query(`SELECT to_jsonb(h) AS row FROM audit_account_chains h`);
  await t.dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await tamper((sql, params) => manager.query(sql, params));
  });
  try {
    await check();
  } finally {
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`DELETE FROM audit_logs`);
      await manager.query(`INSERT INTO audit_logs SELECT * FROM jsonb_populate_recordset(NULL::audit_logs, $1::jsonb)`, [JSON.stringify(rows.map((r: { row: unknown }) => r.row))]);
      await manager.query(`UPDATE audit_chain_head SET anchor_seq = $1, anchor_prev_hash = $2, last_seq = $3, last_hash = $4`, [head.anchor_seq, head.anchor_prev_hash, head.last_seq, head.last_hash]);
      await manager.query(`DELETE FROM audit_account_chains`);
      await manager.query(`INSERT INTO audit_account_chains SELECT * FROM jsonb_populate_recordset(NULL::audit_account_chains, $1::jsonb)`, [JSON.stringify(accountHeads.map((r: { row: unknown }) => r.row))]);
    });
  }
}

/** A failure of the seeded account's chain (a walk of every chain names the one that failed). */
function expectTampered(result: ChainVerification, problem: string, reason: RegExp) {
  expect(result).toMatchObject({ ok: false, problem, account });
  expect(result.ok ? '' : result.message).toMatch(reason);
}

it('signs the head every N entries and on demand, and the chain verifies against the checkpoints and the sink file', async () => {
  const rows = await t.dataSource.query(`SELECT details, chain_seq::text AS seq FROM audit_logs WHERE action = 'audit_log.checkpoint' AND ${IN_CHAIN()} ORDER BY chain_seq`);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  for (const row of rows) {
    const signed = checkpointOf(row.details)!;
    expect(checkpointSignatureValid(keys.publicKey, signed)).toBe(true);
    // Signed into the chain it signs: it names the account, and the head it signed is before it in that chain.
    expect(signed.checkpoint.account).toBe(account);
    expect(BigInt(signed.checkpoint.seq)).toBeLessThan(BigInt(row.seq));
  }
  const result = await verify(true);
  expect(result).toMatchObject({ ok: true });
  // Every chain verified; the seeded account's against each of its checkpoints and its events in the sink file.
  const ours = result.chains?.find((chain) => chain.account === account);
  expect(ours).toMatchObject({ ok: true });
  expect(ours?.ok && ours.checkpoints).toBeGreaterThanOrEqual(rows.length);
  expect(ours?.ok && ours.externalEvents).toBeGreaterThanOrEqual(25);
  expect(result.chains?.every((chain) => chain.ok)).toBe(true);
});

it('(3) superuser cuts the newest 5 entries and rolls the head back to a stored hash: detected', async () => {
  await writeEntries(3, 'Cut');
  await t.audit.checkpoint();
  await deliverAll();
  let result: ChainVerification | undefined;
  let cli = '';
  await tampered(
    async (query) => {
      const [{ seq }] = await query(`SELECT last_seq - 5 AS seq FROM audit_account_chains WHERE account_id = $1`, [account]);
      await query(`DELETE FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq > $1`, [seq]);
      await query(`UPDATE audit_account_chains SET last_seq = $1, last_hash = (SELECT hash FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq = $1) WHERE account_id = $2`, [seq, account]);
    },
    async () => {
      result = await verify(true);
      cli = await run('npx', ['tsx', '--conditions=hashtrail-source', 'src/cli/audit-verify.ts', '--against', jsonl], {
        env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL!, AUDIT_CHECKPOINT_PUBLIC_KEY: keys.publicKey },
        timeout: 110_000,
      }).then((done) => `exit 0: ${done.stdout}`, (error: { code: number; stdout: string }) => `exit ${error.code}: ${error.stdout}`);
    },
  );
  await reportThenAssert('checkpoints-cut-rollback', {
    heading: 'scenario 3 (superuser cut + head rollback)',
    lines: [`detected: ${result && !result.ok ? result.problem : 'not detected'}`, cli.trim()],
    entriesLost: 0,
  }, () => {
    expectTampered(result!, 'checkpoint_ahead_of_head', /checkpoint ahead of head/);
    expect(cli).toMatch(/^exit 1: /);
    expect(cli).toMatch(new RegExp(`^account ${account}: TAMPERED .*\\[checkpoint_ahead_of_head\\]: checkpoint ahead of head`, 'm'));
    expect(cli).toMatch(new RegExp(`^TAMPERED in account ${account}$`, 'm'));
  });
}, 150_000);

it('(3) the owner moves the anchor and deletes a prefix with the trigger off: detected (no signed purge)', async () => {
  let result: ChainVerification | undefined;
  await tampered(
    async (query) => {
      const [{ anchor }] = await query(`SELECT anchor_seq + 5 AS anchor FROM audit_account_chains WHERE account_id = $1`, [account]);
      await query(`UPDATE audit_account_chains SET anchor_seq = $1, anchor_prev_hash = (SELECT prev_hash FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq = $1) WHERE account_id = $2`, [anchor, account]);
      await query(`DELETE FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq < $1`, [anchor]);
    },
    async () => {
      result = await verify();
    },
  );
  await reportThenAssert('checkpoints-anchor', {
    heading: 'scenario 3 (owner disables the trigger, moves the anchor, deletes a prefix)',
    lines: [`detected: ${result && !result.ok ? result.problem : 'not detected'}`],
    entriesLost: 0,
  }, () => expectTampered(result!, 'anchor_unsigned', /entries were removed without a signed purge/));
});

it('(4) superuser edits an entry and recomputes every later hash: detected by the checkpoints and by the sink file', async () => {
  let byCheckpoint: ChainVerification | undefined;
  let byCopy: ChainVerification | undefined;
  await tampered(
    async (query) => {
      const [{ seq }] = await query(`SELECT anchor_seq + 3 AS seq FROM audit_account_chains WHERE account_id = $1`, [account]);
      await query(`UPDATE audit_logs SET sentence = 'Nothing happened here' WHERE ${IN_CHAIN()} AND chain_seq = $1`, [seq]);
      const [{ prev }] = await query(`SELECT prev_hash AS prev FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq = $1`, [seq]);
      let previous = prev as string;
      for (const row of await query(`SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE ${IN_CHAIN()} AND chain_seq >= $1 ORDER BY chain_seq`, [seq])) {
        const hash = entryHash(previous, row);
        await query(`UPDATE audit_logs SET prev_hash = $1, hash = $2 WHERE id = $3`, [previous, hash, row.id]);
        previous = hash;
      }
      await query(`UPDATE audit_account_chains SET last_hash = $1 WHERE account_id = $2`, [previous, account]);
    },
    async () => {
      byCheckpoint = await verify();
      byCopy = await t.audit.verify({ publicKey: undefined, against: await readAuditEvents(jsonl) });
    },
  );
  await reportThenAssert('checkpoints-rehash', {
    heading: 'scenario 4 (superuser edit + re-hash)',
    lines: [`detected by checkpoints: ${byCheckpoint && !byCheckpoint.ok ? byCheckpoint.problem : 'no'}`, `detected by the sink file: ${byCopy && !byCopy.ok ? byCopy.problem : 'no'}`],
    entriesLost: 0,
  }, () => {
    expectTampered(byCheckpoint!, 'checkpoint_mismatch', /checkpoint hash mismatch/);
    expectTampered(byCopy!, 'external_copy_mismatch', /external copy mismatch/);
  });
  expect(await verify(true)).toMatchObject({ ok: true });
});

it('rejects a checkpoint signed with another key', async () => {
  const other = generateCheckpointKeyPair();
  expectTampered(await t.audit.verify({ publicKey: other.publicKey, account }), 'checkpoint_signature_invalid', /invalid signature/);
  // Walking every chain: the first chain holding a checkpoint (the system log's) already fails.
  expect(await t.audit.verify({ publicKey: other.publicKey })).toMatchObject({ ok: false, problem: 'checkpoint_signature_invalid' });
});
