// The one thing a host calls: createAuditPlugin({ dataSource, activities, entities, … }) wires
// the recording (a TypeORM subscriber on the host's DataSource), the AdminJS resources of the
// declared entities, the read-only Audit Logs viewer, the audited sign-in/sign-out and the router.
import AdminJS, { ComponentLoader, type AdminJSOptions, type LocaleTranslations, type CurrentAdmin, type ResourceOptions } from 'adminjs';
import type { Router } from 'express';
import type { BaseEntity, DataSource, EntityManager } from 'typeorm';
import type { ActivityCatalogue } from './catalogue/activity-catalogue.js';
import { auditRequestContext } from './context/request-context.js';
import { withAuditHooks } from './adminjs/audit-hooks.js';
import { auditLogResourceOptions } from './adminjs/audit-log-options.js';
import { AuditLogResource } from './adminjs/audit-log-resource.js';
import type { AuditLogListOptions } from './adminjs/audit-log-list.js';
import { AuditedResource } from './adminjs/audited-resource.js';
import { accountResolver, actorResolver, type ActorMapper } from './adminjs/action-scope.js';
import { withAuditHistory } from './adminjs/audit-history-action.js';
import { auditDeliveryResource } from './adminjs/delivery-resource.js';
import { resourceSpecsOf, type EntityResourceSpec } from './adminjs/entity-resource.js';
import { withPluginAdminOptions } from './adminjs/admin-options.js';
import { auditLogComponents } from './adminjs/components/register.js';
import { auditedSignIn, auditedSignOut, DEFAULT_SESSION_ACTIONS, type SessionActions, type SessionSettings, type SignInCheck } from './auth/sign-in.js';
import type { SignInThrottle } from './auth/sign-in-throttle.js';
import { AuditSubscriber } from './typeorm/audit-subscriber.js';
import { actionKeysOf, membershipActionKeysOf, type AuditedEntityOptions, type AuditedMembershipOptions } from './typeorm/audited-entity.js';
import { AuditWriter, type ActivityDraft } from './writer/audit-writer.js';
import { CommitTimeAppender } from './chain/commit-time-append.js';
import { verifyAuditChain, type ChainVerification, type VerifyOptions } from './chain/verify-chain.js';
import { Checkpointer, DEFAULT_CHECKPOINT_ACTION, type CheckpointOptions, type SignedCheckpoint } from './chain/checkpoints.js';
import { purgeEntries, type PurgeRequest, type PurgeResult } from './retention/purge-entries.js';
import { retentionFloorDays } from './retention/retention-floor.js';
import { auditDashboardData, type DashboardData } from './dashboard/dashboard-data.js';
import { DeliveryWorker, type DeliveryWorkerOptions } from './sinks/delivery-worker.js';
import type { AuditSink } from './sinks/audit-sink.js';
import type { AuditExportFeature } from './export/feature.js';
import { buildAuditRouter, type AuditRouterOptions } from './express/audit-router.js';
import { auditLocaleEn } from './locale/en.js';
import { auditMessage } from './locale/text.js';
import { assertAuditSchema } from './migration/schema-check.js';
import { ActivitySentences } from './catalogue/activity-sentences.js';
import type { RenderableEntry } from './catalogue/sentence.js';
import type { ExportRow } from './export/export-format.js';
import { apiSettings, type AuditApiOptions } from './api/api-options.js';
import { ApiTokens } from './api/api-tokens.js';
import { ApiEntries } from './api/api-entries.js';
import { buildApiRouter } from './api/api-router.js';
import { AuditLogList } from './adminjs/audit-log-list.js';

