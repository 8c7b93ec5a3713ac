// The pg pool behind a TypeORM DataSource, for what needs the driver itself: a cursor's own
// client (the export), rate-limiter-flexible's PostgreSQL store (sign-in throttle, API limit).
import type pg from 'pg';
import type { DataSource } from 'typeorm';

/** The DataSource's pg.Pool; `user` names who asks, in the error when there is none. */
export function pgPoolOf(dataSource: DataSource, user: string): pg.Pool {
  // TypeORM's PostgresDriver keeps its pg.Pool as `master` once initialized; the public type does not name it.
  const pool = (dataSource.driver as unknown as { master?: pg.Pool }).master;
  if (!pool) throw new Error(`${user}: the DataSource is not initialized (or is not PostgreSQL)`);
  return pool;
}
