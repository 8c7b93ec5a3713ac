// Moves audit events from the outbox to the sinks: at least once, in chain order per batch.
//
// A batch is claimed with a lease (UPDATE … FOR UPDATE SKIP LOCKED, autocommitted), delivered with
// no transaction open — on an embedded PostgreSQL such as PGlite every connection shares one
// session, so an open transaction would stall all the others for the whole delivery — and then
// marked delivered. If the process dies in between, the lease runs out and the batch goes again:
// receivers de-duplicate by eventId. A failed batch is retried with exponential backoff and
// jitter, and its sink pauses until then so newer events do not overtake it; the error and
// attempt count stay on the outbox rows for administrators to see.
import type { DataSource } from 'typeorm';
import { CHAINED_COLUMNS_SQL } from '../chain/canonical.js';
import { toAuditEvent, type StoredChainedEntry } from './audit-event.js';
import { checkSinkNames, type AuditSink } from './audit-sink.js';

export interface DeliveryWorkerOptions {
  batchSize?: number;
  /** How long to wait when there was nothing to deliver. */
  pollIntervalMs?: number;
  /** How long a claimed batch is reserved for this worker before another may take it. */
  leaseMs?: number;
  /** First retry delay; doubled per attempt up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
  /** Told about every failed delivery or database error; the worker keeps going. */
  onError?: (error: unknown, sink: string | null) => void;
}

interface Claimed {
  outboxId: string;
  entryId: string;
  attempts: number;
}

const MAX_ERROR_TEXT = 2000;

/** Duck-typed: an error from another realm is not instanceof this realm's Error. */
function errorText(error: unknown): string {
  const message = typeof error === 'object' && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === 'string' && message ? message : String(error);
}

export class DeliveryWorker {
  private readonly options: Required<Omit<DeliveryWorkerOptions, 'onError'>> & Pick<DeliveryWorkerOptions, 'onError'>;
  private readonly pausedUntil = new Map<string, number>();
  private loop: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sinks: readonly AuditSink[],
    options: DeliveryWorkerOptions = {},
  ) {
    checkSinkNames(sinks);
    this.options = {
      batchSize: options.batchSize ?? 100,
      pollIntervalMs: options.pollIntervalMs ?? 1000,
      leaseMs: options.leaseMs ?? 60_000,
      retryMinMs: options.retryMinMs ?? 1000,
      retryMaxMs: options.retryMaxMs ?? 300_000,
      onError: options.onError,
    };
  }

  /**
   * Makes these sinks the ones entries are queued for from now on (others stop receiving new rows),
   * each for the accounts it names (every entry when it names none).
   */
  async register(): Promise<void> {
    const names = this.sinks.map((sink) => sink.name);
    const registrations = JSON.stringify(this.sinks.map((sink) => ({ name: sink.name, accounts: sink.accounts ?? null })));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO audit_sinks (name, accounts)
         SELECT s.name, CASE WHEN jsonb_typeof(s.accounts) = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(s.accounts)) END
           FROM jsonb_to_recordset($1::jsonb) AS s(name text, accounts jsonb)
         ON CONFLICT (name) DO UPDATE SET enabled = true, accounts = EXCLUDED.accounts`,
        [registrations],
      );
      await manager.query(`UPDATE audit_sinks SET enabled = false WHERE enabled AND NOT (name = ANY($1::text[]))`, [names]);
    });
  }

  /** Registers the sinks and delivers in the background until stop(). */
  async start(): Promise<void> {
    if (this.loop) return;
    await this.register();
    this.stopping = false;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = null;
  }

  /** One pass over every sink; returns how many events were delivered. */
  async runOnce(): Promise<number> {
    let delivered = 0;
    for (const sink of this.sinks) {
      if ((this.pausedUntil.get(sink.name) ?? 0) > Date.now()) continue;
      try {
        delivered += await this.deliverBatch(sink);
      } catch (error) {
        this.options.onError?.(error, sink.name);
      }
    }
    return delivered;
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      const delivered = await this.runOnce();
      if (delivered > 0 || this.stopping) continue; // more may be waiting: go again at once
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.options.pollIntervalMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  private async deliverBatch(sink: AuditSink): Promise<number> {
    const claimed = (await this.dataSource.query(
      `UPDATE audit_outbox o
          SET leased_until = now() + make_interval(secs => $3::double precision / 1000), attempts = o.attempts + 1, last_attempt_at = now()
        WHERE o.id IN (SELECT id FROM audit_outbox
                        WHERE sink = $1 AND delivered_at IS NULL AND next_attempt_at <= now()
                          AND (leased_until IS NULL OR leased_until < now())
                        ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING o.id::text AS "outboxId", o.entry_id::text AS "entryId", o.attempts`,
      [sink.name, this.options.batchSize, this.options.leaseMs],
    )) as [Claimed[], number] | Claimed[];
    // TypeORM gives [rows, count] for UPDATE … RETURNING on postgres.
    const rows: Claimed[] = Array.isArray(claimed[0]) ? (claimed[0] as Claimed[]) : (claimed as Claimed[]);
    if (rows.length === 0) return 0;
    const entries = (await this.dataSource.query(
      `SELECT ${CHAINED_COLUMNS_SQL} FROM audit_logs WHERE id = ANY($1::bigint[]) ORDER BY chain_seq`,
      [rows.map((row) => row.entryId)],
    )) as StoredChainedEntry[];
    const found = new Set(entries.map((entry) => entry.id));
    const orphans = rows.filter((row) => !found.has(row.entryId));
    if (orphans.length > 0) {
      // Only an out-of-band deletion does this (the purge removes outbox rows with their entries):
      // keep the rows undelivered and say why, rather than report them delivered.
      await this.dataSource.query(
        `UPDATE audit_outbox SET leased_until = NULL, next_attempt_at = now() + make_interval(secs => $2::double precision / 1000),
                last_error = 'entry ' || entry_id || ' is no longer in audit_logs: it was removed outside the purge'
          WHERE id = ANY($1::bigint[])`,
        [orphans.map((row) => row.outboxId), this.options.retryMaxMs],
      );
      if (entries.length === 0) return 0;
    }
    const deliverable = rows.filter((row) => found.has(row.entryId)).map((row) => row.outboxId);

    try {
      await sink.deliver(entries.map(toAuditEvent));
    } catch (error) {
      const attempts = Math.max(...rows.map((row) => Number(row.attempts)));
      const delayMs = this.backoff(attempts);
      this.pausedUntil.set(sink.name, Date.now() + delayMs);
      await this.dataSource.query(
        `UPDATE audit_outbox SET leased_until = NULL, last_error = $2, next_attempt_at = now() + make_interval(secs => $3::double precision / 1000)
          WHERE id = ANY($1::bigint[])`,
        [deliverable, errorText(error).slice(0, MAX_ERROR_TEXT), delayMs],
      );
      throw error;
    }
    this.pausedUntil.delete(sink.name);
    await this.dataSource.query(
      `UPDATE audit_outbox SET delivered_at = now(), leased_until = NULL, last_error = NULL WHERE id = ANY($1::bigint[])`,
      [deliverable],
    );
    return deliverable.length;
  }

  private backoff(attempts: number): number {
    const exponential = Math.min(this.options.retryMaxMs, this.options.retryMinMs * 2 ** Math.min(attempts - 1, 30));
    return Math.round(exponential * (0.5 + Math.random() * 0.5));
  }
}
