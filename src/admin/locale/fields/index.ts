// The name of every field of every panel resource, and the words for the values AdminJS shows as
// badges, by language. The audit log names changed fields with the same keys
// (`resources.<id>.properties.<field>`, plugin/src/catalogue/sentence.ts), so a field without one
// would show as its name in English words ("Support Email") whatever the reader's language.
//
// en.ts has every key; each other language is typed against it, so a key missing there (or one
// English does not have) fails to compile. test/app/panel-translations.test.ts checks the rest:
// that every entity column has an English name, and that no text is empty.
import type { Language } from '../../../domain/languages.js';
import { fieldTextsDe } from './de.js';
import { fieldTextsEn } from './en.js';
import { fieldTextsEs } from './es.js';
import { fieldTextsFr } from './fr.js';
import { fieldTextsPtBR } from './pt-BR.js';

/** `T` with every string leaf widened to `string` (nested objects keep exactly their keys). */
export type DeepStringShape<T> = T extends string ? string : { [K in keyof T]: DeepStringShape<T[K]> };

/** What a language other than English gives: en.ts's keys, each a text. */
export type FieldTexts = DeepStringShape<typeof fieldTextsEn>;

export const fieldTexts = {
  en: fieldTextsEn,
  es: fieldTextsEs,
  fr: fieldTextsFr,
  de: fieldTextsDe,
  'pt-BR': fieldTextsPtBR,
} satisfies Record<Language, FieldTexts>;
