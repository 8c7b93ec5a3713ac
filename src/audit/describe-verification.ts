// One line for people and scripts: "OK …" or "TAMPERED …" with the first bad entry's id.
import type { ChainVerification } from '@hashtrail/adminjs-audit';

export function describeVerification(result: ChainVerification): string {
  if (result.ok) {
    const against = [
      result.checkpoints !== undefined ? `${result.checkpoints} signed checkpoints checked` : '',
      result.externalEvents !== undefined ? `${result.externalEvents} external events matched` : '',
    ].filter(Boolean);
    return `OK ${result.count} entries verified (chain head at position ${result.headSeq}, hash ${result.headHash})${against.length ? `; ${against.join(', ')}` : ''}`;
  }
  const where = result.entryId ? `first bad entry id ${result.entryId}` : 'no entry to point at';
  return `TAMPERED ${where} [${result.problem}]: ${result.message} (${result.count} entries verified before it)`;
}
