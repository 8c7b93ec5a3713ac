// The shop's sign-in check: bcrypt against admin_users. The plugin records the outcome
// (session.signed_in, or session.sign_in_failed with the refusal's class).
import bcrypt from 'bcrypt';
import type { SignInCheck } from '@hashtrail/adminjs-audit';
import { AdminUser } from './entities/AdminUser.js';

export const checkCredentials: SignInCheck = async (email, password, manager) => {
  const user = await manager.findOneBy(AdminUser, { email: email.toLowerCase() });
  if (!user) return { refused: 'unknown_email' };
  if (!(await bcrypt.compare(password, user.passwordHash))) return { refused: 'wrong_password', userId: user.id };
  return { admin: { id: user.id, email: user.email, name: user.name, title: user.name, isSuperuser: user.isSuperuser } };
};
