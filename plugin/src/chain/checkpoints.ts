// Signed checkpoints: the chain head (position, hash, how many entries the kept chain holds, where
// it starts, when) signed with Ed25519 by a key the database never holds, and stored as an entry
// (`audit_log.checkpoint`) that the sinks deliver like any other. Whoever can rewrite the database
// (a superuser, the table owner) can re-hash entries or roll the head back, but cannot sign: the
// verifier, given the public key, finds every checkpoint the rewrite contradicts.
//
// What is signed: canonicalJson(payload) (chain/canonical.ts), payload =
//   { format: 1, seq, hash, count, anchorSeq, anchorPrevHash, at }            the global chain
//   { format: 1, account, seq, hash, count, anchorSeq, anchorPrevHash, at }   an account's chain
// The entry's details are { checkpoint: payload, signature: base64, keyId }; it is appended to the
// chain it signs, so each account's chain carries its own checkpoints.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { canonicalJson } from './canonical.js';
import { onAppended } from './append-entry.js';
import { ACCOUNT_CHAINS_SQL, chainHeadQuery, type ChainHead } from './chain-heads.js';
import type { AuditWriter } from '../writer/audit-writer.js';

export const CHECKPOINT_FORMAT = 1;
export const DEFAULT_CHECKPOINT_ACTION = 'audit_log.checkpoint';
export const DEFAULT_CHECKPOINT_EVERY_ENTRIES = 1000;
export const DEFAULT_CHECKPOINT_EVERY_SECONDS = 3600;

export interface CheckpointPayload {
  format: number;
  /** The account whose chain was signed; absent for the global chain. */
  account?: string;
  /** Chain position of the head that was signed. */
  seq: string;
  /** Its hash. */
  hash: string;
  /** Entries in the kept chain then: seq - anchorSeq + 1. */
  count: number;
  /** Where the kept chain started then (moved only by a purge). */
  anchorSeq: string;
  anchorPrevHash: string;
  /** When it was signed (ISO 8601). */
  at: string;
}

export interface SignedCheckpoint {
  checkpoint: CheckpointPayload;
  /** Ed25519 over canonicalJson(checkpoint), base64. */
  signature: string;
  /** First 16 hex digits of SHA-256 of the public key (SPKI DER). */
  keyId: string;
}

export interface CheckpointOptions {
  /** Ed25519 private key: a KeyObject or PEM text (PKCS#8). The database never sees it. */
  privateKey: KeyObject | string;
  /** Sign after this many new entries. Default 1000. */
  everyEntries?: number;
  /** And at least this often while entries keep coming (seconds). Default 3600. */
  everySeconds?: number;
  /** Action key of the checkpoint entry (must be in the catalogue). Default `audit_log.checkpoint`. */
  action?: string;
  /** Told when a periodic checkpoint could not be written; it is tried again later. */
  onError?: (error: unknown) => void;
}

export function toPrivateKey(key: KeyObject | string): KeyObject {
  const object = typeof key === 'string' ? createPrivateKey(key) : key;
  if (object.type !== 'private' || object.asymmetricKeyType !== 'ed25519') throw new Error('checkpoints: privateKey must be an Ed25519 private key');
  return object;
}

export function toPublicKey(key: KeyObject | string): KeyObject {
  const object = typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
  if (object.asymmetricKeyType !== 'ed25519') throw new Error('checkpoints: the public key must be an Ed25519 key');
  return object;
}

export function checkpointKeyId(key: KeyObject | string): string {
  const der = toPublicKey(key).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 16);
}

