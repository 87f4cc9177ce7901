/**
 * `t(key)` for UI strings. Dutch by default; the choice is kept on the device.
 * Script content (step titles, prompts) is not translated: it is in the script's language.
 * Facilitator pages add their strings with `addDutch(nlFacilitator)`; a phone never loads them.
 */
import { nlPhone, type MessageKey } from './nl.js';

export type Language = 'nl' | 'en';
export type { MessageKey };

/** English is fetched when chosen: Dutch phones do not pay for it on first load. */
const dutch: Partial<Record<MessageKey, string>> = { ...nlPhone };
const catalogues: Partial<Record<Language, Partial<Record<MessageKey, string>>>> = { nl: dutch };
const STORAGE_KEY = 'oogst:lang';

function stored(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

const current = $state({ lang: 'nl' as Language });
if (stored() === 'en') void setLanguage('en');

export function addDutch(messages: Partial<Record<MessageKey, string>>): void {
  Object.assign(dutch, messages);
}

export function language(): Language {
  return current.lang;
}

export async function setLanguage(lang: Language): Promise<void> {
  if (lang === 'en' && !catalogues.en) catalogues.en = (await import('./en.js')).en;
  current.lang = lang;
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function toggleLanguage(): Promise<void> {
  return setLanguage(current.lang === 'nl' ? 'en' : 'nl');
}

/** The locale of the chosen language, for dates and numbers (Intl). */
export const locale = (): string => (current.lang === 'en' ? 'en-GB' : 'nl-NL');

/** A message with its `{params}`; numbers as the language writes them (1.200 in Dutch, 1,200 in English). */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogues[current.lang]?.[key] ?? dutch[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? value.toLocaleString(locale()) : value;
  });
}

/** The name of an exercise kind for facilitators; a kind without a translation shows its code name. */
export function kindName(kind: string): string {
  const key = `kind.${kind}` as MessageKey;
  const name = t(key);
  return name === key ? kind : name;
}

type Counted = { [K in MessageKey]: K extends `${infer Base}.one` ? Base : never }[MessageKey];

/** A counted string: `tn('count.notes', 3)` → "3 briefjes". */
export function tn(key: Counted, n: number, params: Record<string, string | number> = {}): string {
  return t(`${key}.${n === 1 ? 'one' : 'other'}` as MessageKey, { n, ...params });
}
