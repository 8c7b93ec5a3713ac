// The search planner decides from numbers alone, so each branch is checked here without a
// database. Every expected plan is worked out by hand in the comment beside it from the cost
// model (walk ≈ need / share steps; the index re-checks, at `recheckCost` steps each, the matches
// of the months it reads — share × entries per month + need — month by month, every match
// (share × entries) at once), not by calling the planner another way. Cases that are not about
// months give a one-month log, where both index reads re-check every match.
import {
  canEstimateFromMonths,
  estimatedTotal,
  monthsBetween,
  planSearchPage,
  planSearchPageFromWindow,
  planSearchTotal,
  PROBED_MONTHS,
  scaledTotal,
  totalFromMonths,
  type LogSize,
  type PageRequest,
} from '../../plugin/src/adminjs/list/search-planner.js';
import { listBudgets } from '../../plugin/src/adminjs/list/list-options.js';

const budgets = listBudgets({ countCap: 500, searchWindow: 100, walkBudget: 1000, recheckCost: 0, estimateFrom: 200 });
const at = (offset: number, limit: number, direction: PageRequest['direction'] = 'DESC'): PageRequest => ({ offset, limit, direction });
/** The log's size as the list reads it: the planner's estimate of its entries and the months they span. */
const log = (entries: number | null, months = 1): LogSize => ({ entries, months });

describe('a search page the window decides', () => {
  it('reads the window when it held every filtered entry, however deep the page and whichever the order', () => {
    // 40 < 100 entries seen: the window is the whole filtered log.
    for (const direction of ['DESC', 'ASC'] as const) {
      expect(planSearchPageFromWindow(at(50, 10, direction), { seen: 40, matched: 3 }, budgets)).toEqual({ read: 'window' });
      expect(planSearchPage(at(50, 10, direction), { seen: 40, matched: 3 }, log(1_000_000), budgets)).toEqual({ read: 'window' });
    }
  });

  it('reads the window newest first when it holds matches up to the page end, not one fewer, and never oldest first', () => {
    // need = offset + limit = 30: 30 matches suffice, 29 do not.
    expect(planSearchPageFromWindow(at(20, 10), { seen: 100, matched: 30 }, budgets)).toEqual({ read: 'window' });
    expect(planSearchPageFromWindow(at(20, 10), { seen: 100, matched: 29 }, budgets)).toBeNull();
    // The window is the newest entries: an oldest-first page is not in it.
    expect(planSearchPageFromWindow(at(0, 10, 'ASC'), { seen: 100, matched: 90 }, budgets)).toBeNull();
  });

  it('asks the newest months one by one for a term the full window does not hold (its share is unknown)', () => {
    for (const direction of ['DESC', 'ASC'] as const) {
      expect(planSearchPageFromWindow(at(0, 10, direction), { seen: 100, matched: 0 }, budgets)).toEqual({ read: 'by-month', probe: 3 });
    }
    expect(PROBED_MONTHS).toBe(3);
  });
});

describe('a search page past the window, weighed by the log size', () => {
  // share 25 / 100 = 0.25 throughout (exact in binary, so the boundaries below are exact).
  const quarter = { seen: 100, matched: 25 };

  it('walks while the walk stays within the walk budget, the budget itself included', () => {
    // need 250 → 250 / 0.25 = 1000 steps ≤ walkBudget 1000.
    expect(planSearchPage(at(240, 10), quarter, log(10_000), budgets)).toEqual({ read: 'walk' });
    // need 251 → 1004 steps > 1000; 251 × 4 = 1004 ≤ 0.25 × 10 000 = 2500 matches → month by month.
    expect(planSearchPage(at(241, 10), quarter, log(10_000), budgets)).toEqual({ read: 'by-month', probe: Infinity });
  });

  it('walks when re-checking every match would cost more than the walk', () => {
    // need 2000 → 8000 steps. recheckCost 5: index 5 × 0.25 × 100 000 = 125 000 ≥ 8000 → walk.
    expect(planSearchPage(at(1990, 10), quarter, log(100_000), { ...budgets, recheckCost: 5 })).toEqual({ read: 'walk' });
    // recheckCost 0: 8000 > walkBudget 1000; 2000 × 4 = 8000 ≤ 25 000 matches → month by month.
    expect(planSearchPage(at(1990, 10), quarter, log(100_000), budgets)).toEqual({ read: 'by-month', probe: Infinity });
  });

  it('reads every match at once for a page near the last match, month by month up to a quarter of the way', () => {
    // need 251: 1004 > 1000 steps, so no walk. Matches 0.25 × entries: 4016 → 1004 = 251 × 4 (by month);
    // 4012 → 1003 < 1004 (all matches).
    expect(planSearchPage(at(241, 10), quarter, log(4016), budgets)).toEqual({ read: 'by-month', probe: Infinity });
    expect(planSearchPage(at(241, 10), quarter, log(4012), budgets)).toEqual({ read: 'all-matches' });
  });

  it('takes the count cap as the log size before the first ANALYZE', () => {
    // need 260 → 1040 steps > 1000. Size null → countCap 500: 0.25 × 500 = 125 < 1040 → all matches;
    // a known size of 10 000 → 2500 ≥ 1040 → month by month.
    expect(planSearchPage(at(250, 10), quarter, log(null), budgets)).toEqual({ read: 'all-matches' });
    expect(planSearchPage(at(250, 10), quarter, log(10_000), budgets)).toEqual({ read: 'by-month', probe: Infinity });
  });

  it('walks oldest first too when the term is frequent', () => {
    // 90 of 100 match; need 10 → 11.1 steps ≤ 1000.
    expect(planSearchPage(at(0, 10, 'ASC'), { seen: 100, matched: 90 }, log(1_000_000), budgets)).toEqual({ read: 'walk' });
  });
});

