// A bench-only copy of MessageHub's former zero-setup engine, as it was at e5bb0e2
// (`git show e5bb0e2:src/db/embedded-postgres.ts`): PGlite in the app's own process, served on a
// loopback port by pglite-socket, over one connection. The engine case set (bench/engine-bench.ts)
// runs it beside the embedded PostgreSQL server that replaced it (issue #15). Unchanged but for
// this comment and the import path of the data-folder lock; not part of the app.
// The zero-setup default: PostgreSQL compiled to WASM (PGlite), served on a loopback port so the
// ordinary pg driver and TypeORM talk to it exactly as they talk to a server.
import fs from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { lockDataDir } from '../../src/db/data-dir-lock.js';

/**
 * Connections the app opens to the embedded engine. PGlite is one PostgreSQL session underneath,
 * and its socket server mixes up protocol messages of connections that are busy at the same time
 * (measured: 40 concurrent list+create requests over a pool of 10 gave 7 HTTP 500s and 22 failed
 * actions; over a pool of 1, none). Requests queue for the one connection instead.
 */
export const EMBEDDED_POOL_SIZE = 1;

export interface EmbeddedPostgres {
  url: string;
  close(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder for the data, or undefined for an in-memory database (tests). */
  dataDir?: string;
  /**
   * Must stay well above the pool size: the socket server drops queries past it
   * (docs/decisions/0011-embedded-postgres.md).
   */
  maxConnections: number;
}

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedPostgres> {
  let releaseLock = () => {};
  if (options.dataDir) {
    fs.mkdirSync(options.dataDir, { recursive: true });
    releaseLock = lockDataDir(options.dataDir);
  }
  try {
    const db = await PGlite.create({ dataDir: options.dataDir, extensions: { pg_trgm, btree_gin } });
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: options.maxConnections });
    await server.start();
    const address = server.getServerConn(); // "127.0.0.1:PORT"
    return {
      url: `postgres://postgres:postgres@${address}/postgres`,
      async close() {
        try {
          await server.stop();
          await db.close();
        } finally {
          releaseLock();
        }
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
