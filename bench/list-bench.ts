// The Audit Logs list API, ours vs the stock AdminJS list on the same table, first page and page
// 1,000, with no filter and with each single filter and the search. Requests alternate between the
// two apps so both see the same machine load.
//
// Each search request spells its term in other letter cases (the same matches: the search ignores
// case), so every one is a new search for the list, as when someone types a term and presses
// Enter: none reuses the search-window figures the list keeps for a few seconds.
import pg from 'pg';
import { getList, median, percentile, timed, type Session } from './http-client.js';

/** The newest entries the cases call "lately": the list's default search window. */
const RECENT_ENTRIES = 5000;

/**
 * `term` in the letter cases of `run` (bit i of run: upper or lower case of the i-th letter), so
 * that each run asks a search the list has not just answered. Run 0 is the term as written.
 */
export function respelled(term: string, run: number): string {
  let letter = 0;
  return [...term]
    .map((char) => {
      if (char.toLowerCase() === char.toUpperCase()) return char;
      const upper = (run >> (letter % 30)) & 1;
      letter += 1;
      return upper ? char.toUpperCase() : char.toLowerCase();
    })
    .join('');
}

/** Our query for run `run`: a search term respelled (see respelled), anything else as it is. */
function forRun(query: Record<string, string>, run: number): Record<string, string> {
  const term = query['filters.search'];
  return term === undefined ? query : { ...query, 'filters.search': respelled(term, run) };
}

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
    // seed:bulk's people 400–480 each make ~0.08 % of the entries; how many of them the newest
    // entries hold (the list's search window) is the luck of the data. The two extremes stand for
    // any data: the one most present lately and the one least present (often absent).
    const rareByRecency = async (order: 'DESC' | 'ASC') =>
      one(`SELECT max(actor_email) FROM audit_logs WHERE actor_id = (
             SELECT p.id::text FROM generate_series(400, 480) AS p(id)
             LEFT JOIN (SELECT actor_id, count(*) AS n FROM (SELECT actor_id FROM audit_logs ORDER BY occurred_at DESC, id DESC LIMIT ${RECENT_ENTRIES}) w GROUP BY actor_id) r
               ON r.actor_id = p.id::text
             ORDER BY coalesce(r.n, 0) ${order}, p.id LIMIT 1)`);
    const rareLately = await rareByRecency('DESC');
    const rareNotLately = await rareByRecency('ASC');
    const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 3600 * 1000).toISOString();
    const sorted = { sortBy: 'occurredAt', direction: 'desc' };
    const same = (name: string, filters: Record<string, string>): ListCase => ({ name, ours: { ...sorted, ...filters }, stock: { ...sorted, ...filters } });
    const searched = (name: string, term: string): ListCase => ({ name, ours: { ...sorted, 'filters.search': term }, stock: { ...sorted, 'filters.sentence': term } });
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
      searched('search, frequent ("signed in")', 'signed in'),
      searched('search, rare (an email)', rareEmail),
      searched('search, rare, active lately (an email)', rareLately),
      searched('search, rare, not lately (an email)', rareNotLately),
      searched('search, no match', 'no entry says this'),
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
        // Run + 1: the warm-up asked the term as written.
        ours.push((await timed(() => getList(options.ours, 'AuditLog', forRun(oursQuery, run + 1)))).ms);
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
