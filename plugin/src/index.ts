// Public API of the audit plugin. Nothing outside this file is part of it.
import { CreateAuditLog1764000000100 } from './migration/create-audit-log.js';
import { AuditLog } from './entity/AuditLog.js';
import { AddAuditChain1764000000300 } from './migration/add-audit-chain.js';
import { AddAuditPurge1764000000301 } from './migration/add-audit-purge.js';
import { AddAuditOutbox1764000000302 } from './migration/add-audit-outbox.js';
import { AuditDelivery } from './entity/AuditDelivery.js';
import { AddAuditListIndexes1764000000400 } from './migration/add-audit-list-indexes.js';
import { AddAuditSearchByMonth1764000000401 } from './migration/add-audit-search-by-month.js';
import { AddAuditIpByTime1764000000402 } from './migration/add-audit-ip-by-time.js';
import { AddAuditAppendFunction1764000000403 } from './migration/add-audit-append-function.js';

export { createAuditPlugin, type AuditPlugin, type AuditPluginOptions } from './create-audit.js';
export { defineActivities, type ActivityCatalogue, type ActivityDefinition, type SentenceInput } from './catalogue/activity-catalogue.js';
export { auditEntity, auditMembership, type AuditedEntityOptions, type AuditedMembershipOptions, type UpdateActivity, type UpdateContext } from './typeorm/audited-entity.js';
export { auditLogTranslations, type AuditLogResourceOptions } from './adminjs/audit-log-options.js';
export { SignInRefusedError, type SignInCheck, type SignInRefusal } from './auth/sign-in.js';
export { SignInThrottle, type SignInThrottleOptions, type ThrottleDecision } from './auth/sign-in-throttle.js';
export { REDACTED, SECRET_FIELD_PATTERNS, isSecretField } from './changes/redaction.js';
export { AuditWriteError, SYSTEM_ACTOR_NAME, type ActivityDraft } from './writer/audit-writer.js';
export { AuditTrailError } from './typeorm/audit-subscriber.js';
export { requestInfoFrom, requestInfoOf, type ActorSnapshot, type AuditScope, type RequestInfo } from './context/request-context.js';
export { auditScopeOf, transactionInAuditScope } from './context/audit-scope.js';
export { actorOf } from './adminjs/action-scope.js';
export type { AuditedResourceHooks } from './adminjs/audited-resource.js';
export { AuditLog, CreateAuditLog1764000000100, AddAuditChain1764000000300, AddAuditPurge1764000000301, AddAuditListIndexes1764000000400, AddAuditSearchByMonth1764000000401, AddAuditIpByTime1764000000402, AddAuditAppendFunction1764000000403 };
export { AuditChainBrokenError, type PurgeRequest, type PurgeResult } from './retention/purge-entries.js';
export { AuditDelivery, AddAuditOutbox1764000000302 };
export type { AuditSink } from './sinks/audit-sink.js';
export type { AuditEvent } from './sinks/audit-event.js';
export { WebhookSink, signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookSinkOptions } from './sinks/webhook-sink.js';
export { JsonLinesSink, type JsonLinesSinkOptions } from './sinks/json-lines-sink.js';
export { DeliveryWorker, type DeliveryWorkerOptions } from './sinks/delivery-worker.js';
export { auditDeliveryResource, auditDeliveryTranslations, type AuditDeliveryResourceOptions } from './adminjs/delivery-resource.js';
export type { AuditLogListOptions } from './adminjs/audit-log-list.js';
export { verifyAuditChain, type ChainVerification, type ChainProblem } from './chain/verify-chain.js';
export { CHAIN_FORMAT, GENESIS_HASH, canonicalText, entryHash, type ChainedEntry } from './chain/canonical.js';
export type { ChangeSet, FieldChange } from './entity/AuditLog.js';

/** Add to your DataSource's entities. */
export const auditEntities = [AuditLog, AuditDelivery];
/** Add to your DataSource's migrations (after your own). */
export const auditMigrations = [CreateAuditLog1764000000100, AddAuditChain1764000000300, AddAuditPurge1764000000301, AddAuditOutbox1764000000302, AddAuditListIndexes1764000000400, AddAuditSearchByMonth1764000000401, AddAuditIpByTime1764000000402, AddAuditAppendFunction1764000000403];

// Audit Logs viewer: export, dashboard numbers, links from audited records.
export { EXPORT_FORMATS, EXPORT_COLUMNS, csvCell, type ExportFormat } from './export/export-format.js';
export { auditDashboardData, type DashboardData, type DashboardOptions } from './dashboard/dashboard-data.js';
export { withAuditHistory, auditHistoryActionLabels, type AuditHistoryOptions } from './adminjs/audit-history-action.js';
