// MessageHub's answer to "who is this email and password": only active users with a matching
// bcrypt hash, who belong to at least one account, get in. The audit plugin records the outcome;
// this decides it.
import type { EntityManager } from 'typeorm';
import type { SignInCheck } from '@hashtrail/adminjs-audit';
import { accountToEnter, membershipsOf } from '../accounts/account-memberships.js';
import { User } from '../entities/User.js';
import type { SessionUser } from '../admin/access.js';
import { passwordMatches, spendComparisonTime } from './passwords.js';

export const checkCredentials: SignInCheck = async (email: string, password: string, manager: EntityManager) => {
  const user = email
    ? await manager.getRepository(User).createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne()
    : null;
  const memberships = user ? await membershipsOf(manager, user.id) : [];
  // The account the user would enter: a known user's refusal goes to that account's log, where its
  // administrators see it; an unknown email's to the system log.
  const entering = user ? accountToEnter(memberships, user.lastAccountId) : undefined;
  const refuse = (refused: string) => ({ refused, userId: user?.id ?? null, accountId: entering ? String(entering.accountId) : null });
  if (!user || !user.passwordHash) {
    await spendComparisonTime(password);
    return user ? refuse('not_active') : { refused: 'unknown_email' };
  }
  const matches = await passwordMatches(password, user.passwordHash);
  if (!matches) return refuse('wrong_password');
  if (user.status === 'disabled') return refuse('disabled');
  if (user.status !== 'active') return refuse('not_active');
  if (!entering) return refuse('no_account');
  user.lastSignInAt = new Date();
  user.lastAccountId = entering.accountId;
  await manager.save(user);
  const admin: SessionUser = {
    id: String(user.id),
    email: user.email,
    title: user.name,
    accountId: String(entering.accountId),
    role: entering.role,
    accountIds: memberships.map((membership) => String(membership.accountId)),
    locale: user.locale,
  };
  return { admin, label: `${user.name} <${user.email}>` };
};
