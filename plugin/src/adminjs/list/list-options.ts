// The list's budgets: what a host may set (AuditLogListOptions) and the defaults behind them.

export interface AuditLogListOptions {
  /** Filtered totals are counted up to this many rows (and shown as this number beyond it). */
  countCap?: number;
  /** How many of the newest entries a search tests before it asks the trigram index. */
  searchWindow?: number;
  /** Below this many entries to walk for a page, a search walks rather than asks the index (tuning; tests). */
  walkBudget?: number;
  /** What one re-check of an index match costs, in walk steps (tuning; tests set 0 to always use the index). */
  recheckCost?: number;
  /** Matches counted in the newest months from which a term absent from the window gets an estimated total (tuning; tests). */
  estimateFrom?: number;
  /**
   * How long, in ms, a search's window figures (entries seen, matches among them) are reused.
   * AdminJS asks for a list's total and its page in two calls for one request; both need these
   * figures, so the second call reuses the first's instead of reading the window again. Short, so
   * a total never lags new entries for long; 0 reads the window on every call.
   */
  countCacheMs?: number;
}

/** Every budget, defaults applied. */
export type ListBudgets = Required<AuditLogListOptions>;

export const DEFAULT_LIST_COUNT_CAP = 10_000;
export const DEFAULT_SEARCH_WINDOW = 5_000;
/**
 * Walking the sort index tests about need / share entries for a page; the trigram index re-checks
 * the candidates of the months it reads, each a random table read costing a few walk steps, and
 * each month read costs about a millisecond however few it finds. Below this many entries to walk
 * (~3 ms), walking wins whatever the index would do. It was 10 000 (~17 ms, more under load, and
 * the window's share of a rare term can be off by half, doubling the walk); a rare term now reads
 * by month, a few milliseconds for a first page.
 */
export const DEFAULT_WALK_BUDGET = 2_000;
// Measured at 10 M entries: 50 k walk steps ≈ 80 ms, 8.3 k rechecks ≈ 40 ms warm; at 2 M, one
// month's 340 re-checks ≈ 4 ms against 1.7 µs a walk step.
export const DEFAULT_RECHECK_COST = 5;
/** Matches counted in the newest months from which their share is a good enough estimate of the total. */
export const DEFAULT_ESTIMATE_FROM = 200;
/** find and count run back to back for one list request: a few seconds covers both. */
export const DEFAULT_COUNT_CACHE_MS = 3_000;

export function listBudgets(options: AuditLogListOptions = {}): ListBudgets {
  const budgets: ListBudgets = {
    countCap: options.countCap ?? DEFAULT_LIST_COUNT_CAP,
    searchWindow: options.searchWindow ?? DEFAULT_SEARCH_WINDOW,
    walkBudget: options.walkBudget ?? DEFAULT_WALK_BUDGET,
    recheckCost: options.recheckCost ?? DEFAULT_RECHECK_COST,
    estimateFrom: options.estimateFrom ?? DEFAULT_ESTIMATE_FROM,
    countCacheMs: options.countCacheMs ?? DEFAULT_COUNT_CACHE_MS,
  };
  // Both size a LIMIT: anything but a positive whole number would make the SQL fail or mean nothing.
  for (const name of ['countCap', 'searchWindow'] as const) {
    const value = budgets[name];
    if (!Number.isInteger(value) || value < 1) throw new Error(`AuditLogList: ${name} must be a whole number ≥ 1 (got ${value})`);
  }
  if (!(budgets.countCacheMs >= 0)) throw new Error(`AuditLogList: countCacheMs must be a number ≥ 0 (got ${budgets.countCacheMs})`);
  return budgets;
}
