// `npm run db:upgrade-embedded`: moves a data folder of the former embedded engine (PGlite, its
// files at the top of DATA_DIR) to the embedded PostgreSQL server (DATA_DIR/postgres), verified
// before anything of the user's is moved:
//
//  1. PGlite opens a copy of the former files (the originals stay byte for byte as they were).
//  2. A new cluster starts in DATA_DIR/upgrade-embedded-in-progress (startEmbeddedPostgres).
//  3. There, the app's migrations build the schema the former database has: exactly the migrations
//     it recorded as run, no more. Its data was written under that schema; a newer migration may
//     change columns or rewrite rows, and must then run on the data, as it would have at the next
//     start of the app. Both catalogues must then hold the same tables, columns and sequences.
//  4. Every table's rows and every sequence's position are copied in one transaction, as a restore
//     does (copy-data.ts); then each table's row count and content fingerprint must equal the
//     former database's.
//  5. The app's remaining migrations run on the copy.
//  6. The audit chain must verify, with the former database's head (position and hash).
//  7. Only then the folders swap (former-folder.ts): the new cluster becomes DATA_DIR/postgres and
//     the former files move into DATA_DIR/pglite-backup-<date>/, kept.
//
// Any failure before step 7 removes the work folder and leaves DATA_DIR as it was; a run that finds
// a work folder an earlier run left removes it first, or finishes its swap if it had got that far.
import fs from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { verifyAuditChain, type AuditRoleOptions } from '@hashtrail/adminjs-audit';
import { migrationsFor } from '../../../migrations/index.js';
import { describeVerification } from '../../audit/describe-verification.js';
import { createLogger } from '../../logger.js';
import { createDataSource } from '../data-source.js';
import { DataDirLockedError, lockDataDir } from '../data-dir-lock.js';
import { clusterDirOf, startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';
import { runMigrations } from '../migrate.js';
import {
  catalogueDifferences, chainHead, displayName, executedMigrations, fingerprint, readCatalogue, TEXT_SETTINGS, type ChainHead, type Query,
} from './catalogue.js';
import { copyData, type CopiedTable } from './copy-data.js';
import {
  backupName, finishSwap, formerEngineFiles, freeSpace, makeWorkFolder, planSwap, removeWorkFolder, sizeOf, snapshotFormerFiles, swapPending, workDirOf,
} from './former-folder.js';
import { openFormerDatabase, type FormerDatabase } from './pglite-source.js';

/** The upgrade will not run, for a reason the user can act on; DATA_DIR is as it was. */
export class UpgradeRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpgradeRefusedError';
  }
}

export interface UpgradeOptions {
  dataDir: string;
  /** The audit log's database roles, as the app would create them (auditRoleSettings(config)). */
  auditRoles?: AuditRoleOptions;
  /** The checkpoints' public key, to hold the chain to its signed checkpoints as `audit:verify` does. */
  publicKey?: KeyObject | null;
  /** Move the data even when its audit chain does not verify (the copy being exact, the break is the former data's). */
  acceptBrokenChain?: boolean;
  /** What the upgrade is doing, a line at a time. */
  progress?: (line: string) => void;
  /** The new server's own messages. */
  serverLog?: (line: string) => void;
}

export interface UpgradeReport {
  outcome: 'upgraded';
  dataDir: string;
  clusterDir: string;
  backupDir: string;
  /** The former engine's files, now in backupDir. */
  backedUp: string[];
  tables: CopiedTable[];
  sequences: number;
  /** Migrations the former database had run (the schema the rows were copied into). */
  formerMigrations: number;
  /** Migrations of this version it lacked, run on the copy. */
  appliedMigrations: string[];
  /** The verified chain; `brokenChain` holds what verification said when acceptBrokenChain let a broken one through. */
  chain: { entries: number; headSeq: string; headHash: string } | null;
  brokenChain?: string;
}

