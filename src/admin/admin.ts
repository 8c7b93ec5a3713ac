import AdminJS, { type AdminJSOptions, type CurrentAdmin } from 'adminjs';
import type { AuditPlugin } from '@hashtrail/adminjs-audit';
import type { DataSource } from 'typeorm';
import { dashboard } from './audit-log-viewer.js';
import { branding, panelAssets } from './branding.js';
import { overridePanelComponents } from './components/panel-overrides.js';
import { registerOneTimeSecretComponents } from './components/OneTimeSecretComponents.js';
import { registerApiTokensComponents } from './components/ApiTokensComponents.js';
import { registerWebhookComponents } from './components/WebhookComponents.js';
import { registerLanguageChoice } from './resources/language-action.js';
import { registerAccountSwitcher } from './resources/switch-account-action.js';
import { messageHubTranslations } from './locale/index.js';
import type { Language } from '../domain/languages.js';
import type { RetentionLimitsReader } from '../audit/retention-limits.js';
import { withRetentionHelp } from './resources/account-retention.js';

export const ADMIN_ROOT = '/admin';

/**
 * `readerLanguage` is the signed-in user's language (theirs, else the account's; the account's on
 * the sign-in page). Each page is rendered in it: AdminJS's own texts, the panel's and the audit
 * log's. Only that language is offered, so AdminJS shows no language switch of its own (one that
 * would change the page but not the user's choice): users choose on My profile → Language.
 * `retentionLimits` fills in the figures of Account settings' retention help (the plugin reads
 * these texts at every request: give it a reader that does not query each time).
 */
export function buildAdmin(
  audit: AuditPlugin,
  dataSource: DataSource,
  readerLanguage: (admin: CurrentAdmin | undefined) => Promise<Language>,
  retentionLimits: RetentionLimitsReader,
): AdminJS {
  overridePanelComponents(audit.componentLoader);
  registerOneTimeSecretComponents(audit.componentLoader);
  registerWebhookComponents(audit.componentLoader);
  registerLanguageChoice(audit.componentLoader);
  registerApiTokensComponents(audit.componentLoader);
  registerAccountSwitcher(audit.componentLoader);
  const options: AdminJSOptions = {
    dashboard: dashboard(audit, audit.componentLoader, dataSource),
    rootPath: ADMIN_ROOT,
    loginPath: `${ADMIN_ROOT}/login`,
    logoutPath: `${ADMIN_ROOT}/logout`,
    branding,
    assets: panelAssets,
    // Each audited entity's resources come from its one declaration (src/audit/audited-entities.ts).
    resources: audit.resources,
    locale: async (admin?: CurrentAdmin) => {
      const [language, limits] = await Promise.all([readerLanguage(admin), retentionLimits()]);
      return { language, availableLanguages: [language], translations: { [language]: withRetentionHelp(messageHubTranslations[language], language, limits) } };
    },
    settings: { defaultPerPage: 20 },
  };
  return new AdminJS(audit.adminOptions(options));
}
