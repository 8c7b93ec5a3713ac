// The audit log's texts in every language the panel offers, by language tag: give each to AdminJS's
// `locale.translations.<language>` (merged with the panel's other texts) and the plugin renders an
// entry's sentence, category and values in the reader's language (plugin/src/catalogue/sentence.ts).
// English has no `activities`: its templates are the catalogue's own (src/audit/activities.ts).
//
// The shape is checked when compiling: every category and value word of en.ts, no other, each a
// string; and a template for every action key and variant the compiler can name. The keys that
// lifecycle()/membership() generate have computed names the compiler cannot see, so
// test/app/activity-translations.test.ts checks every language against the catalogue itself,
// placeholders included.
import type { activities } from '../../../audit/activities.js';
import { activityTextsEn } from './en.js';
import { activityTextsEs } from './es.js';
import { activityTextsFr } from './fr.js';
import { activityTextsDe } from './de.js';
import { activityTextsPtBR } from './pt-BR.js';

/** `T` with every string leaf widened to `string` (nested objects keep exactly their keys). */
type DeepStringShape<T> = T extends string ? string : { [K in keyof T]: DeepStringShape<T[K]> };

type Catalogue = typeof activities;

/** The catalogue's action keys written out literally (the generated ones come in as `string`). */
type NamedActionKey = keyof { [K in keyof Catalogue as string extends K ? never : K]: Catalogue[K] };

/** `<action key>_<variant>` for every variant of a named action key: where the renderer looks for it. */
type VariantKey = {
  [K in NamedActionKey]: Catalogue[K] extends { variants: infer V } ? `${K & string}_${keyof V & string}` : never;
}[NamedActionKey];

/** What a language other than English gives: en.ts's words plus a template per action key and variant. */
export type ActivityTexts = DeepStringShape<typeof activityTextsEn> & {
  activities: Record<NamedActionKey | VariantKey, string> & Record<string, string>;
};

export const activityTexts = {
  en: activityTextsEn,
  es: activityTextsEs,
  fr: activityTextsFr,
  de: activityTextsDe,
  'pt-BR': activityTextsPtBR,
} satisfies { en: typeof activityTextsEn } & Record<string, DeepStringShape<typeof activityTextsEn>>;

/** A language the audit log's texts exist in. */
export type ActivityLanguage = keyof typeof activityTexts;
