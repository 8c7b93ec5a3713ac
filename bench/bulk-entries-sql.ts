import { canonicalTextV2Sql, chainHashSql, storedFieldsV2Sql } from '../plugin/src/chain/canonical.js';
// The SQL that makes realistic audit entries on the server itself (INSERT … SELECT over
// generate_series): no row crosses the wire, so millions take seconds per batch, not minutes.
//
// Shapes, chosen to look like a support team's admin log:
// - 40 accounts, 12 admins/agents each; a few busy people make most entries (a power law), and
//   about 3 % of entries are made by "System".
// - Sign-ins and sign-outs dominate; edits next; deletions and exports are rare (weights below).
// - Each person works from one of three usual addresses 85 % of the time, otherwise from anywhere;
//   one entry in twenty is IPv6.
// - Dates span the two years before `endsAt`, in order, with activity growing over time
//   (density grows linearly: the newest month is busier than the oldest).

/** action key, category, target type (null: the actor), weight. */
const ACTIONS: Array<[string, string, string | null, number]> = [
  ['session.signed_in', 'User', null, 300],
  ['session.signed_out', 'User', null, 200],
  ['session.sign_in_failed', 'User', null, 40],
  ['user.invited', 'User', 'user', 15],
  ['user.invitation_accepted', 'User', 'user', 10],
  ['user.role_changed', 'User', 'user', 8],
  ['user.availability_changed', 'User', 'user', 90],
  ['user.updated', 'User', 'user', 30],
  ['user.deleted', 'User', 'user', 4],
  ['account.updated', 'Account', 'account', 6],
  ['automation_rule.created', 'Automation Rule', 'automation_rule', 10],
  ['automation_rule.updated', 'Automation Rule', 'automation_rule', 35],
  ['automation_rule.deleted', 'Automation Rule', 'automation_rule', 5],
  ['inbox.created', 'Inbox', 'inbox', 8],
  ['inbox.updated', 'Inbox', 'inbox', 60],
  ['inbox.deleted', 'Inbox', 'inbox', 3],
  ['inbox.member_added', 'Inbox', 'inbox', 40],
  ['inbox.member_removed', 'Inbox', 'inbox', 20],
  ['webhook.created', 'Webhook', 'webhook', 6],
  ['webhook.updated', 'Webhook', 'webhook', 20],
  ['webhook.deleted', 'Webhook', 'webhook', 3],
  ['team.created', 'Team', 'team', 6],
  ['team.updated', 'Team', 'team', 25],
  ['team.deleted', 'Team', 'team', 2],
  ['team.member_added', 'Team', 'team', 35],
  ['team.member_removed', 'Team', 'team', 15],
  ['audit_log.exported', 'Audit', null, 3],
];

export const ACCOUNTS = 40;
export const PEOPLE_PER_ACCOUNT = 12;
export const ACTION_KEYS = ACTIONS.map(([key]) => key);

const FIRST_NAMES = ['Alice', 'Bruno', 'Chloe', 'Deepa', 'Emeka', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Julia', 'Kenji', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tariq', 'Uma', 'Victor', 'Wen', 'Yusuf', 'Zoe'];
const LAST_NAMES = ['Martin', 'Okafor', 'Silva', 'Nguyen', 'Kowalski', 'Haddad', 'Sato', 'Müller', 'Rossi', 'Dubois', 'Patel', 'Larsen', 'Garcia', 'Ivanova', 'Cohen', 'Mensah', 'Andersen', 'Moreau', 'Yilmaz', 'Khan', 'Fischer', 'Lopez', 'Novak'];
const LABEL_WORDS = ['Support', 'Billing', 'Sales', 'Onboarding', 'VIP', 'Returns', 'Escalations', 'Night shift', 'Partners', 'Europe', 'Americas', 'APAC', 'Priority', 'Feedback', 'Shipping'];
const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
];

const sqlText = (value: string) => `'${value.replace(/'/g, "''")}'`;
const sqlArray = (values: string[]) => `ARRAY[${values.map(sqlText).join(',')}]`;

