// Who is acting and from where travels with the transaction that makes the change: on TypeORM's
// QueryRunner.data, which TypeORM made for sharing data with subscribers. Every subscriber event
// and every write on that transaction's manager sees it (savepoints share the runner); a change
// made on another connection does not, and is recorded with no actor and no request.
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { AuditScope } from './request-context.js';

const SCOPE_KEY = 'auditScope';

/** The audit scope of the transaction behind `source`; empty outside transactionInAuditScope. */
export function auditScopeOf(source: EntityManager | QueryRunner | undefined): AuditScope {
  const runner = source && 'queryRunner' in source ? source.queryRunner : (source as QueryRunner | undefined);
  return (runner?.data?.[SCOPE_KEY] as AuditScope | undefined) ?? {};
}

/** Runs `work` in one transaction whose entries are written as `scope` (actor and request). */
export function transactionInAuditScope<T>(dataSource: DataSource, scope: AuditScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  return dataSource.transaction((manager) => {
    const runner = manager.queryRunner;
    if (!runner) throw new Error('transactionInAuditScope: TypeORM gave the transaction no query runner');
    runner.data = { ...runner.data, [SCOPE_KEY]: scope };
    return work(manager);
  });
}
