/** One day in milliseconds: retention, the daily purge and invitation lifetimes count in days. */
export const DAY_MS = 24 * 60 * 60 * 1000;
