// The foreign keys cascade, but a cascade removes rows without any ORM event, so the log would
// never hear of them. Before a user, inbox or team goes, its memberships are removed through
// the ORM, in the same transaction, and each removal is recorded.
import { EventSubscriber, type EntityManager, type EntitySubscriberInterface, type RemoveEvent } from 'typeorm';
import { Inbox } from '../entities/Inbox.js';
import { InboxMember } from '../entities/InboxMember.js';
import { Team } from '../entities/Team.js';
import { TeamMember } from '../entities/TeamMember.js';
import { User } from '../entities/User.js';

@EventSubscriber()
export class MembershipCleanupSubscriber implements EntitySubscriberInterface {
  async beforeRemove(event: RemoveEvent<object>): Promise<void> {
    const id = (event.databaseEntity as { id?: number } | undefined)?.id ?? (event.entity as { id?: number } | undefined)?.id;
    if (id == null) return;
    const { manager } = event;
    if (event.metadata.target === Inbox) {
      await removeEach(manager, await manager.find(InboxMember, { where: { inboxId: id }, order: { id: 'ASC' } }));
    } else if (event.metadata.target === Team) {
      await removeEach(manager, await manager.find(TeamMember, { where: { teamId: id }, order: { id: 'ASC' } }));
    } else if (event.metadata.target === User) {
      await removeEach(manager, await manager.find(InboxMember, { where: { userId: id }, order: { id: 'ASC' } }));
      await removeEach(manager, await manager.find(TeamMember, { where: { userId: id }, order: { id: 'ASC' } }));
    }
  }
}

/**
 * One remove() per row: TypeORM runs the after-remove events of a multi-row remove() in parallel
 * on the one transaction, and the audit entries they write are appended to a hash chain that
 * must be written one after the other (two parallel appends read the same chain head).
 */
async function removeEach(manager: EntityManager, rows: object[]): Promise<void> {
  for (const row of rows) await manager.remove(row);
}
