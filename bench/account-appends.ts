// Appends per second with many writers: all of them in one account (they queue on its chain head,
// as every writer did on the one global head before 0.5) and spread over as many accounts (each
// account's head is its own). Each transaction writes one entry, as an audited edit does; the
// entries are MessageHub-sized (changes, request info). Runs against any database whose schema
// has the plugin's migrations with accounts: a plain PostgreSQL server or a Citus coordinator.
import { generateKeyPairSync } from 'node:crypto';
import { DataSource } from 'typeorm';
import { auditEntities, auditRoleMigrations, createAuditPlugin, defineActivities, type AuditPlugin, type SentenceInput } from '@hashtrail/adminjs-audit';

const said = (verb: string) => (input: SentenceInput) => `${input.actorName} ${verb} ${input.targetLabel ?? input.targetId}`;

/** The bench host's catalogue: the plugin's own keys and the one entry it writes. */
export const benchActivities = defineActivities({
  'session.signed_in': { category: 'Session', sentence: said('signed in as') },
  'session.signed_out': { category: 'Session', sentence: said('signed out as') },
  'session.sign_in_failed': { category: 'Session', sentence: said('failed to sign in as') },
  'audit_log.purged': { category: 'Audit', sentence: said('purged') },
  'audit_log.checkpoint': { category: 'Audit', sentence: said('signed a checkpoint') },
  'inbox.updated': { category: 'Inbox', sentence: said('updated inbox') },
});

export interface AppendRate {
  writers: number;
  accounts: number;
  transactions: number;
  perSecond: number;
  meanMs: number;
  p95Ms: number;
}

export interface AccountAppendsResult {
  /** 20 writers, one account. */
  oneAccount: AppendRate;
  /** 20 writers, one account each. */
  spread: AppendRate;
  /** Every chain verified after the run. */
  verified: boolean;
}

const draft = (i: number, accountId: string) => ({
  action: 'inbox.updated',
  targetType: 'inbox',
  targetId: i,
  targetLabel: `Bench inbox ${i}`,
  accountId,
  changes: { name: { from: `Bench inbox ${i - 1}`, to: `Bench inbox ${i}` }, enabled: { from: true, to: false } },
  request: { ip: '10.1.2.3', userAgent: 'Mozilla/5.0 (bench)', requestId: '00000000-0000-4000-8000-000000000000' },
});

/** The plugin on `dataSource` as a host with accounts wires it (accounts 1 … n, the system log 0). */
export function benchAudit(dataSource: DataSource): AuditPlugin {
  const { privateKey } = generateKeyPairSync('ed25519');
  return createAuditPlugin({
    dataSource,
    activities: benchActivities,
    viewer: { canRead: () => true },
    accountOf: (admin) => (admin as { accountId?: string }).accountId,
    accountId: () => '0',
    // A checkpoint every 1 000 entries per chain, as the default: its cost is part of an append's.
    checkpoints: { privateKey },
  });
}

/** The plugin's migrations as a host with integer account ids runs them. */
export const accountMigrations = () => auditRoleMigrations({ accounts: { idType: 'integer' } });

/**
 * A DataSource on `url` with the plugin's entities and migrations (createAuditPlugin checks that
 * its migrations are there; running them is the caller's: on Citus they come before distributeAuditLog).
 */
export async function benchDataSource(url: string, poolSize: number): Promise<DataSource> {
  return new DataSource({ type: 'postgres', url, entities: auditEntities, migrations: accountMigrations(), extra: { max: poolSize } }).initialize();
}

async function appendRate(dataSource: DataSource, audit: AuditPlugin, writers: number, accounts: number, transactions: number, firstAccount: number): Promise<AppendRate> {
  let next = 0;
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const accountId = String(firstAccount + (writer % accounts));
      for (;;) {
        const i = next++;
        if (i >= transactions) return;
        const t0 = performance.now();
        await dataSource.transaction((manager) => audit.record(manager, draft(i, accountId)));
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    writers, accounts, transactions,
    perSecond: transactions / seconds,
    meanMs: latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length,
    p95Ms: latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.95) - 1)]!,
  };
}

/**
 * The two loads, each after a warm-up, the median of three rounds by rate. Accounts are numbered
 * from `firstAccount` so repeated runs on one database start fresh chains.
 */
export async function benchAccountAppends(dataSource: DataSource, audit: AuditPlugin, options: { writers?: number; transactions?: number; firstAccount?: number } = {}): Promise<AccountAppendsResult> {
  const writers = options.writers ?? 20;
  const transactions = options.transactions ?? 3000;
  let account = options.firstAccount ?? 1;
  const median = async (accounts: number) => {
    await appendRate(dataSource, audit, writers, accounts, Math.min(transactions, 200), account); // warm-up: connections, plans
    const rounds: AppendRate[] = [];
    for (let round = 0; round < 3; round += 1) rounds.push(await appendRate(dataSource, audit, writers, accounts, transactions, account));
    account += accounts;
    return rounds.sort((a, b) => a.perSecond - b.perSecond)[1]!;
  };
  const oneAccount = await median(1);
  const spread = await median(writers);
  const verification = await audit.verify();
  return { oneAccount, spread, verified: verification.ok };
}
