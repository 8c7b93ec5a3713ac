// Puts the plugin's part into the host's AdminJS options: the component loader its views are
// registered on, and its texts under the host's (the host's own translations win, key by key).
import type { AdminJSOptions, ComponentLoader, LocaleTranslations } from 'adminjs';
import { auditLocaleFor } from '../locale/index.js';

type Tree = Record<string, unknown>;

const isTree = (value: unknown): value is Tree => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `base` overlaid with `over`, recursively; `over` wins where both hold a text. */
export function overlay(base: Tree, over: Tree): Tree {
  const merged: Tree = { ...base };
  for (const [key, value] of Object.entries(over)) merged[key] = isTree(value) && isTree(merged[key]) ? overlay(merged[key] as Tree, value) : value;
  return merged;
}

type Locale = Exclude<NonNullable<AdminJSOptions['locale']>, (...args: never[]) => unknown>;

/**
 * The plugin's texts for `language`: its own translation when it ships one (locale/index.ts says
 * which tags it serves), over `defaults` (English), so a key a translation lacks still has a text;
 * English alone for a language it does not ship.
 */
function pluginTexts(language: string, defaults: LocaleTranslations): Tree {
  const shipped = auditLocaleFor(language);
  return shipped ? overlay(defaults as unknown as Tree, shipped as unknown as Tree) : (defaults as unknown as Tree);
}

/** `locale` with the plugin's texts under every language it offers, each in that language where shipped, the host's texts on top. */
function withDefaults(locale: Partial<Locale> | undefined, defaults: LocaleTranslations): Locale {
  const language = locale?.language ?? 'en';
  const languages = new Set([language, ...(locale?.availableLanguages ?? [])]);
  const translations: Record<string, LocaleTranslations> = { ...(locale?.translations ?? {}) };
  for (const lang of languages) translations[lang] = overlay(pluginTexts(lang, defaults), (translations[lang] ?? {}) as Tree) as LocaleTranslations;
  return { ...(locale ?? {}), language, availableLanguages: [...languages], translations } as Locale;
}

export function withPluginAdminOptions(
  options: AdminJSOptions,
  plugin: { componentLoader: ComponentLoader; register: (loader: ComponentLoader) => void; defaults: LocaleTranslations },
): AdminJSOptions {
  const componentLoader = options.componentLoader ?? plugin.componentLoader;
  // The views are registered under fixed names; on the host's own loader as well if it has one.
  if (componentLoader !== plugin.componentLoader) plugin.register(componentLoader);
  const { locale } = options;
  return {
    ...options,
    componentLoader,
    // A host may choose the locale per signed-in admin: the defaults go under each answer.
    locale: typeof locale === 'function' ? async (admin) => withDefaults(await locale(admin), plugin.defaults) : withDefaults(locale, plugin.defaults),
  };
}