/** Who may do what in the Audit Logs viewer, and how it reads. */
export interface AuditViewerOptions {
  /** Who may read the log (the list, an entry, an export, record histories). */
  canRead: (admin: CurrentAdmin | undefined) => boolean;
  navigation?: ResourceOptions['navigation'];
  /** AdminJS id of the resource holding the actors (your users), to filter by actor with a picker. */
  actorResourceId?: string;
  /** IANA time zone the show page gives times in beside UTC. Default UTC. */
  timeZone?: () => Promise<string> | string;
  /** Audit target type -> AdminJS resource id, on top of those of the declared entities. */
  targetResources?: Record<string, string>;
  /** A signed-in admin's own language (say, their profile's choice); default the account's (`locale.language`). */
  languageOf?: (admin: CurrentAdmin | undefined) => string | null | undefined;
  /** How the list bounds its counting and searching on a big log. */
  list?: AuditLogListOptions;
}

export interface AuditDeliveryOptions extends DeliveryWorkerOptions {
  /** Where entries are delivered (WebhookSink, JsonLinesSink, or your own AuditSink). */
  sinks: AuditSink[];
  /** Who may see delivery state in the panel. Default: the viewer's canRead. */
  canRead?: (admin: CurrentAdmin | undefined) => boolean;
}

export interface AuditPluginOptions {
  /** An initialized TypeORM DataSource on PostgreSQL whose entities include `auditEntities` and whose migrations ran `auditMigrations`. */
  dataSource: DataSource;
  /** Your activities: action key -> category, English sentence template and its params (defineActivities). */
  activities: ActivityCatalogue;
  /**
   * The languages sentences are rendered in. `translations`: yours by language, as you give them to
   * AdminJS (`activities.<key>` templates, `resources.AuditLog.labels.category.<category>`, your resources' field
   * labels). `language`: the account's language (default 'en'), read on `manager` (a writer's own
   * transaction, or the DataSource's): the search box matches sentences in it, and readers with no
   * language of their own read in it.
   */
  locale?: { translations?: Record<string, LocaleTranslations>; language?: (manager: EntityManager) => string | Promise<string> };
  /** One auditEntity(...) per audited entity: what is recorded and how it shows in the panel. */
  entities?: AuditedEntityOptions[];
  /** Join entities recorded as member added/removed on their parent (auditMembership). */
  memberships?: AuditedMembershipOptions[];
  /** Your signed-in user -> { id, name, email, role? }. Default: AdminJS's `{ id, email, title }` (and `role` if present). */
  actor?: ActorMapper;
  /**
   * Multi-account hosts: the account a signed-in admin is working in (their current account). Each
   * entry is stamped with the account of the admin behind it, each account's entries form a hash
   * chain of their own, the viewer, export, dashboard and API show only the current account's
   * entries, and entities declared with `account` are confined to it in the panel.
   */
  accountOf?: (admin: CurrentAdmin) => string | number | null | undefined;
  /**
   * Account id of entries no admin's account covers (with `accountOf`: the operator's system log,
   * e.g. a refused sign-in for an unknown email, a CLI purge); single-account hosts: the account
   * stamped on every entry. Default null.
   */
  accountId?: () => string | null;
  /** Action keys for sign-in, sign-in refusal and sign-out, and the target type of the account signing in (default `user`). */
  session?: { actions?: Partial<SessionActions>; targetType?: string };
  /** The Audit Logs viewer. */
  viewer: AuditViewerOptions;
  /** The export, from `@hashtrail/adminjs-audit/export`: `auditExport({ maxRows })`. */
  export?: AuditExportFeature;
  /** Delivery of entries to sinks outside the database. */
  delivery?: AuditDeliveryOptions;
  /** Action key of the entry a retention purge writes. Default `audit_log.purged`. */
  purgedAction?: string;
  /**
   * Signed checkpoints: the chain head signed with an Ed25519 key the database never holds, every
   * `everyEntries` entries or `everySeconds` seconds and after every purge, stored as an
   * `audit_log.checkpoint` entry (in the catalogue) and delivered to the sinks.
   */
  checkpoints?: CheckpointOptions;
  /** The ComponentLoader you give AdminJS; default: the plugin's own (`audit.componentLoader`). */
  componentLoader?: ComponentLoader;
  /** Most rows one list page may hold, for every resource: a larger `perPage` is lowered to it. Default 100. */
  perPageMax?: number;
  /** The read API (personal access tokens, GET /audit_logs): mount `audit.apiRouter()` where it lives. */
  api?: AuditApiOptions;
}

