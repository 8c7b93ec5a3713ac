// The app's activity catalogue is data handed to the plugin: action key -> category and sentence.
// The plugin looks activities up here and refuses keys the catalogue does not define.
import type { ChangeSet } from '../entity/AuditLog.js';

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
  /** One line for the Activity column. Runs when the entry is written; its result is stored. */
  sentence: (input: SentenceInput) => string;
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
    if (typeof definition.sentence !== 'function') throw new Error(`Audit catalogue: "${key}" has no sentence builder`);
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
