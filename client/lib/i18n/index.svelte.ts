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

/**
 * `remember: false` for a language the page is told rather than chosen on this
 * device (the screen speaks its arena's): the console in the next tab keeps its own.
 */
export async function setLanguage(lang: Language, { remember = true } = {}): Promise<void> {
  if (lang === 'en' && !catalogues.en) catalogues.en = (await import('./en.js')).en;
  current.lang = lang;
  document.documentElement.lang = lang;
  if (!remember) return;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}

export function toggleLanguage(): Promise<void> {
  return setLanguage(current.lang === 'nl' ? 'en' : 'nl');
}

const LOCALE_TAGS: Record<Language, string> = { nl: 'nl-NL', en: 'en-GB' };

/** The locale of the chosen language, for dates and numbers (Intl). */
export const locale = (): string => LOCALE_TAGS[current.lang];

/** Formatters by locale: `toLocaleString` builds one on every call, tens of ms each on a slow phone's first draw. */
// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a cache, never drawn from
const numberFormats = new Map<string, Intl.NumberFormat>();

function number(n: number): string {
  // Small whole numbers (3 of 10 notes, 120 of 500 characters) read the same in both languages.
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  const tag = locale();
  let format = numberFormats.get(tag);
  if (!format) numberFormats.set(tag, (format = new Intl.NumberFormat(tag)));
  return format.format(n);
}

/** A message with its `{params}`; numbers as the language writes them (1.200 in Dutch, 1,200 in English). */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text = catalogues[current.lang]?.[key] ?? dutch[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : typeof value === 'number' ? number(value) : value;
  });
}

/** The name of an exercise kind for facilitators; a kind without a translation shows its code name. */
export function kindName(kind: string): string {
  const key = `kind.${kind}` as MessageKey;
  const name = t(key);
  return name === key ? kind : name;
}

/** A number as the current language writes it: 1.234,5 in Dutch, 1,234.5 in English. */
export function formatNumber(n: number, options?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(locale(), options).format(n);
}

/** A date (epoch ms or ISO text) as the current language writes it; text that is no date is shown as it is. */
export function formatDate(value: number | string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
  const date = new Date(value); // eslint-disable-line svelte/prefer-svelte-reactivity -- read once, never changed
  return Number.isNaN(date.getTime()) ? String(value) : new Intl.DateTimeFormat(locale(), options).format(date);
}

type Counted = { [K in MessageKey]: K extends `${infer Base}.one` ? Base : never }[MessageKey];

/** A counted string: `tn('count.notes', 3)` → "3 briefjes". */
export function tn(key: Counted, n: number, params: Record<string, string | number> = {}): string {
  return t(`${key}.${n === 1 ? 'one' : 'other'}` as MessageKey, { n: formatNumber(n), ...params });
}
