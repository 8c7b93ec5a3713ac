// Audit-log retention per account, over HTTP and against PostgreSQL. Two accounts: the seeded
// "MessageHub" (A, Ada administrator, Alice agent) and "Beta" (B, made as the operator's CLI makes
// it, Bea administrator). An administrator chooses their account's period in Account settings,
// within the database's floor and AUDIT_RETENTION_MAX_DAYS, and only for their own account; the
// purge then keeps each account's entries for its own period, and every chain still verifies.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Account } from '../../src/entities/index.js';
import { purgeExpiredEntries } from '../../src/audit/retention.js';
import { recentRetentionLimits, type RetentionLimits } from '../../src/audit/retention-limits.js';
import { adminApi, type ActionResult } from '../helpers/admin-api.js';
import { BEA, betaAccount, seededAccountId } from '../helpers/accounts.js';
import { newEntries } from '../helpers/people.js';
import { AGENT_EMAIL, BROWSER_UA, startTestApp, type TestApp } from '../helpers/test-app.js';
import { ageOldestAccountEntries } from '../trust/superuser.js';

const run = promisify(execFile);

const { email: BEA_EMAIL, password: BEA_PASSWORD } = BEA;
/** This file's AUDIT_RETENTION_DAYS and AUDIT_RETENTION_MAX_DAYS (not the defaults, so the test shows they are read). */
const DEFAULT_DAYS = 365;
const MAX_DAYS = 400;
/** The database's floor the migrations store (AUDIT_MIN_RETENTION_DAYS' default). */
const FLOOR_DAYS = 30;

let t: TestApp;
let accountA: number;
let accountB: number;
let adaAgent: Awaited<ReturnType<TestApp['signIn']>>;
let ada: ReturnType<typeof adminApi>;
let bea: ReturnType<typeof adminApi>;

