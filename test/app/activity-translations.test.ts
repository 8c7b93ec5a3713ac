// Every language of the audit log says everything the English says: a template for every action
// key and variant of the catalogue (read from src/audit/activities.ts, so a new activity fails here
// until each language has it), with the English template's {{placeholders}} and no other, every
// category and value word of en.ts, and no empty text. Then each activity is rendered the way the
// panel renders it, to prove the template is the one used and fills completely.
import type { LocaleTranslations } from 'adminjs';
import { renderActivity, type ActivityCatalogue } from '@hashtrail/adminjs-audit';
import { sampleInput } from '../../scripts/activities-doc.js';
import { activities } from '../../src/audit/activities.js';
import { activityTextsEn } from '../../src/admin/locale/activities/en.js';
import { activityTexts } from '../../src/admin/locale/activities/index.js';

const catalogue: ActivityCatalogue = activities;

/** Every text of a tree as [dotted key, text]; a leaf that is not a text shows as such. */
function strings(tree: unknown, at = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[at, tree]];
  if (!tree || typeof tree !== 'object') return [[at, `<not a text: ${JSON.stringify(tree)}>`]];
  return Object.entries(tree).flatMap(([key, value]) => strings(value, at ? `${at}.${key}` : key));
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))].sort().join();

/**
 * The English template of every translatable key: `<action>` and `<action>_<variant>`, as the
 * renderer looks them up. A function sentence is rendered once, in English, when written: nothing
 * to translate.
 */
const englishTemplates = new Map<string, string>(
  Object.entries(catalogue).flatMap(([key, definition]): Array<[string, string]> =>
    typeof definition.sentence === 'string'
      ? [[key, definition.sentence], ...Object.entries(definition.variants ?? {}).map(([variant, text]): [string, string] => [`${key}_${variant}`, text])]
      : [],
  ),
);

/** The catalogue with `key` always picking `variant`, so the variant's template renders from the sample input. */
function withVariant(key: string, variant: string): ActivityCatalogue {
  const definition = catalogue[key]!;
  return { ...catalogue, [key]: { ...definition, params: (input) => ({ ...definition.params?.(input), variant }) } };
}

/** [template key, catalogue to render with, action key]: each activity, and each variant forced. */
const renderings: Array<[string, ActivityCatalogue, string]> = Object.entries(catalogue).flatMap(([key, definition]) =>
  typeof definition.sentence === 'string'
    ? [
        [key, catalogue, key] as [string, ActivityCatalogue, string],
        ...Object.keys(definition.variants ?? {}).map((variant): [string, ActivityCatalogue, string] => [`${key}_${variant}`, withVariant(key, variant), key]),
      ]
    : [],
);

// What the panel hands AdminJS's locale, hence what the plugin renders with.
const translations: Record<string, LocaleTranslations> = activityTexts;
const languages = (['es', 'fr', 'de', 'pt-BR'] as const).map((language) => [language, activityTexts[language]] as const);

it('covers the catalogue: its activities and its variants are all seen', () => {
  expect(englishTemplates.size).toBeGreaterThan(Object.keys(catalogue).length);
  expect(renderings).toHaveLength(englishTemplates.size);
});

describe.each(languages)('the audit log in %s', (language, texts) => {
  const templates = new Map(strings(texts.activities));

  it('has a template for every action key and variant of the catalogue, and none it lacks', () => {
    expect([...englishTemplates.keys()].filter((key) => !templates.has(key))).toEqual([]);
    expect([...templates.keys()].filter((key) => !englishTemplates.has(key))).toEqual([]);
  });

  it('keeps the placeholders of every English template', () => {
    const mismatched = [...englishTemplates]
      .filter(([key, english]) => templates.has(key) && placeholders(templates.get(key)!) !== placeholders(english))
      .map(([key, english]) => `${key}: ${templates.get(key)} (English: ${english})`);
    expect(mismatched).toEqual([]);
  });

  it('names every category and value word of en.ts, and no other', () => {
    const keys = (tree: unknown) => strings(tree).map(([key]) => key).sort();
    expect(keys(texts.resources)).toEqual(keys(activityTextsEn.resources));
    expect(keys(texts.activityValues)).toEqual(keys(activityTextsEn.activityValues));
  });

  it('has no empty text', () => {
    expect(strings(texts).filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it.each(renderings)('renders %s from its own template', (templateKey, withCatalogue, key) => {
    const input = sampleInput(key);
    const rendered = renderActivity(withCatalogue, key, input, { language, translations });
    const english = renderActivity(withCatalogue, key, input, { language: 'en', translations });
    expect(rendered).not.toContain('{{');
    expect(rendered.trim()).not.toBe('');
    // The English rendering is what any fallback would give: a difference proves the template was used.
    expect(rendered).not.toBe(english);
    expect(english).not.toContain('{{');
    // And the difference is this template's: its longest run of words is in the sentence.
    const words = (templates.get(templateKey) ?? '').split(/\{\{[^}]*\}\}/).sort((a, b) => b.length - a.length)[0] ?? '';
    expect(rendered).toContain(words);
  });

  it('says the values in the language: roles, availabilities, refusals', () => {
    const role = renderActivity(catalogue, 'user.role_changed', sampleInput('user.role_changed'), { language, translations });
    expect(role).toContain(texts.activityValues.role.agent);
    expect(role).toContain(texts.activityValues.role.administrator);
    const availability = renderActivity(catalogue, 'user.availability_changed', sampleInput('user.availability_changed'), { language, translations });
    expect(availability).toContain(texts.activityValues.availability.online);
    expect(availability).toContain(texts.activityValues.availability.busy);
    const refused = renderActivity(catalogue, 'session.sign_in_failed', sampleInput('session.sign_in_failed'), { language, translations });
    expect(refused).toContain(texts.activityValues.signInRefusal.wrong_password);
  });
});
