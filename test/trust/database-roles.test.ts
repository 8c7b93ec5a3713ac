// "Nothing erasable": the database itself refuses what the scenarios 1–3 did. The audit
// roles get names unique to this run (roles are cluster-wide) and are dropped afterwards; the
// migrations run as the DBA (superuser) naming the app role, and the app connects as that role.
// The plugin here stamps entries with account 1, so they form account 1's chain (chain format 3):
// the refusals cover its head (audit_account_chains) and its purge (audit_logs_purge_account) as
// well as the global chain's.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { auditEntities, auditRoleMigrations, createAuditPlugin, generateCheckpointKeyPair, type AuditPlugin } from '@hashtrail/adminjs-audit';
import { activities } from '../../src/audit/activities.js';
import { concurrencyCapableServer } from '../helpers/throwaway-postgres.js';
import { ageOldestAccountEntries } from './superuser.js';
import { reportThenAssert } from './summary.js';

const suffix = `${process.pid}_${randomBytes(3).toString('hex')}`;
const roles = { owner: `mh_aowner_${suffix}`, maintenance: `mh_amaint_${suffix}`, app: `mh_app_${suffix}` };
const purger = `mh_purger_${suffix}`;
const stranger = `mh_stranger_${suffix}`;
const dbName = `mh_roles_${suffix}`;
const keys = generateCheckpointKeyPair();
/** The account every entry here is stamped with: its chain holds them. */
const ACCOUNT = '1';
const ACCOUNT_PURGE = 'audit_logs_purge_account(text, timestamptz, jsonb, text, text, text)';

let server: Awaited<ReturnType<typeof concurrencyCapableServer>>;
let serverUrl: URL;
let superDs: DataSource;
let appDs: DataSource;
let audit: AuditPlugin;

const urlAs = (user: string | null) => {
  const url = new URL(serverUrl.toString());
  url.pathname = `/${dbName}`;
  if (user) url.username = user;
  return url.toString();
};
async function onCluster(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
/** One statement as `user` on its own connection; returns the error message, or null if it ran. */
async function attempt(user: string, sql: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: urlAs(user) });
  await client.connect();
  try {
    await client.query(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end();
  }
}
const count = async () => Number((await superDs.query(`SELECT count(*)::int AS n FROM audit_logs`))[0].n);
const pluginOn = (dataSource: DataSource) =>
  createAuditPlugin({ dataSource, activities, viewer: { canRead: () => true }, accountId: () => ACCOUNT, checkpoints: { privateKey: keys.privateKey, everyEntries: 1_000_000 } });
const dataSourceAs = (user: string | null) =>
  new DataSource({ type: 'postgres', url: urlAs(user), entities: auditEntities, migrations: auditRoleMigrations(roles), extra: { max: 3 } });

beforeAll(async () => {
  server = await concurrencyCapableServer();
  serverUrl = new URL(server.url);
  await onCluster(`CREATE DATABASE ${dbName}`);
  await onCluster(`CREATE ROLE ${roles.app} LOGIN`);
  await onCluster(`CREATE ROLE ${purger} LOGIN`);
  await onCluster(`CREATE ROLE ${stranger} LOGIN`);
  superDs = await dataSourceAs(null).initialize();
  await superDs.runMigrations({ transaction: 'each' });
  await onCluster(`GRANT ${roles.maintenance} TO ${purger}`);
  appDs = await dataSourceAs(roles.app).initialize();
  audit = pluginOn(appDs);
  await appDs.transaction(async (manager) => {
    for (let i = 0; i < 30; i++) await audit.record(manager, { action: 'inbox.updated', targetType: 'inbox', targetId: i, targetLabel: `Inbox ${i}` });
  });
  // A year passes for the oldest ten (re-chained, before any checkpoint signs the chain).
  await ageOldestAccountEntries(superDs, ACCOUNT, 10, 400);
}, 120_000);

