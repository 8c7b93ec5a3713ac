// Brute-force throttling for sign-in, per client IP and per email, over a sliding window.
// Every attempt takes a slot synchronously *before* the password is checked, so a burst of
// concurrent attempts cannot all slip in under the limit; a successful sign-in gives its slots
// back (a shared office address is not throttled by colleagues who typed their password right).
// Throttled attempts take no slot: they cost no bcrypt work and do not extend the lock.
// Counts live in this process: with several app processes each enforces the limit on its own.

export interface SignInThrottleOptions {
  /** Attempts (that did not succeed) one client IP may make per window. */
  maxPerIp: number;
  /** Attempts (that did not succeed) one email may see per window, from anywhere. */
  maxPerEmail: number;
  windowMs: number;
  /** Bound on remembered IPs and emails, so a spray of random emails cannot grow memory without end. */
  maxTrackedKeys?: number;
  now?: () => number;
}

export type ThrottleDecision = { admitted: true; release: () => void } | { admitted: false; limitedBy: 'ip' | 'email' };

const DEFAULT_MAX_TRACKED_KEYS = 100_000;

export class SignInThrottle {
  /** Attempt times per key, oldest first. */
  private readonly attempts = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: SignInThrottleOptions) {
    for (const key of ['maxPerIp', 'maxPerEmail', 'windowMs'] as const) {
      if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`SignInThrottle: ${key} must be a whole number of at least 1`);
    }
    this.now = options.now ?? Date.now;
  }

  /** Takes a slot for this IP and email, or says which limit is reached. Call `release` when the sign-in succeeds. */
  admit(ip: string | null, email: string): ThrottleDecision {
    const ipKey = `ip:${ip ?? 'unknown'}`;
    const emailKey = `email:${email.trim().toLowerCase()}`;
    const now = this.now();
    if (this.recent(ipKey, now).length >= this.options.maxPerIp) return { admitted: false, limitedBy: 'ip' };
    if (this.recent(emailKey, now).length >= this.options.maxPerEmail) return { admitted: false, limitedBy: 'email' };
    this.take(ipKey, now);
    this.take(emailKey, now);
    return {
      admitted: true,
      release: () => {
        this.attempts.delete(emailKey);
        const times = this.attempts.get(ipKey);
        const index = times?.lastIndexOf(now) ?? -1;
        if (times && index >= 0) times.splice(index, 1);
      },
    };
  }

  private recent(key: string, now: number): number[] {
    const times = this.attempts.get(key);
    if (!times) return [];
    const cutoff = now - this.options.windowMs;
    while (times.length > 0 && times[0]! <= cutoff) times.shift();
    if (times.length === 0) this.attempts.delete(key);
    return times;
  }

  private take(key: string, now: number): void {
    const times = this.attempts.get(key);
    if (times) {
      times.push(now);
      return;
    }
    this.attempts.set(key, [now]);
    if (this.attempts.size > (this.options.maxTrackedKeys ?? DEFAULT_MAX_TRACKED_KEYS)) this.evict(now);
  }

  /** Drops expired keys; if still too many, forgets the keys first seen longest ago. */
  private evict(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
    const excess = this.attempts.size - (this.options.maxTrackedKeys ?? DEFAULT_MAX_TRACKED_KEYS);
    if (excess <= 0) return;
    let dropped = 0;
    for (const key of this.attempts.keys()) {
      if (dropped++ >= excess) break;
      this.attempts.delete(key);
    }
  }

  /** How many keys are remembered (for tests and metrics). */
  get trackedKeys(): number {
    return this.attempts.size;
  }
}
