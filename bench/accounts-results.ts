// RESULTS.md's part for the accounts case set (bench/accounts-bench.ts): its rows in the Targets
// table and its own section, written from what the run measured.
import { ACCOUNT_LIST_TARGET_P95_MS, type AccountListResult } from './account-list-bench.js';
import type { AccountsRun, AppendsOn } from './accounts-bench.js';

/** "Appends scale with accounts": 20 writers over 20 accounts at least this many times the rate of 20 writers in one. */
export const ACCOUNT_SCALING_TARGET = 1.5;
export const ACCOUNT_LIST_TARGET_ENTRIES = 10_000_000;

const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const rate = (value: number) => Math.round(value).toLocaleString('en');
const ratio = (side: AppendsOn) => side.spread.perSecond / side.oneAccount.perSecond;

function worstList(results: AccountListResult[]): AccountListResult {
  return results.reduce((top, row) => (row.p95 > top.p95 ? row : top));
}

export function accountsTargetRows(run: AccountsRun | null | undefined): string[] {
  if (!run) return [];
  const lines: string[] = [];
  const measured: Array<[string, AppendsOn]> = [];
  if (run.oneNode) measured.push(['one node', run.oneNode]);
  if (run.citus) measured.push(['Citus', run.citus]);
  if (measured.length) {
    const cells = measured.map(([name, side]) => `${name} ${ratio(side).toFixed(2)}× (${rate(side.spread.perSecond)} vs ${rate(side.oneAccount.perSecond)} appends/s)`);
    const ok = measured.length === 2 && measured.every(([, side]) => ratio(side) >= ACCOUNT_SCALING_TARGET && side.verified);
    const writers = measured[0]![1].spread.writers;
    lines.push(
      `| appends scale with accounts (not capped by one global head): ${writers} writers over ${writers} accounts ≥ ${ACCOUNT_SCALING_TARGET}× ${writers} writers in one account, on one node and on Citus, every chain verified after | ${cells.join('; ')}${measured.length < 2 ? '; the other side not measured' : ''} | ${verdict(ok)} |`,
    );
  }
  if (run.list?.results.length) {
    const worst = worstList(run.list.results);
    // The worst of the other filters too, so one slow kind of request does not hide how the rest fare.
    const others = run.list.results.filter((row) => row.caseName !== worst.caseName);
    const nextWorst = others.length ? worstList(others) : null;
    const full = run.list.entries >= ACCOUNT_LIST_TARGET_ENTRIES * 0.99;
    lines.push(
      `| list p95 ≤ ${ACCOUNT_LIST_TARGET_P95_MS} ms, one account among ${ACCOUNT_LIST_TARGET_ENTRIES.toLocaleString('en')} entries on Citus (first page, every case, big and small account) | worst p95 ${ms(worst.p95)} ms (account ${worst.account}, ${worst.caseName})${nextWorst ? `; every other filter ≤ ${ms(nextWorst.p95)} ms (account ${nextWorst.account}, ${nextWorst.caseName})` : ''}${full ? '' : ` **at ${run.list.entries.toLocaleString('en')} entries only**`} | ${full ? verdict(worst.p95 <= ACCOUNT_LIST_TARGET_P95_MS) : 'not measured at size'} |`,
    );
  }
  return lines;
}

function appendRows(name: string, side: AppendsOn): string[] {
  return [side.oneAccount, side.spread].map(
    (load) => `| ${name} | ${load.writers} writers, ${load.accounts === 1 ? 'one account' : `${load.accounts} accounts`} | ${rate(load.perSecond)} | ${ms(load.meanMs)} | ${ms(load.p95Ms)} | ${load === side.spread ? `${ratio(side).toFixed(2)}×` : ''} | ${side.verified ? 'yes' : '**no**'} | ${side.loadAverageStart} → ${side.loadAverageEnd} |`,
  );
}

