// The former database, opened in this process with the engine that wrote it: PGlite (PostgreSQL
// compiled to WASM) with the extensions the former default loaded (pg_trgm, btree_gin). No socket
// server: the upgrade is its only reader. It is opened on a copy of the folder, so the user's files
// stay byte for byte as they were (PGlite writes to the folder it runs on, if only a checkpoint).
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { ident, qualified, TEXT_SETTINGS, type Query, type Table } from './catalogue.js';

export interface FormerDatabase {
  query: Query;
  /** The table's rows in batches of `batchSize`, each row its columns' text (null for NULL), in `columns`' order. */
  rows(table: Table, columns: string[], batchSize: number): AsyncGenerator<Array<Array<string | null>>>;
  close(): Promise<void>;
}

/** Opens the PGlite folder `dataDir` (a copy: see above) in one read-only, repeatable-read transaction. */
export async function openFormerDatabase(dataDir: string): Promise<FormerDatabase> {
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, extensions: { pg_trgm, btree_gin } });
  } catch (error) {
    const version = fs.existsSync(path.join(dataDir, 'PG_VERSION')) ? fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim() : 'unknown';
    throw new Error(`PGlite could not open the former database (its files say PostgreSQL ${version}): ${(error as Error).message}`);
  }
  const query: Query = async (sql, params) => (await db.query<Record<string, string | null>>(sql, params as unknown[] | undefined)).rows;
  for (const setting of TEXT_SETTINGS) await db.exec(setting);
  await db.exec('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  return {
    query,
    async *rows(table, columns, batchSize) {
      const list = columns.map((column) => `${ident(column)}::text`).join(', ');
      await db.exec(`DECLARE former_rows NO SCROLL CURSOR FOR SELECT ${list} FROM ${qualified(table)}`);
      try {
        for (;;) {
          const batch = (await db.query<Array<string | null>>(`FETCH ${batchSize} FROM former_rows`, [], { rowMode: 'array' })).rows;
          if (batch.length === 0) return;
          yield batch;
        }
      } finally {
        await db.exec('CLOSE former_rows');
      }
    },
    async close() {
      try {
        await db.exec('ROLLBACK');
      } finally {
        await db.close();
      }
    },
  };
}