export type UpgradeResult =
  | UpgradeReport
  /** DATA_DIR/postgres already holds the cluster: nothing done. */
  | { outcome: 'already-upgraded'; dataDir: string; clusterDir: string; formerFilesLeft: string[] }
  /** An earlier run had verified the copy and was cut short while swapping folders: the swap is now finished. */
  | { outcome: 'swap-finished'; dataDir: string; clusterDir: string; backupDir: string; backedUp: string[] };

/** Room the upgrade needs beside the former files: their copy, the new cluster (about as big) and the cluster's own files. */
const CLUSTER_OVERHEAD_BYTES = 100 * 1024 * 1024;
/** Connections of the new server: the upgrade's pools (schema 2, copy 3, verification 2) and PostgreSQL's reserved slots. */
const MAX_CONNECTIONS = 20;

const hasCluster = (dataDir: string) => fs.existsSync(path.join(clusterDirOf(dataDir), 'PG_VERSION'));

export async function upgradeFormerEngineFolder(options: UpgradeOptions): Promise<UpgradeResult> {
  const dataDir = path.resolve(options.dataDir);
  const progress = options.progress ?? (() => {});
  if (!fs.existsSync(dataDir)) throw new UpgradeRefusedError(`${dataDir} does not exist: there is nothing to upgrade (DATA_DIR names the data folder; default ./data).`);
  if (hasCluster(dataDir) && !swapPending(dataDir)) {
    return { outcome: 'already-upgraded', dataDir, clusterDir: clusterDirOf(dataDir), formerFilesLeft: formerEngineFiles(dataDir) };
  }
  let releaseLock: () => void;
  try {
    releaseLock = lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) throw new UpgradeRefusedError(`${error.message.replace(/ Stop it, or .*$/, '')} Stop MessageHub first, then run the upgrade again; nothing was changed.`);
    throw error;
  }
  try {
    if (swapPending(dataDir)) {
      progress(`An earlier upgrade verified its copy and stopped while swapping folders: finishing the swap`);
      const { backupDir, moved } = finishSwap(dataDir);
      return { outcome: 'swap-finished', dataDir, clusterDir: clusterDirOf(dataDir), backupDir, backedUp: moved };
    }
    if (fs.existsSync(workDirOf(dataDir))) {
      progress(`Removing ${workDirOf(dataDir)}, left by an earlier upgrade that did not finish (your data was not touched by it)`);
      await removeWorkFolder(dataDir);
    }
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
      throw new UpgradeRefusedError(
        `${dataDir} is not a data folder of MessageHub's former embedded engine (PGlite): it has no PG_VERSION at its top, and no cluster in ${clusterDirOf(dataDir)}. Nothing to upgrade.`,
      );
    }
    if (fs.existsSync(clusterDirOf(dataDir))) {
      throw new UpgradeRefusedError(`${clusterDirOf(dataDir)} exists but holds no PostgreSQL cluster (no PG_VERSION): move it out of ${dataDir}, then run the upgrade again.`);
    }
    return await upgrade(dataDir, options, progress);
  } finally {
    releaseLock();
  }
}

interface KnownMigration {
  name: string;
  migration: new () => MigrationInterface;
}

/** This version's migrations in the order TypeORM runs them: by the timestamp that ends their name. */
function knownMigrations(auditRoles: AuditRoleOptions | undefined): KnownMigration[] {
  const list = (migrationsFor(auditRoles) as Array<new () => MigrationInterface>).map((migration) => ({ name: new migration().name ?? migration.name, migration }));
  const timestamp = (name: string) => Number(name.slice(-13));
  return list.sort((a, b) => timestamp(a.name) - timestamp(b.name));
}

const megabytes = (bytes: number) => `${Math.ceil(bytes / 1024 / 1024)} MB`;
const queryOf = (runner: QueryRunner): Query => (sql, params) => runner.query(sql, params);