const storedDays = async (id: number) => (await t.dataSource.getRepository(Account).findOneByOrFail({ id })).auditRetentionDays;
const fieldError = (result: ActionResult) => result.body.record?.errors?.auditRetentionDays?.message;
/** Entries of `account`'s chain that occurred more than `days` days ago. */
const olderThanDays = async (account: number, days: number) =>
  Number(
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE account_id = $1 AND chain_format = 3 AND occurred_at < now() - make_interval(days => $2)`, [account, days]))[0].n,
  );
const purgeEntriesOf = async (account: number) => (await t.entries('audit_log.purged')).filter((entry) => String(entry.accountId) === String(account));

beforeAll(async () => {
  t = await startTestApp({ AUDIT_RETENTION_DAYS: String(DEFAULT_DAYS), AUDIT_RETENTION_MAX_DAYS: String(MAX_DAYS) });
  accountA = await seededAccountId(t);
  accountB = await betaAccount(t);
  adaAgent = await t.signIn();
  ada = adminApi(adaAgent);
  bea = adminApi(await t.signIn(BEA_EMAIL, BEA_PASSWORD));
  // The figures below (60 days allowed, 29 refused) are counted from this floor.
  expect(await t.audit.retentionFloorDays()).toBe(FLOOR_DAYS);
});

afterAll(async () => {
  await t?.close();
});

describe('Account settings → Audit log retention', () => {
  it('shows the field empty (the deployment default), with a help text giving the default and the allowed range', async () => {
    const form = await ada.editForm('Account', accountA);
    expect(form.body.notice?.type).not.toBe('error');
    expect(form.body.record?.params).toHaveProperty('auditRetentionDays', null);
    // The page carries the help text with this deployment's figures filled in (AdminJS shows a
    // property's help without values of its own), and the field names it as its help.
    const page = await adaAgent.get(`/admin/resources/Account/records/${accountA}/edit`).set('User-Agent', BROWSER_UA);
    expect(page.status).toBe(200);
    expect(page.text).toContain(
      `Empty: the deployment default, ${DEFAULT_DAYS} days. Otherwise ${FLOOR_DAYS} to ${MAX_DAYS} days.`,
    );
    expect(page.text).toContain('"description":"auditRetentionDaysHelp"');
    expect(page.text).toContain('Audit log retention (days)');
  });

  it('saves the period an administrator chooses, and account.updated records the change', async () => {
    const { result, entries } = await newEntries(t, () => ada.edit('Account', accountA, { auditRetentionDays: 60 }));
    expect(result.body.notice?.type).toBe('success');
    expect(await storedDays(accountA)).toBe(60);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'account.updated', actorName: 'Ada Admin', targetType: 'account', targetId: String(accountA) });
    expect(String(entries[0]!.accountId)).toBe(String(accountA));
    expect(entries[0]!.changes).toEqual({ auditRetentionDays: { from: null, to: 60 } });
    expect(entries[0]!.sentence).toBe('Ada Admin changed account settings: Audit log retention (days)');

    // Emptied: back to the deployment default, recorded the same way.
    const cleared = await newEntries(t, () => ada.edit('Account', accountA, { auditRetentionDays: null }));
    expect(cleared.result.body.notice?.type).toBe('success');
    expect(await storedDays(accountA)).toBeNull();
    expect(cleared.entries.map((entry) => entry.changes)).toEqual([{ auditRetentionDays: { from: 60, to: null } }]);

    expect((await ada.edit('Account', accountA, { auditRetentionDays: 60 })).body.notice?.type).toBe('success');
  });

  it('refuses a period below the database floor or above AUDIT_RETENTION_MAX_DAYS next to the field, saving nothing', async () => {
    const refusals: Array<[string | number, string]> = [
      [FLOOR_DAYS - 1, `Must be at least ${FLOOR_DAYS} days: the database keeps audit entries at least that long.`],
      [0, `Must be at least ${FLOOR_DAYS} days: the database keeps audit entries at least that long.`],
      [MAX_DAYS + 1, `Must be at most ${MAX_DAYS} days, the longest this deployment allows.`],
      ['12.5', `Enter a whole number of days from ${FLOOR_DAYS} to ${MAX_DAYS}, or leave the field empty for the deployment default of ${DEFAULT_DAYS} days.`],
    ];
    for (const [days, message] of refusals) {
      // With another setting in the same form: nothing of it is saved either.
      const { result, entries } = await newEntries(t, () => ada.edit('Account', accountA, { name: 'Renamed with the retention', auditRetentionDays: days }));
      expect(result.body.notice?.type).toBe('error');
      expect(fieldError(result)).toBe(message);
      // The form comes back with what was typed, to correct rather than type again.
      expect(result.body.record?.params).toMatchObject({ name: 'Renamed with the retention', auditRetentionDays: String(days) });
      expect(entries).toEqual([]);
      const account = await t.dataSource.getRepository(Account).findOneByOrFail({ id: accountA });
      expect({ name: account.name, auditRetentionDays: account.auditRetentionDays }).toEqual({ name: 'MessageHub', auditRetentionDays: 60 });
    }
    // The bounds themselves are allowed.
    for (const days of [FLOOR_DAYS, MAX_DAYS, 60]) {
      expect((await ada.edit('Account', accountA, { auditRetentionDays: days })).body.notice?.type).toBe('success');
      expect(await storedDays(accountA)).toBe(days);
    }
  });

  it('says why in the reader\'s language', async () => {
    // Beta reads German once Bea sets its language (she chose none of her own).
    expect((await bea.edit('Account', accountB, { locale: 'de' })).body.notice?.type).toBe('success');
    const refused = await bea.edit('Account', accountB, { auditRetentionDays: 10 });
    expect(fieldError(refused)).toBe(`Mindestens ${FLOOR_DAYS} Tage: So lange bewahrt die Datenbank Audit-Einträge mindestens auf.`);
    expect(await storedDays(accountB)).toBeNull();
  });

  it('lets an administrator change only their own account\'s period, and agents none', async () => {
    const attempts: ActionResult[] = [
      await ada.edit('Account', accountB, { auditRetentionDays: 90 }),
      await bea.edit('Account', accountA, { auditRetentionDays: 90 }),
      await adminApi(await t.signIn(AGENT_EMAIL)).edit('Account', accountA, { auditRetentionDays: 90 }),
    ];
    for (const attempt of attempts) expect(attempt.body.notice?.type ?? `HTTP ${attempt.status}`).not.toBe('success');
    // Not found in another account (the record is confined to the admin's own), refused to an agent.
    expect(attempts[0]!.body.notice?.type).toBe('error');
    expect(attempts[1]!.body.notice?.type).toBe('error');
    expect(attempts[2]!.status).toBe(403);
    expect(await storedDays(accountA)).toBe(60);
    expect(await storedDays(accountB)).toBeNull();
  });
});

describe('the purge keeps each account\'s entries for its own period', () => {
  it('removes entries 100 days old in A (60 days) and keeps those in B (the default, 365); the purge entry names the period', async () => {
    expect(await storedDays(accountA)).toBe(60);
    expect(await storedDays(accountB)).toBeNull();
    await ageOldestAccountEntries(t.dataSource, accountA, 5, 100);
    // Beta's chain is short (a handful of entries since its creation): three of them.
    await ageOldestAccountEntries(t.dataSource, accountB, 3, 100);
    expect(await olderThanDays(accountA, 90)).toBe(5);
    expect(await olderThanDays(accountB, 90)).toBe(3);

    const result = await purgeExpiredEntries(t.audit, t.dataSource, t.config);

    const chainOf = (account: string | null) => result.chains.find((chain) => chain.account === account)!;
    expect(result.chains.map((chain) => chain.account)).toEqual([null, '0', String(accountA), String(accountB)]);
    expect(chainOf(String(accountA))).toMatchObject({ purged: 5, retention: { retentionDays: 60, retentionFrom: 'account' } });
    expect(chainOf(String(accountB))).toMatchObject({ purged: 0, retention: { retentionDays: DEFAULT_DAYS, retentionFrom: 'deployment' } });
    for (const other of [null, '0']) expect(chainOf(other)).toMatchObject({ purged: 0, retention: { retentionDays: DEFAULT_DAYS, retentionFrom: 'deployment' } });
    // One `now` for every chain: A's cutoff is 365 - 60 days after the default's.
    expect(chainOf(String(accountB)).olderThan).toEqual(result.olderThan);
    expect(chainOf(String(accountA)).olderThan!.getTime() - result.olderThan.getTime()).toBe((DEFAULT_DAYS - 60) * 24 * 3600 * 1000);
    expect(result.purged).toBe(5);

    expect(await olderThanDays(accountA, 90)).toBe(0);
    expect(await olderThanDays(accountB, 90)).toBe(3);
    const [purgedInA] = await purgeEntriesOf(accountA);
    expect(purgedInA!.details).toMatchObject({ count: 5, retentionDays: 60, retentionFrom: 'account' });
    expect(purgedInA!.details).not.toHaveProperty('raisedToRetentionFloor');
    // Nothing of B's was past its period: no purge, no entry.
    expect(await purgeEntriesOf(accountB)).toEqual([]);
    expect(await t.audit.verify()).toMatchObject({ ok: true });
  });

  it('uses the floor for an account whose period is now below it, says so, and still purges every chain', async () => {
    // The floor lengthened after A chose 60 days, as the maintenance role may (audit_set_retention).
    await t.dataSource.query(`SELECT audit_set_retention(interval '90 days')`);
    expect(await t.audit.retentionFloorDays()).toBe(90);

    // The panel reads the floor from the database, not from config (AUDIT_MIN_RETENTION_DAYS is still 30).
    const tooShort = await ada.edit('Account', accountA, { auditRetentionDays: 70 });
    expect(fieldError(tooShort)).toBe('Must be at least 90 days: the database keeps audit entries at least that long.');
    // A period chosen before does not block the other settings: only a changed period is checked.
    const unchanged = await ada.edit('Account', accountA, { supportEmail: 'retention@acme.example', auditRetentionDays: 60 });
    expect(unchanged.body.notice?.type).toBe('success');
    expect(await storedDays(accountA)).toBe(60);

    // Four of A's entries 80 days old, two of them 100: A's own 60 days would take all four, the floor takes two.
    await ageOldestAccountEntries(t.dataSource, accountA, 4, 80);
    await ageOldestAccountEntries(t.dataSource, accountA, 2, 20);
    expect(await olderThanDays(accountA, 60)).toBe(4);
    expect(await olderThanDays(accountA, 90)).toBe(2);

    const result = await purgeExpiredEntries(t.audit, t.dataSource, t.config);

    const raised = { retentionDays: 90, retentionFrom: 'account', accountRetentionDays: 60, raisedToRetentionFloor: true };
    expect(result.chains.find((chain) => chain.account === String(accountA))).toMatchObject({ purged: 2, retention: raised });
    expect(result.chains.find((chain) => chain.account === String(accountB))).toMatchObject({ purged: 0, retention: { retentionDays: DEFAULT_DAYS, retentionFrom: 'deployment' } });
    expect(await olderThanDays(accountA, 90)).toBe(0);
    expect(await olderThanDays(accountA, 60)).toBe(2);
    const [purgedInA] = await purgeEntriesOf(accountA);
    expect(purgedInA!.details).toMatchObject({ count: 2, ...raised });
    expect(await t.audit.verify()).toMatchObject({ ok: true });

    // npm run audit:purge says each chain's period, and why A's is not its own. It runs as a login
    // role with nothing but the maintenance role's rights, as operations.md sets it up: reading the
    // accounts' periods needs no more.
    const purger = `mh_purger_${process.pid}`;
    await t.dataSource.query(`DROP ROLE IF EXISTS ${purger}`);
    await t.dataSource.query(`CREATE ROLE ${purger} LOGIN IN ROLE audit_maintainer`);
    const purgerUrl = new URL(t.config.DATABASE_URL!);
    purgerUrl.username = purger;
    let purge: { stdout: string };
    try {
      purge = await run('npx', ['tsx', '--conditions=hashtrail-source', 'src/cli/audit-purge.ts'], {
        env: {
          ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'silent', DATABASE_URL: t.config.DATABASE_URL!, AUDIT_MAINTENANCE_DATABASE_URL: purgerUrl.toString(),
          AUDIT_RETENTION_DAYS: String(DEFAULT_DAYS),
        },
        timeout: 60_000,
      });
    } finally {
      await t.dataSource.query(`DROP OWNED BY ${purger}`);
      await t.dataSource.query(`DROP ROLE ${purger}`);
    }
    expect(purge.stdout).toContain(`  account ${accountA}: 0 purged, retention 90 days (the database's floor: the account's own 60 days is below it)\n`);
    expect(purge.stdout).toContain(`  account ${accountB}: 0 purged, retention ${DEFAULT_DAYS} days (the deployment default)\n`);
    expect(purge.stdout).toContain(`  system log: 0 purged, retention ${DEFAULT_DAYS} days (the deployment default)\n`);
    expect(purge.stdout).toMatch(new RegExp(`^Purged 0 audit entries in 4 chains \\(default retention ${DEFAULT_DAYS} days\\)$`, 'm'));
  }, 120_000); // npm run audit:purge starts a process of its own
});

describe('the retention help\'s figures (read with the panel\'s texts at every request)', () => {
  const limits = (minDays: number): RetentionLimits => ({ defaultDays: 365, minDays, maxDays: 3650 });

  it('reads the floor again only once its last reading is older than the help may show', async () => {
    let clock = 0;
    const readings: number[] = [];
    const read = recentRetentionLimits(async () => {
      readings.push(clock);
      return limits(30 + readings.length);
    }, 10_000, () => clock);
    expect((await read()).minDays).toBe(31);
    clock = 9_999;
    expect((await read()).minDays).toBe(31);
    clock = 10_000;
    expect((await read()).minDays).toBe(32);
    expect(readings).toEqual([0, 10_000]);
  });

  it('keeps no failed reading: the next request reads again', async () => {
    let fail = true;
    const read = recentRetentionLimits(async () => {
      if (fail) throw new Error('database away');
      return limits(30);
    }, 10_000, () => 0);
    await expect(read()).rejects.toThrow('database away');
    fail = false;
    await expect(read()).resolves.toEqual(limits(30));
  });
});
