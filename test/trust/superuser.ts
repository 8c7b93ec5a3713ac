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
