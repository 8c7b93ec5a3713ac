// Every language the plugin ships says everything the English says: the same keys (none missing,
// none left over), the same {{placeholders}} per key, no empty text. The type of each translation
// already refuses a missing key at compile time; this also catches placeholders, empty strings and
// a translation typed loosely. Then: which texts each language's panel and server answers get.
import type AdminJS from 'adminjs';
import { ComponentLoader, type AdminJSOptions } from 'adminjs';
import { withPluginAdminOptions } from '../../plugin/src/adminjs/admin-options.js';
import { adminRequestChecks, problemOfParam, pagingOf, refuseCrossSite } from '../../plugin/src/express/request-checks.js';
import { auditLanguageFor, auditLocales, auditLocaleEn, type AuditLocaleLanguage } from '../../plugin/src/locale/index.js';
import { readerTexts } from '../../plugin/src/locale/reader.js';
import { auditMessage, auditText } from '../../plugin/src/locale/text.js';

/** Every text of a locale tree as [dotted key, text]. */
function strings(tree: unknown, at = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[at, tree]];
  if (!tree || typeof tree !== 'object') return [[at, `<not a text: ${JSON.stringify(tree)}>`]];
  return Object.entries(tree).flatMap(([key, value]) => strings(value, at ? `${at}.${key}` : key));
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))].sort();

const english = new Map(strings(auditLocaleEn));
const languages = Object.keys(auditLocales) as AuditLocaleLanguage[];
const translations = languages.filter((language) => language !== 'en');

