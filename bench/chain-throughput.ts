// `npm run bench:chain`: what the hash chain costs an audit write. Each transaction writes one
// entry; the same drafts are written (a) the pre-chain way, one plain INSERT (into a copy of
// audit_logs with the same columns and indexes, so the chain stays clean), (b) through the writer
// (chain head locked FOR UPDATE, hash, head moved) with no sink, (c) the same with one sink
// registered (plus an outbox row). One writer at a time, then 20 at once; a warm-up round first,
// then the median of three rounds. Uses a database of its own on the local server
// (CHAIN_BENCH_DATABASE_URL), created and dropped here.
import pg from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import { createDataSource } from '../src/db/data-source.js';
import { runMigrations } from '../src/db/migrate.js';
import { messageHubAuditFor } from '../test/helpers/test-app.js';
import { createLogger } from '../src/logger.js';

const URL_ = process.env.CHAIN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/mh_chain_bench';
const TRANSACTIONS = Number(process.env.CHAIN_BENCH_TRANSACTIONS ?? 2000);
const CONCURRENCIES = [1, 20];

async function adminQuery(sql: string): Promise<void> {
  const server = new URL(URL_);
  server.pathname = '/postgres';
  const client = new pg.Client({ connectionString: server.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const draft = (i: number) => ({
  action: 'inbox.updated',
  targetType: 'inbox',
  targetId: i,
  targetLabel: `Bench inbox ${i}`,
  changes: { name: { from: `Bench inbox ${i - 1}`, to: `Bench inbox ${i}` }, enabled: { from: true, to: false } },
  request: { ip: '10.1.2.3', userAgent: 'Mozilla/5.0 (bench)', requestId: '00000000-0000-4000-8000-000000000000' },
});

type Write = (manager: EntityManager, i: number) => Promise<void>;

async function measure(dataSource: DataSource, write: Write, concurrency: number): Promise<{ perSecond: number; meanMs: number }> {
  let next = 0;
  const latencies: number[] = [];
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= TRANSACTIONS) return;
        const t0 = process.hrtime.bigint();
        await dataSource.transaction((manager) => write(manager, i));
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { perSecond: TRANSACTIONS / seconds, meanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length };
}

async function main(): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${new URL(URL_).pathname.slice(1)} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${new URL(URL_).pathname.slice(1)}`);
  const dataSource = await createDataSource({ url: URL_, poolSize: 20 }).initialize();
  try {
    await runMigrations(dataSource, createLogger('silent'));
    const audit: AuditPlugin = messageHubAuditFor(dataSource);
    const writerFor = (_unused: AuditPlugin) => (manager: EntityManager, i: number) => audit.record(manager, draft(i));
    // The pre-chain writer: the same row, built the same way, inserted with no chain work.
    const { AuditWriter } = await import('../plugin/src/writer/audit-writer.js');
    const { activities } = await import('../src/audit/activities.js');
    const { ActivitySentences } = await import('../plugin/src/catalogue/activity-sentences.js');
    const sentences = new ActivitySentences(activities, {}, () => undefined, dataSource.manager);
    const builder = new AuditWriter(activities, () => '1', () => sentences.context('en'));
    await dataSource.query(`CREATE TABLE audit_logs_plain (LIKE audit_logs INCLUDING DEFAULTS INCLUDING INDEXES)`);
    const plainInsert: Write = async (manager, i) => {
      const row = await builder.build(draft(i), manager);
      await manager.query(
        `INSERT INTO audit_logs_plain (id, actor_id, actor_name, actor_email, actor_role, action, category, target_type, target_id, target_label,
                                       changes, details, ip, user_agent, request_id, account_id, sentence)
         VALUES (nextval(pg_get_serial_sequence('audit_logs', 'id')), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11::jsonb, $12, $13, $14, $15, $16)`,
        [row.actorId, row.actorName, row.actorEmail, row.actorRole, row.action, row.category, row.targetType, row.targetId, row.targetLabel,
          JSON.stringify(row.changes), row.details && JSON.stringify(row.details), row.ip, row.userAgent, row.requestId, row.accountId, row.sentence],
      );
    };
    const median = async (write: Write, concurrency: number) => {
      const runs = [];
      for (let round = 0; round < 3; round++) runs.push(await measure(dataSource, write, concurrency));
      return runs.sort((a, b) => a.perSecond - b.perSecond)[1]!;
    };
    await measure(dataSource, plainInsert, 1); // warm-up: connections, plans, JIT
    await measure(dataSource, writerFor(audit), 1);

    const rows: string[] = [];
    for (const concurrency of CONCURRENCIES) {
      const plain = await median(plainInsert, concurrency);
      const chained = await median(writerFor(audit), concurrency);
      await dataSource.query(`INSERT INTO audit_sinks (name) VALUES ('bench-sink') ON CONFLICT (name) DO UPDATE SET enabled = true`);
      const withOutbox = await median(writerFor(audit), concurrency);
      await dataSource.query(`UPDATE audit_sinks SET enabled = false`);
      const cost = (m: { perSecond: number }) => `${Math.round(m.perSecond)}/s (${((m.perSecond / plain.perSecond) * 100).toFixed(0)}% of plain)`;
      rows.push(
        `| ${concurrency} | ${Math.round(plain.perSecond)}/s, ${plain.meanMs.toFixed(2)} ms | ${cost(chained)}, ${chained.meanMs.toFixed(2)} ms | ${cost(withOutbox)}, ${withOutbox.meanMs.toFixed(2)} ms |`,
      );
    }
    const verification = await audit.verify();
    process.stdout.write(
      [
        `Audit write throughput, ${TRANSACTIONS} transactions of one entry each, PostgreSQL ${(await dataSource.query('SHOW server_version'))[0].server_version}, ${new URL(URL_).host}`,
        '',
        '| writers at once | plain INSERT (no chain) | chained (no sink) | chained + outbox row |',
        '|---|---|---|---|',
        ...rows,
        '',
        `chain after the run: ${verification.ok ? `verified, ${verification.count} entries` : `BROKEN ${JSON.stringify(verification)}`}`,
        '',
      ].join('\n'),
    );
  } finally {
    await dataSource.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${new URL(URL_).pathname.slice(1)} WITH (FORCE)`);
  }
}

await main();
