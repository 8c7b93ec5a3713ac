import AdminJS, { type AdminJSOptions } from 'adminjs';
import type { AuditPlugin } from '../../plugin/index.js';
import { auditLogTranslations } from '../../plugin/index.js';
import { Account, AutomationRule, Inbox, InboxMember, Team, TeamMember, User, Webhook } from '../entities/index.js';
import { isAdministrator } from './access.js';
import { branding } from './branding.js';
import { chatSettings } from './navigation.js';
import { accountOptions } from './resources/account.js';
import { automationRuleOptions } from './resources/automation-rules.js';
import { inboxMemberOptions, inboxOptions } from './resources/inboxes.js';
import { teamMemberOptions, teamOptions } from './resources/teams.js';
import { userOptions } from './resources/users.js';
import { webhookOptions } from './resources/webhooks.js';

export const ADMIN_ROOT = '/admin';

export function buildAdmin(audit: AuditPlugin): AdminJS {
  const options: AdminJSOptions = {
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    branding,
    resources: [
      audit.resource(Account, accountOptions),
      audit.resource(User, userOptions),
      audit.resource(Inbox, inboxOptions),
      audit.resource(InboxMember, inboxMemberOptions),
      audit.resource(Team, teamOptions),
      audit.resource(TeamMember, teamMemberOptions),
      audit.resource(Webhook, webhookOptions),
      audit.resource(AutomationRule, automationRuleOptions),
      audit.auditLogResource({ canRead: isAdministrator, navigation: chatSettings, actorResourceId: 'User' }),
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
          resources: auditLogTranslations,
        },
      },
    },
    settings: { defaultPerPage: 20 },
  };
  return new AdminJS(options);
}