describe('a rare term on a big log of many months (the default budgets)', () => {
  const defaults = listBudgets();
  // 4 of the newest 5000 entries: share 0.0008, as the bench's rare email at any size.
  const rare = { seen: 5000, matched: 4 };

  it('reads month by month: the first month re-checks a few hundred matches where a walk tests tens of thousands of entries', () => {
    // need 20 → walk 20 / 0.0008 = 25 000 steps. 10 M entries over 25 months: 400 000 a month, so
    // 0.0008 × 400 000 + 20 = 340 re-checks × 5 = 1700; max(walk budget 2000, 1700) < 25 000 →
    // month by month (20 × 4 = 80 ≤ 8000 matches).
    expect(planSearchPage(at(0, 20), rare, log(10_000_000, 25), defaults)).toEqual({ read: 'by-month', probe: Infinity });
    // Weighed as if the index re-checked every match (a one-month log): 8000 × 5 = 40 000 ≥ 25 000 →
    // walk. That was the model for every log, and the cause of the slow rare email at 10 M.
    expect(planSearchPage(at(0, 20), rare, log(10_000_000, 1), defaults)).toEqual({ read: 'walk' });
  });

  it('weighs the entries holding the telltale word, not only the matches: each is re-checked', () => {
    // As above, but the word is in 12 entries of the window for each match (an account's word
    // shared by its 12 people): 340 × 12 = 4080 re-checks × 5 = 20 400 < 25 000 → still by month;
    // at 16 per match, 5440 × 5 = 27 200 ≥ 25 000 → the walk is the cheaper.
    expect(planSearchPage(at(0, 20), { ...rare, candidates: 48 }, log(10_000_000, 25), defaults)).toEqual({ read: 'by-month', probe: Infinity });
    expect(planSearchPage(at(0, 20), { ...rare, candidates: 64 }, log(10_000_000, 25), defaults)).toEqual({ read: 'walk' });
  });

  it('walks for a term frequent enough that the walk costs less than the first month, and past it asks the months', () => {
    // 25 of 5000: share 0.005; page 2 (need 40; the window holds 25) → 8000 steps;
    // 0.005 × 400 000 + 40 = 2040 re-checks × 5 = 10 200 ≥ 8000 → walk.
    expect(planSearchPage(at(20, 20), { seen: 5000, matched: 25 }, log(10_000_000, 25), defaults)).toEqual({ read: 'walk' });
    // Page 3 (need 60) → 12 000 steps; 2060 × 5 = 10 300 < 12 000 → month by month.
    expect(planSearchPage(at(40, 20), { seen: 5000, matched: 25 }, log(10_000_000, 25), defaults)).toEqual({ read: 'by-month', probe: Infinity });
  });

  it('walks whatever the index would cost while the walk stays within the walk budget', () => {
    // Oldest first (the window holds none of that page). 10 of 5000: share 0.002, need 4 → 2000
    // steps ≤ walk budget 2000, though the index would cost nothing (recheckCost 0).
    expect(planSearchPage(at(0, 4, 'ASC'), { seen: 5000, matched: 10 }, log(10_000_000, 25), { ...defaults, recheckCost: 0 })).toEqual({ read: 'walk' });
    // need 5 → 2500 steps > 2000 and > 0 → month by month.
    expect(planSearchPage(at(0, 5, 'ASC'), { seen: 5000, matched: 10 }, log(10_000_000, 25), { ...defaults, recheckCost: 0 })).toEqual({ read: 'by-month', probe: Infinity });
  });

  it('never weighs the months above every match: a page past most matches reads them all at once', () => {
    // need 2020: 2020 × 4 = 8080 > 8000 matches → all at once, 8000 re-checks × 5 = 40 000 < walk 2 525 000.
    expect(planSearchPage(at(2000, 20), rare, log(10_000_000, 25), defaults)).toEqual({ read: 'all-matches' });
  });
});