export function accountsSection(run: AccountsRun): string[] {
  const lines = ['## Accounts: per-account chains on one node and on Citus', ''];
  const sides = [run.oneNode, run.citus].filter((side): side is AppendsOn => side !== null);
  const first = sides[0];
  lines.push(
    `Measured on ${run.date}, ${run.cpu}, ${run.cores} cores, Node ${run.node}; every node of every setup below on this one machine, sharing its two cores with the bench's own client and with other work (the load average beside each figure).`,
    '',
    '### Appends',
    '',
  );
  const citusBelow = run.oneNode !== null && run.citus !== null && run.citus.oneAccount.perSecond < run.oneNode.oneAccount.perSecond && run.citus.spread.perSecond < run.oneNode.spread.perSecond;
  if (first) {
    lines.push(
      `Each transaction records one MessageHub-sized entry (an inbox edit: changes, request info) through the plugin's writer (\`audit.record\`, \`audit_append_entry_v3\`), with signed checkpoints as by default. ${first.oneAccount.writers} writers (a pool of as many connections) run ${first.oneAccount.transactions.toLocaleString('en')} transactions between them, (a) all in one account, so they queue on its chain head (as every writer did on the one global head before 0.5), and (b) one account each; per load a warm-up and then three rounds, the median round by rate shown, each load on chains of its own. Afterwards every chain of the database is verified (\`audit.verify()\`).`,
      '',
      ...sides.map((side) => `- ${side.setup}.`),
      '',
      '| setup | load | appends/s | mean ms | p95 ms | (b) / (a) | every chain verified | load average |',
      '|---|---|---:|---:|---:|---:|---|---|',
      ...(run.oneNode ? appendRows('one node', run.oneNode) : []),
      ...(run.citus ? appendRows('Citus', run.citus) : []),
      '',
      `What this does and does not show. With one account the ${first.oneAccount.writers} writers take turns at its chain head: each append holds the head's row lock until its transaction has committed (which includes waiting for the commit's WAL to reach the disk: fsync is on in both setups), so the load runs one append at a time whatever the hardware. Over ${first.spread.accounts} accounts nothing is shared between them, and the rate is bounded by the machine instead: ${sides.map((side) => `${ratio(side).toFixed(2)}× on ${side === run.oneNode ? 'one node' : 'Citus'}`).join(', ')}. ` +
        `That is the change 0.5 makes: appends are no longer capped by one global head. What it does not show is Citus scaling out: its coordinator and both workers run on the same two cores as the one node does alone, and each append crosses from the coordinator to a worker (the owner's connection, the head's lock and the insert on the worker), so on this machine Citus only adds work${citusBelow ? ', and its rates are below one node\'s' : ''}. Spreading accounts over workers on machines of their own is what would raise the ceiling; that is not measured here. The rates are of a shared virtual machine (see the load averages), so compare the rows of one setup with each other rather than with other runs.`,
      '',
    );
  }
  for (const failed of run.appendFailures) lines.push(`- **Not measured**: ${failed}.`);
  if (run.appendFailures.length) lines.push('');
  lines.push('### List: one account among many on Citus', '');
  const list = run.list;
  if (list) {
    const verified = list.smallAccountVerified;
    lines.push(
      `${list.setup}. The set holds **${list.entries.toLocaleString('en')} entries**${list.entries < list.asked * 0.99 ? ` (${list.asked.toLocaleString('en')} were asked for)` : ''} over ${list.accounts} accounts with the skew of \`seed:bulk\` (a few busy people make most entries), two years of history, made by SQL on the coordinator (bench/citus-seed.ts, ${list.seedSeconds > 0 ? `${(list.seedSeconds / 60).toFixed(1)} min in this run` : 'seeded in an earlier run'}); each account's entries are linked into its own hash chain (format 3, as the append links them)${verified ? `, and account ${verified.account}'s chain was verified after the list was measured: ${verified.ok ? 'OK' : '**failed**'}, ${verified.entries.toLocaleString('en')} entries in ${verified.seconds.toFixed(1)} s` : ''}.`,
      '',
      `Each row is the Audit Logs list's database work for a reader of that account, timed in the bench's process: the plugin's \`AuditLogList\` as the resource calls it, \`count(values)\`, \`pageIds(values, 20 newest)\`, then \`rows(ids, scope)\`, with the reader's \`AccountScope\` in the values; no HTTP and no AdminJS around it (the list API section measures those, on one node). One warm-up, then nearest-rank p50 and p95 of ${list.runs} requests per row; a search term is respelled in other letter cases each run, so no run reuses the last one's cached search figures. "Last 30 days" is the 30 days before the account's newest entry (the seed's entries end when it ran).`,
      '',
      '| account (its entries) | filter | p50 ms | p95 ms | total shown | rows | load average |',
      '|---|---|---:|---:|---:|---:|---|',
      ...list.results.map((row) => `| ${row.account} (${row.accountEntries.toLocaleString('en')}) | ${row.caseName} | ${ms(row.p50)} | ${ms(row.p95)}${row.p95 <= ACCOUNT_LIST_TARGET_P95_MS ? '' : ' **over**'} | ${row.total.toLocaleString('en')} | ${row.rows} | ${row.loadAverage} |`),
      '',
    );
  } else {
    lines.push(`**Not measured**${run.listFailure ? `: ${run.listFailure}` : ''}.`, '');
  }
  return lines;
}
