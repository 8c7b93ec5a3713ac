// Which way the list answers a search, from numbers alone: no database, no SQL. The readers
// (search-pages.ts, list-totals.ts) measure, ask here, then run what the plan names.
//
// Why there are several ways: a substring search that matches often is answered fastest by
// walking the newest entries and testing each; one that matches rarely (or never) makes that
// walk read the whole table. So the list first tests only the newest `searchWindow` entries
// (cheap, bounded). When they do not fill the page, the share of matches among them says which
// way is cheaper: keep walking (frequent term) or ask the trigram index for the matches and sort
// those (rare term) — month by month, newest first, while the page ends well before the last
// match, so a first page re-checks one month's matches in the table, not two years'. The cost of
// the index read is weighed as what it does: the matches of the months it reads, not every match
// of the log (weighing those made a rare term with a few matches among the newest entries walk
// tens of thousands of entries on a big log: the 10 M bench's slow rare email).
// A term the window does not hold at all (its share unknown: few matches, or many but none
// lately) is asked for in the newest few months one by one, then in one read of the rest.
import type { ListBudgets } from './list-options.js';

export type SortDirection = 'ASC' | 'DESC';

export interface PageRequest {
  limit: number;
  offset: number;
  direction: SortDirection;
}

/** What the search window saw: the newest filtered entries (at most `searchWindow`) and the matches among them. */
export interface WindowStats {
  seen: number;
  matched: number;
  /**
   * Entries among those seen that the trigram index would hand back for the term: those holding
   * its telltale word (each is re-checked in the table). Absent: as many as the matches.
   */
  candidates?: number;
}

/** For a term the window does not hold: how many of the newest months are asked one by one (each a cheap index read). */
export const PROBED_MONTHS = 3;

export type SearchPagePlan =
  /** The window subquery answers: it holds every filtered entry, or enough matches for the page. */
  | { read: 'window' }
  /** Walk the index that ends in the sort, testing each entry (a frequent term). */
  | { read: 'walk' }
  /**
   * The month-keyed trigram index, one month at a time in list order, until the page is full;
   * after `probe` months (Infinity: never) the months left are read at once.
   */
  | { read: 'by-month'; probe: number }
  /** One trigram index read of every match in the log, sorted (a page near or past the last match). */
  | { read: 'all-matches' };

type PageBudgets = Pick<ListBudgets, 'searchWindow' | 'walkBudget' | 'recheckCost' | 'countCap'>;

/** The log's size as the planner weighs it, read only when the window alone cannot decide. */
export interface LogSize {
  /** PostgreSQL's estimate of the entries (null before the first ANALYZE: the count cap stands in). */
  entries: number | null;
  /** Calendar months from the oldest entry's to the newest's (monthsOfLog): what one month-by-month step reads. */
  months: number;
}

/**
 * What the window alone decides for a page of a search; null when the choice also needs the
 * log's size (planSearchPage), so the caller reads that only when it matters.
 */
export function planSearchPageFromWindow(page: PageRequest, window: WindowStats, budgets: Pick<ListBudgets, 'searchWindow'>): SearchPagePlan | null {
  const need = page.offset + page.limit;
  // The window holds every filtered entry, or (newest first, the window's order) enough matches for this page.
  if (window.seen < budgets.searchWindow || (page.direction === 'DESC' && window.matched >= need)) return { read: 'window' };
  if (window.matched === 0) return { read: 'by-month', probe: PROBED_MONTHS };
  return null;
}

