// A text's {{placeholders}} filled on the server, for texts AdminJS shows as it receives them (a
// field's error, a property's help) with no values of its own to fill in.
export function fillPlaceholders(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (placeholder, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : placeholder));
}
