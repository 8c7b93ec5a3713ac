// Lines for people and scripts: "OK …" or "TAMPERED …" with the first bad entry's id, per chain
// (each account has its own, and entries with no account form the global one).
import type { ChainVerification } from '@hashtrail/adminjs-audit';

const chainName = (account: string | null | undefined) => (account === null || account === undefined ? 'global chain' : `account ${account}`);

function describeChain(result: ChainVerification): string {
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

/**
 * One line for one chain; for a walk of every chain (`chains` set), one line per chain, then the
 * verdict: "OK <n> entries in <k> chains" or the failing chain's TAMPERED line.
 */
export function describeVerification(result: ChainVerification): string {
  if (!result.chains) return `${chainName(result.account)}: ${describeChain(result)}`;
  const lines = result.chains.map((chain) => `${chainName(chain.account)}: ${describeChain(chain)}`);
  if (result.ok) lines.push(`OK ${result.count} entries verified in ${result.chains.length} chains`);
  else if (!result.chains.some((chain) => !chain.ok)) lines.push(`${chainName(result.account)}: ${describeChain(result)}`);
  else lines.push(`TAMPERED in ${chainName(result.account)}`);
  return lines.join('\n');
}
