import AdminJS, { ComponentLoader, type AdminJSOptions, type ResourceOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import type { AuditPlugin } from '../../plugin/index.js';
import { auditHistoryActionLabels, auditLogTranslations, withAuditHistory } from '../../plugin/index.js';
import type { Config } from '../config.js';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../entities/index.js';
import { isAdministrator } from './access.js';
import { accountTimeZone, auditExportPath, dashboard, targetResources } from './audit-log-viewer.js';
import { branding } from './branding.js';
import { chatSettings } from './navigation.js';
import { accountOptions } from './resources/account.js';
import { automationRuleOptions } from './resources/automation-rules.js';
import { inboxMemberOptions, inboxOptions } from './resources/inboxes.js';
import { teamMemberOptions, teamOptions } from './resources/teams.js';
import { userOptions } from './resources/users.js';
import { webhookOptions } from './resources/webhooks.js';

export const ADMIN_ROOT = '/admin';

/** Adds "Audit history" (and for users "Activity by this user") to a record's page; administrators only. */
const history = (options: ResourceOptions, targetType: string, actor = false) => withAuditHistory(options, { targetType, canRead: isAdministrator, actor });

export function buildAdmin(audit: AuditPlugin, dataSource: DataSource, config: Pick<Config, 'EXPORT_MAX_ROWS'>): AdminJS {
  const componentLoader = new ComponentLoader();
  const options: AdminJSOptions = {
    componentLoader,
    dashboard: dashboard(dataSource, componentLoader),
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    branding,
    resources: [
      audit.resource(Account, accountOptions),
      audit.resource(User, history(userOptions, 'user', true)),
      audit.resource(Inbox, history(inboxOptions, 'inbox')),
      audit.resource(InboxMember, inboxMemberOptions),
      audit.resource(Team, history(teamOptions, 'team')),
      audit.resource(TeamMember, teamMemberOptions),
      audit.resource(Webhook, history(webhookOptions, 'webhook')),
      audit.resource(AutomationRule, history(automationRuleOptions, 'automation_rule')),
      audit.auditLogResource({
        canRead: isAdministrator,
        navigation: chatSettings,
        actorResourceId: 'User',
        componentLoader,
        targetResources,
        timeZone: () => accountTimeZone(dataSource),
        export: { path: auditExportPath(ADMIN_ROOT), maxRows: config.EXPORT_MAX_ROWS },
      }),
    ],
    locale: {
      language: 'en',
      availableLanguages: ['en'],
      translations: {
        en: {
          labels: { AuditLog: 'Audit Logs', AutomationRule: 'Automation Rules', InboxMember: 'Inbox Members', TeamMember: 'Team Members' },
          components: {
            Login: {
              welcomeHeader: 'MessageHub',
              welcomeMessage: 'Settings back office: agents, inboxes, teams, webhooks, automation rules. Every change is recorded in the audit log.',
            },
          },
          actions: auditHistoryActionLabels,
          resources: auditLogTranslations,
        },
      },
    },
    settings: { defaultPerPage: 20 },
  };
  return new AdminJS(options);
}
