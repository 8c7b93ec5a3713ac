// Brute-force throttling for sign-in, per client IP and per email, over a fixed window.
//
// The counts live in PostgreSQL (table audit_sign_in_throttle, made by migration 1764000000520),
// so every app instance on the database enforces the same limits: N instances do not allow N times
// the attempts. Counting is rate-limiter-flexible's RateLimiterPostgres over the app's own pg pool
// (the DataSource's): one atomic UPSERT per key and attempt, `tableCreated: true` so the library
// never creates a table on the fly, keys `ip:<address>` and `email:<address>`.
//
// Every attempt takes a slot *before* the password is checked (the UPSERT both counts and tells
// the new count, in one statement), so a burst of concurrent attempts, on one instance or several,
// cannot all slip in under the limit. An attempt over a limit takes no slot and costs no bcrypt
// work, and it does not extend the window (the window ends a fixed time after its first attempt;
// before, it slid, counted per attempt in process memory). A successful sign-in gives its slots
// back: the email's count is cleared and the IP's lowered by one, so a shared office address is
// not throttled by colleagues who typed their password right.
//
// The IP is whatever the host resolved (req.ip after Express's trust proxy): behind a proxy that is
// the forwarded client address, otherwise the socket's.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../typeorm/pg-pool.js';

export const SIGN_IN_THROTTLE_TABLE = 'audit_sign_in_throttle';

export interface SignInThrottleOptions {
  /** Attempts (that did not succeed) one client IP may make per window. */
  maxPerIp: number;
  /** Attempts (that did not succeed) one email may see per window, from anywhere. */
  maxPerEmail: number;
  /** The window both limits count over, from a key's first attempt in it. Whole seconds are kept (at least 1 s). */
  windowMs: number;
  /**
   * Where the counts are kept: this DataSource's PostgreSQL (its pg pool). Left out, the plugin's
   * router gives the DataSource the plugin was made with (see bindTo).
   */
  dataSource?: DataSource;
  /** The counts' table (default audit_sign_in_throttle, made by the plugin's migrations). */
  tableName?: string;
}

export type ThrottleDecision =
  | { admitted: true; /** Gives the attempt's slots back (the sign-in succeeded). Never rejects. */ release: () => Promise<void> }
  | { admitted: false; limitedBy: 'ip' | 'email' };

interface Limiters {
  ip: RateLimiterPostgres;
  email: RateLimiterPostgres;
  /** Lowers a live count by one (never below 0, never on an ended window: the library's reward would start a new window at -1). */
  giveBack: (key: string) => Promise<unknown>;
}

export class SignInThrottle {
  private dataSource: DataSource | undefined;
  private limiters: Limiters | undefined;

  constructor(private readonly options: SignInThrottleOptions) {
    for (const key of ['maxPerIp', 'maxPerEmail', 'windowMs'] as const) {
      if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`SignInThrottle: ${key} must be a whole number of at least 1`);
    }
    if (options.tableName !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.tableName)) throw new Error('SignInThrottle: tableName must be a plain identifier');
    this.dataSource = options.dataSource;
  }

  /** Keeps the counts in this DataSource's database, unless the options named one already. */
  bindTo(dataSource: DataSource): this {
    this.dataSource ??= dataSource;
    return this;
  }

  /** Takes a slot for this IP and email, or says which limit is reached. Call `release` when the sign-in succeeds. */
  async admit(ip: string | null, email: string): Promise<ThrottleDecision> {
    const limiters = this.limitersNow();
    const ipKey = ip ?? 'unknown';
    const emailKey = email.trim().toLowerCase();
    // A refused attempt takes no slot: what its UPSERT counted goes back (so a success in flight
    // that gives its slots back brings the count under the limit again, as it should).
    if (!(await taken(limiters.ip, ipKey))) {
      await limiters.giveBack(`ip:${ipKey}`);
      return { admitted: false, limitedBy: 'ip' };
    }
    if (!(await taken(limiters.email, emailKey))) {
      await limiters.giveBack(`email:${emailKey}`);
      await limiters.giveBack(`ip:${ipKey}`);
      return { admitted: false, limitedBy: 'email' };
    }
    return {
      admitted: true,
      release: async () => {
        try {
          await limiters.email.delete(emailKey);
          await limiters.giveBack(`ip:${ipKey}`);
        } catch {
          // The sign-in has succeeded and is recorded; the slots just stay counted until the window ends.
        }
      },
    };
  }

  private limitersNow(): Limiters {
    if (this.limiters) return this.limiters;
    const dataSource = this.dataSource;
    if (!dataSource) throw new Error('SignInThrottle: no DataSource to keep the counts in (give dataSource, or pass the throttle to the audit router)');
    const pool = pgPoolOf(dataSource, 'SignInThrottle');
    const duration = Math.max(1, Math.round(this.options.windowMs / 1000));
    const table = this.options.tableName ?? SIGN_IN_THROTTLE_TABLE;
    const make = (keyPrefix: 'ip' | 'email', points: number) =>
      new RateLimiterPostgres({
        storeClient: pool,
        storeType: 'pool',
        tableName: table,
        tableCreated: true,
        keyPrefix,
        points,
        duration,
      });
    this.limiters = {
      ip: make('ip', this.options.maxPerIp),
      email: make('email', this.options.maxPerEmail),
      giveBack: (key) => pool.query(`UPDATE "${table}" SET points = points - 1 WHERE key = $1 AND points > 0 AND expire > $2`, [key, Date.now()]),
    };
    return this.limiters;
  }
}

/** Consumes one point: true if within the limit, false if over it; a database error is thrown. */
async function taken(limiter: RateLimiterPostgres, key: string): Promise<boolean> {
  try {
    await limiter.consume(key, 1);
    return true;
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return false;
    throw outcome;
  }
}
