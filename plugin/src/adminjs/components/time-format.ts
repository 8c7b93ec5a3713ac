// Time wording shared by the viewer's components (bundled for the browser: no Node imports).
// Words and the Intl locale come from the caller's translations, so nothing here is English.

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

export interface RelativeWords {
  /** BCP 47 tag Intl words the time in. */
  locale: string;
  /** Said for anything under 45 seconds away, where Intl would count seconds. */
  justNow: string;
}

/** An Intl locale that works: a translation's bad tag must not break the page. */
export function usableLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

/** "5 minutes ago", "yesterday", "just now". */
export function relativeTime(iso: string, words: RelativeWords, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return words.justNow;
  const format = new Intl.RelativeTimeFormat(usableLocale(words.locale), { numeric: 'auto' });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, 'second');
}

/** The exact UTC instant, as people read it: 2026-11-25 20:31:07.123 UTC. */
export function exactUtc(iso: string): string {
  return `${new Date(iso).toISOString().replace('T', ' ').replace('Z', '')} UTC`;
}

/** The instant on the account's wall clock, e.g. in en-GB "Wednesday, 25 November 2026 at 21:31:07 CET". */
export function inTimeZone(iso: string, timeZone: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(usableLocale(locale), { timeZone, dateStyle: 'full', timeStyle: 'long' }).format(new Date(iso));
  } catch {
    return exactUtc(iso);
  }
}
