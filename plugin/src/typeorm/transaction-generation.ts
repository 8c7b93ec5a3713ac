// Subscribers of one event run in parallel: when another subscriber refuses a change, TypeORM
// starts the rollback while our cascade work may still be going. A counter per query runner,
// bumped when a rollback starts, lets that work stop instead of issuing writes after the ROLLBACK
// (they would run outside any transaction).
import type { QueryRunner } from 'typeorm';
import { AuditTrailError } from './audit-trail-error.js';

const generations = new WeakMap<QueryRunner, number>();

export function generationOf(runner: QueryRunner): number {
  return generations.get(runner) ?? 0;
}

export function rollbackStarted(runner: QueryRunner): void {
  generations.set(runner, generationOf(runner) + 1);
}

/** Throws when a rollback began on `runner` since `generation` was read. */
export function requireSameTransaction(runner: QueryRunner, generation: number): void {
  if (generationOf(runner) !== generation || !runner.isTransactionActive) {
    throw new AuditTrailError('The transaction is being rolled back: the cascade it started is abandoned');
  }
}
