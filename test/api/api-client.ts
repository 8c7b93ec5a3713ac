// The Audit Logs API as a client calls it (supertest over the real app), and the tokens and users
// its tests need. Shared by the test/api files; no test of its own.
import request from 'supertest';
import type { ApiEntry } from '@hashtrail/adminjs-audit';
import { User } from '../../src/entities/index.js';
import { roleOf, seededAccountId } from '../helpers/accounts.js';
import type { SessionUser } from '../../src/admin/access.js';
import type { TestApp } from '../helpers/test-app.js';

export const API = '/api/v1';
export const CLIENT_UA = 'siem-collector/2.1 (MessageHubTest)';
export const PROBLEM_TYPE = /^application\/problem\+json/;

/** An entry as the API answers it: the plugin's own type, so a test and the code cannot drift apart unnoticed. */
export type ApiEntryBody = ApiEntry;

export interface PageBody {
  data: ApiEntryBody[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Array<{ parameter: string; detail: string }>;
}

/** The signed-in user the panel would hold for `email` now (what a token is made for). */
export async function sessionUserOf(t: TestApp, email: string): Promise<SessionUser> {
  const user = await t.dataSource.getRepository(User).findOneByOrFail({ email });
  const accountId = await seededAccountId(t);
  const role = (await roleOf(t, email, accountId)) ?? 'agent';
  return { id: String(user.id), email: user.email, title: user.name, role, accountId: String(accountId), accountIds: [String(accountId)], locale: user.locale };
}

/** A new token of `email`'s (an administrator), valid for a day unless `expiresAt` says otherwise. */
export async function tokenFor(t: TestApp, email: string, name = `token ${Math.random().toString(36).slice(2, 8)}`, expiresAt: Date | null = new Date(Date.now() + 86_400_000)) {
  return t.audit.apiTokens!.create(await sessionUserOf(t, email), { name, expiresAt });
}

/** GET `path` under the API root with `token` (none: no Authorization header). */
export function get(t: TestApp, path: string, token: string | null, query: Record<string, string | number> = {}, headers: Record<string, string> = {}) {
  const call = request(t.app).get(`${API}${path}`).query(query).set('User-Agent', CLIENT_UA).set(headers);
  return token === null ? call : call.set('Authorization', `Bearer ${token}`);
}

/** A page of GET /audit_logs that must succeed. */
export async function page(t: TestApp, token: string, query: Record<string, string | number> = {}): Promise<PageBody> {
  const response = await get(t, '/audit_logs', token, query);
  if (response.status !== 200) throw new Error(`GET /audit_logs ${JSON.stringify(query)}: HTTP ${response.status} ${response.text}`);
  return response.body as PageBody;
}

/** Every page of GET /audit_logs, following next_cursor until a page says there is no more. */
export async function allPages(t: TestApp, token: string, query: Record<string, string | number> = {}): Promise<ApiEntryBody[]> {
  const entries: ApiEntryBody[] = [];
  let cursor: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const body = await page(t, token, cursor ? { ...query, cursor } : query);
    entries.push(...body.data);
    if (!body.has_more) return entries;
    cursor = body.next_cursor;
    if (!cursor) throw new Error('has_more without a next_cursor');
  }
  throw new Error('more than 10 000 pages');
}

/** The problem+json body of a refusal, checked for the RFC 9457 members and its status. */
export function problemOf(response: { status: number; headers: Record<string, string>; text: string }, status: number): ProblemBody {
  if (response.status !== status) throw new Error(`expected HTTP ${status}, got ${response.status}: ${response.text}`);
  if (!PROBLEM_TYPE.test(response.headers['content-type'] ?? '')) throw new Error(`not problem+json: ${response.headers['content-type']}`);
  const body = JSON.parse(response.text) as ProblemBody;
  if (body.status !== status || typeof body.type !== 'string' || typeof body.title !== 'string' || typeof body.detail !== 'string') {
    throw new Error(`not a problem body: ${response.text}`);
  }
  return body;
}

/** The account the test tokens are made in (tokenFor): the seeded one, as the log stores it. */
export async function tokenAccount(t: TestApp): Promise<string> {
  return String(await seededAccountId(t));
}

/**
 * Ids of the token's account's entries (tokenFor's: the seeded account), as strings, in `audit_logs`
 * order oldest first (the order the API's asc pages follow): a token reads only its account's entries.
 */
export async function idsInLogOrder(t: TestApp, where = 'true', parameters: unknown[] = []): Promise<string[]> {
  const account = await tokenAccount(t);
  const rows = (await t.dataSource.query(
    `SELECT id::text AS id FROM audit_logs WHERE account_id = '${account}' AND (${where}) ORDER BY occurred_at, id`,
    parameters,
  )) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/** Ids of entries of accounts other than the token's (the system log, other accounts), oldest first. */
export async function idsOfOtherAccounts(t: TestApp, where = 'true', parameters: unknown[] = []): Promise<string[]> {
  const account = await tokenAccount(t);
  const rows = (await t.dataSource.query(
    `SELECT id::text AS id FROM audit_logs WHERE account_id IS DISTINCT FROM '${account}' AND (${where}) ORDER BY occurred_at, id`,
    parameters,
  )) as Array<{ id: string }>;
  return rows.map((row) => row.id);
}

/** Entries of `action` written since entry `afterId`, oldest first. */
export async function entriesSince(t: TestApp, afterId: string, action?: string) {
  return (await t.entries(action)).filter((entry) => BigInt(entry.id) > BigInt(afterId)).reverse();
}

/** The id of the newest entry now ('0' when the log is empty). */
export async function lastEntryId(t: TestApp): Promise<string> {
  const [{ max }] = (await t.dataSource.query('SELECT coalesce(max(id), 0)::text AS max FROM audit_logs')) as Array<{ max: string }>;
  return max;
}

/** The id of the newest entry of the token's account (tokenFor's): one the token can read. */
export async function lastReadableEntryId(t: TestApp): Promise<string> {
  const [{ max }] = (await t.dataSource.query(`SELECT max(id)::text AS max FROM audit_logs WHERE account_id = $1`, [await tokenAccount(t)])) as Array<{ max: string | null }>;
  if (!max) throw new Error("the token's account has no entry");
  return max;
}
