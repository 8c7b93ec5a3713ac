// Translations for one language come in parts (the panel's texts, the audit sentences', AdminJS's
// own): merged key by key, later parts winning, nested objects merged rather than replaced.
type Texts = { [key: string]: string | Texts };

export function mergeTexts(...parts: object[]): Texts {
  const merged: Texts = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part as Texts)) {
      const current = merged[key];
      merged[key] = typeof value === 'object' && typeof current === 'object' ? mergeTexts(current, value) : typeof value === 'object' ? mergeTexts(value) : value;
    }
  }
  return merged;
}