describe('a search total', () => {
  it('is the window count while the window held every filtered entry', () => {
    expect(planSearchTotal({ seen: 99, matched: 7 }, budgets)).toEqual({ total: 'exact', value: 7 });
    expect(planSearchTotal({ seen: 0, matched: 0 }, budgets)).toEqual({ total: 'exact', value: 0 });
  });

  it('is counted in the newest months when the full window holds no match', () => {
    expect(planSearchTotal({ seen: 100, matched: 0 }, budgets)).toEqual({ total: 'months' });
  });

  it('is the window share scaled to the filtered entries, rounded and capped', () => {
    expect(planSearchTotal({ seen: 100, matched: 25 }, budgets)).toEqual({ total: 'scaled', share: 0.25 });
    expect(scaledTotal(0.25, 1000, budgets)).toBe(250);
    expect(scaledTotal(0.25, 4000, budgets)).toBe(500); // 1000, capped at 500
    expect(scaledTotal(1 / 3, 100, budgets)).toBe(33); // 33.3
    expect(scaledTotal(1 / 3, 200, budgets)).toBe(67); // 66.7
  });

  it('without any filter is the planner estimate only above the cap (null: count up to the cap)', () => {
    expect(estimatedTotal(null, budgets)).toBeNull();
    expect(estimatedTotal(500, budgets)).toBeNull();
    expect(estimatedTotal(501, budgets)).toBe(501);
  });

  it('of a term absent from the window is estimated from the months once they hold estimateFrom matches', () => {
    expect(canEstimateFromMonths({ matches: 199, entries: 1000 }, budgets)).toBe(false);
    expect(canEstimateFromMonths({ matches: 200, entries: 0 }, budgets)).toBe(false);
    expect(canEstimateFromMonths({ matches: 200, entries: 1000 }, budgets)).toBe(true);
    // 200 of 1000 entries = 0.2; × 2000 filtered entries = 400.
    expect(totalFromMonths({ matches: 200, entries: 1000 }, 2000, budgets)).toBe(400);
    // × 10 000 = 2000, capped at 500.
    expect(totalFromMonths({ matches: 200, entries: 1000 }, 10_000, budgets)).toBe(500);
    // An estimate of all entries below the months' own (0.2 × 500 = 100) never goes under the 200 seen.
    expect(totalFromMonths({ matches: 200, entries: 1000 }, 500, budgets)).toBe(200);
  });
});

describe('the months a search asks, in list order', () => {
  it('runs from the oldest entry month to the newest, across a year end, reversed newest first', () => {
    const ascending = ['2024-11-01', '2024-12-01', '2025-01-01', '2025-02-01'];
    expect(monthsBetween('2024-11-01', '2025-02-01', 'ASC')).toEqual(ascending);
    expect(monthsBetween('2024-11-01', '2025-02-01', 'DESC')).toEqual([...ascending].reverse());
    expect(monthsBetween('2025-03-01', '2025-03-01', 'DESC')).toEqual(['2025-03-01']);
    expect(monthsBetween(null, null, 'DESC')).toEqual([]);
  });
});

describe('the list budgets', () => {
  it('default to the documented values, the window cache to 3 s', () => {
    expect(listBudgets()).toEqual({ countCap: 10_000, searchWindow: 5_000, walkBudget: 2_000, recheckCost: 5, estimateFrom: 200, countCacheMs: 3_000 });
  });

  it('refuse a count cap or window that cannot size a LIMIT, and a negative cache lifetime', () => {
    expect(() => listBudgets({ countCap: 0 })).toThrow(/countCap/);
    expect(() => listBudgets({ searchWindow: 2.5 })).toThrow(/searchWindow/);
    expect(() => listBudgets({ countCacheMs: -1 })).toThrow(/countCacheMs/);
    expect(listBudgets({ countCacheMs: 0 }).countCacheMs).toBe(0);
  });
});
