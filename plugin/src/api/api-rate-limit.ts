// The per-token rate limit, counted in PostgreSQL (the sign-in throttle's table, keys `api:<token
// id>`) so that every app instance enforces one limit: N instances do not allow N times the requests.
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../typeorm/pg-pool.js';
import { SIGN_IN_THROTTLE_TABLE } from '../auth/sign-in-throttle.js';

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

export class ApiRateLimit {
  private limiter: RateLimiterPostgres | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly points: number,
    private readonly windowSeconds: number,
  ) {}

  /** Takes one request from the token's allowance; a database error is thrown, never read as "allowed". */
  async take(tokenId: string): Promise<RateDecision> {
    try {
      const result = await this.limiterNow().consume(tokenId, 1);
      return { allowed: true, remaining: result.remainingPoints };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) };
      throw outcome;
    }
  }

  private limiterNow(): RateLimiterPostgres {
    if (this.limiter) return this.limiter;
    const pool = pgPoolOf(this.dataSource, 'auditApi');
    this.limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: 'pool',
      tableName: SIGN_IN_THROTTLE_TABLE,
      tableCreated: true,
      keyPrefix: 'api',
      points: this.points,
      duration: this.windowSeconds,
    });
    return this.limiter;
  }
}