/** A new Ed25519 key pair as PEM text (what `npm run audit:keygen` writes). */
export function generateCheckpointKeyPair(): { privateKey: string; publicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function signCheckpoint(privateKey: KeyObject | string, checkpoint: CheckpointPayload): SignedCheckpoint {
  const key = toPrivateKey(privateKey);
  const signature = sign(null, Buffer.from(canonicalJson(checkpoint)), key).toString('base64');
  return { checkpoint, signature, keyId: checkpointKeyId(key) };
}

export function checkpointSignatureValid(publicKey: KeyObject | string, signed: SignedCheckpoint): boolean {
  try {
    return verify(null, Buffer.from(canonicalJson(signed.checkpoint)), toPublicKey(publicKey), Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

/** The signed checkpoint an entry's details carry, or null when they are not one. */
export function checkpointOf(details: unknown): SignedCheckpoint | null {
  if (!details || typeof details !== 'object') return null;
  const { checkpoint, signature, keyId } = details as Partial<SignedCheckpoint>;
  if (!checkpoint || typeof checkpoint !== 'object' || typeof signature !== 'string') return null;
  return { checkpoint, signature, keyId: typeof keyId === 'string' ? keyId : '' };
}

/** Which chain: an account's id, or null for the global chain. */
type ChainAccount = string | null;

/**
 * Writes checkpoints for one DataSource, chain by chain: after `everyEntries` new entries in a
 * chain, every `everySeconds` for each chain with new entries, and whenever `checkpoint()` is
 * called (each purge does, for the chains it purged).
 */
export class Checkpointer {
  private readonly key: KeyObject;
  private readonly everyEntries: number;
  private readonly everySeconds: number;
  readonly action: string;
  /** Per chain, the position of the newest checkpoint entry we know of (absent: not looked up yet). */
  private readonly lastEntrySeq = new Map<ChainAccount, bigint | null>();
  private running: Promise<unknown> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly writer: AuditWriter,
    private readonly options: CheckpointOptions,
  ) {
    this.key = toPrivateKey(options.privateKey);
    this.everyEntries = options.everyEntries ?? DEFAULT_CHECKPOINT_EVERY_ENTRIES;
    this.everySeconds = options.everySeconds ?? DEFAULT_CHECKPOINT_EVERY_SECONDS;
    if (!(this.everyEntries >= 1) || !(this.everySeconds > 0)) throw new Error('checkpoints: everyEntries and everySeconds must be positive');
    this.action = options.action ?? DEFAULT_CHECKPOINT_ACTION;
  }

  get publicKey(): KeyObject {
    return toPublicKey(this.key);
  }

  /** Watches the appends on this DataSource and runs the periodic timer (unref'd). */
  start(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = onAppended(this.dataSource, (seq, account) => {
      const last = this.lastEntrySeq.get(account);
      if (last !== undefined && last !== null && seq - last < BigInt(this.everyEntries)) return;
      setImmediate(() => void this.periodic([account]));
    });
    this.timer = setInterval(() => void this.periodic(null), this.everySeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** From the timer (chains = null): any entry since a chain's newest checkpoint makes one due. From an append: everyEntries of them. */
  private async periodic(chains: ChainAccount[] | null): Promise<void> {
    if (!this.dataSource.isInitialized) return;
    try {
      if (chains === null) await this.checkpoint({ onlyIfNew: true });
      else for (const account of chains) await this.checkpoint({ onlyIfNew: true, minEntries: this.everyEntries, account });
    } catch (error) {
      if (this.dataSource.isInitialized) this.options.onError?.(error);
    }
  }

  /**
   * Signs a chain's current head and appends the checkpoint entry to that chain: `account` (null:
   * the global chain), or, with `account` left out, every chain with entries since its newest
   * checkpoint. Returns the checkpoint signed (the last one, for several), or null when there was
   * nothing new to sign.
   */
  async checkpoint(when: { onlyIfNew?: boolean; minEntries?: number; account?: ChainAccount } = {}): Promise<SignedCheckpoint | null> {
    while (this.running) await this.running.catch(() => undefined);
    const run = this.writeDue(when);
    this.running = run;
    try {
      return await run;
    } finally {
      if (this.running === run) this.running = null;
    }
  }

  private async writeDue(when: { onlyIfNew?: boolean; minEntries?: number; account?: ChainAccount }): Promise<SignedCheckpoint | null> {
    if (when.account !== undefined) return this.write(when.account, when);
    const accounts = (await this.dataSource.query(ACCOUNT_CHAINS_SQL)) as Array<{ account: string }>;
    let newest: SignedCheckpoint | null = null;
    for (const account of [null, ...accounts.map((row) => row.account)]) {
      newest = (await this.write(account, { ...when, onlyIfNew: true })) ?? newest;
    }
    return newest;
  }

  private async write(account: ChainAccount, when: { onlyIfNew?: boolean; minEntries?: number }): Promise<SignedCheckpoint | null> {
    const [head] = (await this.dataSource.query(...chainHeadQuery(account))) as ChainHead[];
    if (!head) {
      if (account === null) throw new Error('audit_chain_head has no row: run the audit migrations');
      return null; // an account with no entries has no chain yet
    }
    const [last] = (await this.dataSource.query(
      account === null
        ? `SELECT chain_seq::text AS seq FROM audit_logs WHERE action = $1 AND chain_format < 3 ORDER BY occurred_at DESC, id DESC LIMIT 1`
        : `SELECT chain_seq::text AS seq FROM audit_logs WHERE action = $1 AND account_id = $2 AND chain_format = 3 ORDER BY occurred_at DESC, id DESC LIMIT 1`,
      account === null ? [this.action] : [this.action, account],
    )) as Array<{ seq: string | null }>;
    const lastSeq = last?.seq ? BigInt(last.seq) : null;
    this.lastEntrySeq.set(account, lastSeq);
    const headSeq = BigInt(head.lastSeq);
    if (when.onlyIfNew) {
      if (lastSeq !== null && headSeq <= lastSeq) return null; // nothing since the newest checkpoint
      const fresh = lastSeq === null ? headSeq : headSeq - lastSeq;
      if (fresh < BigInt(when.minEntries ?? 1)) return null;
    }
    if (headSeq === 0n) return null; // an empty chain: nothing to sign yet
    const payload: CheckpointPayload = {
      format: CHECKPOINT_FORMAT,
      ...(account === null ? {} : { account }),
      seq: head.lastSeq,
      hash: head.lastHash,
      count: Number(headSeq - BigInt(head.anchorSeq) + 1n),
      anchorSeq: head.anchorSeq,
      anchorPrevHash: head.anchorPrevHash,
      at: new Date().toISOString(),
    };
    const signed = signCheckpoint(this.key, payload);
    await this.writer.write(this.dataSource.manager, { action: this.action, actor: null, accountId: account, details: { ...signed } });
    this.lastEntrySeq.set(account, headSeq + 1n);
    return signed;
  }
}
