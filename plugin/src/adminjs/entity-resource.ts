// The AdminJS side of an audited entity's declaration: how the entity shows in the panel. Kept
// beside the recording side (auditEntity) so a host declares each entity once and gets both.
import type { ResourceOptions } from 'adminjs';
import type { AuditedResourceHooks } from './audited-resource.js';

export interface EntityResourceSpec {
  /** AdminJS resource options (navigation, properties, custom actions…); the audit hooks are added to every action. */
  options?: ResourceOptions;
  /** App work that must commit or roll back with a create or an update (see AuditedResourceHooks). */
  hooks?: AuditedResourceHooks;
  /**
   * Adds "Audit history" to the record's page (the log filtered to that record); with
   * `{ actor: true }` also "Activity by this user" for entities that are the actors. Default: on
   * for an entity's first resource, off for the others.
   */
  history?: boolean | { actor: boolean };
}

/** On an auditEntity / auditMembership declaration: one resource, several views, or none (false). */
export type EntityResourceDeclaration = EntityResourceSpec | EntityResourceSpec[] | false;

export function resourceSpecsOf(declaration: EntityResourceDeclaration | undefined): EntityResourceSpec[] {
  if (declaration === false) return [];
  if (declaration === undefined) return [{}];
  return Array.isArray(declaration) ? declaration : [declaration];
}
