// Who a personal access token acts as: its owner as the panel would have them after signing in
// now. Asked on every API request, so a token stops working the moment its owner is disabled or
// removed (null), and reads as an agent (refused) the moment they are no longer an administrator.
// A token belongs to the account it was made in: it acts as its owner in that account (their role
// there), and stops when they are no longer one of its members.
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../admin/access.js';
import { membershipsOf } from '../accounts/account-memberships.js';
import { User } from '../entities/User.js';

export function apiTokenOwner(dataSource: DataSource) {
  return async (ownerId: string, accountId: string | null): Promise<SessionUser | null> => {
    if (!/^[1-9][0-9]{0,9}$/.test(ownerId) || accountId === null) return null;
    const user = await dataSource.getRepository(User).findOne({
      where: { id: Number(ownerId) },
      select: { id: true, name: true, email: true, status: true, locale: true, lastAccountId: true },
    });
    if (!user || user.status !== 'active') return null;
    const memberships = await membershipsOf(dataSource.manager, user.id);
    const account = memberships.find((membership) => String(membership.accountId) === accountId);
    if (!account) return null;
    return {
      id: String(user.id),
      email: user.email,
      title: user.name,
      accountId: String(account.accountId),
      role: account.role,
      accountIds: memberships.map((membership) => String(membership.accountId)),
      locale: user.locale,
    };
  };
}
