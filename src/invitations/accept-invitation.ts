// Accepting an invitation: the invitee sets a password and becomes active. Done as the invitee
// (the entry's actor), in one transaction with the user's row locked, so one link joins once.
import type { DataSource, EntityManager } from 'typeorm';
import { transactionInAuditScope, type ActorSnapshot, type RequestInfo } from '@hashtrail/adminjs-audit';
import { hashPassword } from '../auth/passwords.js';
import { membershipsOf } from '../accounts/account-memberships.js';
import type { AccountUser } from '../entities/AccountUser.js';
import { User } from '../entities/User.js';
import { hashInvitationToken, looksLikeInvitationToken } from './invitation-token.js';

/** What a link leads to. `used`: the invitation was accepted already (the hash is kept for this answer). */
export type InvitationState =
  | { state: 'pending'; user: User }
  | { state: 'unknown' }
  | { state: 'used' }
  | { state: 'expired'; expiredAt: Date };

export async function lookUpInvitation(manager: EntityManager, token: string, now = new Date(), lock = false): Promise<InvitationState> {
  if (!looksLikeInvitationToken(token)) return { state: 'unknown' };
  const user = await manager.findOne(User, {
    where: { invitationTokenHash: hashInvitationToken(token) },
    ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
  });
  if (!user) return { state: 'unknown' };
  if (user.status !== 'invited') return user.status === 'active' ? { state: 'used' } : { state: 'unknown' };
  if (!user.invitationExpiresAt || user.invitationExpiresAt.getTime() <= now.getTime()) {
    return { state: 'expired', expiredAt: user.invitationExpiresAt ?? now };
  }
  return { state: 'pending', user };
}

export interface PasswordChoice {
  password: string;
  confirmation: string;
}

export interface PasswordRules {
  minLength: number;
  bcryptRounds: number;
}

// bcrypt reads at most 72 bytes: a longer password would silently match its first 72 bytes.
const BCRYPT_MAX_BYTES = 72;

/** Problems with the chosen password, by field; empty when it is acceptable. */
export function passwordProblems({ password, confirmation }: PasswordChoice, rules: PasswordRules): Record<string, string> {
  const problems: Record<string, string> = {};
  if (password.length < rules.minLength) problems.password = `Use at least ${rules.minLength} characters.`;
  else if (Buffer.byteLength(password, 'utf8') > BCRYPT_MAX_BYTES) problems.password = `Use at most ${BCRYPT_MAX_BYTES} bytes.`;
  if (password !== confirmation) problems.confirmation = 'The two passwords are not the same.';
  return problems;
}

export type AcceptOutcome =
  | Exclude<InvitationState, { state: 'pending' }>
  | { state: 'invalid'; user: User; problems: Record<string, string> }
  | { state: 'accepted'; user: User };

/** The invitee as the entry's actor, with their role in the account the entry is written in. */
const actorSnapshot = (user: User, membership: AccountUser | undefined): ActorSnapshot => ({ id: String(user.id), name: user.name, email: user.email, role: membership?.role ?? null });

export async function acceptInvitation(
  dataSource: DataSource,
  token: string,
  choice: PasswordChoice,
  rules: PasswordRules,
  request: RequestInfo | undefined,
): Promise<AcceptOutcome> {
  const found = await lookUpInvitation(dataSource.manager, token);
  if (found.state !== 'pending') return found;
  const problems = passwordProblems(choice, rules);
  if (Object.keys(problems).length > 0) return { state: 'invalid', user: found.user, problems };
  // Hashed before the transaction: bcrypt is slow and the row lock should be short.
  const passwordHash = await hashPassword(choice.password, rules.bcryptRounds);
  // The link sets the person's password (users are global); the invitation's account is the one
  // they were invited into first, and the entry goes to that account's log.
  const [invitedInto] = await membershipsOf(dataSource.manager, found.user.id, 'joined');
  const scope = { ...(request ? { request } : {}), actor: actorSnapshot(found.user, invitedInto), ...(invitedInto ? { accountId: String(invitedInto.accountId) } : {}) };
  return transactionInAuditScope(dataSource, scope, async (manager): Promise<AcceptOutcome> => {
    // Again, locked: a second submit of the same link waits here, then finds it used.
    const current = await lookUpInvitation(manager, token, new Date(), true);
    if (current.state !== 'pending') return current;
    current.user.passwordHash = passwordHash;
    current.user.status = 'active';
    return { state: 'accepted', user: await manager.save(current.user) };
  });
}
