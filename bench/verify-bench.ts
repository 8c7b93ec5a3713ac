// The chain check at scale: times verifyAuditChain (what `npm run audit:verify` runs) over a bench
// database, printing its progress. Part of `npm run bench`; alone: `npm run bench:verify -- [--database-url URL]`, i.e.
//   npx tsx --conditions=hashtrail-source bench/verify-bench.ts [--database-url URL]
import { parseArgs } from 'node:util';
import { verifyAuditChain } from '@hashtrail/adminjs-audit';
import { createDataSource } from '../src/db/data-source.js';
import { BENCH_DATABASE_URL } from './bench-database.js';

export interface VerifyResult {
  /** Entries in the chain that was walked. */
  entries: number;
  seconds: number;
  entriesPerSecond: number;
  ok: boolean;
  /** The first problem found, when not ok. */
  problem?: string;
}

export async function benchVerify(url: string, log: (line: string) => void = () => undefined): Promise<VerifyResult> {
  const dataSource = await createDataSource({ url, poolSize: 2 }).initialize();
  try {
    const started = Date.now();
    const elapsed = () => (Date.now() - started) / 1000;
    const result = await verifyAuditChain(dataSource, {
      progressEvery: 1_000_000,
      onProgress: ({ verified, total }) =>
        log(`verified ${verified.toLocaleString('en')} / ${total.toLocaleString('en')} entries in ${elapsed().toFixed(1)} s (${Math.round(verified / Math.max(elapsed(), 0.001)).toLocaleString('en')}/s)`),
    });
    const seconds = elapsed();
    const entries = result.count;
    log(result.ok ? `chain OK: ${entries.toLocaleString('en')} entries in ${seconds.toFixed(1)} s` : `chain NOT ok after ${entries.toLocaleString('en')} entries: ${result.problem} (${result.message})`);
    return { entries, seconds, entriesPerSecond: entries / Math.max(seconds, 0.001), ok: result.ok, ...(result.ok ? {} : { problem: result.problem }) };
  } finally {
    await dataSource.destroy();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { 'database-url': { type: 'string' } } });
  const result = await benchVerify(values['database-url'] ?? BENCH_DATABASE_URL, (line) => process.stdout.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`verify bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
