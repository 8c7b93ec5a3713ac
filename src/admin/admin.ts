import AdminJS, { ComponentLoader, type AdminJSOptions, type ResourceOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import { auditDeliveryResource, auditDeliveryTranslations, auditHistoryActionLabels, auditLogTranslations, withAuditHistory } from '@hashtrail/adminjs-audit';
import type { Config } from '../config.js';
import { Account, AutomationRule, Webhook } from '../entities/index.js';
import type { InvitationSettings } from '../invitations/invitation-settings.js';
import { isAdministrator } from './access.js';
import { accountTimeZone, auditExportPath, dashboard, targetResources } from './audit-log-viewer.js';
import { branding } from './branding.js';
import { chatSettings } from './navigation.js';
import { accountOptions } from './resources/account.js';
import { automationRuleOptions } from './resources/automation-rules.js';
import { peopleResources, peopleTranslations } from './people.js';
import { webhookOptions } from './resources/webhooks.js';

export const ADMIN_ROOT = '/admin';

/** Adds "Audit history" (and for users "Activity by this user") to a record's page; administrators only. */
const history = (options: ResourceOptions, targetType: string, actor = false) => withAuditHistory(options, { targetType, canRead: isAdministrator, actor });

export function buildAdmin(audit: AuditPlugin, dataSource: DataSource, config: Pick<Config, 'EXPORT_MAX_ROWS'>, invitations: InvitationSettings): AdminJS {
  const componentLoader = new ComponentLoader();
  const people = peopleResources({ audit, dataSource, invitations }, history);
  const options: AdminJSOptions = {
    componentLoader,
    dashboard: dashboard(dataSource, componentLoader),
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    branding,
    resources: [
      audit.resource(Account, accountOptions),
      people.myProfile,
      people.user,
      people.inbox,
      people.inboxMember,
      people.team,
      people.teamMember,
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
      auditDeliveryResource({ canRead: isAdministrator, navigation: chatSettings }),
    ],
    locale: {
      language: 'en',
      availableLanguages: ['en'],
      translations: {
        en: {
          labels: { AuditLog: 'Audit Logs', AuditDelivery: 'Audit Deliveries', AutomationRule: 'Automation Rules', InboxMember: 'Inbox Members', TeamMember: 'Team Members' },
          components: {
            Login: {
              welcomeHeader: 'MessageHub',
              welcomeMessage: 'Settings back office: agents, inboxes, teams, webhooks, automation rules. Every change is recorded in the audit log.',
            },
          },
          actions: auditHistoryActionLabels,
          resources: { ...auditLogTranslations, ...peopleTranslations, ...auditDeliveryTranslations },
        },
      },
    },
    settings: { defaultPerPage: 20 },
  };
  return new AdminJS(options);
}
