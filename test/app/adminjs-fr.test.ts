// The French for AdminJS's own interface says everything AdminJS's English says, read from the
// installed package (an AdminJS upgrade that adds a text fails here as well as at compile time):
// every key, the same {{placeholders}} and the same markup (<1>…</1> is a link AdminJS fills in).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminJsFr } from '../../src/admin/locale/adminjs-fr.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const adminJsLocales = path.join(root, 'node_modules/adminjs/lib/locale');
const adminJsEn: unknown = JSON.parse(fs.readFileSync(path.join(adminJsLocales, 'en/translation.json'), 'utf8'));

/** Every text of a locale tree as [dotted key, text]; an empty object (AdminJS's `resources`) as itself. */
function strings(tree: unknown, at = ''): Array<[string, string]> {
  if (typeof tree === 'string') return [[at, tree]];
  if (!tree || typeof tree !== 'object') return [[at, `<not a text: ${JSON.stringify(tree)}>`]];
  const entries = Object.entries(tree);
  if (entries.length === 0) return [[at, '{}']];
  return entries.flatMap(([key, value]) => strings(value, at ? `${at}.${key}` : key));
}

const placeholders = (text: string) => [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))].sort().join();
const markup = (text: string) => [...text.matchAll(/<\/?\w+>/g)].map((m) => m[0]).join();

const english = new Map(strings(adminJsEn));
const french = new Map(strings(adminJsFr));

describe("AdminJS's interface in French", () => {
  it('has every key of AdminJS’s English, and no other than the selector’s name for French', () => {
    expect(english.size).toBeGreaterThan(80);
    expect([...english.keys()].filter((key) => !french.has(key))).toEqual([]);
    expect([...french.keys()].filter((key) => !english.has(key))).toEqual(['components.LanguageSelector.availableLanguages.fr']);
  });

  it('keeps the placeholders and the markup of every text', () => {
    const mismatched = [...english].filter(([key, text]) => {
      const translated = french.get(key) ?? '';
      return placeholders(translated) !== placeholders(text) || markup(translated) !== markup(text);
    });
    expect(mismatched.map(([key]) => `${key}: ${french.get(key)}`)).toEqual([]);
  });

  it('has no empty text', () => {
    expect([...french].filter(([, text]) => text.trim() === '').map(([key]) => key)).toEqual([]);
  });

  it('names in the language selector every language AdminJS ships, French included', () => {
    const shipped = fs.readdirSync(adminJsLocales, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(Object.keys(adminJsFr.components.LanguageSelector.availableLanguages).sort()).toEqual([...shipped, 'fr'].sort());
    // AdminJS ships no French of its own: if it starts to, this file may give way to it.
    expect(shipped).not.toContain('fr');
  });
});
