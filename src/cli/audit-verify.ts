// `npm run audit:verify [-- --account <id> | --global] [--against events.jsonl]`: walks the audit
// chains (each account's, and the global chain of entries with no account; one of them with
// --account or --global) and prints OK with the count, or `TAMPERED …: <reason>` (exit code 1), so
// cron or CI can alert on it. With a checkpoint
// key configured (AUDIT_CHECKPOINT_PUBLIC_KEY[_FILE], or derived from the private key) the chain is
// held to every signed checkpoint; with --against, to the JSON Lines sink's copy of the events.
// Progress goes to stderr every million entries.
import { readAuditEvents, verifyAuditChain, type VerifyOptions } from '@hashtrail/adminjs-audit';
import { boot } from '../boot.js';
import { describeVerification } from '../audit/describe-verification.js';
import { checkpointPublicKey } from '../audit/checkpoint-keys.js';

function againstArgument(argv: string[]): string | undefined {
  const index = argv.findIndex((arg) => arg === '--against' || arg.startsWith('--against='));
  if (index < 0) return undefined;
  const value = argv[index]!.includes('=') ? argv[index]!.slice('--against='.length) : argv[index + 1];
  if (!value) {
    process.stderr.write('--against needs a file: the JSON Lines sink\'s events file\n');
    process.exit(2);
  }
  return value;
}

/** Which chain: `--account <id>` (one account's), `--global` (entries with no account), or undefined (every chain). */
function chainArgument(argv: string[]): string | null | undefined {
  if (argv.includes('--global')) return null;
  const index = argv.findIndex((arg) => arg === '--account' || arg.startsWith('--account='));
  if (index < 0) return undefined;
  const value = argv[index]!.includes('=') ? argv[index]!.slice('--account='.length) : argv[index + 1];
  if (!value || !/^[1-9][0-9]{0,9}$/.test(value)) {
    process.stderr.write('--account needs an account id (a whole number, as `npm run account:create` printed it)\n');
    process.exit(2);
  }
  return value;
}

const against = againstArgument(process.argv.slice(2));
const account = chainArgument(process.argv.slice(2));
const { config, database } = await boot({ migrate: false, cli: true });
try {
  const options: VerifyOptions = {
    connections: config.AUDIT_VERIFY_CONNECTIONS,
    ...(account !== undefined ? { account } : {}),
    onProgress: ({ verified, total }) => process.stderr.write(`verified ${verified.toLocaleString('en')} of ${total.toLocaleString('en')} entries\n`),
  };
  const publicKey = checkpointPublicKey(config);
  if (publicKey) options.publicKey = publicKey;
  if (against) options.against = await readAuditEvents(against);
  const result = await verifyAuditChain(database.dataSource, options);
  process.stdout.write(`${describeVerification(result)}\n`);
  process.exitCode = result.ok ? 0 : 1;
} finally {
  await database.close();
}
