// The checkpoint keys from the configuration: the private key (signs; the app and `audit:purge`)
// from AUDIT_CHECKPOINT_KEY_FILE or AUDIT_CHECKPOINT_PRIVATE_KEY, the public key (verifies;
// `audit:verify`) from AUDIT_CHECKPOINT_PUBLIC_KEY_FILE, AUDIT_CHECKPOINT_PUBLIC_KEY, or derived
// from the private key when only that is set. PEM text; an env value may use "\n" for line breaks.
import { readFileSync } from 'node:fs';
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { CheckpointOptions } from '@hashtrail/adminjs-audit';
import type { Config } from '../config.js';

export type CheckpointKeySettings = Pick<
  Config,
  | 'AUDIT_CHECKPOINT_KEY_FILE'
  | 'AUDIT_CHECKPOINT_PRIVATE_KEY'
  | 'AUDIT_CHECKPOINT_PUBLIC_KEY_FILE'
  | 'AUDIT_CHECKPOINT_PUBLIC_KEY'
  | 'AUDIT_CHECKPOINT_EVERY_ENTRIES'
  | 'AUDIT_CHECKPOINT_EVERY_SECONDS'
>;

const pem = (text: string) => text.replace(/\\n/g, '\n');

export function checkpointPrivateKey(config: Partial<CheckpointKeySettings>): KeyObject | null {
  if (config.AUDIT_CHECKPOINT_KEY_FILE) return createPrivateKey(readFileSync(config.AUDIT_CHECKPOINT_KEY_FILE, 'utf8'));
  if (config.AUDIT_CHECKPOINT_PRIVATE_KEY) return createPrivateKey(pem(config.AUDIT_CHECKPOINT_PRIVATE_KEY));
  return null;
}

export function checkpointPublicKey(config: Partial<CheckpointKeySettings>): KeyObject | null {
  if (config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE) return createPublicKey(readFileSync(config.AUDIT_CHECKPOINT_PUBLIC_KEY_FILE, 'utf8'));
  if (config.AUDIT_CHECKPOINT_PUBLIC_KEY) return createPublicKey(pem(config.AUDIT_CHECKPOINT_PUBLIC_KEY));
  const privateKey = checkpointPrivateKey(config);
  return privateKey ? createPublicKey(privateKey) : null;
}

/** The plugin's `checkpoints` option, or undefined when no private key is configured. */
export function checkpointOptions(config: Partial<CheckpointKeySettings>, onError?: (error: unknown) => void): CheckpointOptions | undefined {
  const privateKey = checkpointPrivateKey(config);
  if (!privateKey) return undefined;
  return { privateKey, everyEntries: config.AUDIT_CHECKPOINT_EVERY_ENTRIES, everySeconds: config.AUDIT_CHECKPOINT_EVERY_SECONDS, onError };
}
