// What a sink receives for one entry: the stored entry in its canonical form plus its chain
// links, so a receiver can de-duplicate by `eventId` and re-check the chain on its own copy
// (hash = SHA-256(prevHash + "\n" + canonicalText(entry)), see chain/canonical.ts).
import type { ChainedEntry } from '../chain/canonical.js';

export interface AuditEvent {
  /** Stable across retries and sinks: the receiver's de-duplication key. */
  eventId: string;
  /** The canonical format the entry was hashed with (chain/canonical.ts): also `entry.chainFormat`. */
  chainFormat: number;
  entry: ChainedEntry;
  prevHash: string;
  hash: string;
}

export type StoredChainedEntry = ChainedEntry & { prevHash: string; hash: string };

export function toAuditEvent(row: StoredChainedEntry): AuditEvent {
  const { prevHash, hash, ...entry } = row;
  return { eventId: entry.eventId, chainFormat: entry.chainFormat ?? 1, entry, prevHash, hash };
}
