// Team names are unique per account, case-insensitively (index teams_name_unique on
// (account_id, lower(name))). The index is what guarantees it; this check only names the field: a
// refusal by an index whose first column is the account reads as a clash on the account, not on
// the name. Run in the saving transaction, just before the write.
import { EventSubscriber, type EntitySubscriberInterface, type InsertEvent, type UpdateEvent } from 'typeorm';
import { Team } from '../entities/Team.js';
import { InvalidRecordError } from './invalid-record-error.js';

@EventSubscriber()
export class TeamNameSubscriber implements EntitySubscriberInterface<Team> {
  listenTo() {
    return Team;
  }

  async beforeInsert(event: InsertEvent<Team>): Promise<void> {
    await this.refuseTakenName(event.manager, event.entity);
  }

  async beforeUpdate(event: UpdateEvent<Team>): Promise<void> {
    const team = { ...(event.databaseEntity ?? {}), ...(event.entity ?? {}) } as Partial<Team>;
    await this.refuseTakenName(event.manager, team);
  }

  private async refuseTakenName(manager: InsertEvent<Team>['manager'], team: Partial<Team> | undefined): Promise<void> {
    if (!team?.name || team.accountId === undefined) return;
    const clash: unknown[] = await manager.query('SELECT 1 FROM teams WHERE account_id = $1 AND lower(name) = lower($2) AND id <> $3 LIMIT 1', [team.accountId, team.name, team.id ?? 0]);
    if (clash.length > 0) throw new InvalidRecordError({ name: 'is already taken' });
  }
}
