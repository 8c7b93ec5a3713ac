// Audit Logs filters as SQL, shared by the list and by anything else that reads "the entries
// matching the current filters": equality for keys and ids (not the adapter's LIKE), prefix for
// IPs, a trigram-indexed case-insensitive search, newest first with ties broken by id.
import { isIP } from 'node:net';
import { ValidationError, type Filter } from 'adminjs';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { AuditLog } from '../entity/AuditLog.js';
import { escapeLike, searchPatternOf, searchTextSql } from './list/search-text.js';

export { escapeLike, searchPatternOf };

/** Name of the virtual filter field that searches sentence, actor and target label. */
export const SEARCH_FILTER = 'search';

const EXACT_FILTERS = {
  actorId: 'log.actor_id',
  category: 'log.category',
  action: 'log.action',
  targetType: 'log.target_type',
  targetId: 'log.target_id',
  requestId: 'log.request_id',
} as const;

/** The searched text over alias `log`, spelled as the trigram indexes are keyed (so they serve it). */
const SEARCH_TEXT = searchTextSql('log');

/**
 * Where a page of the API starts: entries strictly before (newest first) or after (oldest first)
 * the entry at `at` (to the microsecond) with id `id`, in list order. Given under POSITION_FILTER;
 * a class so that no value read from a URL can stand for one.
 */
export class EntryPosition {
  constructor(
    readonly side: 'before' | 'after',
    readonly at: string,
    readonly id: string,
  ) {}
}

/** Key of the position in AuditFilterValues: no resource property has this name. */
export const POSITION_FILTER = '@position';

/**
 * The one account a read is confined to (hosts with accounts: the reader's current account, or an
 * API token's). Given under ACCOUNT_FILTER; a class, as EntryPosition, so that no value read from a
 * URL can stand for one.
 */
export class AccountScope {
  constructor(readonly accountId: string) {}
}

export const ACCOUNT_FILTER = '@account';

/** The value of each active filter, by property path, as AdminJS's Filter holds them. */
export type AuditFilterValues = Record<string, unknown>;

/** The filters a URL gave; keys starting with "@" are the plugin's own (position, account) and never come from a URL. */
export function filterValuesOf(filter: Filter): AuditFilterValues {
  return Object.fromEntries(Object.values(filter.filters).filter(({ path }) => !path.startsWith('@')).map(({ path, value }) => [path, value]));
}

/** The filters as a reader would write them (for an entry's details): without the plugin's own keys. */
export function readerFilters(values: AuditFilterValues): AuditFilterValues {
  return Object.fromEntries(Object.entries(values).filter(([path]) => !path.startsWith('@')));
}

/** SELECT over audit_logs (alias `log`) with the filters applied; no order, no paging. */
export function auditLogQuery(dataSource: DataSource, values: AuditFilterValues): SelectQueryBuilder<AuditLog> {
  // The plugin's own DataSource, never AuditLog's static one: a host may hold several.
  const qb = dataSource.getRepository(AuditLog).createQueryBuilder('log');
  for (const [path, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === '') continue;
    if (path in EXACT_FILTERS) {
      qb.andWhere(`${EXACT_FILTERS[path as keyof typeof EXACT_FILTERS]} = :${path}`, { [path]: String(value) });
    } else if (path === 'ip') {
      // A whole address means that address (127.0.0.1 must not match 127.0.0.10); a part of one
      // ("10.0.") is a prefix. Both use the ip index.
      const ip = String(value).trim();
      if (isIP(ip)) qb.andWhere('log.ip = :ip', { ip });
      else qb.andWhere(`log.ip LIKE :ip ESCAPE '\\'`, { ip: `${escapeLike(ip)}%` });
    } else if (path === SEARCH_FILTER) {
      qb.andWhere(`${SEARCH_TEXT} ILIKE :search ESCAPE '\\'`, {
        search: searchPatternOf(String(value)),
      });
    } else if (path === POSITION_FILTER && value instanceof EntryPosition) {
      // A row comparison: the (…, occurred_at, id) indexes serve it as a range.
      const op = value.side === 'before' ? '<' : '>';
      qb.andWhere(`(log.occurred_at, log.id) ${op} (CAST(:positionAt AS timestamptz), CAST(:positionId AS bigint))`, { positionAt: value.at, positionId: value.id });
    } else if (path === ACCOUNT_FILTER && value instanceof AccountScope) {
      qb.andWhere('log.account_id = :scopeAccount', { scopeAccount: value.accountId });
    } else if (path === 'occurredAt' && typeof value === 'object') {
      const { from, to } = value as { from?: string; to?: string };
      if (from) qb.andWhere('log.occurred_at >= CAST(:from AS timestamptz)', { from: validDate(from) });
      if (to) qb.andWhere('log.occurred_at <= CAST(:to AS timestamptz)', { to: validDate(to) });
    }
  }
  return qb;
}

/** A UTC time in RFC 3339, to the microsecond at most: PostgreSQL reads it exactly as written. */
const UTC_RFC_3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/i;

/**
 * The bound as the database compares it. A UTC RFC 3339 time is passed as written, so an entry's own
 * time (microseconds; a JavaScript Date keeps milliseconds) bounds a range exactly; anything else
 * a Date can read is passed as that Date's ISO text.
 */
function validDate(value: string): string {
  const date = new Date(value);
  // Keys: the panel shows them in the reader's language; the export fills them in on the server.
  if (Number.isNaN(date.getTime())) throw new ValidationError({ occurredAt: { message: 'auditNotADate' } }, { message: 'auditBadDateFilter' });
  const text = value.trim();
  // Only when the Date read the same second: it rolls "02-30" over to March, which PostgreSQL refuses.
  return UTC_RFC_3339.test(text) && date.toISOString().slice(0, 19) === text.slice(0, 19).toUpperCase() ? text : date.toISOString();
}