/** Cumulative weights, so one random number in [0, total) picks an action by weight. */
function actionTable(): string {
  let cumulative = 0;
  const rows = ACTIONS.map(([key, category, targetType, weight], index) => {
    cumulative += weight;
    return `(${index}, ${sqlText(key)}, ${sqlText(category)}, ${targetType ? sqlText(targetType) : 'NULL'}, ${cumulative})`;
  });
  return `(VALUES ${rows.join(',')}) AS a(idx, key, category, target_type, upto)`;
}

const TOTAL_WEIGHT = ACTIONS.reduce((sum, [, , , weight]) => sum + weight, 0);

/**
 * INSERT for rows `first` … `first + count - 1` of a run of `total` rows that ends at `endsAt`.
 * Row order is time order (an append-only log is written in time order).
 */
export function bulkEntriesInsert(first: number, count: number, total: number, endsAt: Date, chain?: BulkChainLink, accounts = ACCOUNTS): string {
  const rows = bulkEntryRows(first, count, total, endsAt, { accounts });
  return chain ? chainedInsert(rows, first, chain) : unchainedInsert(rows);
}

/**
 * The CTEs (`WITH … r AS (…)`) that make rows `first` … `first + count - 1`: `r` holds the
 * columns of COLUMNS, the row number `i` and the account as a number (`account_no`).
 * `jitter: false` leaves the times strictly in row order (an account's chain is in time order,
 * as the append keeps it); with it, each time is moved up to a minute either way. `accounts`
 * (default ACCOUNTS) spreads the people over accounts 1 … accounts; 1 puts every entry in account 1.
 */
