// The numbers an admin looks at first during an incident: what just happened, how busy the log
// has been, who failed to sign in and from where, who has been most active. Each is one small
// query bounded by occurred_at, so each walks the occurred_at index, not the whole table.
import type { RenderableEntry } from '../catalogue/sentence.js';
import type { DataSource } from 'typeorm';

export interface DashboardEntry {
  id: string;
  occurredAt: string;
  sentence: string;
  actorName: string;
  ip: string | null;
}

export interface DashboardData {
  timeZone: string;
  latest: DashboardEntry[];
  /** One point per calendar day (account time zone), oldest first, days without entries included. */
  perDay: Array<{ day: string; count: number }>;
  signInFailures: {
    total: number;
    byIp: Array<{ ip: string | null; count: number; emails: string[]; lastAt: string }>;
  };
  /** Since Monday 00:00 in the account time zone. */
  topActors: Array<{ actorId: string; actorName: string; count: number }>;
  weekStartsAt: string;
}

export interface DashboardOptions {
  signInFailedAction: string;
  timeZone: string;
  latest?: number;
  days?: number;
  topActors?: number;
  /** The latest entries' sentences in the reader's language; the stored sentence when omitted. */
  sentence?: (entry: RenderableEntry) => string;
  /** Hosts with accounts: the numbers of this account's entries only. */
  account?: string;
}

const iso = (value: Date | string) => (value instanceof Date ? value : new Date(value)).toISOString();

/** The account's zone when PostgreSQL knows it, else UTC (a typo in settings must not break the dashboard). */
async function knownZone(dataSource: DataSource, timeZone: string): Promise<string> {
  const rows: Array<{ name: string }> = await dataSource.query('SELECT name FROM pg_timezone_names WHERE name = $1', [timeZone]);
  return rows.length > 0 ? timeZone : 'UTC';
}

export async function auditDashboardData(dataSource: DataSource, options: DashboardOptions): Promise<DashboardData> {
  const timeZone = await knownZone(dataSource, options.timeZone);
  const days = options.days ?? 30;
  // The account's condition as parameter `n` of a query (and its value), or nothing without accounts.
  const account = options.account;
  const inAccount = (n: number, joiner: 'WHERE' | 'AND') => (account === undefined ? '' : ` ${joiner} account_id = $${n}`);
  const withAccount = (params: unknown[]) => (account === undefined ? params : [...params, account]);

  const latest: Array<{
    id: string; occurred_at: Date; sentence: string; actor_name: string; ip: string | null; action: string; target_type: string | null;
    target_id: string | null; target_label: string | null; details: Record<string, unknown> | null; params: Record<string, unknown> | null;
  }> = await dataSource.query(
    `SELECT id, occurred_at, sentence, actor_name, ip, action, target_type, target_id, target_label, details, params
       FROM audit_logs${inAccount(2, 'WHERE')} ORDER BY occurred_at DESC, id DESC LIMIT $1`,
    withAccount([options.latest ?? 10]),
  );
  const sentenceOf = options.sentence ?? ((entry: RenderableEntry) => entry.sentence);

  const perDay: Array<{ day: string; count: string }> = await dataSource.query(
    `WITH bounds AS (SELECT (date_trunc('day', now() AT TIME ZONE $1) - ($2::int - 1) * interval '1 day') AS first_day)
     SELECT to_char(d.day, 'YYYY-MM-DD') AS day, COALESCE(c.count, 0) AS count
       FROM bounds,
            generate_series(bounds.first_day, date_trunc('day', now() AT TIME ZONE $1), interval '1 day') AS d(day)
       LEFT JOIN (
         SELECT date_trunc('day', occurred_at AT TIME ZONE $1) AS day, count(*) AS count
           FROM audit_logs, bounds
          WHERE occurred_at >= bounds.first_day AT TIME ZONE $1${inAccount(3, 'AND')}
          GROUP BY 1
       ) c ON c.day = d.day
      ORDER BY d.day`,
    withAccount([timeZone, days]),
  );

  const failures: Array<{ ip: string | null; count: string; emails: string[] | null; last_at: Date }> = await dataSource.query(
    `SELECT ip, count(*) AS count, max(occurred_at) AS last_at,
            (array_agg(DISTINCT details->>'email') FILTER (WHERE details->>'email' IS NOT NULL))[1:5] AS emails
       FROM audit_logs
      WHERE action = $1 AND occurred_at >= now() - interval '24 hours'${inAccount(2, 'AND')}
      GROUP BY ip
      ORDER BY count(*) DESC, max(occurred_at) DESC`,
    withAccount([options.signInFailedAction]),
  );

  const week: Array<{ starts_at: Date }> = await dataSource.query(`SELECT date_trunc('week', now() AT TIME ZONE $1) AT TIME ZONE $1 AS starts_at`, [timeZone]);
  const weekStartsAt = week[0]!.starts_at;
  const actors: Array<{ actor_id: string; actor_name: string; count: string }> = await dataSource.query(
    `SELECT actor_id, (array_agg(actor_name ORDER BY occurred_at DESC))[1] AS actor_name, count(*) AS count
       FROM audit_logs
      WHERE occurred_at >= $1 AND actor_id IS NOT NULL${inAccount(3, 'AND')}
      GROUP BY actor_id
      ORDER BY count(*) DESC, actor_id
      LIMIT $2`,
    withAccount([weekStartsAt, options.topActors ?? 5]),
  );

  return {
    timeZone,
    latest: latest.map((row) => ({
      id: String(row.id),
      occurredAt: iso(row.occurred_at),
      sentence: sentenceOf({
        action: row.action, actorName: row.actor_name, targetType: row.target_type, targetId: row.target_id, targetLabel: row.target_label,
        details: row.details, params: row.params, sentence: row.sentence,
      }),
      actorName: row.actor_name,
      ip: row.ip,
    })),
    perDay: perDay.map((row) => ({ day: row.day, count: Number(row.count) })),
    signInFailures: {
      total: failures.reduce((sum, row) => sum + Number(row.count), 0),
      byIp: failures.map((row) => ({ ip: row.ip, count: Number(row.count), emails: row.emails ?? [], lastAt: iso(row.last_at) })),
    },
    topActors: actors.map((row) => ({ actorId: row.actor_id, actorName: row.actor_name, count: Number(row.count) })),
    weekStartsAt: iso(weekStartsAt),
  };
}
