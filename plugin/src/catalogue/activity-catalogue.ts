// The app's activity catalogue is data handed to the plugin: action key -> category, the English
// sentence template and the parameters it needs. The plugin looks activities up here and refuses
// keys the catalogue does not define. Other languages' templates live in the host's translations
// (catalogue/sentence.ts).
import type { ChangeSet } from '../entity/AuditLog.js';
import type { SentenceParams } from './sentence.js';

/** What a sentence may say: names are snapshots taken when the entry is written. */
export interface SentenceInput {
  actorName: string;
  actorId: string | null;
  targetLabel: string | null;
  targetId: string | null;
  changes: ChangeSet | null;
  details: Record<string, unknown>;
}

export interface ActivityDefinition {
  category: string;
  /**
   * The Activity column's sentence. A template (`'{{actor}} created inbox "{{target}}"'`) is the
   * English one: entries keep `params` and are rendered when read, in the reader's language, from
   * `activities.<key>` in your translations. Values: `actor`, `target` (label, or #id), `targetId`,
   * every plain value of `details`, and what `params` returns.
   * A function (0.2) runs when the entry is written and its English result is kept as it is:
   * such entries cannot be translated.
   */
  sentence: string | ((input: SentenceInput) => string);
  /**
   * The values the templates need beyond the entry's own (see SentenceParam: plain values, lists,
   * `{ fields }` rendered as the form's labels, `{ field, value }` as AdminJS labels a value;
   * `variant` picks the `<key>_<variant>` template). Runs when the entry is written; stored and hashed.
   */
  params?: (input: SentenceInput) => SentenceParams;
  /** English templates of the variants `params` may pick (`{ own: '{{actor}} changed their own availability' }`). */
  variants?: Readonly<Record<string, string>>;
  /** When the entry is written, in a phrase, for the host's documentation. Never read at run time. */
  when?: string;
}

export type ActivityCatalogue = Readonly<Record<string, ActivityDefinition>>;

const ACTION_KEY = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Checks the catalogue once, up front, so a typo fails at start-up rather than at the first entry. */
export function defineActivities<T extends Record<string, ActivityDefinition>>(catalogue: T): T {
  for (const [key, definition] of Object.entries(catalogue)) {
    if (!ACTION_KEY.test(key)) throw new Error(`Audit catalogue: "${key}" is not an action key like "inbox.created"`);
    if (!definition.category) throw new Error(`Audit catalogue: "${key}" has no category`);
    if (typeof definition.sentence !== 'function' && (typeof definition.sentence !== 'string' || !definition.sentence.trim())) {
      throw new Error(`Audit catalogue: "${key}" has no sentence (a template string, or a function)`);
    }
    if (definition.params !== undefined && typeof definition.params !== 'function') throw new Error(`Audit catalogue: "${key}" has params that are not a function`);
    if (definition.when !== undefined && (typeof definition.when !== 'string' || !definition.when.trim())) {
      throw new Error(`Audit catalogue: "${key}" has a "when" that is not a non-empty string`);
    }
  }
  return Object.freeze(catalogue);
}

export function activityOf(catalogue: ActivityCatalogue, key: string): ActivityDefinition {
  const definition = catalogue[key];
  if (!definition) throw new Error(`Audit catalogue has no activity "${key}"`);
  return definition;
}

/** The catalogue's English template of an action key, or of one of its variants. */
export function englishTemplateOf(catalogue: ActivityCatalogue): (action: string, variant?: string) => string | undefined {
  return (action, variant) => {
    const definition = catalogue[action];
    if (!definition) return undefined;
    if (variant !== undefined) return definition.variants?.[variant];
    return typeof definition.sentence === 'string' ? definition.sentence : undefined;
  };
}
