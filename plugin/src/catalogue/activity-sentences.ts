// Which language a sentence is rendered in, and with which texts: the account's language for the
// stored search text, the reader's for every page, export and dashboard.
import type { CurrentAdmin, LocaleTranslations } from 'adminjs';
import type { EntityManager } from 'typeorm';
import { activityOf, englishTemplateOf, type ActivityCatalogue, type SentenceInput } from './activity-catalogue.js';
import { fieldLabel, renderCategory, renderSentence, type RenderableEntry, type SentenceContext } from './sentence.js';
import type { ReaderTexts } from '../adminjs/viewer/rendered-sentences.js';

export interface ActivitySentencesOptions {
  /** Your translations by language, as you give them to AdminJS's `locale.translations`. */
  translations?: Record<string, LocaleTranslations>;
  /** The account's language: what the search box matches, and the reader's when no other is known. Default 'en'. */
  language?: (manager: EntityManager) => string | Promise<string>;
  /** A signed-in admin's own language (their profile's choice), when they have one. */
  languageOf?: (admin: CurrentAdmin | undefined) => string | null | undefined;
}

export class ActivitySentences {
  private readonly englishTemplate: SentenceContext['englishTemplate'];

  constructor(
    catalogue: ActivityCatalogue,
    private readonly options: ActivitySentencesOptions,
    private readonly resourceOf: (targetType: string | null) => string | undefined,
    /** Where readers' requests read the account's language. */
    private readonly manager: EntityManager,
  ) {
    this.englishTemplate = englishTemplateOf(catalogue);
  }

  async accountLanguage(manager: EntityManager = this.manager): Promise<string> {
    return (await this.options.language?.(manager)) || 'en';
  }

  /** The admin's own language, else the account's. */
  async languageOf(admin: CurrentAdmin | undefined): Promise<string> {
    return this.options.languageOf?.(admin) || this.accountLanguage();
  }

  context(language: string): SentenceContext {
    return { language, translations: this.options.translations ?? {}, englishTemplate: this.englishTemplate, resourceOf: this.resourceOf };
  }

  /** Renders entries in `admin`'s language: sentences, category names, field labels. */
  async forReader(admin: CurrentAdmin | undefined): Promise<ReaderTexts> {
    const context = this.context(await this.languageOf(admin));
    return {
      sentence: (entry) => renderSentence(entry, context),
      category: (category) => renderCategory(category, context),
      field: (targetType, field) => fieldLabel(context, this.resourceOf(targetType), field),
    };
  }
}

/**
 * The sentence an activity would have for `input`, in `language` (default English): what the
 * writer keeps and a reader would see, for documentation and tests.
 */
export function renderActivity(
  catalogue: ActivityCatalogue,
  action: string,
  input: SentenceInput,
  options: { language?: string; translations?: Record<string, LocaleTranslations>; resourceOf?: (targetType: string | null) => string | undefined } = {},
): string {
  const definition = activityOf(catalogue, action);
  if (typeof definition.sentence === 'function') return definition.sentence(input);
  const context: SentenceContext = {
    language: options.language ?? 'en',
    translations: options.translations ?? {},
    englishTemplate: englishTemplateOf(catalogue),
    resourceOf: options.resourceOf ?? (() => undefined),
  };
  const entry: RenderableEntry = { action, targetType: null, ...input, params: definition.params?.(input) ?? {}, sentence: '' };
  return renderSentence(entry, context);
}
