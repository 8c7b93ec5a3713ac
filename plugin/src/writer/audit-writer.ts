import type { EntityManager } from 'typeorm';
import { activityOf, type ActivityCatalogue } from '../catalogue/activity-catalogue.js';
import { auditScopeOf } from '../context/audit-scope.js';
import type { ActorSnapshot, AuditScope, RequestInfo } from '../context/request-context.js';
import { AuditLog, type ChangeSet } from '../entity/AuditLog.js';
import { appendEntry, notifyAppended } from '../chain/append-entry.js';
import { CommitTimeAppender } from '../chain/commit-time-append.js';
import { renderSentence, type SentenceContext } from '../catalogue/sentence.js';

/** What a caller knows about an activity; the writer adds who, from where, when and the sentence. */
export interface ActivityDraft {
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  targetLabel?: string | null;
  changes?: ChangeSet | null;
  details?: Record<string, unknown>;
  /** Overrides the scope's actor (a sign-in names the user before any session exists). */
  actor?: ActorSnapshot | null;
  request?: RequestInfo;
  /** Overrides the scope's account (a sign-in names the account entered before any session exists). */
  accountId?: string | null;
}

export const SYSTEM_ACTOR_NAME = 'System';

/** The entry could not be built or written; whatever it describes must not happen either. */
export class AuditWriteError extends Error {
  constructor(public readonly reason: string, options?: { cause?: unknown }) {
    super(`Audit entry not written: ${reason}`, options);
    this.name = 'AuditWriteError';
  }
}

const clip = (value: string | null | undefined, max: number): string | null =>
  value == null ? null : value.length > max ? `${value.slice(0, max - 1)}…` : value;

export class AuditWriter {
  constructor(
    private readonly catalogue: ActivityCatalogue,
    private readonly accountId: () => string | null,
    /** Where the search text is rendered: the account's language, read on the write's own manager. */
    private readonly searchContext: (manager: EntityManager) => SentenceContext | Promise<SentenceContext>,
  ) {}

  /**
   * Builds the row without writing it; what the draft leaves out of actor and request comes from
   * `scope`. `manager` is the one the entry will be written on: anything read for it is read there
   * (an embedded database has one session, so another connection would wait for this transaction).
   */
  async build(draft: ActivityDraft, manager: EntityManager, scope: AuditScope = {}): Promise<AuditLog> {
    const definition = activityOf(this.catalogue, draft.action);
    const actor = draft.actor === undefined ? scope.actor : draft.actor;
    const request = draft.request ?? scope.request;
    const targetLabel = clip(draft.targetLabel, 300);
    const targetId = draft.targetId == null ? null : String(draft.targetId);
    const changes = draft.changes && Object.keys(draft.changes).length > 0 ? draft.changes : null;
    // A forwarded address that was not an address: the entry says the socket's peer was recorded instead.
    const details = request?.forwardedFor ? { ...(draft.details ?? {}), forwardedFor: request.forwardedFor } : (draft.details ?? {});
    const actorName = actor ? (actor.name ?? actor.email ?? `#${actor.id}`) : SYSTEM_ACTOR_NAME;

    const row = new AuditLog();
    row.actorId = actor?.id ?? null;
    row.actorName = clip(actorName, 200) ?? SYSTEM_ACTOR_NAME;
    row.actorEmail = actor?.email ?? null;
    row.actorRole = actor?.role ?? null;
    row.action = draft.action;
    row.category = definition.category;
    row.targetType = draft.targetType ?? null;
    row.targetId = targetId;
    row.targetLabel = targetLabel;
    row.changes = changes;
    row.details = Object.keys(details).length > 0 ? details : null;
    row.ip = request?.ip ?? null;
    row.userAgent = request?.userAgent ?? null;
    row.requestId = request?.requestId ?? null;
    row.accountId = draft.accountId !== undefined ? draft.accountId : scope.accountId !== undefined ? scope.accountId : this.accountId();
    const input = { actorName: row.actorName, actorId: row.actorId, targetLabel, targetId, changes, details };
    if (typeof definition.sentence === 'string') {
      // Kept so the sentence can be rendered in any language when read; the stored sentence is the
      // account's language's, for the search box.
      row.params = definition.params?.(input) ?? {};
      row.sentence = renderSentence(row, await this.searchContext(manager));
    } else {
      row.params = null;
      row.sentence = definition.sentence(input);
    }
    return row;
  }

  /**
   * Records the entry in the caller's transaction: built now (so a bad draft fails the change at
   * once), appended to the hash chain when that transaction commits (chain/commit-time-append.ts),
   * so it commits or rolls back with the change. With no transaction open, in one of its own.
   */
  async write(manager: EntityManager, draft: ActivityDraft): Promise<void> {
    let row: AuditLog;
    try {
      row = await this.build(draft, manager, auditScopeOf(manager));
    } catch (error) {
      throw toWriteError(error);
    }
    const runner = manager.queryRunner;
    if (CommitTimeAppender.canDefer(runner)) {
      CommitTimeAppender.defer(runner, row, toWriteError);
      return;
    }
    try {
      const appended = await manager.transaction((own) => appendEntry(own, row));
      notifyAppended(manager.connection, appended);
    } catch (error) {
      throw toWriteError(error);
    }
  }
}

function toWriteError(error: unknown): AuditWriteError {
  if (error instanceof AuditWriteError) return error;
  return new AuditWriteError(error instanceof Error ? error.message : String(error), { cause: error });
}
