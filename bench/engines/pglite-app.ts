// MessageHub as its former default ran (before 0674458, database.ts at e5bb0e2): PGlite started in
// the app's own process from DATA_DIR, the app on its URL over one connection (DB_POOL_SIZE=1, the
// former EMBEDDED_POOL_SIZE), the socket server allowing that plus 5. Then the app itself: the
// compiled main, exactly as `npm start` runs it, only with DATABASE_URL pointing at this engine.
//
// engine-bench.ts transpiles this file and pglite-engine.ts next to each other and points their
// `../../src/…` imports at the compiled build (dist/src/…), so it runs under plain node: tsx's
// loader would add its own memory to the process whose memory is measured.
import path from 'node:path';
import { EMBEDDED_POOL_SIZE, startEmbeddedPostgres } from './pglite-engine.js';

const engine = await startEmbeddedPostgres({ dataDir: path.resolve(process.env.DATA_DIR || './data'), maxConnections: EMBEDDED_POOL_SIZE + 5 });
process.env.DATABASE_URL = engine.url;
process.env.DB_POOL_SIZE = String(EMBEDDED_POOL_SIZE);

// main.ts ends the process with process.exit once its pool is closed; the former database.close()
// closed the engine after the pool, so close it here before the process really exits.
const exit = process.exit.bind(process);
let exiting = false;
process.exit = ((code?: number) => {
  if (exiting) return exit(code);
  exiting = true;
  void engine.close().finally(() => exit(code));
}) as typeof process.exit;

await import('../../src/main.js');
