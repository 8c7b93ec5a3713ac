// One declarative description per audited entity: what it is called, how it is labelled, which
// fields are ignored or secret, and which action keys its changes write.
import type { ChangeSet } from '../entity/AuditLog.js';

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

export interface AuditedEntityOptions {
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
  /** Action key for a change; or split a change into several activities with `classifyUpdate`. */
  updated?: string;
  classifyUpdate?: (context: UpdateContext) => UpdateActivity[];
}

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
}

export const ALWAYS_IGNORED = ['createdAt', 'updatedAt'];

export function auditEntity(options: AuditedEntityOptions): AuditedEntityOptions {
  if (!options.targetType) throw new Error('auditEntity: targetType is required');
  if (!options.classifyUpdate && !options.updated && !options.created && !options.deleted) {
    throw new Error(`auditEntity(${options.targetType}): give at least one of created, updated, deleted`);
  }
  return options;
}

export function auditMembership(options: AuditedMembershipOptions): AuditedMembershipOptions {
  if (!options.added || !options.removed) throw new Error('auditMembership: added and removed action keys are required');
  return options;
}
