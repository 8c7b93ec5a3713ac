// Who a personal access token acts as: its owner as the panel would have them after signing in
// now. Asked on every API request, so a token stops working the moment its owner is disabled or
// removed (null), and reads as an agent (refused) the moment they are no longer an administrator.
import type { DataSource } from 'typeorm';
import type { SessionUser } from '../admin/access.js';
import { User } from '../entities/User.js';

export function apiTokenOwner(dataSource: DataSource) {
  return async (ownerId: string): Promise<SessionUser | null> => {
    if (!/^[1-9][0-9]{0,9}$/.test(ownerId)) return null;
    const user = await dataSource.getRepository(User).findOne({
      where: { id: Number(ownerId) },
      select: { id: true, name: true, email: true, role: true, status: true, locale: true },
    });
    if (!user || user.status !== 'active') return null;
    return { id: String(user.id), email: user.email, title: user.name, role: user.role, locale: user.locale };
  };
}
