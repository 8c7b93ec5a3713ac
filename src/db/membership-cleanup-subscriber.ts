// The foreign keys cascade, but a cascade removes rows without any ORM event, so the log would
// never hear of them. Before a user, inbox or team goes, its memberships are removed through
// the ORM, in the same transaction, and each removal is recorded.
import { EventSubscriber, type EntitySubscriberInterface, type RemoveEvent } from 'typeorm';
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
      await manager.remove(await manager.find(InboxMember, { where: { inboxId: id } }));
    } else if (event.metadata.target === Team) {
      await manager.remove(await manager.find(TeamMember, { where: { teamId: id } }));
    } else if (event.metadata.target === User) {
      await manager.remove(await manager.find(InboxMember, { where: { userId: id } }));
      await manager.remove(await manager.find(TeamMember, { where: { userId: id } }));
    }
  }
}
