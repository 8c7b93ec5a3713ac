// Who an audit API token acts as: its owner as `checkCredentials` would let them in now (so a
// superuser demoted since is refused), or null once their account is gone. Asked on every request.
import type { CurrentAdmin } from 'adminjs';
import type { DataSource } from 'typeorm';
import { AdminUser } from './entities/AdminUser.js';

export const apiTokenOwner =
  (dataSource: DataSource) =>
  async (ownerId: string): Promise<CurrentAdmin | null> => {
    const user = await dataSource.getRepository(AdminUser).findOneBy({ id: ownerId });
    return user && { id: user.id, email: user.email, name: user.name, title: user.name, isSuperuser: user.isSuperuser };
  };