/** The plan for a page of a search, from the window's figures and the log's size. */
export function planSearchPage(page: PageRequest, window: WindowStats, log: LogSize, budgets: PageBudgets): SearchPagePlan {
  const fromWindow = planSearchPageFromWindow(page, window, budgets);
  if (fromWindow !== null) return fromWindow;
  const need = page.offset + page.limit;
  const share = window.matched / window.seen;
  // Of the entries the index hands back, the share holding the term (never above 1: a word of the term is in every match).
  const candidatesPerMatch = Math.max(1, (window.candidates ?? window.matched) / window.matched);
  const size = log.entries ?? budgets.countCap;
  const matches = share * size;
  // Month by month pays while the page ends well before the last match; a page near or past the
  // end would visit every month, so then one index read of all matches is cheaper.
  const byMonth = need * 4 <= matches;
  // Walking tests about need / share entries. The index re-checks candidates, each a random table
  // read worth `recheckCost` walk steps: month by month, those of the months it reads (at least
  // one month's, then about a page's worth more); all at once, every one. Below the walk budget
  // walking always wins.
  const monthMatches = byMonth ? Math.min(matches, share * (size / Math.max(1, log.months)) + need) : matches;
  const rechecks = monthMatches * candidatesPerMatch;
  if (need / share <= Math.max(budgets.walkBudget, budgets.recheckCost * rechecks)) return { read: 'walk' };
  return byMonth ? { read: 'by-month', probe: Infinity } : { read: 'all-matches' };
}

export type SearchTotalPlan =
  /** The window held every filtered entry: its matches are the exact total. */
  | { total: 'exact'; value: number }
  /** The window holds no match: count in the newest months (totalFromMonths). */
  | { total: 'months' }
  /** The window's share of matches times the filtered entries (scaledTotal). */
  | { total: 'scaled'; share: number };

export function planSearchTotal(window: WindowStats, budgets: Pick<ListBudgets, 'searchWindow'>): SearchTotalPlan {
  if (window.seen < budgets.searchWindow) return { total: 'exact', value: window.matched };
  if (window.matched === 0) return { total: 'months' };
  return { total: 'scaled', share: window.matched / window.seen };
}

/** A share of matches applied to `population` entries, capped (a total beyond the cap is shown as the cap). */
export function scaledTotal(share: number, population: number, budgets: Pick<ListBudgets, 'countCap'>): number {
  return Math.min(budgets.countCap, Math.round(share * population));
}

/** The unfiltered total when the planner's estimate is above the cap (counting would be slow); null: count (capped). */
export function estimatedTotal(estimate: number | null, budgets: Pick<ListBudgets, 'countCap'>): number | null {
  return estimate !== null && estimate > budgets.countCap ? estimate : null;
}

/** Whether the matches counted so far in the newest months are enough to estimate from (stop counting months). */
export const enoughToEstimate = (matches: number, budgets: Pick<ListBudgets, 'estimateFrom'>) => matches >= budgets.estimateFrom;

export interface MonthsCounted {
  /** Matches counted in the newest months (each month's count capped). */
  matches: number;
  /** Entries in those months, as the planner estimates them. */
  entries: number;
}

/**
 * Whether the newest months counted enough matches to estimate the total of a term the window
 * does not hold from their share (totalFromMonths); if not, a capped count through the trigram
 * index is both exact and cheap (re-checking 8 k matches in the table took 70 ms).
 */
export function canEstimateFromMonths(counted: MonthsCounted, budgets: Pick<ListBudgets, 'estimateFrom'>): boolean {
  return enoughToEstimate(counted.matches, budgets) && counted.entries > 0;
}

/**
 * The months' share of matches among their entries times `all` (the filtered entries, as the
 * planner estimates them), capped, and never below the matches actually seen.
 */
export function totalFromMonths(counted: MonthsCounted, all: number, budgets: Pick<ListBudgets, 'countCap'>): number {
  return Math.min(budgets.countCap, Math.max(counted.matches, Math.round((counted.matches / counted.entries) * all)));
}

/**
 * Every calendar month (UTC) from the oldest entry's to the newest's, as 'YYYY-MM-01', in list
 * order; `oldest` and `newest` are first days of months ('YYYY-MM-01'), null for an empty log.
 */
export function monthsBetween(oldest: string | null, newest: string | null, direction: SortDirection): string[] {
  if (!oldest || !newest) return [];
  const months: string[] = [];
  const cursor = new Date(`${oldest}T00:00:00Z`);
  const last = new Date(`${newest}T00:00:00Z`);
  while (cursor <= last) {
    months.push(cursor.toISOString().slice(0, 10));
    cursor.setUTCMonth(cursor.getUTCMonth() + 1);
  }
  return direction === 'DESC' ? months.reverse() : months;
}