export type AuditResourceEntry = { resource: AuditedResource | AuditLogResource | ReturnType<typeof auditDeliveryResource>['resource']; options: ResourceOptions };

export interface AuditPlugin {
  /** Every resource for AdminJS: the declared entities' (in declaration order), Audit Logs, and Audit Deliveries with `delivery`. */
  readonly resources: AuditResourceEntry[];
  /** Another view of a declared entity (a "My profile" page over users, say). */
  resource(entity: typeof BaseEntity, spec?: EntityResourceSpec): { resource: AuditedResource; options: ResourceOptions };
  /** The loader the viewer's components are registered on; pass it to AdminJS (adminOptions does). */
  readonly componentLoader: ComponentLoader;
  /** Your AdminJS options with the plugin's component loader and English texts added (yours win). */
  adminOptions(options: AdminJSOptions): AdminJSOptions;
  /**
   * The admin router: request context, your session, audited sign-in (throttled if given) and
   * sign-out, the export route, and the production component bundle. Mount it at `admin.options.rootPath`.
   */
  router(admin: AdminJS, options: AuditRouterOptions & { authenticate: SignInCheck; throttle?: SignInThrottle }): Router;
  /** Express middleware capturing IP, user agent and request id; for your own routes outside the admin router. */
  readonly requestContext: ReturnType<typeof auditRequestContext>;
  /** AdminJS `authenticate` that records sign-ins and refusals; `router` uses it, for hosts wiring by hand. */
  signIn: (check: SignInCheck, throttle?: SignInThrottle) => ReturnType<typeof auditedSignIn>;
  /** Express handler for the logout path that records the sign-out before ending the session. */
  signOut: (options: { redirectTo: string }) => ReturnType<typeof auditedSignOut>;
  /** Writes an entry on `manager` (inside the caller's transaction) for activities no entity change describes. */
  record(manager: EntityManager, draft: ActivityDraft): Promise<void>;
  /** Walks the hash chain: OK with the count, or the first entry that does not match (against the signed checkpoints with `checkpoints`). */
  verify(options?: VerifyOptions): Promise<ChainVerification>;
  /** Signs the chain head now and appends the checkpoint entry (with `checkpoints`); null when there is nothing new to sign. */
  checkpoint(): Promise<SignedCheckpoint | null>;
  /** The checkpoint writer (with `checkpoints`): started with the plugin; `stop()` it on shutdown. */
  readonly checkpoints: Checkpointer | null;
  /** Removes entries older than `olderThan` (after verifying the chain) and records the purge. */
  purge(request: PurgeRequest): Promise<PurgeResult>;
  /** The database's retention floor in days: no purge may remove an entry younger than this. */
  retentionFloorDays(): Promise<number>;
  /** The numbers of an audit dashboard: latest entries (in `admin`'s language), entries per day, refused sign-ins, most active actors. */
  dashboard(options?: { timeZone?: string; admin?: CurrentAdmin }): Promise<DashboardData>;
  /** The delivery worker (with `delivery`): `start()` it once the app runs, `stop()` it on shutdown. */
  readonly delivery: DeliveryWorker | null;
  /** Personal access tokens (with `api`): list, create and revoke an administrator's own. */
  readonly apiTokens: ApiTokens | null;
  /**
   * The read API (with `api`): GET /audit_logs, /audit_logs/{id}, /openapi.json. Mount it on your
   * app, outside the admin router (it has no session): `app.use('/api/v1', audit.apiRouter())`.
   */
  apiRouter(options?: { mountPath?: string; onError?: (error: unknown, req: import('express').Request) => void }): Router;
}

const DEFAULT_PURGED_ACTION = 'audit_log.purged';
const DEFAULT_SESSION_TARGET = 'user';