describe('the languages the plugin ships', () => {
  it('are English, Spanish, French, German and Brazilian Portuguese', () => {
    expect(languages.sort()).toEqual(['de', 'en', 'es', 'fr', 'pt-BR']);
    expect(auditLocales.en).toBe(auditLocaleEn);
  });

  it.each(translations)('%s has exactly the English keys', (language) => {
    const keys = new Set(strings(auditLocales[language]).map(([key]) => key));
    expect({ missing: [...english.keys()].filter((key) => !keys.has(key)), extra: [...keys].filter((key) => !english.has(key)) }).toEqual({ missing: [], extra: [] });
  });

  it.each(translations)('%s keeps the placeholders of every text', (language) => {
    const mismatched = strings(auditLocales[language])
      .filter(([key, text]) => english.has(key) && placeholders(text).join() !== placeholders(english.get(key)!).join())
      .map(([key, text]) => `${key}: ${text}`);
    expect(mismatched).toEqual([]);
  });

  it.each(languages)('%s has no empty text', (language) => {
    expect(strings(auditLocales[language]).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each([
    ['es', 'es-ES'],
    ['fr', 'fr-FR'],
    ['de', 'de-DE'],
    ['pt-BR', 'pt-BR'],
  ] as const)('%s writes dates and numbers as %s', (language, tag) => {
    expect(auditLocales[language].components.AuditLog.intlLocale).toBe(tag);
    expect(Intl.DateTimeFormat.supportedLocalesOf([tag])).toEqual([tag]);
  });

  it('serves regional tags from the same language, and nothing for one it does not ship', () => {
    expect(['de-AT', 'fr-CA', 'es-MX', 'pt', 'pt-br', 'PT_BR', 'en-US'].map(auditLanguageFor)).toEqual(['de', 'fr', 'es', 'pt-BR', 'pt-BR', 'pt-BR', 'en']);
    expect(auditLanguageFor('it')).toBeUndefined();
  });
});

describe('audit.adminOptions() merges the plugin texts per language', () => {
  const plugin = { componentLoader: new ComponentLoader(), register: () => undefined, defaults: auditLocaleEn };
  type Locale = Exclude<NonNullable<AdminJSOptions['locale']>, (...args: never[]) => unknown>;
  const localeOf = (options: AdminJSOptions) => options.locale as Locale;

  it("puts each shipped language's texts under the host's, English under the others", () => {
    const merged = withPluginAdminOptions(
      {
        locale: {
          language: 'de',
          availableLanguages: ['de', 'fr', 'it'],
          translations: { de: { labels: { AuditLog: 'Prüfprotokoll', Inbox: 'Posteingänge' } } },
        },
      },
      plugin,
    );
    const { translations, availableLanguages } = localeOf(merged);
    expect(availableLanguages).toEqual(['de', 'fr', 'it']);
    // The host's keys win, its own keys stay, the plugin's German fills the rest.
    expect(translations!.de!.labels).toEqual({ AuditLog: 'Prüfprotokoll', AuditDelivery: auditLocales.de.labels.AuditDelivery, Inbox: 'Posteingänge' });
    expect(translations!.de!.components).toEqual(auditLocales.de.components);
    expect(translations!.fr).toEqual(auditLocales.fr);
    // Italian is not shipped: English until the host translates it.
    expect(translations!.it).toEqual(auditLocaleEn);
    expect(translations!.en).toBeUndefined();
  });

  it('does the same under a per-admin locale function', async () => {
    const merged = withPluginAdminOptions({ locale: async () => ({ language: 'pt-BR', availableLanguages: ['pt-BR', 'en'] }) }, plugin);
    const locale = await (merged.locale as (admin?: unknown) => Promise<Locale>)();
    expect(locale.translations!['pt-BR']).toEqual(auditLocales['pt-BR']);
    expect(locale.translations!.en).toEqual(auditLocaleEn);
  });
});

describe('texts resolved on the server in the reader language', () => {
  it("use the plugin's texts for the language when the host has none", () => {
    expect(auditMessage('auditRecordGone', { resource: 'Inbox', id: 7 }, undefined, undefined, 'de')).toBe('Inbox #7 existiert nicht mehr.');
    expect(auditText('components.AuditLog.justNow', {}, {}, 'fr')).toBe(auditLocales.fr.components.AuditLog.justNow);
    expect(auditText('components.AuditLog.justNow', {}, undefined, 'es-MX')).toBe(auditLocales.es.components.AuditLog.justNow);
  });

  it("prefer the host's text, also one under the resource, to the plugin's", () => {
    const host = { resources: { AuditLog: { messages: { auditExportForbidden: 'Nein.' } } }, messages: { auditNotADate: 'kein Datum!' } };
    expect(auditMessage('auditExportForbidden', {}, host, 'AuditLog', 'de')).toBe('Nein.');
    expect(auditMessage('auditNotADate', {}, host, undefined, 'de')).toBe('kein Datum!');
  });

  it('default to English, and fall back to it for a language the plugin does not ship', () => {
    expect(auditMessage('auditNoSuchAddress')).toBe('No such address.');
    expect(auditMessage('auditNoSuchAddress', {}, undefined, undefined, 'it')).toBe('No such address.');
  });

  it("read the reader's language from the options: per-admin function, Accept-Language under localeDetection", async () => {
    const admin = { email: 'a@b.c', locale: 'fr' };
    expect(await readerTexts(async (who) => ({ language: String(who?.locale), translations: {} }), admin)).toEqual({ language: 'fr', translations: undefined });
    const negotiation = (accepted: string) => ({ acceptsLanguages: (...offered: string[]) => (offered.includes(accepted) ? accepted : false) });
    const detecting = { language: 'en', availableLanguages: ['en', 'es'], localeDetection: true };
    expect(readerTexts(detecting, admin, negotiation('es'))).toEqual({ language: 'es', translations: undefined });
    expect(readerTexts(detecting, admin, negotiation('ja'))).toEqual({ language: 'en', translations: undefined });
    // Without localeDetection the panel's language holds, whatever the browser prefers.
    expect(readerTexts({ language: 'de' }, admin, negotiation('es'))).toEqual({ language: 'de', translations: undefined });
    // A failing locale function costs the wording, not the answer.
    expect(await readerTexts(async () => Promise.reject(new Error('down')), admin)).toEqual({});
  });
});

describe('request checks', () => {
  it('say in English what they said before they became locale keys', () => {
    expect(problemOfParam('a\0b', '1', 'query')).toBe('A query parameter name contains a NUL byte.');
    expect(problemOfParam('constructor.x', '1', 'form')).toBe('The form parameter "constructor.x" names __proto__, constructor or prototype: not accepted.');
    expect(problemOfParam('x', 'a\0', 'query')).toBe('The query parameter "x" contains a NUL byte.');
    expect(problemOfParam('a.'.repeat(20) + 'b', '1', 'form')).toMatch(/^The form parameter ".*" is nested more than 12 levels deep\.$/);
    expect(pagingOf({ page: '-5' }, 100)).toEqual({ problem: 'The page is a whole number from 1 to 1000000, not "-5".' });
    expect(pagingOf({ perPage: '0' }, 100)).toEqual({ problem: 'perPage is a whole number from 1 to 100, not "0".' });
  });

  it("answer in the reader's language when given its texts", () => {
    expect(problemOfParam('a\0b', '1', 'form', { language: 'de' })).toBe(auditLocales.de.messages.auditFormParamNameNul);
    expect(pagingOf({ perPage: 'x' }, 50, { language: 'fr' })).toEqual({ problem: 'perPage est un nombre entier de 1 à 50, pas "x".' });
    expect(problemOfParam('x', 'a\0', 'query', { language: 'pt-BR', translations: { messages: { auditQueryParamValueNul: 'Host: {{name}}' } } })).toBe('Host: "x"');
  });

  it("answer the signed-in admin in the panel's language, or in the one their locale function gives them", async () => {
    // Only what the middleware reads of AdminJS, the request and the response: no resource exists.
    const answer = async (locale: AdminJSOptions['locale']) => {
      const admin = { options: { locale }, findResource: () => { throw new Error('no such resource'); } } as unknown as AdminJS;
      const req = { path: '/api/resources/Nope/actions/list', method: 'GET', query: {}, session: { adminUser: { email: 'a@b.c', lang: 'de' } }, acceptsLanguages: () => false };
      const sent = new Promise<{ status: number; body: { notice: { message: string } } }>((resolve) => {
        const res = { statusCode: 200, status: (code: number) => ((res.statusCode = code), res), json: (body: { notice: { message: string } }) => resolve({ status: res.statusCode, body }) };
        (adminRequestChecks(admin, { perPageMax: 10 }) as unknown as (q: typeof req, s: typeof res, n: () => void) => void)(req, res, () => undefined);
      });
      return sent.then(({ status, body }) => [status, body.notice.message]);
    };
    expect(await answer({ language: 'en' })).toEqual([404, 'There is no resource "Nope".']);
    expect(await answer({ language: 'fr' })).toEqual([404, 'La ressource "Nope" n’existe pas.']);
    expect(await answer(async (who) => ({ language: String(who?.lang) }))).toEqual([404, 'Es gibt keine Ressource "Nope".']);
  });

  it('refuse cross-site requests in the reader\'s language, English by default', async () => {
    const refusal = async (handler: ReturnType<typeof refuseCrossSite>) => {
      let sent: unknown;
      const res = { status: () => res, type: () => res, send: (body: unknown) => void (sent = body) };
      const req = { get: (name: string) => (name === 'sec-fetch-site' ? 'cross-site' : undefined), host: 'admin.test' };
      // Only the handler's own use of req/res is stubbed: no Express app is needed to see what it sends.
      await (handler as unknown as (q: typeof req, s: typeof res, n: () => void) => Promise<void>)(req, res, () => undefined);
      return sent;
    };
    expect(await refusal(refuseCrossSite())).toBe('Refused: this address only answers requests from the admin panel itself.');
    expect(await refusal(refuseCrossSite(() => ({ language: 'de' })))).toBe(auditLocales.de.messages.auditCrossSiteRefused);
  });
});