export function bulkEntryRows(first: number, count: number, total: number, endsAt: Date, options: { jitter?: boolean; accounts?: number } = {}): string {
  const people = (options.accounts ?? ACCOUNTS) * PEOPLE_PER_ACCOUNT;
  const jitter = options.jitter === false ? '' : `
      + (g.r_misc - 0.5) * interval '2 minutes'`;
  return `
WITH g AS (
  SELECT i, random() AS r_actor, random() AS r_action, random() AS r_ip, random() AS r_target, random() AS r_misc
  FROM generate_series(${first}, ${first + count - 1}) AS i
), picked AS (
  SELECT g.*,
    -- Power law: a handful of people make most entries. System makes ~3 %.
    CASE WHEN g.r_misc < 0.03 THEN NULL ELSE 1 + floor(${people} * power(g.r_actor, 2.5))::int END AS person,
    a.key AS action, a.category, a.target_type,
    ${sqlText(endsAt.toISOString())}::timestamptz - interval '730 days' * (1 - sqrt((g.i + 0.5) / ${total}::float8))${jitter} AS occurred_at
  FROM g
  CROSS JOIN LATERAL (SELECT * FROM ${actionTable()} WHERE a.upto > floor(g.r_action * ${TOTAL_WEIGHT}) ORDER BY a.idx LIMIT 1) a
), named AS (
  SELECT p.*,
    (${sqlArray(FIRST_NAMES)})[1 + (p.person * 7) % ${FIRST_NAMES.length}] AS first_name,
    (${sqlArray(LAST_NAMES)})[1 + (p.person * 13) % ${LAST_NAMES.length}] AS last_name,
    1 + (coalesce(p.person, 1) - 1) / ${PEOPLE_PER_ACCOUNT} AS account,
    1 + floor(p.r_target * 5000)::int AS target_no,
    (${sqlArray(LABEL_WORDS)})[1 + floor(p.r_target * 5000)::int % ${LABEL_WORDS.length}] || ' ' || (1 + floor(p.r_target * 5000)::int) AS object_label
  FROM picked p
), described AS (
  SELECT n.*,
    CASE WHEN n.person IS NULL THEN 'System' ELSE n.first_name || ' ' || n.last_name END AS actor_name,
    CASE WHEN n.person IS NULL THEN NULL ELSE lower(n.first_name || '.' || n.last_name || n.person) || '@account' || n.account || '.example' END AS actor_email,
    CASE WHEN n.target_type = 'user' THEN (${sqlArray(FIRST_NAMES)})[1 + n.target_no % ${FIRST_NAMES.length}] || ' ' || (${sqlArray(LAST_NAMES)})[1 + n.target_no % ${LAST_NAMES.length}]
         WHEN n.target_type = 'account' THEN 'Account ' || n.account
         WHEN n.target_type IS NULL THEN NULL
         ELSE n.object_label END AS target_label
  FROM named n
), r AS (
SELECT
  d.i,
  d.occurred_at,
  d.person::text AS actor_id,
  d.actor_name,
  d.actor_email,
  CASE WHEN d.person IS NULL THEN NULL WHEN d.person % ${PEOPLE_PER_ACCOUNT} = 1 THEN 'administrator' ELSE 'agent' END AS actor_role,
  d.action,
  d.category,
  coalesce(d.target_type, CASE WHEN d.person IS NULL THEN NULL ELSE 'user' END) AS target_type,
  CASE WHEN d.target_type IS NULL THEN d.person::text WHEN d.target_type = 'account' THEN d.account::text ELSE d.target_no::text END AS target_id,
  coalesce(d.target_label, d.actor_name) AS target_label,
  CASE WHEN d.action LIKE '%.updated' OR d.action LIKE '%_changed'
       THEN jsonb_build_object('name', jsonb_build_object('from', d.object_label, 'to', d.object_label || ' (new)')) END AS changes,
  CASE WHEN d.action = 'session.sign_in_failed' THEN jsonb_build_object('email', d.actor_email, 'reason', 'wrong_password')
       WHEN d.action = 'audit_log.exported' THEN jsonb_build_object('rows', d.target_no * 10, 'format', 'csv')
       ELSE '{}'::jsonb END AS details,
  CASE WHEN d.person IS NULL THEN NULL
       WHEN d.r_ip < 0.05 THEN '2001:db8:' || to_hex(d.person) || '::' || to_hex(floor(d.r_ip * 65535 * 20)::int)
       WHEN d.r_ip < 0.85 THEN (23 + d.person % 180) || '.' || (d.person * 7 % 256) || '.' || (d.person * 11 % 256) || '.' || (1 + floor(d.r_ip * 3)::int)
       ELSE (1 + floor(d.r_ip * 1000)::int % 223) || '.' || floor(d.r_target * 256)::int || '.' || floor(d.r_misc * 256)::int || '.' || floor(d.r_actor * 254 + 1)::int END AS ip,
  (${sqlArray(USER_AGENTS)})[1 + coalesce(d.person, 0) % ${USER_AGENTS.length}] AS user_agent,
  substr(md5(d.i::text || d.r_misc::text), 1, 24) AS request_id,
  d.account AS account_id,
  d.account AS account_no,
  CASE
    WHEN d.action = 'session.signed_in' THEN d.actor_name || ' signed in'
    WHEN d.action = 'session.signed_out' THEN d.actor_name || ' signed out'
    WHEN d.action = 'session.sign_in_failed' THEN 'Sign-in refused for ' || coalesce(d.actor_email, '(no email)') || ' (wrong password)'
    WHEN d.action = 'audit_log.exported' THEN d.actor_name || ' exported ' || d.target_no * 10 || ' audit entries as csv'
    WHEN d.action LIKE '%.created' THEN d.actor_name || ' created ' || replace(d.target_type, '_', ' ') || ' "' || d.target_label || '" (#' || d.target_no || ')'
    WHEN d.action LIKE '%.deleted' THEN d.actor_name || ' deleted ' || replace(d.target_type, '_', ' ') || ' "' || d.target_label || '" (#' || d.target_no || ')'
    WHEN d.action LIKE '%.member_added' THEN d.actor_name || ' added "' || (${sqlArray(FIRST_NAMES)})[1 + d.target_no % ${FIRST_NAMES.length}] || '" to ' || d.target_type || ' "' || d.target_label || '"'
    WHEN d.action LIKE '%.member_removed' THEN d.actor_name || ' removed "' || (${sqlArray(FIRST_NAMES)})[1 + d.target_no % ${FIRST_NAMES.length}] || '" from ' || d.target_type || ' "' || d.target_label || '"'
    WHEN d.action = 'account.updated' THEN d.actor_name || ' changed account settings: name'
    ELSE d.actor_name || ' updated ' || replace(d.target_type, '_', ' ') || ' "' || d.target_label || '" (#' || d.target_no || '): name'
  END AS sentence,
  -- The sentence's parameters, as the catalogue's params functions keep them.
  CASE WHEN d.action LIKE '%.updated' OR d.action = 'account.updated' THEN '{"fields": {"fields": ["name"]}}'::jsonb
       WHEN d.action LIKE '%.member_%' THEN jsonb_build_object('member', (${sqlArray(FIRST_NAMES)})[1 + d.target_no % ${FIRST_NAMES.length}])
       ELSE '{}'::jsonb END AS params
FROM described d
)`;
}

