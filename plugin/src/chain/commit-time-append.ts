// Entries written inside a transaction are appended to the chain when that transaction commits,
// not when they are written. The chain head's lock is then the last lock the transaction takes and
// is held only for the append and the COMMIT: a transaction that wrote an entry and then locked
// another row (a bulk delete, a membership insert) can no longer deadlock with an edit of that row
// that waits for the head. The entries still commit or roll back with the change: they are
// inserted on the transaction's own connection just before its COMMIT, and if that fails the
// transaction is rolled back. Entries of a savepoint that is rolled back are dropped with it.
import type { DataSource, EntitySubscriberInterface, QueryRunner, TransactionCommitEvent, TransactionRollbackEvent } from 'typeorm';
import type { AuditLog } from '../entity/AuditLog.js';
import { appendEntry, notifyAppended, type AppendedEntry } from './append-entry.js';

interface PendingEntry {
  row: AuditLog;
  /** The transaction depth it was written at (savepoints nest). */
  depth: number;
  fail: (error: unknown) => Error;
}

const pending = new WeakMap<QueryRunner, PendingEntry[]>();
/** Entries appended by a transaction now committing: announced once the COMMIT has succeeded. */
const committing = new WeakMap<QueryRunner, AppendedEntry[]>();

/** TypeORM keeps the nesting depth protected; we only read it. */
function depthOf(runner: QueryRunner): number {
  return (runner as unknown as { transactionDepth: number }).transactionDepth;
}

export class CommitTimeAppender implements EntitySubscriberInterface {
  /** True when `runner` is inside a transaction of a data source this appender serves. */
  static canDefer(runner: QueryRunner | undefined): runner is QueryRunner {
    return !!runner && runner.isTransactionActive && runner.connection.subscribers.some((subscriber) => subscriber instanceof CommitTimeAppender);
  }

  static defer(runner: QueryRunner, row: AuditLog, fail: (error: unknown) => Error): void {
    const list = pending.get(runner) ?? [];
    list.push({ row, depth: depthOf(runner), fail });
    pending.set(runner, list);
  }

  static register(dataSource: DataSource): void {
    if (!dataSource.subscribers.some((subscriber) => subscriber instanceof CommitTimeAppender)) dataSource.subscribers.push(new CommitTimeAppender());
  }

  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const runner = event.queryRunner;
    const list = pending.get(runner);
    if (!list || list.length === 0) return;
    const depth = depthOf(runner);
    if (depth > 1) {
      // A savepoint is released: its entries now belong to the enclosing level.
      for (const entry of list) if (entry.depth >= depth) entry.depth = depth - 1;
      return;
    }
    pending.delete(runner);
    const appended: AppendedEntry[] = [];
    committing.set(runner, appended);
    for (const entry of list) {
      try {
        appended.push(await appendEntry(runner.manager, entry.row));
      } catch (error) {
        committing.delete(runner);
        throw entry.fail(error); // the commit does not happen; the caller rolls back
      }
    }
  }

  afterTransactionCommit(event: TransactionCommitEvent): void {
    const runner = event.queryRunner;
    const appended = committing.get(runner);
    if (!appended) return;
    committing.delete(runner);
    for (const entry of appended) notifyAppended(runner.connection, entry);
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    const runner = event.queryRunner;
    committing.delete(runner);
    const list = pending.get(runner);
    if (!list) return;
    const depth = depthOf(runner); // already the level rolled back to
    const kept = list.filter((entry) => entry.depth <= depth);
    if (kept.length === 0) pending.delete(runner);
    else pending.set(runner, kept);
  }
}
