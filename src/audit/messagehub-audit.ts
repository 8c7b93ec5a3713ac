// MessageHub's one audit plugin instance: its catalogue, its entities (each declared once, with
// how it shows in the panel), who may read the log, the export, the sinks. The app, the purge CLI
// and the seeds all build it here.
import { createAuditPlugin, type AuditPlugin } from '@hashtrail/adminjs-audit';
import { auditExport } from '@hashtrail/adminjs-audit/export';
import type { DataSource } from 'typeorm';
import { currentAccountOf, isAdministrator, type SessionUser } from '../admin/access.js';
import { withRolesInAccount } from '../admin/resources/user-account-membership.js';
import { SYSTEM_ACCOUNT_ID } from '../accounts/system-log.js';
import { chatSettings } from '../admin/navigation.js';
import type { Config } from '../config.js';
import type { InvitationSettings } from '../invitations/invitation-settings.js';
import type { Logger } from '../logger.js';
import { activities } from './activities.js';
import { messageHubEntities, messageHubMemberships } from './audited-entities.js';
import { deliveryOptions } from './delivery.js';
import { checkpointOptions, type CheckpointKeySettings } from './checkpoint-keys.js';
import { accountTimeZone } from './time-zone.js';
import { AccountLanguage } from './account-language.js';
import { messageHubTranslations } from '../admin/locale/index.js';
import { apiTokenOwner } from './api-token-owner.js';
import { retentionLimits } from './retention-limits.js';
import { readerLanguageOf } from '../admin/reader-language.js';

type ApiSettings = Pick<Config, 'AUDIT_API_PAGE_DEFAULT' | 'AUDIT_API_PAGE_MAX' | 'AUDIT_API_RATE_LIMIT' | 'AUDIT_API_RATE_WINDOW_SECONDS' | 'AUDIT_API_READ_WINDOW_MINUTES' | 'AUDIT_API_TOKENS_PER_USER'>;
type AuditSettings = Pick<Config, 'AUDIT_LIST_COUNT_CAP' | 'AUDIT_SEARCH_WINDOW' | 'EXPORT_MAX_ROWS' | 'LIST_PER_PAGE_MAX' | 'AUDIT_RETENTION_DAYS' | 'AUDIT_RETENTION_MAX_DAYS'> &
  Partial<ApiSettings> & Parameters<typeof deliveryOptions>[0] & Partial<CheckpointKeySettings>;

/** The session's user as the log names them: id, name, email and role (in their current account) at the time. */
export const messageHubActor = (admin: SessionUser) => ({ id: admin.id, name: admin.title, email: admin.email, role: admin.role });

export function createMessageHubAudit(dataSource: DataSource, config: AuditSettings, logger: Logger, invitations: InvitationSettings): AuditPlugin {
  // My profile's API tokens action is declared with the entities, before the plugin exists.
  let audit: AuditPlugin | undefined;
  audit = createAuditPlugin({
    dataSource,
    activities,
    entities: messageHubEntities({
      dataSource,
      invitations,
      apiTokens: () => audit?.apiTokens ?? null,
      record: (manager, draft) => {
        if (!audit) throw new Error('the audit plugin is not built yet');
        return audit.record(manager, draft);
      },
      // Account settings: the retention period an administrator may choose (the floor is the database's).
      retentionLimits: retentionLimits(() => {
        if (!audit) throw new Error('the audit plugin is not built yet');
        return audit.retentionFloorDays();
      }, config),
      readerLanguage: readerLanguageOf(dataSource),
    }),
    memberships: messageHubMemberships,
    actor: (admin) => messageHubActor(admin as SessionUser),
    // Every entry of a signed-in admin goes to their current account's log; the rest to the system log.
    accountOf: (admin) => (admin as SessionUser).accountId,
    accountId: () => SYSTEM_ACCOUNT_ID,
    session: { targetType: 'user' },
    locale: { translations: messageHubTranslations, language: (manager) => AccountLanguage.of(dataSource).ofWrite(manager) },
    viewer: {
      canRead: isAdministrator,
      // Theirs, else their current account's (read by readerLanguageOf when the page was rendered).
      languageOf: (admin) => (admin as SessionUser | undefined)?.locale ?? AccountLanguage.of(dataSource).cached(currentAccountOf(admin)),
      navigation: chatSettings,
      actorResourceId: 'User',
      // Asked with no admin, so one zone for every reader: the oldest account's. The dashboard passes each reader's own.
      timeZone: () => accountTimeZone(dataSource),
      list: { countCap: config.AUDIT_LIST_COUNT_CAP, searchWindow: config.AUDIT_SEARCH_WINDOW },
    },
    export: auditExport({ maxRows: config.EXPORT_MAX_ROWS, canExport: isAdministrator }),
    delivery: deliveryOptions(config, logger),
    checkpoints: checkpointOptions(config, (error) => logger.warn({ err: error }, 'Audit checkpoint not written; it will be tried again')),
    perPageMax: config.LIST_PER_PAGE_MAX,
    api: {
      ownerAdmin: apiTokenOwner(dataSource),
      canUse: isAdministrator,
      defaultLimit: config.AUDIT_API_PAGE_DEFAULT,
      maxLimit: config.AUDIT_API_PAGE_MAX,
      rateLimit: config.AUDIT_API_RATE_LIMIT,
      rateWindowSeconds: config.AUDIT_API_RATE_WINDOW_SECONDS,
      readWindowMinutes: config.AUDIT_API_READ_WINDOW_MINUTES,
      maxTokensPerOwner: config.AUDIT_API_TOKENS_PER_USER,
    },
  });
  // Records of users carry their role in the reader's current account (both views over users).
  for (const entry of audit.resources) if (entry.resource.id() === 'User') withRolesInAccount(entry.resource, dataSource);
  return audit;
}
