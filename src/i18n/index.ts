import en from './en.js';
import type { Strings, StringsOverride } from './types.js';

// The widget's languages: one file per language (./en.ts, ./es.ts, …), each loaded alone when the
// page's language asks for it; English is always here (the fallback). The `strings` property is
// merged over the language in use.

export type { FeatureCopy, Strings, StringsOverride } from './types.js';
export { en };

/** The built-in languages, by primary language subtag. */
export const Language = { en: 'en', es: 'es', fr: 'fr', de: 'de', ar: 'ar' } as const;
export type Language = (typeof Language)[keyof typeof Language];

const loaders: Record<Exclude<Language, 'en'>, () => Promise<{ default: Strings }>> = {
  es: () => import('./es.js'),
  fr: () => import('./fr.js'),
  de: () => import('./de.js'),
  ar: () => import('./ar.js'),
};

const loaded = new Map<Language, Strings>([['en', en]]);

/** `es` for `es-MX`, `''` for no language. */
export const primaryLanguage = (tag: string): string => tag.trim().toLowerCase().split(/[-_]/, 1)[0] ?? '';

/** The built-in language that serves this tag, if any. */
export const builtInLanguage = (tag: string): Language | undefined => {
  const primary = primaryLanguage(tag);
  return Object.hasOwn(Language, primary) ? (primary as Language) : undefined;
};

/** A language tag in canonical form (`en-US`), `''` when there is none or it is not a valid tag. */
export function canonicalTag(tag: string): string {
  try {
    return (tag && Intl.getCanonicalLocales(tag)[0]) || '';
  } catch {
    return '';
  }
}

/** The strings of a built-in language when they are loaded already (English always is). */
export const loadedStrings = (language: Language): Strings | undefined => loaded.get(language);

/** Loads a built-in language's strings (each file once); English at once. */
export async function loadStrings(language: Language): Promise<Strings> {
  const ready = loaded.get(language);
  if (ready) return ready;
  const strings = (await loaders[language as Exclude<Language, 'en'>]()).default;
  loaded.set(language, strings);
  return strings;
}

/** Languages written right to left, by primary subtag. */
const RTL = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** The writing direction of a language tag. */
export const directionOf = (tag: string): 'ltr' | 'rtl' => (RTL.has(primaryLanguage(tag)) ? 'rtl' : 'ltr');

const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `base` with `override` merged over it: a key replaces the built-in one (when its type is the
 * same), and a table (`status`, `features`, …) is merged entry by entry.
 */
export function mergeStrings(base: Strings, override?: StringsOverride | null): Strings {
  if (!isTable(override)) return base;
  const merged: Record<string, unknown> = { ...base };
  for (const key of Object.keys(override)) {
    if (!Object.hasOwn(base, key)) continue;
    const value = (override as Record<string, unknown>)[key];
    const current = merged[key];
    if (typeof value !== typeof current) continue;
    merged[key] = isTable(current) && isTable(value) ? { ...current, ...value } : value;
  }
  return merged as unknown as Strings;
}

/**
 * A table entry by a key that came from outside (a server, an attribute): own keys only, so
 * `constructor` or `__proto__` never reach `Object.prototype`.
 */
export const entry = <T>(table: Record<string, T>, key: string | number): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