/** Every key the plugin may write must be in the catalogue: stop start-up naming the missing ones. */
function checkKeys(catalogue: ActivityCatalogue, keys: Array<[string, string | undefined]>): void {
  const missing = keys.filter(([, key]) => key && !Object.prototype.hasOwnProperty.call(catalogue, key));
  if (missing.length > 0) {
    throw new Error(`createAuditPlugin: the activity catalogue lacks ${missing.map(([use, key]) => `"${key}" (${use})`).join(', ')}; add them to defineActivities`);
  }
}

export function createAuditPlugin(options: AuditPluginOptions): AuditPlugin {
  const { dataSource, activities } = options;
  if (!dataSource?.isInitialized) throw new Error('createAuditPlugin: dataSource must be initialized first');
  if (dataSource.options.type !== 'postgres') throw new Error(`createAuditPlugin: the audit log needs PostgreSQL (this DataSource is ${dataSource.options.type})`);
  if (!options.viewer?.canRead) throw new Error('createAuditPlugin: viewer.canRead is required (who may read the log)');
  if (dataSource.subscribers.some((existing) => existing instanceof AuditSubscriber)) {
    throw new Error('createAuditPlugin: this DataSource already has an audit plugin; create it once and share it (a second one would record every change twice or not at all)');
  }
  assertAuditSchema(dataSource);
  const entities = options.entities ?? [];
  const memberships = options.memberships ?? [];
  const sessionActions: SessionActions = { ...DEFAULT_SESSION_ACTIONS, ...(options.session?.actions ?? {}) };
  const purgedAction = options.purgedAction ?? DEFAULT_PURGED_ACTION;
  if (options.perPageMax !== undefined && (!Number.isInteger(options.perPageMax) || options.perPageMax < 1)) {
    throw new Error(`createAuditPlugin: perPageMax must be a positive whole number (got ${options.perPageMax})`);
  }
  const api = options.api ? apiSettings(options.api) : null;
  checkKeys(activities, [
    ['sign-in', sessionActions.signedIn],
    ['sign-out', sessionActions.signedOut],
    ['refused sign-in', sessionActions.signInFailed],
    ['retention purge', purgedAction],
    ['checkpoint', options.checkpoints ? (options.checkpoints.action ?? DEFAULT_CHECKPOINT_ACTION) : undefined],
    ['export', options.export?.action],
    ['export start', options.export?.startedAction],
    ...(api ? Object.entries(api.actions).map(([use, key]): [string, string] => [`API token ${use}`, key]) : []),
    ...entities.flatMap((entity) => actionKeysOf(entity).map((key): [string, string] => [`entity ${entity.entity.name}`, key])),
    ...memberships.flatMap((membership) => membershipActionKeysOf(membership).map((key): [string, string] => [`membership ${membership.entity.name}`, key])),
  ]);

  const actorOf = actorResolver(options.actor);
  const accountOf = accountResolver(options.accountOf);
  // A target's fields are named with its resource's labels; targetResources is filled below.
  const targetResources: Record<string, string> = {};
  const sentences = new ActivitySentences(
    activities,
    { ...options.locale, languageOf: options.viewer?.languageOf },
    (targetType) => (targetType === null ? undefined : targetResources[targetType]),
    dataSource.manager,
  );
  const writer = new AuditWriter(activities, options.accountId ?? (() => null), async (manager) => sentences.context(await sentences.accountLanguage(manager)));
  const subscriber = new AuditSubscriber(writer, entities, memberships);
  // Matches links to junction tables now, so a link naming no many-to-many stops start-up, not the first write.
  subscriber.tablesOf(dataSource);
  dataSource.subscribers.push(subscriber);
  CommitTimeAppender.register(dataSource);

  const componentLoader = options.componentLoader ?? new ComponentLoader();
  const components = auditLogComponents(componentLoader);
  const viewer = options.viewer;
  const session: SessionSettings = { actions: sessionActions, targetType: options.session?.targetType ?? DEFAULT_SESSION_TARGET, actorOf, accountOf };

  // Server-side messages in the panel's default language: the host's texts once adminOptions() has
  // seen them, the plugin's English until then.
  const panelTexts: { translations?: LocaleTranslations } = {};
  const panelText = (key: string, values?: Record<string, unknown>) => auditMessage(key, values, panelTexts.translations);

  const declarationOf = (entity: typeof BaseEntity) =>
    entities.find((candidate) => candidate.entity === entity) ?? memberships.find((candidate) => candidate.entity === entity);

  const buildResource = (entity: typeof BaseEntity, spec: EntityResourceSpec, primary: boolean) => {
    const declaration = declarationOf(entity);
    if (!declaration) throw new Error(`audit.resource: ${entity.name} is not declared in createAuditPlugin's entities or memberships`);
    const resource = new AuditedResource(entity, {
      dataSource, secretFields: 'redact' in declaration ? (declaration.redact ?? []) : [], hooks: spec.hooks ?? {}, actorOf, accountOf,
      accountProperty: declaration.account, text: panelText,
    });
    let resourceOptions = spec.options ?? {};
    const history = spec.history ?? primary;
    if (history && 'targetType' in declaration) {
      resourceOptions = withAuditHistory(resourceOptions, { targetType: declaration.targetType, canRead: viewer.canRead, actor: typeof history === 'object' && history.actor });
    }
    return { resource, options: withAuditHooks(resourceOptions) };
  };

  // An entity shows in the panel unless declared with resource: false; join rows only when asked.
  // A target links to its entity's first resource (the show page's "open the target" link).
  const entityResources = [
    ...entities.flatMap((declaration) =>
      resourceSpecsOf(declaration.resource).map((spec, index) => {
        const entry = buildResource(declaration.entity as typeof BaseEntity, spec, index === 0);
        if (index === 0) targetResources[declaration.targetType] = entry.options.id ?? entry.resource.id();
        return entry;
      }),
    ),
    ...memberships.flatMap((declaration) =>
      (declaration.resource ? resourceSpecsOf(declaration.resource) : []).map((spec, index) => buildResource(declaration.entity as typeof BaseEntity, spec, index === 0)),
    ),
  ];
  Object.assign(targetResources, viewer.targetResources ?? {});

  const logResource = new AuditLogResource(dataSource, viewer.list, options.accountOf ? accountOf : undefined);
  const logEntry = {
    resource: logResource,
    options: withAuditHooks(
      auditLogResourceOptions(activities, {
        canRead: viewer.canRead,
        navigation: viewer.navigation,
        actorResourceId: viewer.actorResourceId,
        components,
        timeZone: viewer.timeZone,
        targetResources,
        readerTexts: (admin) => sentences.forReader(admin),
        export: options.export && { route: options.export.route, maxRows: options.export.maxRows, canExport: options.export.canExport },
      }),
    ),
  };
  const delivery = options.delivery ? new DeliveryWorker(dataSource, options.delivery.sinks, options.delivery) : null;
  // With accounts, an administrator sees only their current account's deliveries.
  const deliveryResource = options.delivery
    ? auditDeliveryResource({ canRead: options.delivery.canRead ?? viewer.canRead, navigation: viewer.navigation, ...(options.accountOf ? { accountOf } : {}) })
    : null;
  const deliveryEntry = deliveryResource ? [deliveryResource] : [];

  const signIn = (check: SignInCheck, throttle?: SignInThrottle) => auditedSignIn(dataSource, writer, session, check, throttle);
  const signOut = (signOutOptions: { redirectTo: string }) => auditedSignOut(dataSource, writer, session, signOutOptions);
  const requestContext = auditRequestContext();
  const record = (manager: EntityManager, draft: ActivityDraft) => writer.write(manager, draft);
  const checkpointer = options.checkpoints ? new Checkpointer(dataSource, writer, options.checkpoints) : null;
  checkpointer?.start();
  const verifyOptions = (extra: VerifyOptions = {}): VerifyOptions => ({
    ...(checkpointer ? { publicKey: checkpointer.publicKey, checkpointAction: checkpointer.action } : {}),
    ...extra,
  });

  const resources = [...entityResources, logEntry, ...deliveryEntry];
  const apiTokens = api
    ? new ApiTokens({
        dataSource, record, actorOf, canRead: viewer.canRead, accountId: options.accountId ?? (() => null),
        ...(options.accountOf ? { accountOf } : {}), settings: api,
      })
    : null;

  return {
    resources,
    resource: (entity, spec = {}) => buildResource(entity, spec, false),
    componentLoader,
    adminOptions(adminOptions) {
      const merged = withPluginAdminOptions({ resources, ...adminOptions }, {
        componentLoader,
        register: (loader) => void auditLogComponents(loader),
        defaults: auditLocaleEn,
      });
      panelTexts.translations = defaultLanguageTexts(merged.locale);
      return merged;
    },
    router(admin, routerOptions) {
      return buildAuditRouter(
        admin,
        {
          requestContext,
          signIn: signIn(routerOptions.authenticate, routerOptions.throttle),
          signOut,
          perPageMax: options.perPageMax,
          protectedRoutes: (built) =>
            options.export
              ? [{
                  path: options.export.route,
                  handler: options.export.handler({
                    dataSource,
                    record,
                    actorOf,
                    accountOf,
                    resource: logResource,
                    admin: built,
                    canRead: viewer.canRead,
                    // AdminJS declares translateMessage on its instance but never sets it on the server.
                    translate: (key, params) => auditMessage(key, params, defaultLanguageTexts(built.options.locale), logEntry.options.id),
                    sentenceFor: async (admin) => {
                      const reader = await sentences.forReader(admin);
                      return (row) => reader.sentence(exportedEntry(row));
                    },
                  }),
                }]
              : [],
        },
        routerOptions,
      );
    },
    requestContext,
    signIn,
    signOut,
    record,
    verify: (verifyExtra) => verifyAuditChain(dataSource, verifyOptions(verifyExtra)),
    checkpoint: async () => (checkpointer ? checkpointer.checkpoint() : null),
    checkpoints: checkpointer,
    purge: (request) =>
      purgeEntries(dataSource, activities, purgedAction, request, {
        accountId: options.accountId ?? (() => null), build: (draft, manager) => writer.build(draft, manager), checkpointer, verifyOptions: verifyOptions(),
      }),
    retentionFloorDays: () => retentionFloorDays(dataSource),
    dashboard: async (dashboardOptions = {}) =>
      auditDashboardData(dataSource, {
        // With accounts, the reader's account's numbers; a reader with none is refused (never every account's).
        ...(options.accountOf ? { account: logResource.accountScope(dashboardOptions.admin)!.accountId } : {}),
        signInFailedAction: sessionActions.signInFailed,
        timeZone: dashboardOptions.timeZone ?? (await viewer.timeZone?.()) ?? 'UTC',
        sentence: (await sentences.forReader(dashboardOptions.admin)).sentence,
      }),
    delivery,
    apiTokens,
    apiRouter(routerOptions = {}) {
      if (!api || !apiTokens) throw new Error('createAuditPlugin: apiRouter() needs the `api` option');
      return buildApiRouter(
        {
          dataSource,
          tokens: apiTokens,
          entries: new ApiEntries(dataSource, new AuditLogList(dataSource, viewer.list)),
          settings: api,
          sentenceFor: async (admin) => (await sentences.forReader(admin)).sentence,
          onError: routerOptions.onError,
        },
        { mountPath: routerOptions.mountPath },
      );
    },
  };
}

/** The texts of the panel's default language (a per-admin locale function is not known outside a request). */
function defaultLanguageTexts(locale: AdminJSOptions['locale']): LocaleTranslations | undefined {
  if (!locale || typeof locale === 'function') return undefined;
  return locale.translations?.[locale.language];
}

/** An exported row as the sentence renderer reads entries. */
function exportedEntry(row: ExportRow): RenderableEntry {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  return {
    action: String(row.action), actorName: String(row.actor_name), targetType: text(row.target_type), targetId: text(row.target_id),
    targetLabel: text(row.target_label), details: (row.details as Record<string, unknown> | null) ?? null,
    params: (row.params as Record<string, unknown> | null) ?? null, sentence: String(row.activity ?? ''),
  };
}
