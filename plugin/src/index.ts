// The public API of @hashtrail/adminjs-audit. Nothing outside this file (and ./export) is part of
// it: internals may change in any release.
import { AuditLog } from './entity/AuditLog.js';
import { AuditDelivery } from './entity/AuditDelivery.js';
import { AuditApiToken } from './entity/AuditApiToken.js';

// Wiring: the factory and the declarations it takes.
export {
  createAuditPlugin,
  type AuditPlugin,
  type AuditPluginOptions,
  type AuditViewerOptions,
  type AuditDeliveryOptions,
  type AuditResourceEntry,
} from './create-audit.js';
export { defineActivities, type ActivityCatalogue, type ActivityDefinition, type SentenceInput } from './catalogue/activity-catalogue.js';
export type { SentenceParams, SentenceParam, FieldsParam, FieldValueParam } from './catalogue/sentence.js';
export { renderActivity } from './catalogue/activity-sentences.js';
export {
  auditEntity,
  auditMembership,
  type AuditedEntityOptions,
  type AuditedMembershipOptions,
  type AuditedLinkOptions,
  type UpdateActivity,
  type UpdateContext,
  type AccountPlacement,
} from './typeorm/audited-entity.js';
export type { EntityResourceSpec } from './adminjs/entity-resource.js';
export { actionTransaction } from './adminjs/action-transaction.js';
export type { AuditedResourceHooks } from './adminjs/audited-resource.js';
export type { ActorMapper } from './adminjs/action-scope.js';
export type { AuditRouterOptions } from './express/audit-router.js';
export type { AuditLogListOptions } from './adminjs/audit-log-list.js';
export { auditMigrations, auditRoleMigrations } from './migration/index.js';
export type { AuditRoleOptions } from './migration/audit-roles.js';
/** The maintenance role's name when `auditRoleMigrations` is given none: a host granting that role more reads names it with this. */
export { DEFAULT_MAINTENANCE_ROLE } from './migration/audit-roles.js';
export type { AuditAccountOptions, AccountIdType } from './migration/add-audit-account-chains.js';
/** Add to your DataSource's entities. */
export const auditEntities = [AuditLog, AuditDelivery, AuditApiToken];
export { AuditLog, AuditApiToken };
export { API_DEFAULTS, DEFAULT_API_ACTIONS, type AuditApiOptions, type ApiActions } from './api/api-options.js';
export { ApiTokenError, ApiTokens, MAX_TOKEN_NAME_LENGTH, type ApiTokenInfo, type ApiTokenState, type CreatedApiToken } from './api/api-tokens.js';
export { openApiDocument } from './api/openapi.js';
export type { ApiEntry } from './api/api-entries.js';
export type { ChangeSet, FieldChange } from './entity/AuditLog.js';

// Sign-in.
export { SignInThrottle, type SignInThrottleOptions } from './auth/sign-in-throttle.js';
export type { SignInCheck, SignInRefusal, SessionActions } from './auth/sign-in.js';

// Changes made outside AdminJS (your own routes, jobs): the actor and request travel with the transaction.
export { transactionInAuditScope, auditScopeOf } from './context/audit-scope.js';
export { capturedRequestInfo, type ActorSnapshot, type AuditScope, type RequestInfo } from './context/request-context.js';
export type { ActivityDraft } from './writer/audit-writer.js';

// Sinks outside the database.
export type { AuditSink } from './sinks/audit-sink.js';
export type { AuditEvent } from './sinks/audit-event.js';
export { WebhookSink, signWebhookBody, SIGNATURE_HEADER, TIMESTAMP_HEADER, type WebhookSinkOptions } from './sinks/webhook-sink.js';
export { JsonLinesSink, type JsonLinesSinkOptions } from './sinks/json-lines-sink.js';
export { readAuditEvents } from './sinks/read-json-lines.js';
// For a delivery process of its own (the factory's `delivery` runs one inside the app).
export { DeliveryWorker, type DeliveryWorkerOptions } from './sinks/delivery-worker.js';

// Verifying and keeping the log: for operators' scripts that run without the app.
export { verifyAuditChain, type ChainVerification, type ChainProblem, type VerifyOptions, type VerifyProgress } from './chain/verify-chain.js';
// Signed checkpoints (Ed25519): keys, signing and checking, for hosts' key tools and verifiers.
export {
  generateCheckpointKeyPair,
  signCheckpoint,
  checkpointSignatureValid,
  checkpointKeyId,
  checkpointOf,
  Checkpointer,
  DEFAULT_CHECKPOINT_ACTION,
  type CheckpointOptions,
  type CheckpointPayload,
  type SignedCheckpoint,
} from './chain/checkpoints.js';
// For sink receivers that re-check an event's hash (format 1: see the README).
export { canonicalText, entryHash, pgJsonbText, CHAIN_FORMAT, GENESIS_HASH, type ChainedEntry } from './chain/canonical.js';
export type { ChainCutoff, PurgeRequest, PurgeResult } from './retention/purge-entries.js';
export type { DashboardData } from './dashboard/dashboard-data.js';

// What can go wrong, for hosts that tell the cases apart.
export { AuditChainBrokenError } from './retention/purge-entries.js';
export { AuditTrailError } from './typeorm/audit-subscriber.js';
export { AuditWriteError } from './writer/audit-writer.js';
export { REDACTED } from './changes/redaction.js';

// The plugin's English texts (AdminJS locale shape), to translate into other languages.
export { auditLocaleEn } from './locale/en.js';
// The languages the plugin ships (adminOptions() merges them by itself), and the shape another must have.
export {
  auditLocales,
  auditLocaleEs,
  auditLocaleFr,
  auditLocaleDe,
  auditLocalePtBR,
  type AuditLocaleLanguage,
  type AuditTranslation,
} from './locale/index.js';
export { distributeAuditLog, type AuditLogDistribution } from './citus/distribute-audit-log.js';
