// The Activity column's sentence, rendered when an entry is read, in the reader's language.
//
// An entry stores its action key and the values its sentence needs (the actor's and target's
// names, the changes, the details, and the catalogue's `params`); the sentence itself is a
// template looked up by action key in the host's translations for the language:
//
//   translations.<language>.activities.<action key>            '{{actor}} created inbox "{{target}}"'
//   translations.<language>.activities.<action key>_<variant>  when params.variant is set
//   translations.<language>.resources.AuditLog.labels.category.<category>   a category's name
//                                                           (where AdminJS looks for the filter's labels)
//
// falling back to the base language (pt-BR -> pt), then to the catalogue's English template,
// then to the sentence stored with the entry (entries written before chain format 2 have only
// that). Field names are the labels the host's forms use: `resources.<ResourceId>.properties.<field>`,
// then `properties.<field>`, then the name in words; a field's value as a sentence says it
// (lower case, mid-sentence): `activityValues.<field>.<value>`, then the value.
import type { LocaleTranslations } from 'adminjs';
import type { ChangeSet } from '../entity/AuditLog.js';
import { fill, lookupText } from '../locale/text.js';

/** Names the fields of the target's resource, translated: rendered as a list in the reader's language. */
export interface FieldsParam {
  fields: string[];
}

/** A value a sentence names (a role, an availability), translated from `activityValues.<field>.<value>`. */
export interface FieldValueParam {
  field: string;
  value: string | number | boolean | null;
}

/** What a sentence's template may use from `params`: plain values, lists, field names, field values. */
export type SentenceParam = string | number | boolean | null | string[] | FieldsParam | FieldValueParam;

/** The parameters stored with an entry (undefined ones are not stored); `variant` picks the `<key>_<variant>` template. */
export type SentenceParams = { [name: string]: SentenceParam | undefined; variant?: string };

/** What rendering reads from an entry. */
export interface RenderableEntry {
  action: string;
  actorName: string;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  changes?: ChangeSet | null;
  details: Record<string, unknown> | null;
  params: Record<string, unknown> | null;
  /** The stored sentence: what shows when no template renders the entry. */
  sentence: string;
}

export interface SentenceContext {
  /** The reader's language (`en`, `pt-BR`). */
  language: string;
  /** The host's translations by language (what it gives AdminJS's `locale.translations`). */
  translations: Record<string, LocaleTranslations | undefined>;
  /** The catalogue's English template of an action key (or of its variant), when it has one. */
  englishTemplate: (action: string, variant?: string) => string | undefined;
  /** The AdminJS resource id of a target type, for field labels. */
  resourceOf: (targetType: string | null) => string | undefined;
}

/** The reader's language, its base language, then English: where texts are looked for, in order. */
export function languageChain(language: string): string[] {
  const base = language.split('-')[0]!;
  return [...new Set([language, base, 'en'])];
}

/**
 * Texts already looked up for a context, by their paths: an export renders 100,000 sentences with
 * one context, and looking each template up again (a walk of the translations per language and
 * path) cost more than filling it in. A context lives as long as one request or export.
 */
const lookedUp = new WeakMap<SentenceContext, Map<string, string | undefined>>();

function remembered(context: SentenceContext, key: string, find: () => string | undefined): string | undefined {
  let texts = lookedUp.get(context);
  if (!texts) lookedUp.set(context, (texts = new Map()));
  if (texts.has(key)) return texts.get(key);
  const found = find();
  texts.set(key, found);
  return found;
}

function firstText(context: SentenceContext, paths: string[]): string | undefined {
  return remembered(context, paths.join('\n'), () => firstTextFound(context, paths));
}

