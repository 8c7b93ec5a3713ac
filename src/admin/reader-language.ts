// The language a page is shown in: the signed-in user's choice (My profile → Language), else their
// current account's, else English.
import type { CurrentAdmin } from 'adminjs';
import type { DataSource } from 'typeorm';
import { AccountLanguage } from '../audit/account-language.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../domain/languages.js';
import { currentAccountOf, type SessionUser } from './access.js';

export function readerLanguageOf(dataSource: DataSource): (admin: CurrentAdmin | undefined) => Promise<Language> {
  return async (admin) => {
    const own = (admin as SessionUser | undefined)?.locale;
    if (isLanguage(own)) return own;
    const account = await AccountLanguage.of(dataSource).forAccount(dataSource.manager, currentAccountOf(admin));
    return isLanguage(account) ? account : DEFAULT_LANGUAGE;
  };
}
