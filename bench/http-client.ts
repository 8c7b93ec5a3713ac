// A signed-in HTTP client for the bench (fetch with the session cookie) and timing helpers.

export interface Session {
  base: string;
  cookie: string;
}

export async function signIn(base: string, email: string, password: string): Promise<Session> {
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const cookie = (response.headers.getSetCookie?.() ?? [])
    .map((line) => line.split(';')[0])
    .join('; ');
  if (response.status !== 302 || !cookie) throw new Error(`sign-in at ${base} failed: HTTP ${response.status}`);
  return { base, cookie };
}

export interface Timed<T> {
  ms: number;
  value: T;
}

export async function timed<T>(work: () => Promise<T>): Promise<Timed<T>> {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
}

export interface ListAnswer {
  total: number;
  records: number;
}

/** GET the list API; throws on an AdminJS error notice (HTTP 200 with notice.type error). */
export async function getList(session: Session, resource: string, query: Record<string, string>): Promise<ListAnswer> {
  const response = await fetch(`${session.base}/admin/api/resources/${resource}/actions/list?${new URLSearchParams(query)}`, {
    headers: { cookie: session.cookie },
  });
  if (response.status !== 200) throw new Error(`list ${resource} answered HTTP ${response.status}`);
  const body = (await response.json()) as { meta?: { total: number }; records?: unknown[]; notice?: { type: string; message: string } };
  if (body.notice?.type === 'error') throw new Error(`list ${resource}: ${body.notice.message}`);
  return { total: body.meta?.total ?? 0, records: body.records?.length ?? 0 };
}

export async function postEdit(session: Session, resource: string, id: string, fields: Record<string, string>): Promise<void> {
  const response = await fetch(`${session.base}/admin/api/resources/${resource}/records/${id}/edit`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const body = (await response.json()) as { notice?: { type: string; message: string }; record?: { errors?: Record<string, unknown> } };
  if (response.status !== 200 || body.notice?.type === 'error' || Object.keys(body.record?.errors ?? {}).length > 0) {
    throw new Error(`edit ${resource} ${id} failed: HTTP ${response.status} ${JSON.stringify(body.notice ?? body.record?.errors)}`);
  }
}

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: with few samples p95 is the slowest run, never an interpolation below it.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (samples: number[]) => percentile(samples, 50);
