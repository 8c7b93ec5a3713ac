import type { ActivityDraft } from '@hashtrail/adminjs-audit';
import type { EntityManager } from 'typeorm';

/**
 * Writes an audit entry in the caller's transaction (the audit plugin's `record`). For what no
 * audited entity's change describes: a role in an account (account_users is not an audited
 * entity), a person removed from one account who stays in others.
 */
export type RecordActivity = (manager: EntityManager, draft: ActivityDraft) => Promise<void>;
