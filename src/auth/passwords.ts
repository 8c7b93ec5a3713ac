import bcrypt from 'bcrypt';

export const hashPassword = (password: string, rounds: number) => bcrypt.hash(password, rounds);
export const passwordMatches = (password: string, hash: string) => bcrypt.compare(password, hash);

let decoyHash: Promise<string> | undefined;

/**
 * Compares against a throwaway hash when there is no real one (unknown email, invited user), so
 * a refusal takes as long whether or not the email exists.
 */
export async function spendComparisonTime(password: string): Promise<void> {
  decoyHash ??= bcrypt.hash('timing-decoy', 12);
  await bcrypt.compare(password, await decoyHash);
}
