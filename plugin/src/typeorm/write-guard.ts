// The rules that refuse, before its SQL runs, a write the trail could not record. An entry is
// written by the event that follows the change, inside the same transaction; so the change must
// run in a transaction (or it would commit before its entry exists), and the event must say which
// row changed and what it held (a query-builder UPDATE or DELETE says neither).
import type { EntityMetadata, QueryRunner } from 'typeorm';
import { AuditTrailError } from './audit-trail-error.js';

export type GuardedOperation = 'insert' | 'update' | 'delete' | 'soft removal' | 'recovery';

const INSTEAD: Record<GuardedOperation, string> = {
  insert: 'create it with save()',
  update: 'load the row and change it with save()',
  delete: 'load the rows and delete them with remove()',
  'soft removal': 'load the rows and use softRemove()',
  recovery: 'load the rows (withDeleted) and use recover()',
};

/** Refuses an operation that would commit before its audit entry could be written. */
export function requireTransaction(metadata: EntityMetadata, runner: QueryRunner, operation: GuardedOperation): void {
  if (runner.isTransactionActive) return;
  throw new AuditTrailError(
    `${metadata.name} is audited: this ${operation} would commit before its audit entry is written. ` +
      `Run it inside a transaction (dataSource.transaction(...)), or ${INSTEAD[operation]}, which opens one.`,
  );
}

/** Refuses an operation whose event does not carry the row it changes (query-builder update/delete). */
export function requireBeforeState(metadata: EntityMetadata, known: boolean, operation: GuardedOperation): void {
  if (known) return;
  throw new AuditTrailError(
    `${metadata.name} is audited: a query-builder ${operation} (update()/delete()/createQueryBuilder()) cannot be recorded, ` +
      `as it does not say which rows it changes. Instead ${INSTEAD[operation]}, inside a transaction.`,
  );
}

/** Refuses what the declarations give no action key for. */
export function refuseUndeclared(metadata: EntityMetadata, operation: GuardedOperation, declare: string): never {
  throw new AuditTrailError(`${metadata.name} is audited, but its ${operation} has no action key: declare ${declare} in its audit declaration.`);
}
