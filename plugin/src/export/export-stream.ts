// Streams "the entries matching the current filters" from PostgreSQL to a writable (an HTTP
// response) with a server-side cursor: rows arrive in batches of EXPORT_BATCH_ROWS and the pipeline's
// back-pressure keeps memory flat however many rows match (measured with bench/export).
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import QueryStream from 'pg-query-stream';
import type { DataSource } from 'typeorm';
import { pgPoolOf } from '../typeorm/pg-pool.js';
import { requestsInFlight } from '../context/requests-in-flight.js';
import { auditLogQuery, type AuditFilterValues } from '../adminjs/audit-log-query.js';
import { csvHeader, csvLine, EXPORT_COLUMNS, jsonLine, type ExportFormat, type ExportRow } from './export-format.js';

/** Rows fetched per round trip: big enough to amortise the trip, small enough to stay a few MB. */
export const EXPORT_BATCH_ROWS = 500;

/**
 * How long (ms) the export renders rows before it lets the app's other requests run. Rendering
 * rows already fetched is synchronous on the app's one thread: without a break, other admins'
 * pages waited behind the export for as long as rows kept arriving.
 */
export const EXPORT_SLICE_MS = 1;

/**
 * While other requests are being answered, the export rests this many times as long as its last
 * slice took, so they get most of the thread: three quarters. With 20 admins working during
 * back-to-back 100,000-row exports, their list pages' p95 went from ~120 ms (no rest) to ~50 ms,
 * and the exports still took ~2 s each (bench/RESULTS.md); it only rests while others wait.
 */
export const EXPORT_REST_FACTOR = 3;

/**
 * File text gathered before it is written to the response. A write per row cost more than the
 * row's rendering (each write is a chunk of its own, framed and handed to the socket).
 */
export const EXPORT_CHUNK_CHARS = 64 * 1024;

export interface ExportResult {
  rows: number;
  /** More rows matched than the limit allowed; the file holds the first `limit`. */
  truncated: boolean;
}

/** SQL and parameters of the export: the list's filters (auditLogQuery), newest first like the list. */
export function exportQuery(dataSource: DataSource, values: AuditFilterValues, limit: number, direction: 'ASC' | 'DESC' = 'DESC'): [string, unknown[]] {
  const qb = auditLogQuery(dataSource, values);
  const [first, ...rest] = EXPORT_COLUMNS;
  qb.select(`log.${first[1]}`, first[0]);
  for (const [name, column] of rest) qb.addSelect(`log.${column}`, name);
  // One row past the limit tells a complete export from a truncated one.
  return qb.orderBy('log.occurred_at', direction).addOrderBy('log.id', direction).limit(limit + 1).getQueryAndParameters();
}

/**
 * Writes the file to `out` and resolves with what was written. `out` is left open: the caller
 * ends it once the export's audit entry is committed, so a file only arrives whole when the
 * export was recorded.
 */
export async function streamExport(
  dataSource: DataSource,
  query: [string, unknown[]],
  format: ExportFormat,
  limit: number,
  out: Writable,
  /** The activity sentence of a row in the reader's language; the stored one when omitted. */
  sentence?: (row: ExportRow) => string,
): Promise<ExportResult> {
  const result: ExportResult = { rows: 0, truncated: false };
  // The cursor needs a client of its own for the whole stream.
  const client = await pgPoolOf(dataSource, 'audit export').connect();
  let failure: Error | undefined;
  try {
    const rows = client.query(new QueryStream(query[0], query[1], { batchSize: EXPORT_BATCH_ROWS, highWaterMark: EXPORT_BATCH_ROWS }));
    let text = '';
    let sliceStarted = performance.now();
    const lines = new Transform({
      writableObjectMode: true,
      transform(row: ExportRow, _encoding, done) {
        if (result.rows >= limit) {
          result.truncated = true;
          done();
          return;
        }
        result.rows += 1;
        const line = sentence ? { ...row, activity: sentence(row) } : row;
        text += format === 'csv' ? csvLine(line) : jsonLine(line);
        const spent = performance.now() - sliceStarted;
        if (spent < EXPORT_SLICE_MS && text.length < EXPORT_CHUNK_CHARS) {
          done();
          return;
        }
        this.push(text);
        text = '';
        if (spent < EXPORT_SLICE_MS) {
          done();
          return;
        }
        // The slice is over. When other requests are being answered, the export rests
        // (EXPORT_REST_FACTOR); otherwise it goes on at once, after whatever I/O is ready.
        const resume = () => {
          sliceStarted = performance.now();
          done();
        };
        if (requestsInFlight() > 0) setTimeout(resume, Math.ceil(spent * EXPORT_REST_FACTOR));
        else setImmediate(resume);
      },
      flush(done) {
        done(null, text || undefined);
      },
    });
    if (format === 'csv') lines.push(csvHeader());
    await pipeline(rows, lines, out, { end: false });
    return result;
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
    throw Object.assign(failure, { exportResult: result });
  } finally {
    // A cursor abandoned mid-way (the client went away) leaves the connection mid-protocol:
    // hand it back as broken so the pool closes it instead of reusing it.
    client.release(failure);
  }
}
