// Copies every row of every table, and every sequence's position, from the former database into the
// new one, in one transaction, as a restore does: as the cluster's superuser with
// session_replication_role = replica, so no trigger fires (the audit log's guards refuse a direct
// INSERT into audit_logs and any change of audit_chain_head; foreign keys are triggers too). The
// rows the migrations wrote (the chain head, the retention floor, the migrations' own list) are
// replaced by the former database's. Values travel as text and are cast to each column's type:
// exactly what pg_dump's COPY does, so a timestamp keeps its microseconds and a jsonb its content.
import type { QueryRunner } from 'typeorm';
import { displayName, ident, qualified, readSequence, TEXT_SETTINGS, type Catalogue, type Table } from './catalogue.js';
import type { FormerDatabase } from './pglite-source.js';

/** Rows per INSERT: a few MB at most for audit entries. */
const BATCH_ROWS = 1000;
/** A big table says how far it got every this many rows (about 5 000 rows a second go across). */
const PROGRESS_ROWS = 100_000;

export interface CopiedTable {
  /** As a person names it: without "public.". */
  name: string;
  rows: number;
}

export interface CopyResult {
  tables: CopiedTable[];
  sequences: number;
}

export async function copyData(source: FormerDatabase, target: QueryRunner, catalogue: Catalogue, progress: (line: string) => void): Promise<CopyResult> {
  await target.startTransaction();
  try {
    for (const setting of TEXT_SETTINGS) await target.query(setting.replace(/^SET /, 'SET LOCAL '));
    await target.query(`SET LOCAL session_replication_role = replica`);
    for (const table of catalogue.tables) await target.query(`DELETE FROM ${qualified(table)}`);
    const tables: CopiedTable[] = [];
    for (const table of catalogue.tables) {
      const rows = await copyTable(source, target, table, (copied) => progress(`  ${displayName(table)}: ${copied} rows so far…`));
      progress(`  ${displayName(table)}: ${rows} row${rows === 1 ? '' : 's'}`);
      tables.push({ name: displayName(table), rows });
    }
    for (const sequence of catalogue.sequences) {
      const value = await readSequence(source.query, sequence);
      await target.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [qualified(sequence), value.lastValue, value.isCalled]);
    }
    await target.commitTransaction();
    return { tables, sequences: catalogue.sequences.length };
  } catch (error) {
    if (target.isTransactionActive) await target.rollbackTransaction();
    throw error;
  }
}

async function copyTable(source: FormerDatabase, target: QueryRunner, table: Table, onProgress: (copied: number) => void): Promise<number> {
  // Generated columns are computed again by the new database (the fingerprints compare them too).
  const columns = table.columns.filter((column) => !column.generated);
  if (columns.length === 0) return 0;
  const values = columns.map((column, i) => `v${i}::${column.type}`).join(', ');
  const arrays = columns.map((_, i) => `$${i + 1}::text[]`).join(', ');
  const aliases = columns.map((_, i) => `v${i}`).join(', ');
  const overriding = columns.some((column) => column.identityAlways) ? ' OVERRIDING SYSTEM VALUE' : '';
  const insert = `INSERT INTO ${qualified(table)} (${columns.map((column) => ident(column.name)).join(', ')})${overriding}
                  SELECT ${values} FROM unnest(${arrays}) AS u(${aliases})`;
  let copied = 0;
  for await (const batch of source.rows(table, columns.map((column) => column.name), BATCH_ROWS)) {
    // Column-wise: one text array per column.
    await target.query(insert, columns.map((_, i) => batch.map((row) => row[i] ?? null)));
    copied += batch.length;
    if (copied % PROGRESS_ROWS < batch.length && copied >= PROGRESS_ROWS) onProgress(copied);
  }
  return copied;
}
