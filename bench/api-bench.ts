// The read API, GET /api/v1/audit_logs with a personal access token: a page of 100 (limit=100,
// newest first) with no filter and with each single filter and the search — the list bench's
// cases, with the same realistic values — and, for a few of them, a deep page reached by following
// next_cursor, as a client paging through the log does. Our app only: the stock list has no API.
//
// As in the list bench, each search request spells its term in other letter cases (the search
// ignores case), so none reuses the search-window figures kept for the last search. A cursor holds a
// fingerprint of the filters, so a respelled search walks to its deep page with its own cursors.
import { loadConfig } from '../src/config.js';
import { createDataSource } from '../src/db/data-source.js';
import { createLogger } from '../src/logger.js';
import { createMessageHubAudit } from '../src/audit/messagehub-audit.js';
import { apiTokenOwner } from '../src/audit/api-token-owner.js';
import { accountToEnter, membershipsOf } from '../src/accounts/account-memberships.js';
import { invitationSettings } from '../src/invitations/invitation-settings.js';
import { User } from '../src/entities/User.js';
import { median, percentile, timed } from './http-client.js';
import { respelled, type ListCase } from './list-bench.js';

/** Entries per page: the "a page of 100". */
export const API_PAGE_SIZE = 100;
/** p95 target for every page, every filter (issue #14). */
export const API_TARGET_P95_MS = 50;
/** The deep page the cursor cases reach (entries 401–500 at 100 a page). */
export const API_DEEP_PAGE = 5;
/** Cases also measured at API_DEEP_PAGE: the unfiltered log, a frequent and a broad filter, a long range, a frequent search. */
const DEEP_CASES = new Set(['no filter', 'actor', 'category', 'last 12 months', 'search, frequent ("signed in")']);

/** The list's filter parameters (ListCase.ours) and the API's query parameter for each. */
const API_PARAMETER: Record<string, string> = {
  'filters.actorId': 'actor_id',
  'filters.category': 'category',
  'filters.action': 'action',
  'filters.targetType': 'target_type',
  'filters.targetId': 'target_id',
  'filters.requestId': 'request_id',
  'filters.ip': 'ip',
  'filters.occurredAt~~from': 'from',
  'filters.occurredAt~~to': 'to',
  'filters.search': 'search',
};

export interface ApiCase {
  name: string;
  /** The filters as API query parameters. */
  query: Record<string, string>;
  /** The pages measured: 1, and API_DEEP_PAGE for the deep cases. */
  pages: number[];
}

export interface ApiResult {
  entries: number;
  caseName: string;
  page: number;
  p50: number;
  p95: number;
  /** Entries on the page (the warm-up's), at most API_PAGE_SIZE. */
  records: number;
  /** Whether another page followed it. */
  hasMore: boolean;
}

/** The list bench's cases as API requests (its ordering parameters dropped: the API's default is newest first). */
export function apiCases(listCases: ListCase[]): ApiCase[] {
  return listCases.map((listCase) => {
    const query: Record<string, string> = {};
    for (const [name, value] of Object.entries(listCase.ours)) {
      if (name === 'sortBy' || name === 'direction') continue;
      const parameter = API_PARAMETER[name];
      if (!parameter) throw new Error(`api bench: no API parameter for the list's ${name} (case "${listCase.name}")`);
      query[parameter] = value;
    }
    return { name: listCase.name, query, pages: DEEP_CASES.has(listCase.name) ? [1, API_DEEP_PAGE] : [1] };
  });
}

export interface ApiToken {
  token: string;
  /** Revokes the token (as its owner would). */
  revoke(): Promise<void>;
}

/**
 * A personal access token of the admin `email`, made as the plugin makes one (ApiTokens.create:
 * stored as its SHA-256, its creation recorded), on a DataSource of the bench's own; `env` is the
 * app's environment, so the plugin here has the served app's settings. It expires within a day, so
 * a bench that dies before revoking it leaves no live token behind.
 */
