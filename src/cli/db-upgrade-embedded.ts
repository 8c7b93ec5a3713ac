// `npm run db:upgrade-embedded [-- --accept-broken-chain]`: moves DATA_DIR from the former embedded
// engine (PGlite) to the embedded PostgreSQL server, verified (every table's rows, the audit chain
// and its head) before the folders swap; the former files are kept in DATA_DIR/pglite-backup-<date>/.
// Exit code 0 when upgraded or already upgraded, 1 when refused or failed (DATA_DIR then as it was),
// 2 for a bad argument. What it does goes to stderr, the summary to stdout.
import { loadConfigOrExit } from '../boot.js';
import { auditRoleSettings } from '../db/database.js';
import { UpgradeRefusedError, upgradeFormerEngineFolder, type UpgradeResult } from '../db/former-engine/upgrade.js';
import { checkpointPublicKey } from '../audit/checkpoint-keys.js';
import { createLogger } from '../logger.js';

const ACCEPT_BROKEN_CHAIN = '--accept-broken-chain';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== ACCEPT_BROKEN_CHAIN);
if (unknown.length > 0) {
  process.stderr.write(`Unknown argument ${unknown.join(' ')}. Usage: npm run db:upgrade-embedded [-- ${ACCEPT_BROKEN_CHAIN}]\n`);
  process.exit(2);
}

const config = loadConfigOrExit();
const logger = createLogger(config.LOG_LEVEL);
const say = (line: string) => process.stderr.write(`${line}\n`);
if (config.DATABASE_URL) say(`Note: DATABASE_URL is set, so MessageHub uses that server, not ${config.dataDir}; upgrading ${config.dataDir} anyway.`);

function summary(result: UpgradeResult): string {
  if (result.outcome === 'already-upgraded') {
    const left = result.formerFilesLeft.length > 0 ? `\n(Files of the former engine are still at its top: ${result.formerFilesLeft.join(', ')}. MessageHub ignores them; they were left alone.)` : '';
    return `${result.dataDir} is already upgraded: its data is in the embedded PostgreSQL server (${result.clusterDir}). Nothing to do; nothing was changed.${left}`;
  }
  const backup = `The former engine's files are kept, unchanged, in ${result.backupDir}/ (${result.backedUp.length} entries). MessageHub never deletes them: delete that folder yourself once you no longer need a way back.`;
  if (result.outcome === 'swap-finished') {
    return `Finished the upgrade an earlier run had verified: ${result.dataDir}'s data is in the embedded PostgreSQL server (${result.clusterDir}).\n${backup}`;
  }
  const rows = result.tables.reduce((sum, table) => sum + table.rows, 0);
  const width = Math.max(...result.tables.map((table) => table.name.length));
  const chain = result.chain
    ? `Audit chain verified: ${result.chain.entries} entries, head at position ${result.chain.headSeq}, hash ${result.chain.headHash} (the former database's head).`
    : `Audit chain NOT verified, moved as it was (${ACCEPT_BROKEN_CHAIN}): ${result.brokenChain}`;
  return [
    `Upgraded ${result.dataDir} from the former embedded engine (PGlite) to the embedded PostgreSQL server.`,
    `Copied ${result.tables.length} tables (${rows} rows in all) and ${result.sequences} sequences; row counts and contents match the former database:`,
    ...result.tables.map((table) => `  ${table.name.padEnd(width)}  ${table.rows}`),
    `Migrations: the former database had run ${result.formerMigrations}; ${result.appliedMigrations.length === 0 ? 'none were missing' : `ran the missing ${result.appliedMigrations.join(', ')}`}.`,
    chain,
    `New cluster: ${result.clusterDir} (its password in ${result.dataDir}/postgres-password).`,
    backup,
    'Start MessageHub as usual (npm start).',
  ].join('\n');
}

try {
  const result = await upgradeFormerEngineFolder({
    dataDir: config.dataDir,
    auditRoles: auditRoleSettings(config, logger),
    publicKey: checkpointPublicKey(config),
    acceptBrokenChain: args.includes(ACCEPT_BROKEN_CHAIN),
    progress: say,
    serverLog: (line) => logger.debug({ database: 'embedded' }, line),
  });
  process.stdout.write(`${summary(result)}\n`);
} catch (error) {
  // A refusal says what to do; a failure says what went wrong (its stack too with LOG_LEVEL=debug). Either way DATA_DIR is as it was.
  const detail = ['debug', 'trace'].includes(config.LOG_LEVEL) ? ((error as Error).stack ?? String(error)) : (error as Error).message;
  process.stderr.write(error instanceof UpgradeRefusedError ? `Not upgraded: ${error.message}\n` : `Upgrade failed: ${detail}\n`);
  process.exitCode = 1;
}
