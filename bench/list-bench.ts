// The Audit Logs list API, ours vs the stock AdminJS list on the same table, first page and page
// 1,000, with no filter and with each single filter and the search. Requests alternate between the
// two apps so both see the same machine load.
import pg from 'pg';
import { getList, median, percentile, timed, type Session } from './http-client.js';

export interface ListCase {
  name: string;
  /** Query for our list (filters.*). */
  ours: Record<string, string>;
  /** The nearest stock equivalent (the stock adapter LIKEs strings; it has no search box). */
  stock: Record<string, string>;
}

export interface ListResult {
  entries: number;
  caseName: string;
  page: number;
  oursP50: number;
  oursP95: number;
  stockP50: number;
  stockP95: number;
  oursTotal: number;
  oursRecords: number;
}

/** Realistic filter values read from the table itself, so each filter has rows to find. */
export async function listCases(url: string): Promise<ListCase[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const one = async (sql: string) => String(Object.values((await client.query(sql)).rows[0] ?? { v: '' })[0] ?? '');
    // A mid-table row stands for "the entry someone is asking about".
    const middle = await one(`SELECT id FROM audit_logs ORDER BY id OFFSET (SELECT count(*) / 2 FROM audit_logs) LIMIT 1`);
    const requestId = await one(`SELECT request_id FROM audit_logs WHERE id = ${Number(middle)}`);
    const targetId = await one(`SELECT target_id FROM audit_logs WHERE target_type = 'inbox' AND id >= ${Number(middle)} LIMIT 1`);
    const ip = await one(`SELECT ip FROM audit_logs WHERE actor_id = '40' AND ip LIKE '%.%' ORDER BY occurred_at DESC LIMIT 1`);
    const rareEmail = await one(`SELECT actor_email FROM audit_logs WHERE actor_id = '470' ORDER BY occurred_at DESC LIMIT 1`);
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    const sorted = { sortBy: 'occurredAt', direction: 'desc' };
    const same = (name: string, filters: Record<string, string>): ListCase => ({ name, ours: { ...sorted, ...filters }, stock: { ...sorted, ...filters } });
    return [
      same('no filter', {}),
      same('actor', { 'filters.actorId': '40' }),
      same('category', { 'filters.category': 'Inbox' }),
      same('action', { 'filters.action': 'inbox.updated' }),
      same('target type', { 'filters.targetType': 'team' }),
      same('target id', { 'filters.targetId': targetId }),
      same('request id', { 'filters.requestId': requestId }),
      same('IP', { 'filters.ip': ip }),
      // The range an incident review asks for, and the one a yearly compliance review asks for: the
      // stock list's cost grows with the entries in range (its exact count), ours does not.
      same('last 30 days', { 'filters.occurredAt~~from': daysAgo(30) }),
      same('last 12 months', { 'filters.occurredAt~~from': daysAgo(365) }),
      { name: 'search, frequent ("signed in")', ours: { ...sorted, 'filters.search': 'signed in' }, stock: { ...sorted, 'filters.sentence': 'signed in' } },
      { name: `search, rare (an email)`, ours: { ...sorted, 'filters.search': rareEmail }, stock: { ...sorted, 'filters.sentence': rareEmail } },
      { name: 'search, no match', ours: { ...sorted, 'filters.search': 'no entry says this' }, stock: { ...sorted, 'filters.sentence': 'no entry says this' } },
    ];
  } finally {
    await client.end();
  }
}

export interface ListBenchOptions {
  entries: number;
  ours: Session;
  stock: Session;
  cases: ListCase[];
  pages: number[];
  runs: number;
  stockRuns: number;
  log: (line: string) => void;
}

export async function benchList(options: ListBenchOptions): Promise<ListResult[]> {
  const results: ListResult[] = [];
  for (const listCase of options.cases) {
    for (const page of options.pages) {
      const oursQuery = { ...listCase.ours, page: String(page) };
      const stockQuery = { ...listCase.stock, page: String(page) };
      // One unmeasured request each: plans cached, pages in memory, as for an admin clicking around.
      const warm = await getList(options.ours, 'AuditLog', oursQuery);
      await getList(options.stock, 'AuditLog', stockQuery);
      const ours: number[] = [];
      const stock: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        ours.push((await timed(() => getList(options.ours, 'AuditLog', oursQuery))).ms);
        if (run < options.stockRuns) stock.push((await timed(() => getList(options.stock, 'AuditLog', stockQuery))).ms);
      }
      const result: ListResult = {
        entries: options.entries,
        caseName: listCase.name,
        page,
        oursP50: median(ours),
        oursP95: percentile(ours, 95),
        stockP50: median(stock),
        stockP95: percentile(stock, 95),
        oursTotal: warm.total,
        oursRecords: warm.records,
      };
      options.log(
        `  ${listCase.name.padEnd(32)} page ${String(page).padStart(4)}: ours p50 ${result.oursP50.toFixed(1)} / p95 ${result.oursP95.toFixed(1)} ms; stock p50 ${result.stockP50.toFixed(0)} / p95 ${result.stockP95.toFixed(0)} ms`,
      );
      results.push(result);
    }
  }
  return results;
}
