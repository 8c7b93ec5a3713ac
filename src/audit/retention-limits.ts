// What an account may choose as its audit retention period (Account settings): from the database's
// floor, below which every purge is refused, to AUDIT_RETENTION_MAX_DAYS. No choice means
// AUDIT_RETENTION_DAYS. The floor can be lengthened while the app runs: the check of a chosen
// period reads it each time; the help text shown with the field may use a reading a few seconds old.
import type { Config } from '../config.js';

/** A type, not an interface: its figures fill a text's {{placeholders}} as they are. */
export type RetentionLimits = {
  /** AUDIT_RETENTION_DAYS: the period of an account that chose none. */
  defaultDays: number;
  /** The shortest period the database allows, in whole days. */
  minDays: number;
  /** AUDIT_RETENTION_MAX_DAYS. */
  maxDays: number;
};

export type RetentionLimitsReader = () => Promise<RetentionLimits>;

export type RetentionDaysProblem = 'notWholeNumber' | 'tooShort' | 'tooLong';

/** The database's floor in whole days, rounded up: a period of that many days is never refused by a purge. */
export function floorInWholeDays(floorDays: number): number {
  return Math.ceil(floorDays);
}

/** `floorDays`: the audit plugin's retentionFloorDays (audit_retention.min_age). */
export function retentionLimits(floorDays: () => Promise<number>, config: Pick<Config, 'AUDIT_RETENTION_DAYS' | 'AUDIT_RETENTION_MAX_DAYS'>): RetentionLimitsReader {
  return async () => ({ defaultDays: config.AUDIT_RETENTION_DAYS, minDays: floorInWholeDays(await floorDays()), maxDays: config.AUDIT_RETENTION_MAX_DAYS });
}

/** Why `days` may not be chosen, or null when it may. */
export function retentionDaysProblem(days: number, limits: RetentionLimits): RetentionDaysProblem | null {
  if (!Number.isSafeInteger(days)) return 'notWholeNumber';
  if (days < limits.minDays) return 'tooShort';
  if (days > limits.maxDays) return 'tooLong';
  return null;
}

/**
 * How old (ms) the floor shown in the help text may be. The help is part of the panel's texts,
 * which the plugin reads at every request (for its messages): reading the floor each time cost a
 * query per request. A saved period is always checked against the floor read then.
 */
export const RETENTION_HELP_FLOOR_MAX_AGE_MS = 10_000;

/** `read`, answered from its last reading while that is younger than `maxAgeMs` (one reading at a time). */
export function recentRetentionLimits(read: RetentionLimitsReader, maxAgeMs = RETENTION_HELP_FLOOR_MAX_AGE_MS, now: () => number = Date.now): RetentionLimitsReader {
  let last: { at: number; limits: Promise<RetentionLimits> } | undefined;
  return () => {
    if (last && now() - last.at < maxAgeMs) return last.limits;
    const reading = { at: now(), limits: read() };
    last = reading;
    // A failed reading is not kept: the next request reads again.
    reading.limits.catch(() => {
      if (last === reading) last = undefined;
    });
    return reading.limits;
  };
}
