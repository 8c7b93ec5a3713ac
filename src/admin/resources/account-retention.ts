// Account settings → Audit log retention (days): the field, its help text with this deployment's
// figures, and the check of a newly chosen period. The check is here rather than in the entity's
// rules because its shortest period is the database's floor, read from the database.
import { ValidationError, type ActionContext, type ActionRequest, type CurrentAdmin, type LocaleTranslations, type PropertyOptions } from 'adminjs';
import type { Language } from '../../domain/languages.js';
import { retentionDaysProblem, type RetentionDaysProblem, type RetentionLimits, type RetentionLimitsReader } from '../../audit/retention-limits.js';
import { fillPlaceholders } from '../locale/fill-placeholders.js';
import { panelTexts, type PanelTextsEn } from '../locale/panel/index.js';

export const RETENTION_FIELD = 'auditRetentionDays';

type AccountMessage = keyof PanelTextsEn['resources']['Account']['messages'];

const HELP: AccountMessage = 'auditRetentionDaysHelp';

const PROBLEM_MESSAGES: Record<RetentionDaysProblem, AccountMessage> = {
  notWholeNumber: 'auditRetentionDaysNotWholeNumber',
  tooShort: 'auditRetentionDaysTooShort',
  tooLong: 'auditRetentionDaysTooLong',
};

export interface AccountRetentionDeps {
  retentionLimits: RetentionLimitsReader;
  /** The language a page is shown in (reader-language.ts): the refusal is written in it. */
  readerLanguage: (admin: CurrentAdmin | undefined) => Promise<Language>;
}

/** The form shows the help text (a key of the Account messages) next to the field's label. */
export const retentionDaysProperty: PropertyOptions = {
  type: 'number',
  description: HELP,
  isVisible: { list: false, filter: false, show: true, edit: true },
};

function accountMessage(language: Language, key: AccountMessage, limits: RetentionLimits): string {
  return fillPlaceholders(panelTexts[language].resources.Account.messages[key], limits);
}

/**
 * `translations` with the retention help's figures filled in: AdminJS shows a property's help
 * without values for its placeholders. For the `locale` option, so each page has today's floor.
 */
export function withRetentionHelp(translations: LocaleTranslations, language: Language, limits: RetentionLimits): LocaleTranslations {
  const account = translations.resources?.Account ?? {};
  const messages = (account.messages ?? {}) as Record<string, unknown>;
  return {
    ...translations,
    resources: { ...translations.resources, Account: { ...account, messages: { ...messages, [HELP]: accountMessage(language, HELP, limits) } } },
  };
}

/** The form's value: null for an empty field (the deployment default), else a number (NaN when it is no whole number). */
function sentDays(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  if (text === '') return null;
  return /^\d+$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The edit action's check: a period the database's floor or AUDIT_RETENTION_MAX_DAYS does not allow
 * is refused next to the field, before anything is saved. Only a changed value is checked: a period
 * chosen before the floor was lengthened does not block saving the other settings (the purge uses
 * the floor for it, and says so). An empty field is sent on as null: the deployment default.
 */
export function checkRetentionDays(deps: AccountRetentionDeps) {
  return async (request: ActionRequest, context: ActionContext): Promise<ActionRequest> => {
    if (request.method !== 'post' || !request.payload || !Object.hasOwn(request.payload, RETENTION_FIELD)) return request;
    const days = sentDays(request.payload[RETENTION_FIELD]);
    const accepted = { ...request, payload: { ...request.payload, [RETENTION_FIELD]: days } };
    const stored = context.record?.params[RETENTION_FIELD];
    if (days === null || (stored !== null && stored !== undefined && days === Number(stored))) return accepted;
    const limits = await deps.retentionLimits();
    const problem = retentionDaysProblem(days, limits);
    if (problem === null) return accepted;
    const message = accountMessage(await deps.readerLanguage(context.currentAdmin), PROBLEM_MESSAGES[problem], limits);
    // The refusal answers with context.record: it carries what was typed, so the form keeps it.
    context.record?.storeParams(request.payload);
    throw new ValidationError({ [RETENTION_FIELD]: { message, type: problem } });
  };
}
