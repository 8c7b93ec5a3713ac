// Audit Logs list URLs filtered the way the viewer's links need: by target, by actor on a day,
// by IP. They use the list's own query-string filters, so the list, its filter drawer and the
// export all read them the same way.

/** `?filters.a=1&filters.b~~from=...` for the AdminJS list. */
export function filterSearch(filters: Record<string, string | { from?: string; to?: string } | null | undefined>): string {
  const params = new URLSearchParams();
  for (const [path, value] of Object.entries(filters)) {
    if (value === null || value === undefined || value === '') continue;
    if (typeof value === 'object') {
      if (value.from) params.set(`filters.${path}~~from`, value.from);
      if (value.to) params.set(`filters.${path}~~to`, value.to);
    } else params.set(`filters.${path}`, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Minutes to add to UTC to get the wall-clock time in `timeZone` at `instant`. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

/**
 * The calendar day containing `instant` in `timeZone`, as a UTC range. Uses the offset at the
 * instant itself: on a daylight-saving change day the range is an hour off at one end, which
 * the link's "that day" tolerates.
 */
export function dayRange(instant: Date, timeZone: string): { from: string; to: string } {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    zone = 'UTC'; // an unknown zone in the account settings must not break the page
  }
  const offset = offsetMinutes(instant, zone) * 60000;
  const local = new Date(instant.getTime() + offset);
  const midnight = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - offset;
  return { from: new Date(midnight).toISOString(), to: new Date(midnight + 86_400_000 - 1).toISOString() };
}
