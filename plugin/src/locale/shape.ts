// The shape a translation of the plugin's texts must have: the English object's keys, all of them,
// with any text at each leaf. Typing a translation with it turns a key added to en.ts and not
// translated (or a key misspelt or left over) into a compile error in that translation's file.
import type { auditLocaleEn } from './en.js';

/** `T` with every string leaf widened to `string` (nested objects keep exactly their keys). */
export type DeepStringShape<T> = T extends string ? string : { [K in keyof T]: DeepStringShape<T[K]> };

/** A translation of the plugin's texts: every key of `auditLocaleEn`, none other. */
export type AuditTranslation = DeepStringShape<typeof auditLocaleEn>;
