// One declarative description per audited entity: what it is called, how it is labelled, which
// fields are ignored or secret, and which action keys its changes write.
import type { ChangeSet } from '../entity/AuditLog.js';
import type { EntityResourceDeclaration } from '../adminjs/entity-resource.js';

// eslint-style note: entity classes have arbitrary constructor signatures, hence the any.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EntityClass = abstract new (...args: any[]) => object;

/** One activity an update means; `fields` picks the changed fields that belong to it. */
export interface UpdateActivity {
  action: string;
  fields: string[];
  details?: Record<string, unknown>;
}

export interface UpdateContext {
  changes: ChangeSet;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** The acting user's id, as recorded (string), or null for System. */
  actorId: string | null;
  targetId: string;
}

/**
 * A `@ManyToMany` relation (with or without its own join entity class) recorded on the row that
 * declares it: a junction row inserted writes `added`, one deleted writes `removed`, with the
 * declaring row as the target and `{ memberId, memberLabel, relation }` as the details.
 */
export interface AuditedLinkOptions {
  added: string;
  removed: string;
  /** The member's label snapshot (the row at the other end of the link); null when not given. */
  label?: (row: Record<string, unknown>) => string | null;
}

interface AuditedEntityBase {
  entity: EntityClass;
  /** Target type recorded on entries, e.g. "inbox". */
  targetType: string;
  /** The target's label snapshot, e.g. its name. */
  label: (row: Record<string, unknown>) => string | null;
  /** Fields never recorded. createdAt and updatedAt are always ignored. */
  ignore?: string[];
  /** Fields masked on top of the shared redaction list. */
  redact?: string[];
  created?: string;
  /** Extra details for the created entry (e.g. the role an invited user was given). */
  createdDetails?: (row: Record<string, unknown>) => Record<string, unknown>;
  deleted?: string;
  /** Action key of a soft removal (softRemove/softDelete). Without it, soft removals are refused. */
  softRemoved?: string;
  /** Action key of a recovery (recover/restore). Without it, recoveries are refused. */
  recovered?: string;
  /** Many-to-many relations of this entity, by property name, recorded as links added and removed. */
  links?: Record<string, AuditedLinkOptions>;
  /** How the entity shows in the AdminJS panel: one resource (default), several views, or none (false). */
  resource?: EntityResourceDeclaration;
  /**
   * Where a row's account is (multi-account hosts, with the plugin's `accountOf`): the entity's
   * property holding it, or, for rows shared by accounts (users who belong to several, say), a
   * TypeORM where condition naming the current account's rows. The entity's panel resources then
   * show, change and delete only the current account's rows; with a property, new rows are created
   * in the current account (with a condition, the host's afterSave hook puts them there).
   */
  account?: AccountPlacement;
}

/** A property name, or `{ where: (accountId) => FindOptionsWhere }` for rows reached through a relation. */
export type AccountPlacement = string | { where: (accountId: string) => Record<string, unknown> };

/**
 * An update is recorded under one key (`updated`), or split by `classifyUpdate` into activities
 * whose keys must all be listed in `updateActions`: the start-up check can then verify every
 * key against the catalogue, and a key the function returns that is not listed is refused.
 */
type UpdateRecording =
  | { updated?: string; classifyUpdate?: undefined; updateActions?: undefined }
  | { updated?: undefined; classifyUpdate: (context: UpdateContext) => UpdateActivity[]; updateActions: readonly string[] };

export type AuditedEntityOptions = AuditedEntityBase & UpdateRecording;

/**
 * A join row recorded as a membership of its parent: inserting one writes `added`, removing one
 * writes `removed`, with the parent as the target and the member in the details.
 */
export interface AuditedMembershipOptions {
  entity: EntityClass;
  parent: { entity: EntityClass; key: string; targetType: string; label: (row: Record<string, unknown>) => string | null };
  member: { entity: EntityClass; key: string; label: (row: Record<string, unknown>) => string | null };
  added: string;
  removed: string;
  /** How the join rows show in the AdminJS panel; default none (they are edited from their parent). */
  resource?: EntityResourceDeclaration;
  /** Where the join row's account is (see AuditedEntityOptions.account). */
  account?: AccountPlacement;
}

export const ALWAYS_IGNORED = ['createdAt', 'updatedAt'];

/** True when the declaration records updates (one key or classified ones). */
export function recordsUpdates(options: AuditedEntityOptions): boolean {
  return !!options.updated || !!options.classifyUpdate;
}

/** Every action key an entity declaration may write, for the start-up check against the catalogue. */
export function actionKeysOf(options: AuditedEntityOptions): string[] {
  const keys = [options.created, options.updated, options.deleted, options.softRemoved, options.recovered, ...(options.updateActions ?? [])];
  for (const link of Object.values(options.links ?? {})) keys.push(link.added, link.removed);
  return [...new Set(keys.filter((key): key is string => !!key))];
}

/** Every action key a membership declaration may write. */
export function membershipActionKeysOf(options: AuditedMembershipOptions): string[] {
  return [options.added, options.removed];
}

export function auditEntity(options: AuditedEntityOptions): AuditedEntityOptions {
  if (!options.targetType) throw new Error('auditEntity: targetType is required');
  const name = `auditEntity(${options.targetType})`;
  if (options.classifyUpdate && !options.updateActions?.length) {
    throw new Error(`${name}: list every key classifyUpdate may return in updateActions`);
  }
  if (options.classifyUpdate && options.updated) throw new Error(`${name}: give updated or classifyUpdate, not both`);
  for (const [relation, link] of Object.entries(options.links ?? {})) {
    if (!link.added || !link.removed) throw new Error(`${name}: link "${relation}" needs added and removed action keys`);
  }
  if (actionKeysOf(options).length === 0) {
    throw new Error(`${name}: give at least one of created, updated (or classifyUpdate), deleted, links`);
  }
  return options;
}

export function auditMembership(options: AuditedMembershipOptions): AuditedMembershipOptions {
  if (!options.added || !options.removed) throw new Error('auditMembership: added and removed action keys are required');
  return options;
}
