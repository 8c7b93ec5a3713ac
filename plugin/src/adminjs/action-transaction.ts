// For a custom action's handler: its database work in one transaction, as the signed-in admin,
// on the resource's own DataSource, so the entries of what it changes commit with the change.
import type { ActionContext } from 'adminjs';
import type { EntityManager } from 'typeorm';
import { AuditedResource } from './audited-resource.js';

export function actionTransaction<T>(context: ActionContext, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const { resource } = context;
  if (!(resource instanceof AuditedResource)) {
    throw new Error(`${resource.id()} is not an audited resource: declare its entity in createAuditPlugin's entities`);
  }
  return resource.transaction(context, work);
}
