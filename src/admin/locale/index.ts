// Every text of the panel by language, for AdminJS's `locale.translations` and the audit plugin's
// sentences (createMessageHubAudit): AdminJS's own French (AdminJS ships the other four), the
// panel's texts, the fields' and values' names, and the audit sentences' texts. The plugin's
// viewer texts are merged in by audit.adminOptions().
//
// Parts are merged in order, later ones winning where two give the same key; they share none
// today (test/app/panel-translations.test.ts checks each language's texts survive the merge).
import type { LocaleTranslations } from 'adminjs';
import type { Language } from '../../domain/languages.js';
import { activityTexts } from './activities/index.js';
import { adminJsFr } from './adminjs-fr.js';
import { fieldTexts } from './fields/index.js';
import { mergeTexts } from './merge-texts.js';
import { panelTexts } from './panel/index.js';

/** What comes before the panel's texts: AdminJS's own interface, for the language it does not ship. */
const adminJsTexts: Record<Language, object[]> = {
  en: [],
  es: [],
  fr: [adminJsFr],
  de: [],
  'pt-BR': [],
};

/** For each language: AdminJS's own (French only), the panel's, the fields', the audit sentences'. */
const parts = (language: Language): object[] => [...adminJsTexts[language], panelTexts[language], fieldTexts[language], activityTexts[language]];

export const messageHubTranslations = Object.fromEntries(
  (Object.keys(adminJsTexts) as Language[]).map((language) => [language, mergeTexts(...parts(language)) as LocaleTranslations]),
) as Record<Language, LocaleTranslations>;
