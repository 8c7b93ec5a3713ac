import type { EntityManager } from 'typeorm';
import type { UserAvailability } from '../entities/enums.js';
import { User } from '../entities/User.js';

/**
 * A signed-in user sets their own availability, inside the caller's transaction (row locked). The
 * audit log records user.availability_changed, marked as their own (the actor is the user).
 * Null when the account is gone or no longer active: a session can outlive a disabled account.
 */
export async function setOwnAvailability(manager: EntityManager, userId: number, availability: UserAvailability): Promise<User | null> {
  const user = await manager.findOne(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
  if (!user || user.status !== 'active') return null;
  user.availability = availability;
  return manager.save(user);
}
