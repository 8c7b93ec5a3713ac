// The panel's own texts (menu, headings, actions, notices, dialogs) by language. English is what
// the panel assembles from its parts: en.ts (people.ts spread in, and My profile's API tokens page
// from components/ApiTokensComponents.ts) and webhook-translations.ts, keyed by resource id like
// people.ts, hence under `resources`. Each other language is one object typed against that whole,
// so a text added to any English part and not translated fails to compile;
// test/app/panel-translations.test.ts checks placeholders and markup.
import type { Language } from '../../../domain/languages.js';
import { webhookTranslations } from '../../webhook-translations.js';
import { messageHubLocaleEn } from '../en.js';
import type { DeepStringShape } from '../fields/index.js';
import { mergeTexts } from '../merge-texts.js';
import { panelTextsDe } from './de.js';
import { panelTextsEs } from './es.js';
import { panelTextsFr } from './fr.js';
import { panelTextsPtBR } from './pt-BR.js';

/** `A` and `B` merged key by key, as mergeTexts merges them: nested objects merged, `B` winning. */
type Merged<A, B> = A extends string
  ? B
  : B extends string
    ? B
    : { [K in keyof A | keyof B]: K extends keyof B ? (K extends keyof A ? Merged<A[K], B[K]> : B[K]) : K extends keyof A ? A[K] : never };

/** The English panel texts' type: every key of every English part. */
export type PanelTextsEn = Merged<typeof messageHubLocaleEn, { resources: typeof webhookTranslations }>;

/** What a language other than English gives: every English key, each a text. */
export type PanelTexts = DeepStringShape<PanelTextsEn>;

/** Every English panel text, as the panel shows them. */
export const panelTextsEn = mergeTexts(messageHubLocaleEn, { resources: webhookTranslations }) as PanelTextsEn;

export const panelTexts = {
  en: panelTextsEn,
  es: panelTextsEs,
  fr: panelTextsFr,
  de: panelTextsDe,
  'pt-BR': panelTextsPtBR,
} satisfies Record<Language, PanelTexts>;