export async function benchApiToken(env: Record<string, string>, email: string): Promise<ApiToken> {
  const config = loadConfig({ ...env, LOG_LEVEL: 'silent' });
  const logger = createLogger('silent');
  const dataSource = await createDataSource({ url: config.DATABASE_URL!, poolSize: 2 }).initialize();
  let audit: ReturnType<typeof createMessageHubAudit> | undefined;
  const close = async () => {
    audit?.checkpoints?.stop();
    await dataSource.destroy();
  };
  try {
    audit = createMessageHubAudit(dataSource, config, logger, invitationSettings(config, logger));
    const tokens = audit.apiTokens;
    if (!tokens) throw new Error('api bench: the app has no API tokens (createMessageHubAudit without `api`)');
    const user = await dataSource.getRepository(User).findOneBy({ email });
    // A token acts in one account: the one the admin would enter on signing in.
    const account = user ? accountToEnter(await membershipsOf(dataSource.manager, user.id), user.lastAccountId) : undefined;
    const admin = user && account ? await apiTokenOwner(dataSource)(String(user.id), String(account.accountId)) : null;
    if (!admin) throw new Error(`api bench: no active user ${email} to hold a token`);
    const created = await tokens.create(admin, { name: `npm run bench ${new Date().toISOString()}`, expiresAt: new Date(Date.now() + 24 * 3600 * 1000) });
    return {
      token: created.token,
      revoke: async () => {
        try {
          await tokens.revoke(admin, created.id);
        } finally {
          await close();
        }
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

interface ApiPage {
  records: number;
  hasMore: boolean;
  nextCursor: string | null;
}

/** GET /api/v1/audit_logs; throws on anything but a 200 (a 429 would mean the bench measured the limiter). */
async function getPage(base: string, token: string, query: Record<string, string>): Promise<ApiPage> {
  const response = await fetch(`${base}/api/v1/audit_logs?${new URLSearchParams(query)}`, { headers: { authorization: `Bearer ${token}` } });
  if (response.status !== 200) throw new Error(`GET /api/v1/audit_logs?${new URLSearchParams(query)} answered HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`);
  const body = (await response.json()) as { data: unknown[]; has_more: boolean; next_cursor: string | null };
  return { records: body.data.length, hasMore: body.has_more, nextCursor: body.next_cursor };
}

/** The query for page `page` of run `run`: the term respelled, the cursors before it followed (unmeasured). */
async function queryFor(base: string, token: string, apiCase: ApiCase, page: number, run: number): Promise<Record<string, string> | null> {
  const term = apiCase.query.search;
  let query: Record<string, string> = { ...apiCase.query, limit: String(API_PAGE_SIZE), ...(term === undefined ? {} : { search: respelled(term, run) }) };
  for (let before = 1; before < page; before += 1) {
    const answer = await getPage(base, token, query);
    if (!answer.nextCursor) return null;
    query = { ...query, cursor: answer.nextCursor };
  }
  return query;
}

export interface ApiBenchOptions {
  entries: number;
  /** The app's base URL (http://127.0.0.1:port). */
  base: string;
  token: string;
  cases: ApiCase[];
  runs: number;
  log: (line: string) => void;
}

export async function benchApi(options: ApiBenchOptions): Promise<ApiResult[]> {
  const { base, token } = options;
  const results: ApiResult[] = [];
  for (const apiCase of options.cases) {
    for (const page of apiCase.pages) {
      // One unmeasured request: plans cached, pages in memory, as for a client that has been reading.
      const warmQuery = await queryFor(base, token, apiCase, page, 0);
      if (!warmQuery) {
        options.log(`  ${apiCase.name.padEnd(40)} page ${String(page).padStart(2)}: the filter has fewer pages; not measured`);
        continue;
      }
      const warm = await getPage(base, token, warmQuery);
      const samples: number[] = [];
      for (let run = 0; run < options.runs; run += 1) {
        // Run + 1: the warm-up asked the term as written.
        const query = (await queryFor(base, token, apiCase, page, run + 1))!;
        samples.push((await timed(() => getPage(base, token, query))).ms);
      }
      const result: ApiResult = { entries: options.entries, caseName: apiCase.name, page, p50: median(samples), p95: percentile(samples, 95), records: warm.records, hasMore: warm.hasMore };
      const mark = result.p95 <= API_TARGET_P95_MS ? `≤ ${API_TARGET_P95_MS} ms` : `OVER ${API_TARGET_P95_MS} ms`;
      options.log(`  ${apiCase.name.padEnd(40)} page ${String(page).padStart(2)}: p50 ${result.p50.toFixed(1)} / p95 ${result.p95.toFixed(1)} ms  ${mark}  (${result.records} entries${result.hasMore ? ', more follow' : ''})`);
      results.push(result);
    }
  }
  return results;
}
