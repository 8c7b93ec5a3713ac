import AdminJS, { type AdminJSOptions } from 'adminjs';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import { dashboard } from './audit-log-viewer.js';
import { branding } from './branding.js';
import { peopleTranslations } from './people.js';

export const ADMIN_ROOT = '/admin';

export function buildAdmin(audit: AuditPlugin): AdminJS {
  const options: AdminJSOptions = {
    dashboard: dashboard(audit, audit.componentLoader),
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    branding,
    // Each audited entity's resources come from its one declaration (src/audit/audited-entities.ts).
    resources: audit.resources,
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
          resources: {
            ...peopleTranslations,
            AuditLog: {
              messages: {
                noRecordsInResource:
                  'No audit entries match. The log records sign-ins and sign-outs (and refused sign-ins), every change to users, inboxes, teams, webhooks, automation rules and account settings, membership changes, and exports of this log.',
              },
            },
          },
        },
      },
    },
    settings: { defaultPerPage: 20 },
  };
  return new AdminJS(audit.adminOptions(options));
}
