// Which language a server-side answer is written in. AdminJS picks the panel's language in the
// browser, so the server can only follow what the options say: the language the host's
// per-admin locale function gives the signed-in admin, or the panel's default language; with
// `localeDetection` on (the browser picks from its own languages), the best of the panel's
// languages for the request's Accept-Language, the closest the server gets to that choice.
import type { AdminJSOptions, CurrentAdmin } from 'adminjs';
import type { ReaderTexts } from './text.js';

type LocaleOption = AdminJSOptions['locale'];
type Locale = Exclude<NonNullable<LocaleOption>, (...args: never[]) => unknown>;

/** What readerTexts needs of a request (Express's req has it). */
export interface LanguageNegotiation {
  acceptsLanguages(...languages: string[]): string | false;
}

function textsOf(locale: Locale | undefined, request?: LanguageNegotiation): ReaderTexts {
  if (!locale) return {};
  let language = locale.language ?? 'en';
  if (locale.localeDetection && request) {
    // The default language first: with no Accept-Language header, that is what negotiation returns.
    const offered = [language, ...(locale.availableLanguages ?? []).filter((other) => other !== language)];
    language = request.acceptsLanguages(...offered) || language;
  }
  return { language, translations: locale.translations?.[language] };
}

/** The panel's default language and its texts, for answers with no reader at hand (English under a locale function). */
export function panelTexts(locale: LocaleOption): ReaderTexts {
  return typeof locale === 'function' ? {} : textsOf(locale);
}

/**
 * The texts of the admin reading this answer. Synchronous unless the host's locale is a
 * function, which may look the admin's language up; if that fails, the answer is still sent,
 * in English, rather than failing the request over its wording.
 */
export function readerTexts(locale: LocaleOption, admin: CurrentAdmin | undefined, request?: LanguageNegotiation): ReaderTexts | Promise<ReaderTexts> {
  if (typeof locale !== 'function') return textsOf(locale, request);
  return Promise.resolve()
    .then(() => locale(admin))
    .then((resolved) => textsOf(resolved, request), () => ({}));
}
