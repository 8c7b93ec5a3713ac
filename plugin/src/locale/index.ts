// The languages the plugin ships its texts in, and which of them serves a host's language tag.
// adminOptions() merges these under the host's translations, and the server-side texts
// (text.ts) fall back to them, so a panel in one of these languages needs no plugin keys of its own.
import { auditLocaleDe } from './de.js';
import { auditLocaleEn } from './en.js';
import { auditLocaleEs } from './es.js';
import { auditLocaleFr } from './fr.js';
import { auditLocalePtBR } from './pt-BR.js';
import type { AuditTranslation } from './shape.js';

export { auditLocaleDe, auditLocaleEn, auditLocaleEs, auditLocaleFr, auditLocalePtBR };
export type { AuditTranslation, DeepStringShape } from './shape.js';

/** The plugin's texts by AdminJS language code (the codes AdminJS's own locales use). */
export const auditLocales = {
  en: auditLocaleEn,
  es: auditLocaleEs,
  fr: auditLocaleFr,
  de: auditLocaleDe,
  'pt-BR': auditLocalePtBR,
} as const satisfies Record<string, AuditTranslation>;

export type AuditLocaleLanguage = keyof typeof auditLocales;

const shipped = Object.keys(auditLocales) as AuditLocaleLanguage[];
const primary = (tag: string) => tag.split(/[-_]/)[0]!.toLowerCase();

/**
 * The shipped language serving `language`: the same tag (any letter case), else the same primary
 * language (`de-AT` reads German, `pt-PT` the Brazilian texts), else undefined (the caller falls
 * back to English).
 */
export function auditLanguageFor(language: string): AuditLocaleLanguage | undefined {
  const wanted = language.replace(/_/g, '-').toLowerCase();
  return shipped.find((tag) => tag.toLowerCase() === wanted) ?? shipped.find((tag) => primary(tag) === primary(wanted));
}

/** The plugin's texts for `language` (see auditLanguageFor), or undefined when none serves it. */
export function auditLocaleFor(language: string): AuditTranslation | undefined {
  const found = auditLanguageFor(language);
  return found && auditLocales[found];
}
