// Out-of-band changes as a database superuser would make them: with session_replication_role =
// replica, ordinary triggers (the append-only guard included) do not fire. Used to prove that
// verification notices what the guard cannot stop.
import type { DataSource } from 'typeorm';

export async function asSuperuserBypassingTriggers<T>(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    return (await manager.query(sql, params)) as T;
  });
}

/** Every column of one audit row, to put it back exactly after a tampering test. */
export async function snapshotRow(dataSource: DataSource, id: string): Promise<Record<string, unknown>> {
  const [row] = (await dataSource.query(`SELECT to_jsonb(a) AS row FROM audit_logs a WHERE id = $1`, [id])) as Array<{ row: Record<string, unknown> }>;
  if (!row) throw new Error(`no audit entry ${id}`);
  return row.row;
}

export async function restoreRows(dataSource: DataSource, ...rows: Array<Record<string, unknown>>): Promise<void> {
  await asSuperuserBypassingTriggers(dataSource, `DELETE FROM audit_logs WHERE id = ANY($1::bigint[])`, [rows.map((row) => row.id)]);
  await asSuperuserBypassingTriggers(dataSource, `INSERT INTO audit_logs SELECT * FROM jsonb_populate_recordset(NULL::audit_logs, $1::jsonb)`, [JSON.stringify(rows)]);
}

/**
 * Makes the oldest `count` entries `days` older, then re-chains the whole log as a writer would
 * have, so the log looks as if time had passed (a test cannot wait a year for retention).
 */
export async function ageOldestEntries(dataSource: DataSource, count: number, days: number): Promise<void> {
  const { CHAINED_COLUMNS_SQL } = await import('../../plugin/src/chain/canonical.js');
  const { entryHash } = await import('../../plugin/src/chain/canonical.js');
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(`LOCK TABLE audit_chain_head IN EXCLUSIVE MODE`);
    await manager.query(
      `UPDATE audit_logs SET occurred_at = occurred_at - make_interval(days => $2)
        WHERE chain_seq IN (SELECT chain_seq FROM audit_logs ORDER BY chain_seq LIMIT $1)`,
      [count, days],
    );
    const [head] = await manager.query(`SELECT anchor_prev_hash AS prev FROM audit_chain_head WHERE id = 1`);
    let prev = head.prev as string;
    const rows = await manager.query(`SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE chain_seq IS NOT NULL ORDER BY chain_seq`);
    for (const row of rows) {
      const hash = entryHash(prev, row);
      await manager.query(`UPDATE audit_logs SET prev_hash = $1, hash = $2 WHERE id = $3`, [prev, hash, row.id]);
      prev = hash;
    }
    await manager.query(`UPDATE audit_chain_head SET last_hash = $1 WHERE id = 1`, [prev]);
  });
}
