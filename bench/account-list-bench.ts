// The Audit Logs list's first page for one account, read as the panel reads it for a reader of
// that account: the plugin's AuditLogList, count(values) then pageIds(values, 20 newest) then
// rows(ids, scope), with values holding the reader's AccountScope and the filter of the case.
// Timed in the process (no HTTP, no AdminJS around it): the database's share of a list request.
import os from 'node:os';
import type { DataSource } from 'typeorm';
import { AuditLogList } from '../plugin/src/adminjs/audit-log-list.js';
import { ACCOUNT_FILTER, AccountScope, type AuditFilterValues } from '../plugin/src/adminjs/audit-log-query.js';
import { respelled } from './list-bench.js';

export const ACCOUNT_LIST_TARGET_P95_MS = 50;
const PAGE_SIZE = 20;

export interface AccountListCase {
  name: string;
  filters: AuditFilterValues;
  /** A search term: respelled in other letter cases each run, so no run reuses the last one's cached search figures. */
  search?: string;
}

export interface AccountListResult {
  account: string;
  /** The account's entries. */
  accountEntries: number;
  caseName: string;
  p50: number;
  p95: number;
  /** The total the list showed (capped or estimated beyond the cap, as the plugin counts). */
  total: number;
  /** Rows on the first page. */
  rows: number;
  loadAverage: string;
}

/** The account's own values for the cases: its busiest actor of late (a name of letters a-z), that actor's surname, the day of its newest entry. */
export async function accountListCases(dataSource: DataSource, account: string): Promise<AccountListCase[]> {
  const [busiest] = (await dataSource.query(
    `SELECT actor_id AS "actorId", actor_name AS "actorName" FROM (
       SELECT actor_id, actor_name FROM audit_logs WHERE account_id = $1 ORDER BY occurred_at DESC, id DESC LIMIT 5000) recent
      -- Letters a-z only: a test cluster made with --locale=C folds no other letter's case (Ü is not ü there), and a term is respelled each run.
      WHERE actor_id IS NOT NULL AND actor_name ~ '^[A-Za-z ]+$' GROUP BY 1, 2 ORDER BY count(*) DESC LIMIT 1`,
    [account],
  )) as Array<{ actorId: string; actorName: string }>;
  const [{ newest }] = (await dataSource.query(`SELECT max(occurred_at) AS newest FROM audit_logs WHERE account_id = $1`, [account])) as Array<{ newest: Date }>;
  if (!busiest || !newest) throw new Error(`account ${account} has no entries`);
  // The seed's entries end when it ran: "the last 30 days" is the 30 days before the account's newest entry.
  const from = new Date(newest.getTime() - 30 * 86_400_000).toISOString();
  const surname = busiest.actorName.split(' ').at(-1)!;
  return [
    { name: 'no filter', filters: {} },
    { name: 'action = inbox.updated', filters: { action: 'inbox.updated' } },
    { name: `actor = ${busiest.actorName}`, filters: { actorId: busiest.actorId } },
    { name: `search "${surname}" (frequent)`, filters: {}, search: surname },
    { name: 'search "zebrafish" (no match)', filters: {}, search: 'zebrafish' },
    { name: 'last 30 days', filters: { occurredAt: { from } } },
  ];
}

const nearestRank = (sorted: number[], share: number) => sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * share) - 1)]!;

/** One list request's database work: total, the page's ids, its rows. */
async function firstPage(list: AuditLogList, values: AuditFilterValues, scope: AccountScope): Promise<{ ms: number; total: number; rows: number }> {
  const t0 = performance.now();
  const total = await list.count(values);
  const ids = await list.pageIds(values, { limit: PAGE_SIZE, offset: 0, direction: 'DESC' });
  const rows = await list.rows(ids, scope);
  return { ms: performance.now() - t0, total, rows: rows.length };
}

/** Each case for `account`: one warm-up, then `runs` timed requests; p50 and nearest-rank p95. */
export async function benchAccountList(dataSource: DataSource, account: string, runs: number, log: (line: string) => void): Promise<AccountListResult[]> {
  // One list, as the Audit Logs resource keeps one: its search caches live as long as it does.
  const list = new AuditLogList(dataSource);
  const scope = new AccountScope(account);
  const [{ n }] = (await dataSource.query(`SELECT count(*)::text AS n FROM audit_logs WHERE account_id = $1`, [account])) as Array<{ n: string }>;
  const accountEntries = Number(n);
  const results: AccountListResult[] = [];
  for (const listCase of await accountListCases(dataSource, account)) {
    const valuesFor = (run: number): AuditFilterValues => ({
      ...listCase.filters,
      ...(listCase.search === undefined ? {} : { search: respelled(listCase.search, run) }),
      [ACCOUNT_FILTER]: scope,
    });
    await firstPage(list, valuesFor(-1), scope);
    const times: number[] = [];
    let last = { total: 0, rows: 0 };
    for (let run = 0; run < runs; run += 1) {
      const measured = await firstPage(list, valuesFor(run), scope);
      times.push(measured.ms);
      last = measured;
    }
    times.sort((a, b) => a - b);
    const loadAverage = os.loadavg().map((value) => value.toFixed(2)).join(' / ');
    const result = { account, accountEntries, caseName: listCase.name, p50: nearestRank(times, 0.5), p95: nearestRank(times, 0.95), total: last.total, rows: last.rows, loadAverage };
    results.push(result);
    log(`  account ${account} (${accountEntries.toLocaleString('en')} entries), ${listCase.name.padEnd(34)} p50 ${result.p50.toFixed(1)} / p95 ${result.p95.toFixed(1)} ms, total shown ${result.total.toLocaleString('en')}, ${result.rows} rows; load ${loadAverage}`);
  }
  return results;
}
