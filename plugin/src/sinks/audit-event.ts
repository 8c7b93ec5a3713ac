// What a sink receives for one entry: the stored entry in its canonical form plus its chain
// links, so a receiver can de-duplicate by `eventId` and re-check the chain on its own copy
// (hash = SHA-256(prevHash + "\n" + canonicalText(entry)), see chain/canonical.ts).
import { CHAIN_FORMAT, type ChainedEntry } from '../chain/canonical.js';

export interface AuditEvent {
  /** Stable across retries and sinks: the receiver's de-duplication key. */
  eventId: string;
  chainFormat: number;
  entry: ChainedEntry;
  prevHash: string;
  hash: string;
}

export type StoredChainedEntry = ChainedEntry & { prevHash: string; hash: string };

export function toAuditEvent(row: StoredChainedEntry): AuditEvent {
  const { prevHash, hash, ...entry } = row;
  return { eventId: entry.eventId, chainFormat: CHAIN_FORMAT, entry, prevHash, hash };
}
