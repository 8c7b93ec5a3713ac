import type { ActionContext, ResourceOptions } from 'adminjs';
import type { BaseEntity, DataSource, EntityManager } from 'typeorm';
import { activityOf, type ActivityCatalogue } from './catalogue/activity-catalogue.js';
import { auditRequestContext } from './context/request-context.js';
import { withAuditHooks } from './adminjs/audit-hooks.js';
import { auditLogResourceOptions, type AuditLogResourceOptions } from './adminjs/audit-log-options.js';
import { AuditLogResource } from './adminjs/audit-log-resource.js';
import type { AuditLogListOptions } from './adminjs/audit-log-list.js';
import { AuditedResource, type AuditedResourceHooks } from './adminjs/audited-resource.js';
import { auditedSignIn, auditedSignOut, DEFAULT_SESSION_ACTIONS, type SessionActions, type SignInCheck, type SignOutOptions } from './auth/sign-in.js';
import type { SignInThrottle } from './auth/sign-in-throttle.js';
import { AuditSubscriber } from './typeorm/audit-subscriber.js';
import type { AuditedEntityOptions, AuditedMembershipOptions } from './typeorm/audited-entity.js';
import { AuditWriter, type ActivityDraft } from './writer/audit-writer.js';
import { CommitTimeAppender } from './chain/commit-time-append.js';
import { verifyAuditChain, type ChainVerification } from './chain/verify-chain.js';
import { purgeEntries, type PurgeRequest, type PurgeResult } from './retention/purge-entries.js';

export interface AuditPluginOptions {
  /** An initialized TypeORM DataSource whose entities include AuditLog. */
  dataSource: DataSource;
  /** The app's activities: action key -> category and sentence. */
  activities: ActivityCatalogue;
  /** Entities whose inserts, updates and removals are recorded. */
  entities?: AuditedEntityOptions[];
  /** Join entities recorded as membership added/removed on their parent. */
  memberships?: AuditedMembershipOptions[];
  /** Account id stamped on every entry (multi-tenant apps); null when there is none. */
  accountId?: () => string | null;
  /** Action keys for sign-in, sign-in failure and sign-out. */
  sessionActions?: SessionActions;
  /** Action key of the entry a retention purge writes (default `audit_log.purged`). */
  purgedAction?: string;
  /** How the Audit Logs list bounds its counting and searching on a big log. */
  auditLogList?: AuditLogListOptions;
}

export interface AuditPlugin {
  /** Express middleware capturing IP, user agent and request id. Mount before the admin router. */
  requestContext: ReturnType<typeof auditRequestContext>;
  /** An AdminJS resource entry for an entity, with transactional writes and the audit hooks on every action. */
  resource(entity: typeof BaseEntity, options?: ResourceOptions, hooks?: AuditedResourceHooks): { resource: AuditedResource; options: ResourceOptions };
  /** The read-only Audit Logs resource entry. */
  auditLogResource(options: AuditLogResourceOptions): { resource: AuditLogResource; options: ResourceOptions };
  /**
   * Wraps a credentials check into AdminJS's `authenticate`, recording successes and refusals; with
   * a throttle, attempts over its per-IP or per-email limit are refused (and recorded) unchecked.
   */
  signIn: (check: SignInCheck, throttle?: SignInThrottle) => ReturnType<typeof auditedSignIn>;
  /** Express handler for the logout path that records the sign-out before ending the session. */
  signOut: (options: SignOutOptions) => ReturnType<typeof auditedSignOut>;
  /** Writes an entry on `manager` (inside the caller's transaction) for activities no entity change describes. */
  record(manager: EntityManager, draft: ActivityDraft): Promise<void>;
  /** Walks the hash chain: OK with the count, or the first entry that does not match. */
  verify(): Promise<ChainVerification>;
  /** Removes entries older than `olderThan` (after verifying the chain) and records the purge. */
  purge(request: PurgeRequest): Promise<PurgeResult>;
  /** Runs a custom action's database work in one transaction, as the admin of `context`. */
  transaction<T>(context: ActionContext, work: (manager: EntityManager) => Promise<T>): Promise<T>;
}

const DEFAULT_PURGED_ACTION = 'audit_log.purged';

function checkKeys(catalogue: ActivityCatalogue, keys: Array<string | undefined>): void {
  for (const key of keys) if (key) activityOf(catalogue, key);
}

export function createAuditPlugin(options: AuditPluginOptions): AuditPlugin {
  const { dataSource, activities } = options;
  if (!dataSource?.isInitialized) throw new Error('createAuditPlugin: dataSource must be initialized first');
  const entities = options.entities ?? [];
  const memberships = options.memberships ?? [];
  const sessionActions = options.sessionActions ?? DEFAULT_SESSION_ACTIONS;
  // Every key the plugin may write must exist in the catalogue: fail at start-up, not mid-request.
  checkKeys(activities, Object.values(sessionActions));
  for (const entity of entities) checkKeys(activities, [entity.created, entity.updated, entity.deleted]);
  for (const membership of memberships) checkKeys(activities, [membership.added, membership.removed]);

  const writer = new AuditWriter(activities, options.accountId ?? (() => null));
  const subscriber = new AuditSubscriber(writer, entities, memberships);
  if (!dataSource.subscribers.some((existing) => existing instanceof AuditSubscriber)) dataSource.subscribers.push(subscriber);
  CommitTimeAppender.register(dataSource);


  return {
    requestContext: auditRequestContext(),
    resource(entity, resourceOptions, hooks) {
      const audited = entities.find((candidate) => candidate.entity === entity);
      const resource = new AuditedResource(entity, audited?.redact ?? [], hooks);
      return { resource, options: withAuditHooks(resourceOptions) };
    },
    auditLogResource(logOptions) {
      return { resource: new AuditLogResource(options.auditLogList), options: withAuditHooks(auditLogResourceOptions(activities, logOptions)) };
    },
    signIn: (check, throttle) => auditedSignIn(dataSource, writer, sessionActions, check, throttle),
    signOut: (signOutOptions) => auditedSignOut(dataSource, writer, sessionActions, signOutOptions),
    record: (manager, draft) => writer.write(manager, draft),
    verify: () => verifyAuditChain(dataSource),
    purge: (request) => purgeEntries(dataSource, writer, activities, options.purgedAction ?? DEFAULT_PURGED_ACTION, request),
    transaction(context, work) {
      const resource = context.resource;
      if (!(resource instanceof AuditedResource)) throw new Error(`${resource.id()} is not an audited resource`);
      return resource.transaction(context, work);
    },
  };
}
