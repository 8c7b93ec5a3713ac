// Memberships edited as a list of ids on either side (an inbox's agents, a user's inboxes). The
// rows are added and removed one by one through the ORM, so each one writes its own
// member_added / member_removed entry, in the caller's transaction. Every read and write names the
// current account: an id of another account's inbox, team or user is "one that does not exist".
import { In, type EntityManager } from 'typeorm';
import { InvalidRecordError } from '../domain/invalid-record-error.js';
import { Inbox } from '../entities/Inbox.js';
import { InboxMember } from '../entities/InboxMember.js';
import { Team } from '../entities/Team.js';
import { TeamMember } from '../entities/TeamMember.js';
import { User } from '../entities/User.js';

type LinkEntity = typeof InboxMember | typeof TeamMember;
type EndEntity = typeof User | typeof Inbox | typeof Team;

/** One side of a membership table: which column holds it and which entity it points to. */
interface LinkEnd {
  key: 'userId' | 'inboxId' | 'teamId';
  entity: EndEntity;
  /** Words for the error message: "a user", "an inbox". */
  noun: string;
}

export interface MembershipTable {
  link: LinkEntity;
  parent: LinkEnd;
  member: LinkEnd;
}

const USER_END: LinkEnd = { key: 'userId', entity: User, noun: 'a user' };
export const INBOX_MEMBERS: MembershipTable = { link: InboxMember, parent: { key: 'inboxId', entity: Inbox, noun: 'an inbox' }, member: USER_END };
export const TEAM_MEMBERS: MembershipTable = { link: TeamMember, parent: { key: 'teamId', entity: Team, noun: 'a team' }, member: USER_END };

type LinkRow = Record<string, number>;

/** How many of `ids` are rows of `end` in `accountId`: users belong through account_users, the others by their column. */
function countInAccount(manager: EntityManager, accountId: number, end: LinkEnd, ids: number[]): Promise<number> {
  if (end.entity === User) return manager.countBy(User, { id: In(ids), accountMemberships: { accountId } });
  return manager.countBy(end.entity as typeof Inbox | typeof Team, { id: In(ids), accountId });
}

/** The ids linked to `id` on side `from` of `table` in `accountId` (e.g. the users of inbox 3), ascending. */
export async function linkedIds(manager: EntityManager, accountId: number, table: MembershipTable, from: 'parent' | 'member', id: number): Promise<number[]> {
  const [own, other] = from === 'parent' ? [table.parent, table.member] : [table.member, table.parent];
  const rows = (await manager.find(table.link, { where: { accountId, [own.key]: id } })) as unknown as LinkRow[];
  return rows.map((row) => row[other.key]!).sort((a, b) => a - b);
}

/**
 * Makes the ids linked to `id` exactly `wanted`: removes the others, adds the missing ones.
 * `field` names the form field for the message when an id points nowhere.
 */
export async function replaceLinks(
  manager: EntityManager,
  accountId: number,
  table: MembershipTable,
  from: 'parent' | 'member',
  id: number,
  wanted: number[],
  field: string,
): Promise<void> {
  const [own, other] = from === 'parent' ? [table.parent, table.member] : [table.member, table.parent];
  const wantedSet = new Set(wanted);
  if (wantedSet.size > 0 && (await countInAccount(manager, accountId, other, [...wantedSet])) !== wantedSet.size) {
    throw new InvalidRecordError({ [field]: `lists ${other.noun} that does not exist` });
  }
  const rows = (await manager.find(table.link, { where: { accountId, [own.key]: id }, order: { id: 'ASC' } })) as unknown as LinkRow[];
  const current = new Set(rows.map((row) => row[other.key]));
  for (const row of rows) {
    if (!wantedSet.has(row[other.key]!)) await manager.remove(table.link, row as never);
  }
  for (const otherId of [...wantedSet].sort((a, b) => a - b)) {
    if (!current.has(otherId)) await manager.save(manager.create(table.link, { accountId, [own.key]: id, [other.key]: otherId } as never));
  }
}