function firstTextFound(context: SentenceContext, paths: string[]): string | undefined {
  for (const language of languageChain(context.language)) {
    for (const path of paths) {
      const found = lookupText(context.translations[language], path);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** "supportEmail" -> "Support Email", as AdminJS names a property with no label. */
export function words(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .trim()
    .replace(/\b\p{Ll}/gu, (letter) => letter.toUpperCase());
}

export function fieldLabel(context: SentenceContext, resourceId: string | undefined, field: string): string {
  const paths = [...(resourceId ? [`resources.${resourceId}.properties.${field}`] : []), `properties.${field}`];
  return firstText(context, paths) ?? words(field);
}

function valueLabel(context: SentenceContext, field: string, value: FieldValueParam['value']): string {
  if (value === null) return '—';
  return firstText(context, [`activityValues.${field}.${String(value)}`]) ?? String(value);
}

/** List formats by language: making one costs far more than using it, and a language keeps its own. */
const listFormats = new Map<string, Intl.ListFormat>();

function listFormatOf(language: string): Intl.ListFormat {
  let format = listFormats.get(language);
  if (format) return format;
  try {
    format = new Intl.ListFormat(language, { type: 'conjunction' });
  } catch {
    // An unknown language tag: Intl refuses it; English joins the items instead.
    format = listFormatOf('en');
  }
  // Languages are the host's few; the bound only guards against tags nobody offered.
  if (listFormats.size < MAX_LIST_FORMATS) listFormats.set(language, format);
  return format;
}

const MAX_LIST_FORMATS = 100;

function list(language: string, items: string[]): string {
  return listFormatOf(language).format(items);
}

function isFields(value: unknown): value is FieldsParam {
  return typeof value === 'object' && value !== null && Array.isArray((value as FieldsParam).fields);
}

function isFieldValue(value: unknown): value is FieldValueParam {
  return typeof value === 'object' && value !== null && typeof (value as FieldValueParam).field === 'string' && 'value' in value;
}

function renderParam(context: SentenceContext, resourceId: string | undefined, value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return list(context.language, value.map(String));
  if (isFields(value)) return list(context.language, value.fields.map((field) => fieldLabel(context, resourceId, field)));
  if (isFieldValue(value)) return valueLabel(context, value.field, value.value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** The values a template can use: actor, target, targetId, the details' plain values, then params. */
export function sentenceValues(entry: RenderableEntry, context: SentenceContext): Record<string, string> {
  const resourceId = context.resourceOf(entry.targetType);
  const values: Record<string, string> = {
    actor: entry.actorName,
    target: entry.targetLabel ?? `#${entry.targetId ?? '?'}`,
    targetId: entry.targetId ?? '',
  };
  for (const [key, value] of Object.entries(entry.details ?? {})) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) values[key] = value === null ? '' : String(value);
  }
  for (const [key, value] of Object.entries(entry.params ?? {})) values[key] = renderParam(context, resourceId, value);
  return values;
}

/** The template for an entry in the context's language, or undefined when none applies. */
function templateOf(entry: RenderableEntry, context: SentenceContext): string | undefined {
  const variant = typeof entry.params?.variant === 'string' ? entry.params.variant : undefined;
  return remembered(context, `activities\n${entry.action}\n${variant ?? ''}`, () => templateFound(entry.action, variant, context));
}

function templateFound(action: string, variant: string | undefined, context: SentenceContext): string | undefined {
  const keys = [...(variant ? [`${action}_${variant}`] : []), action];
  for (const language of languageChain(context.language)) {
    for (const key of keys) {
      const found = lookupText(context.translations[language], `activities.${key}`);
      if (found !== undefined) return found;
    }
  }
  return (variant ? context.englishTemplate(action, variant) : undefined) ?? context.englishTemplate(action);
}

/**
 * The entry's sentence in the context's language. An entry written before templates (no params)
 * shows the sentence it was written with: its parameters were never kept, so nothing else can be
 * said truthfully.
 */
export function renderSentence(entry: RenderableEntry, context: SentenceContext): string {
  if (entry.params === null) return entry.sentence;
  const template = templateOf(entry, context);
  return template === undefined ? entry.sentence || entry.action : fill(template, sentenceValues(entry, context));
}

/** A category's name in the context's language. */
export function renderCategory(category: string, context: Pick<SentenceContext, 'language' | 'translations'>): string {
  for (const language of languageChain(context.language)) {
    const found = lookupText(context.translations[language], `resources.AuditLog.labels.category.${category}`);
    if (found !== undefined) return found;
  }
  return category;
}