async function upgrade(dataDir: string, options: UpgradeOptions, progress: (line: string) => void): Promise<UpgradeReport> {
  const formerSize = formerEngineFiles(dataDir).reduce((sum, name) => sum + sizeOf(path.join(dataDir, name)), 0);
  const needed = 2 * formerSize + CLUSTER_OVERHEAD_BYTES;
  const free = freeSpace(dataDir);
  if (free < needed) {
    throw new UpgradeRefusedError(
      `The upgrade needs about ${megabytes(needed)} free beside ${dataDir} (a copy of the former files, ${megabytes(formerSize)}, and the new cluster), and ${megabytes(free)} are free. Free some space and run it again.`,
    );
  }
  const work = makeWorkFolder(dataDir);
  let former: FormerDatabase | undefined;
  let embedded: EmbeddedPostgres | undefined;
  const dataSources: DataSource[] = [];
  let swapPlanned = false;
  const silent = createLogger('silent');
  try {
    progress(`Copying the former engine's files (${megabytes(formerSize)}) into ${work}, to open them there: ${dataDir} itself is not touched until the copy is verified`);
    const snapshot = snapshotFormerFiles(dataDir);
    progress('Opening the former database with PGlite');
    former = await openFormerDatabase(snapshot);
    const catalogue = await readCatalogue(former.query);
    const formerMigrations = await executedMigrations(former.query);
    const formerHead = await chainHead(former.query);

    const known = knownMigrations(options.auditRoles);
    const knownNames = new Set(known.map((entry) => entry.name));
    const unknown = formerMigrations.filter((name) => !knownNames.has(name));
    if (unknown.length > 0) {
      throw new UpgradeRefusedError(
        `The former database ran migrations this version of MessageHub does not have: ${unknown.join(', ')}. It was written by another (newer?) version: ` +
          `upgrade it with that version's npm run db:upgrade-embedded. Nothing was changed.`,
      );
    }
    const ran = new Set(formerMigrations);
    const before = known.filter((entry) => ran.has(entry.name));
    const after = known.filter((entry) => !ran.has(entry.name));

    progress(`Starting a new PostgreSQL cluster in ${clusterDirOf(work)}`);
    embedded = await startEmbeddedPostgres({ dataDir: work, maxConnections: MAX_CONNECTIONS, log: options.serverLog });
    progress(`Creating the former database's schema there: the ${before.length} migration(s) it had run`);
    const schema = createDataSource({ url: embedded.url, poolSize: 2, auditRoles: options.auditRoles });
    schema.setOptions({ migrations: before.map((entry) => entry.migration) });
    dataSources.push(await schema.initialize());
    await runMigrations(schema, silent);
    await schema.destroy();

    const target = await createDataSource({ url: embedded.url, poolSize: 3, auditRoles: options.auditRoles }).initialize();
    dataSources.push(target);
    const runner = target.createQueryRunner();
    let tables: CopiedTable[];
    let sequences: number;
    try {
      const differences = catalogueDifferences(catalogue, await readCatalogue(queryOf(runner)));
      if (differences.length > 0) {
        throw new UpgradeRefusedError(
          `The former database's tables differ from those its migrations make (was it changed by hand, or by another app?):\n  - ${differences.join('\n  - ')}\nNothing was changed.`,
        );
      }
      progress(`Copying ${catalogue.tables.length} tables, as the cluster's superuser with triggers off (as a restore does):`);
      ({ tables, sequences } = await copyData(former, runner, catalogue, progress));

      progress('Comparing every table with the former database (row count and content)');
      await runner.startTransaction('REPEATABLE READ');
      for (const setting of TEXT_SETTINGS) await runner.query(setting.replace(/^SET /, 'SET LOCAL '));
      const mismatches: string[] = [];
      for (const table of catalogue.tables) {
        const [was, is] = [await fingerprint(former.query, table), await fingerprint(queryOf(runner), table)];
        if (was.rows !== is.rows) mismatches.push(`${displayName(table)}: ${was.rows} rows in the former database, ${is.rows} in the copy`);
        else if (was.digest !== is.digest) mismatches.push(`${displayName(table)}: the same ${was.rows} rows, but their content differs`);
      }
      await runner.commitTransaction();
      if (mismatches.length > 0) throw new Error(`The copy does not match the former database:\n  - ${mismatches.join('\n  - ')}\nNothing was changed.`);
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
    await former.close();
    former = undefined;

    let appliedMigrations: string[] = [];
    if (after.length > 0) {
      progress(`Running the ${after.length} migration(s) of this version the former database lacked: ${after.map((entry) => entry.name).join(', ')}`);
      appliedMigrations = await runMigrations(target, silent);
    }

    progress('Verifying the audit chain');
    const verification = await verifyAuditChain(target, { connections: 2, ...(options.publicKey ? { publicKey: options.publicKey } : {}) });
    let chain: UpgradeReport['chain'] = null;
    let brokenChain: string | undefined;
    if (!verification.ok) {
      brokenChain = describeVerification(verification);
      if (!options.acceptBrokenChain) {
        throw new UpgradeRefusedError(
          `The copy matches the former database row for row, but its audit chain does not verify:\n  ${brokenChain}\n` +
            `The break is in the former data itself. Nothing was changed. To move the data as it is (the break kept, and reported by npm run audit:verify from then on), ` +
            `run: npm run db:upgrade-embedded -- --accept-broken-chain`,
        );
      }
    } else {
      await assertSameHead(target, formerHead, verification.headSeq, verification.headHash);
      chain = { entries: verification.count, headSeq: verification.headSeq, headHash: verification.headHash };
    }
    for (const dataSource of dataSources.splice(0)) if (dataSource.isInitialized) await dataSource.destroy();
    await embedded.close();
    embedded = undefined;
    if (fs.existsSync(path.join(clusterDirOf(work), 'postmaster.pid'))) throw new Error('The new cluster did not shut down cleanly; nothing was changed. Run the upgrade again.');

    const backup = backupName(dataDir);
    planSwap(dataDir, backup);
    swapPlanned = true;
    progress(`Verified. Moving the new cluster to ${clusterDirOf(dataDir)} and the former files to ${path.join(dataDir, backup)}`);
    const { backupDir, moved } = finishSwap(dataDir);
    return {
      outcome: 'upgraded', dataDir, clusterDir: clusterDirOf(dataDir), backupDir, backedUp: moved, tables, sequences,
      formerMigrations: formerMigrations.length, appliedMigrations, chain, ...(brokenChain ? { brokenChain } : {}),
    };
  } catch (error) {
    if (swapPlanned) {
      throw new Error(`The copy was verified, but moving the folders stopped halfway: ${(error as Error).message}. Run npm run db:upgrade-embedded again to finish it.`);
    }
    await former?.close().catch(() => undefined);
    for (const dataSource of dataSources) if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
    await embedded?.close().catch(() => undefined);
    await removeWorkFolder(dataDir);
    throw error;
  }
}

/**
 * The copy's global chain (audit_chain_head: entries with no account, and every entry written before
 * accounts had chains of their own) ends where the former one did: the same position, with the same
 * hash. Account chains (audit_account_chains) are rows of the copy compared like any other table.
 */
async function assertSameHead(target: DataSource, former: ChainHead | null, headSeq: string, headHash: string): Promise<void> {
  if (former === null) return; // the former database predates the chain: the migrations just built it
  if (headSeq === former.lastSeq && headHash === former.lastHash) return;
  // A migration run on the copy may have appended entries: the former head must then be inside the chain, unchanged.
  // Positions repeat across chains: the global chain's entry at that position (formats 1 and 2).
  const [entry] = (await target.query(`SELECT hash::text AS hash FROM audit_logs WHERE chain_seq = $1 AND chain_format < 3`, [former.lastSeq])) as Array<{ hash: string }>;
  if (BigInt(headSeq) > BigInt(former.lastSeq) && entry?.hash === former.lastHash) return;
  throw new Error(`The copy's audit chain ends at position ${headSeq} (hash ${headHash}), the former one at ${former.lastSeq} (hash ${former.lastHash}). Nothing was changed.`);
}
