// How many requests this process is answering right now. A long export renders rows on the app's
// one thread; while other requests wait for that thread, the export rests between its slices
// (export/export-stream.ts) so they are answered first. Counted by the request-context middleware,
// which every audited app mounts before its routes; one count per process, whichever plugin counts.

type Response = { once(event: 'close', listener: () => void): unknown };

let inFlight = 0;
const uncount = new WeakMap<object, () => void>();

/** Counts the request until its response is finished or its connection closes ('close' comes once either way). */
export function countRequestInFlight(res: Response): void {
  inFlight += 1;
  let counted = true;
  const release = () => {
    if (!counted) return;
    counted = false;
    inFlight -= 1;
  };
  uncount.set(res, release);
  res.once('close', release);
}

/** The request `res` answers stops counting: a long export, which others should not make way for. */
export function stopCountingRequest(res: object): void {
  uncount.get(res)?.();
}

/** Requests being answered (an export's own not among them): the ones an export slice would delay. */
export function requestsInFlight(): number {
  return inFlight;
}
