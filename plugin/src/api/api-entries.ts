// Reading entries for the API: a page in list order from a position (keyset: stable while new
// entries arrive, whatever their number), and one entry. Searches go through the same planner as
// the Audit Logs list (AuditLogList), so the API is as fast as the panel on a big log.
import type { DataSource } from 'typeorm';
import { ACCOUNT_FILTER, POSITION_FILTER, type AccountScope, type AuditFilterValues, type EntryPosition } from '../adminjs/audit-log-query.js';
import type { AuditLogList } from '../adminjs/audit-log-list.js';
import type { RenderableEntry } from '../catalogue/sentence.js';
import type { ChangeSet } from '../entity/AuditLog.js';
import { fitsEntryId } from './api-query.js';

/** One entry as the API answers it. */
export interface ApiEntry {
  id: string;
  key: string;
  category: string;
  params: Record<string, unknown> | null;
  /** The sentence in the token owner's language. */
  sentence: string;
  actor: { id: string | null; name: string; email: string | null; role: string | null };
  target: { type: string | null; id: string | null; label: string | null } | null;
  /** Before/after of what changed; secrets were masked when the entry was written. */
  changes: ChangeSet | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  account_id: string | null;
  /** RFC 3339, UTC, to the microsecond. */
  occurred_at: string;
  chain: { seq: string | null; hash: string | null; prev_hash: string | null; format: number };
}

interface EntryRow {
  id: string;
  at: string;
  action: string;
  category: string;
  params: Record<string, unknown> | null;
  sentence: string;
  actor_id: string | null;
  actor_name: string;
  actor_email: string | null;
  actor_role: string | null;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  changes: ChangeSet | null;
  details: Record<string, unknown> | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  account_id: string | null;
  chain_seq: string | null;
  hash: string | null;
  prev_hash: string | null;
  chain_format: number;
}

/** The time as text to the microsecond: a JavaScript Date keeps milliseconds, and a cursor must not round. */
const AT_SQL = (alias: string) => `to_char(${alias}.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const ROW_SQL = `SELECT log.id::text AS id, ${AT_SQL('log')} AS at, log.action, log.category, log.params, log.sentence,
       log.actor_id, log.actor_name, log.actor_email, log.actor_role, log.target_type, log.target_id, log.target_label,
       log.changes, log.details, log.ip, log.user_agent, log.request_id, log.account_id::text AS account_id,
       log.chain_seq::text AS chain_seq, log.hash, log.prev_hash, log.chain_format
  FROM audit_logs log`;

export interface EntryPage {
  entries: ApiEntry[];
  /** Where the next page starts, or null when this one reached the end (for now, oldest first). */
  last: { at: string; id: string } | null;
  hasMore: boolean;
}

export class ApiEntries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly list: AuditLogList,
  ) {}

  /** Up to `limit` entries matching `filters` after `position`, newest first (`desc`) or oldest first (`asc`). */
  async page(
    filters: AuditFilterValues,
    options: { limit: number; order: 'desc' | 'asc'; position?: EntryPosition; account?: AccountScope },
    sentence: (entry: RenderableEntry) => string,
  ): Promise<EntryPage> {
    const values = {
      ...filters,
      ...(options.position ? { [POSITION_FILTER]: options.position } : {}),
      ...(options.account ? { [ACCOUNT_FILTER]: options.account } : {}),
    };
    // One more than the page, to know whether another follows without counting.
    const ids = await this.list.pageIds(values, { limit: options.limit + 1, offset: 0, direction: options.order === 'desc' ? 'DESC' : 'ASC' });
    const pageIds = ids.slice(0, options.limit);
    const rows = await this.rows(pageIds, options.account);
    const entries = rows.map((row) => entryOf(row, sentence));
    const lastRow = rows[rows.length - 1];
    return { entries, last: lastRow ? { at: lastRow.at, id: lastRow.id } : null, hasMore: ids.length > options.limit };
  }

  /** One entry, or null (also for an id too large to be any entry's, which the query could not take). */
  async one(id: string, sentence: (entry: RenderableEntry) => string, account?: AccountScope): Promise<ApiEntry | null> {
    if (!fitsEntryId(id)) return null;
    const [row] = await this.rows([id], account);
    return row ? entryOf(row, sentence) : null;
  }

  /** Rows for `ids`, in the order of `ids`; with `account`, only that account's. */
  private async rows(ids: string[], account?: AccountScope): Promise<EntryRow[]> {
    if (ids.length === 0) return [];
    const rows = (await (account
      ? this.dataSource.query(`${ROW_SQL} WHERE log.id = ANY($1::bigint[]) AND log.account_id = $2`, [ids, account.accountId])
      : this.dataSource.query(`${ROW_SQL} WHERE log.id = ANY($1::bigint[])`, [ids]))) as EntryRow[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(String(id))).filter((row): row is EntryRow => row !== undefined);
  }
}

function entryOf(row: EntryRow, sentence: (entry: RenderableEntry) => string): ApiEntry {
  const hasTarget = row.target_type !== null || row.target_id !== null || row.target_label !== null;
  return {
    id: row.id,
    key: row.action,
    category: row.category,
    params: row.params,
    sentence: sentence({
      action: row.action, actorName: row.actor_name, targetType: row.target_type, targetId: row.target_id, targetLabel: row.target_label,
      changes: row.changes, details: row.details, params: row.params, sentence: row.sentence,
    }),
    actor: { id: row.actor_id, name: row.actor_name, email: row.actor_email, role: row.actor_role },
    target: hasTarget ? { type: row.target_type, id: row.target_id, label: row.target_label } : null,
    changes: row.changes,
    details: row.details,
    ip: row.ip,
    user_agent: row.user_agent,
    request_id: row.request_id,
    account_id: row.account_id,
    occurred_at: row.at,
    chain: { seq: row.chain_seq, hash: row.hash?.trim() ?? null, prev_hash: row.prev_hash?.trim() ?? null, format: Number(row.chain_format) },
  };
}