/** Where a batch joins the chain: the head before it, and the ids reserved for it. */
export interface BulkChainLink {
  /** chain_seq of the batch's first row (the head's last_seq + 1). */
  seqStart: bigint;
  /** id of the batch's first row (ids first … first + count - 1 are reserved from the sequence). */
  idStart: bigint;
  /** The head's last_hash before the batch. */
  prevHash: string;
  /** Event ids are derived from it and the position, so a seed gives the same log every time. */
  seed: number;
}

const COLUMNS = `occurred_at, actor_id, actor_name, actor_email, actor_role, action, category, target_type, target_id,
  target_label, changes, details, ip, user_agent, request_id, account_id, sentence, params`;

function unchainedInsert(rows: string): string {
  return `${rows}
INSERT INTO audit_logs (${COLUMNS})
SELECT ${COLUMNS} FROM r ORDER BY r.i`;
}

/**
 * Rows linked into the hash chain as the writer links them (chain format 2): chain_seq and id in
 * row order, and hash = SHA-256(prev_hash + "\n" + canonical text), computed by bench_chain_hash
 * (see bulkChainFunctionsSql) running over the rows in order as a window aggregate, so each row's
 * state is the hash of the row before it.
 */
function chainedInsert(rows: string, first: number, chain: BulkChainLink): string {
  if (!/^[0-9a-f]{64}$/.test(chain.prevHash)) throw new Error('prevHash must be 64 hex digits');
  const seq = `(${chain.seqStart}::bigint + (r.i - ${first}))`;
  const id = `(${chain.idStart}::bigint + (r.i - ${first}))`;
  const eventId = `md5('${Math.trunc(chain.seed)}:' || ${seq})::uuid`;
  return `${rows}, linked AS (
  SELECT r.*, ${seq} AS chain_seq, ${id} AS id, ${eventId} AS event_id FROM r
), hashed AS (
  SELECT l.*, bench_chain_hash('${chain.prevHash}', ${canonicalTextV2Sql(storedFieldsV2Sql('l'))})
           OVER (ORDER BY l.chain_seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS hash
    FROM linked l
)
INSERT INTO audit_logs (id, chain_seq, event_id, ${COLUMNS}, chain_format, prev_hash, hash)
SELECT id, chain_seq, event_id, ${COLUMNS}, 2,
  coalesce(lag(hash) OVER (ORDER BY chain_seq), '${chain.prevHash}'), hash
FROM hashed ORDER BY chain_seq`;
}

/**
 * The window aggregate the chained insert uses: its state is the previous row's hash (the batch's
 * start hash for the first row), and each step is the plugin's own chainHashSql over the plugin's
 * canonicalTextV2Sql, what audit_append_entry_v2 hashes with, so bulk rows hash exactly as
 * appended ones do (and audit:verify re-hashes them the same way).
 */
export function bulkChainFunctionsSql(): string[] {
  const step = chainHashSql('coalesce(state, start_hash)', 'canonical');
  return [
    `CREATE OR REPLACE FUNCTION bench_chain_hash_step(state text, start_hash text, canonical text)
       RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$ BEGIN RETURN ${step}; END $$`,
    `DROP AGGREGATE IF EXISTS bench_chain_hash(text, bigint, bigint, uuid, timestamptz, text)`,
    `DROP AGGREGATE IF EXISTS bench_chain_hash(text, text)`,
    `CREATE AGGREGATE bench_chain_hash(text, text) (SFUNC = bench_chain_hash_step, STYPE = text)`,
  ];
}
