// `npm run audit:keygen [-- --out <prefix>]`: writes a new Ed25519 key pair for the audit log's
// signed checkpoints: <prefix>.key (private, mode 0600: give it to the app and to audit:purge as
// AUDIT_CHECKPOINT_KEY_FILE; never to the database) and <prefix>.pub (public: give it to whoever
// runs audit:verify as AUDIT_CHECKPOINT_PUBLIC_KEY_FILE). Default prefix ./audit-checkpoint.
// Never overwrites an existing file.
import { writeFileSync } from 'node:fs';
import { checkpointKeyId, generateCheckpointKeyPair } from '@hashtrail/adminjs-audit';

const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const prefix = outIndex >= 0 ? args[outIndex + 1] : 'audit-checkpoint';
if (!prefix) {
  process.stderr.write('usage: npm run audit:keygen -- [--out <path prefix>]\n');
  process.exit(2);
}
const { privateKey, publicKey } = generateCheckpointKeyPair();
try {
  writeFileSync(`${prefix}.key`, privateKey, { mode: 0o600, flag: 'wx' });
  writeFileSync(`${prefix}.pub`, publicKey, { mode: 0o644, flag: 'wx' });
} catch (error) {
  process.stderr.write(`${(error as Error).message}: not overwritten\n`);
  process.exit(1);
}
process.stdout.write(
  `Wrote ${prefix}.key (private: AUDIT_CHECKPOINT_KEY_FILE for the app and audit:purge) and ${prefix}.pub ` +
    `(public: AUDIT_CHECKPOINT_PUBLIC_KEY_FILE for audit:verify); key id ${checkpointKeyId(publicKey)}\n`,
);