afterAll(async () => {
  audit?.checkpoints?.stop();
  await appDs?.destroy();
  await superDs?.destroy();
  await onCluster(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  for (const role of [roles.app, purger, stranger, roles.maintenance, roles.owner]) await onCluster(`DROP ROLE IF EXISTS ${role}`);
  await server?.release();
});

describe('the role model', () => {
  it('gives the audit tables and functions to the NOLOGIN owner, nothing to PUBLIC, and the app only SELECT and the append', async () => {
    const owners = await superDs.query(`SELECT tablename AS name, tableowner AS owner FROM pg_tables WHERE tablename IN ('audit_logs','audit_chain_head','audit_account_chains','audit_outbox','audit_sinks','audit_retention')`);
    expect(owners).toHaveLength(6);
    for (const row of owners) expect(row.owner).toBe(roles.owner);
    const [owner] = await superDs.query(`SELECT rolcanlogin FROM pg_roles WHERE rolname = $1`, [roles.owner]);
    expect(owner.rolcanlogin).toBe(false);
    const [rights] = await superDs.query(
      `SELECT has_table_privilege($1, 'audit_logs', 'SELECT') AS sel, has_table_privilege($1, 'audit_logs', 'INSERT') AS ins,
              has_table_privilege($1, 'audit_logs', 'DELETE') AS del, has_function_privilege($1, 'audit_logs_purge(timestamptz, jsonb, text, text, text, text)', 'EXECUTE') AS purge,
              has_function_privilege('public', 'audit_append_entry(uuid, text, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, text)', 'EXECUTE') AS public_append`,
      [roles.app],
    );
    expect(rights).toEqual({ sel: true, ins: false, del: false, purge: false, public_append: false });
    const [chainRights] = await superDs.query(
      `SELECT has_table_privilege($1, 'audit_account_chains', 'SELECT') AS sel, has_table_privilege($1, 'audit_account_chains', 'UPDATE') AS upd,
              has_table_privilege($1, 'audit_account_chains', 'INSERT') AS ins, has_table_privilege($1, 'audit_account_chains', 'DELETE') AS del,
              has_function_privilege($1, '${ACCOUNT_PURGE}', 'EXECUTE') AS purge,
              has_function_privilege($2, '${ACCOUNT_PURGE}', 'EXECUTE') AS maintenance_purge,
              has_function_privilege('public', '${ACCOUNT_PURGE}', 'EXECUTE') AS public_purge,
              has_function_privilege('public', 'audit_append_entry_v3(uuid, text, text, text, text, text, text, text, text, text, jsonb, jsonb, text, text, text, text, jsonb, text)', 'EXECUTE') AS public_append,
              (SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'audit_logs_purge_account') AS purge_owner`,
      [roles.app, roles.maintenance],
    );
    expect(chainRights).toEqual({ sel: true, upd: false, ins: false, del: false, purge: false, maintenance_purge: true, public_purge: false, public_append: false, purge_owner: roles.owner });
    const result = await audit.verify();
    expect(result).toMatchObject({ ok: true, count: 30 });
    expect(result.chains).toEqual([
      expect.objectContaining({ account: null, ok: true, count: 0 }),
      expect.objectContaining({ account: ACCOUNT, ok: true, count: 30, headSeq: '30' }),
    ]);
  });
});

describe('the issue scenarios, refused by the database', () => {
  it('(1) a login role with no rights cannot run the purge, with any cutoff', async () => {
    const before = await count();
    const byStranger = await attempt(stranger, `SELECT * FROM audit_logs_purge(now() + interval '1 day')`);
    const byApp = await attempt(roles.app, `SELECT * FROM audit_logs_purge(now() + interval '1 day')`);
    // The account's own purge, with a cutoff that would take every entry of its chain.
    const accountByStranger = await attempt(stranger, `SELECT * FROM audit_logs_purge_account('${ACCOUNT}', now() + interval '1 day')`);
    const accountByApp = await attempt(roles.app, `SELECT * FROM audit_logs_purge_account('${ACCOUNT}', now() + interval '1 day')`);
    const after = await count();
    await reportThenAssert('roles-scenario-1', {
      heading: 'scenario 1 (purge by a role with no rights)',
      lines: [`refused: ${byStranger ?? 'ran'}`, `app role: ${byApp ?? 'ran'}`, `account purge, refused: ${accountByStranger ?? 'ran'}`, `account purge, app role: ${accountByApp ?? 'ran'}`],
      entriesLost: before - after,
    }, () => {
      expect(byStranger).toMatch(/permission denied for function audit_logs_purge/);
      expect(byApp).toMatch(/permission denied for function audit_logs_purge/);
      expect(accountByStranger).toMatch(/permission denied for function audit_logs_purge_account/);
      expect(accountByApp).toMatch(/permission denied for function audit_logs_purge_account/);
      expect(after).toBe(before);
    });
  });

  it('(2) a temporary function named like the purge gets no further: no DELETE right, and the guard reads no call stack', async () => {
    const before = await count();
    const fake = `CREATE FUNCTION pg_temp."function audit_logs_purge(timestamp with time zone)"() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN UPDATE audit_chain_head SET anchor_seq = last_seq + 1, anchor_prev_hash = last_hash; DELETE FROM audit_logs; END $$;
      SELECT pg_temp."function audit_logs_purge(timestamp with time zone)"()`;
    const byStranger = await attempt(stranger, fake);
    const byApp = await attempt(roles.app, fake);
    // Even a superuser (who bypasses privileges) is stopped by the guard: it checks who runs, not names.
    const bySuperuser = await superDs.query(fake.replace(/;\s*SELECT/, '; SELECT set_config(\'hashtrail.audit_purge\', \'on\', false); SELECT')).then(() => null, (error: Error) => error.message);
    // The same against the account's chain, where the entries are.
    const fakeAccount = `CREATE FUNCTION pg_temp."function audit_logs_purge_account(text, timestamp with time zone)"() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN UPDATE audit_account_chains SET anchor_seq = last_seq + 1, anchor_prev_hash = last_hash; DELETE FROM audit_logs; END $$;
      SELECT pg_temp."function audit_logs_purge_account(text, timestamp with time zone)"()`;
    const accountByStranger = await attempt(stranger, fakeAccount);
    const accountByApp = await attempt(roles.app, fakeAccount);
    const accountBySuperuser = await superDs
      .query(fakeAccount.replace(/;\s*SELECT/, '; SELECT set_config(\'hashtrail.audit_purge\', \'on\', false); SELECT'))
      .then(() => null, (error: Error) => error.message);
    const after = await count();
    await reportThenAssert('roles-scenario-2', {
      heading: 'scenario 2 (fake purge frame in the call stack)',
      lines: [
        `refused: ${byStranger}`, `app role: ${byApp}`, `superuser: ${bySuperuser}`,
        `account chain, refused: ${accountByStranger}`, `account chain, app role: ${accountByApp}`, `account chain, superuser: ${accountBySuperuser}`,
      ],
      entriesLost: before - after,
    }, () => {
      expect(byStranger).toMatch(/permission denied for table audit_chain_head/);
      expect(byApp).toMatch(/permission denied for table audit_chain_head/);
      // The global chain is empty (every entry is account 1's): "moving" its anchor to its head changes
      // nothing, and the DELETE is refused by the append-only guard, the entries being past their own chain's anchor.
      expect(bySuperuser).toMatch(/audit_logs is append-only: DELETE refused/);
      expect(accountByStranger).toMatch(/permission denied for table audit_account_chains/);
      expect(accountByApp).toMatch(/permission denied for table audit_account_chains/);
      expect(accountBySuperuser).toMatch(/the anchor moves only through audit_logs_purge_account\(\)/);
      expect(after).toBe(before);
    });
    expect(await attempt(roles.app, `DELETE FROM audit_logs`)).toMatch(/permission denied for table audit_logs/);
    expect(await attempt(roles.app, `UPDATE audit_logs SET sentence = 'x'`)).toMatch(/permission denied for table audit_logs/);
    expect(await attempt(roles.app, `INSERT INTO audit_logs (actor_name, action, category, sentence) VALUES ('m', 'a.b', 'c', 'd')`)).toMatch(/permission denied for table audit_logs/);
  });

  it('(3) the app role no longer owns the tables: ALTER TABLE … DISABLE TRIGGER and acting as the owner are refused', async () => {
    const before = await count();
    const disable = await attempt(roles.app, `ALTER TABLE audit_logs DISABLE TRIGGER audit_logs_no_update_delete`);
    const setRole = await attempt(roles.app, `SET ROLE ${roles.owner}`);
    const head = await attempt(roles.app, `UPDATE audit_chain_head SET anchor_seq = anchor_seq + 5`);
    const accountHead = await attempt(roles.app, `UPDATE audit_account_chains SET anchor_seq = anchor_seq + 5`);
    const disableChainGuard = await attempt(roles.app, `ALTER TABLE audit_account_chains DISABLE TRIGGER audit_account_chains_guard`);
    const after = await count();
    await reportThenAssert('roles-scenario-3', {
      heading: 'scenario 3 (the app role as table owner)',
      lines: [`refused: ${disable}`, `SET ROLE owner: ${setRole}`, `anchor move: ${head}`, `account anchor move: ${accountHead}`, `account chain guard off: ${disableChainGuard}`],
      entriesLost: before - after,
    }, () => {
      expect(disable).toMatch(/must be owner of table audit_logs/);
      expect(setRole).toMatch(/permission denied to set role/);
      expect(head).toMatch(/permission denied for table audit_chain_head/);
      expect(accountHead).toMatch(/permission denied for table audit_account_chains/);
      expect(disableChainGuard).toMatch(/must be owner of table audit_account_chains/);
      expect(after).toBe(before);
    });
  });
});

describe('purging as the maintenance role', () => {
  let purgerDs: DataSource;
  let maintenance: AuditPlugin;
  beforeAll(async () => {
    purgerDs = await dataSourceAs(purger).initialize();
    maintenance = pluginOn(purgerDs);
  });
  afterAll(async () => {
    maintenance.checkpoints?.stop();
    await purgerDs.destroy();
  });

  it('refuses a cutoff newer than the retention period the database keeps, and removes nothing', async () => {
    const before = await count();
    await expect(maintenance.purge({ olderThan: new Date(Date.now() - 24 * 3600 * 1000) })).rejects.toThrow(/cutoff .* is newer than the retention period/);
    await expect(maintenance.purge({ olderThan: new Date(Date.now() - 24 * 3600 * 1000), account: ACCOUNT })).rejects.toThrow(/audit_logs_purge_account refused: cutoff .* is newer than the retention period/);
    expect(await attempt(purger, `SELECT * FROM audit_logs_purge(now() + interval '1 day')`)).toMatch(/newer than the retention period/);
    expect(await attempt(purger, `SELECT * FROM audit_logs_purge_account('${ACCOUNT}', now() + interval '1 day')`)).toMatch(/newer than the retention period/);
    expect(await attempt(purger, `SELECT audit_set_retention(interval '1 day')`)).toMatch(/only the owner role shortens it/);
    expect(await count()).toBe(before);
  });

  it('works for the maintenance role: removes the old entries, writes its own entry and a signed checkpoint, and verifies', async () => {
    const olderThan = new Date(Date.now() - 40 * 24 * 3600 * 1000);
    const result = await maintenance.purge({ olderThan, details: { retentionDays: 40 } });
    expect(result.purged).toBe(10);
    expect(result.chains).toEqual([{ account: null, purged: 0, anchorSeq: '1', olderThan }, { account: ACCOUNT, purged: 10, anchorSeq: '11', olderThan }]);
    expect(result.checkpoint?.checkpoint).toMatchObject({ account: ACCOUNT, anchorSeq: '11' });
    const purgedRows = await superDs.query(`SELECT actor_name, sentence, details, chain_seq::text AS seq, chain_format, account_id::text AS account FROM audit_logs WHERE action = 'audit_log.purged'`);
    expect(purgedRows).toHaveLength(1);
    const [purged] = purgedRows;
    expect(purged).toMatchObject({ actor_name: 'System', chain_format: 3, account: ACCOUNT });
    expect(purged.details).toMatchObject({ count: 10, anchorSeq: 11, retentionDays: 40, databaseRole: purger });
    expect(purged.sentence).toMatch(/^System purged 10 audit entries older than \d{4}-/);
    expect(result.checkpoint!.checkpoint.seq).toBe(purged.seq);
    const [head] = await superDs.query(`SELECT anchor_seq::text AS anchor, last_seq::text AS last FROM audit_account_chains WHERE account_id = $1`, [ACCOUNT]);
    expect(head).toEqual({ anchor: '11', last: String(Number(purged.seq) + 1) }); // the checkpoint follows the purge's entry
    const verified = await audit.verify();
    expect(verified).toMatchObject({ ok: true, count: 22 }); // 20 kept, the purge's entry, the checkpoint
    expect(verified.chains?.find((chain) => chain.account === ACCOUNT)).toMatchObject({ ok: true, count: 22, checkpoints: 1 });
  });
});
