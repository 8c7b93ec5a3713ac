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
 * Makes the oldest `count` entries of the global chain (formats 1 and 2: entries with no account,
 * and those written before accounts had chains) `days` older, then re-chains the global chain as a
 * writer would have, so the log looks as if time had passed (a test cannot wait a year for retention).
 */
export async function ageOldestEntries(dataSource: DataSource, count: number, days: number): Promise<void> {
  const { CHAINED_COLUMNS_SQL, entryHash } = await import('../../plugin/src/chain/canonical.js');
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    await manager.query(`LOCK TABLE audit_chain_head IN EXCLUSIVE MODE`);
    const [head] = await manager.query(`SELECT anchor_seq AS anchor, anchor_prev_hash AS prev FROM audit_chain_head WHERE id = 1`);
    await manager.query(
      `UPDATE audit_logs SET occurred_at = occurred_at - make_interval(days => $2)
        WHERE chain_format < 3 AND chain_seq IN (SELECT chain_seq FROM audit_logs WHERE chain_format < 3 AND chain_seq >= $3 ORDER BY chain_seq LIMIT $1)`,
      [count, days, head.anchor],
    );
    let prev = head.prev as string;
    const rows = await manager.query(`SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE chain_format < 3 AND chain_seq >= $1 ORDER BY chain_seq`, [head.anchor]);
    for (const row of rows) {
      const hash = entryHash(prev, row);
      await manager.query(`UPDATE audit_logs SET prev_hash = $1, hash = $2 WHERE id = $3`, [prev, hash, row.id]);
      prev = hash;
    }
    await manager.query(`UPDATE audit_chain_head SET last_hash = $1 WHERE id = 1`, [prev]);
  });
}

/**
 * The same for one account's chain (chain format 3): makes the oldest `count` entries of `account`'s
 * chain (from its anchor) `days` older, re-chains that chain from its anchor as the append would
 * have, and moves its head's hash in audit_account_chains. Other chains are left as they are.
 */
export async function ageOldestAccountEntries(dataSource: DataSource, account: string | number, count: number, days: number): Promise<void> {
  const { CHAINED_COLUMNS_SQL, entryHash } = await import('../../plugin/src/chain/canonical.js');
  await dataSource.transaction(async (manager) => {
    await manager.query(`SET LOCAL session_replication_role = replica`);
    const [head] = await manager.query(
      `SELECT anchor_seq AS anchor, anchor_prev_hash AS prev FROM audit_account_chains WHERE account_id::text = $1 FOR UPDATE`,
      [String(account)],
    );
    if (!head) throw new Error(`account ${account} has no audit chain`);
    await manager.query(
      `UPDATE audit_logs SET occurred_at = occurred_at - make_interval(days => $2)
        WHERE id IN (SELECT id FROM audit_logs WHERE account_id::text = $3 AND chain_format = 3 AND chain_seq >= $4 ORDER BY chain_seq LIMIT $1)`,
      [count, days, String(account), head.anchor],
    );
    let prev = head.prev as string;
    const rows = await manager.query(
      `SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE account_id::text = $1 AND chain_format = 3 AND chain_seq >= $2 ORDER BY chain_seq`,
      [String(account), head.anchor],
    );
    for (const row of rows) {
      const hash = entryHash(prev, row);
      await manager.query(`UPDATE audit_logs SET prev_hash = $1, hash = $2 WHERE id = $3`, [prev, hash, row.id]);
      prev = hash;
    }
    await manager.query(`UPDATE audit_account_chains SET last_hash = $1 WHERE account_id::text = $2`, [prev, String(account)]);
  });
}
