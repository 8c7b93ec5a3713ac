// MessageHub's answer to "who is this email and password": only active users with a matching
// bcrypt hash get in. The audit plugin records the outcome; this decides it.
import type { EntityManager } from 'typeorm';
import type { SignInCheck } from '@hashtrail/adminjs-audit';
import { User } from '../entities/User.js';
import type { SessionUser } from '../admin/access.js';
import { passwordMatches, spendComparisonTime } from './passwords.js';

export const checkCredentials: SignInCheck = async (email: string, password: string, manager: EntityManager) => {
  const user = email
    ? await manager.getRepository(User).createQueryBuilder('user').where('lower(user.email) = lower(:email)', { email }).getOne()
    : null;
  if (!user || !user.passwordHash) {
    await spendComparisonTime(password);
    return user ? { refused: 'not_active', userId: user.id } : { refused: 'unknown_email' };
  }
  const matches = await passwordMatches(password, user.passwordHash);
  if (!matches) return { refused: 'wrong_password', userId: user.id };
  if (user.status === 'disabled') return { refused: 'disabled', userId: user.id };
  if (user.status !== 'active') return { refused: 'not_active', userId: user.id };
  user.lastSignInAt = new Date();
  await manager.save(user);
  const admin: SessionUser = { id: String(user.id), email: user.email, title: user.name, role: user.role, locale: user.locale };
  return { admin, label: `${user.name} <${user.email}>` };
};
