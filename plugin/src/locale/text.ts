// Plugin texts resolved on the server, for answers that no AdminJS page translates: the export
// route's plain-text replies, and messages whose `{{placeholders}}` AdminJS's stock notices and
// field errors would show unfilled (they pass no interpolation options). AdminJS 7 declares
// translate functions on its instance but never sets them on the server, so this reads the
// host's translations itself, in the order AdminJS's own translateMessage would, then the
// plugin's texts in the reader's language, then its English.
import type { LocaleTranslations } from 'adminjs';
import { auditLocaleEn } from './en.js';
import { auditLocaleFor } from './index.js';

export type TextValues = Record<string, unknown>;

/** The string at a dotted `path` of `translations`: AdminJS accepts nested objects and dotted flat keys alike; so does this. */
export function lookupText(translations: unknown, path: string): string | undefined {
  if (!translations || typeof translations !== 'object') return undefined;
  const source = translations as Record<string, unknown>;
  if (typeof source[path] === 'string') return source[path];
  for (let dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
    const found = lookupText(source[path.slice(0, dot)], path.slice(dot + 1));
    if (found !== undefined) return found;
  }
  return undefined;
}

/** `template` with its `{{name}}` placeholders filled from `values`; unknown ones stay as written. */
export function fill(template: string, values: TextValues): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/**
 * The first of `paths` found in the host's translations, else in the plugin's texts for
 * `language`, else in its English: a language at a time, each trying every path, as i18next
 * exhausts the reader's language before its fallback.
 */
function resolve(paths: string[], translations: LocaleTranslations | undefined, language: string): string | undefined {
  for (const source of [translations, auditLocaleFor(language), auditLocaleEn]) {
    for (const path of paths) {
      const found = lookupText(source, path);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * The text at `path` (e.g. `components.AuditLog.emptyValue`) with its placeholders filled: from
 * the host's translations for the reader's language when they have it, else the plugin's own
 * texts in `language` (an AdminJS language code such as `de` or `pt-BR`), else its English.
 * An unknown path comes back as given.
 */
export function auditText(path: string, values: TextValues = {}, translations?: LocaleTranslations, language = 'en'): string {
  return fill(resolve([path], translations, language) ?? path, values);
}

/**
 * `messages.<key>` like AdminJS's translateMessage (under `resources.<resourceId>` first): `key`
 * itself when it is no message key, so a reason that may be a key or already a sentence (a
 * ValidationError's message) can be passed on.
 */
export function auditMessage(key: string, values: TextValues = {}, translations?: LocaleTranslations, resourceId?: string, language = 'en'): string {
  const paths = [...(resourceId ? [`resources.${resourceId}.messages.${key}`] : []), `messages.${key}`];
  return fill(resolve(paths, translations, language) ?? key, values);
}

/** Whose texts a server-side message is read from: the host's for the reader's language, and that language. */
export interface ReaderTexts {
  translations?: LocaleTranslations;
  language?: string;
}

/** `messages.<key>` in the reader's language (English when `texts` is not given). */
export function readerMessage(texts: ReaderTexts | undefined, key: string, values?: TextValues): string {
  return auditMessage(key, values, texts?.translations, undefined, texts?.language);
}
