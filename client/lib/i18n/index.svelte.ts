/**
 * `t(key)` for UI strings, one for every page and every kind. Dutch by default; the
 * choice is kept on the device. Script content (step titles, prompts) is not translated:
 * it is in the script's language.
 *
 * Strings come in parts, each Dutch with its English fetched only when English is
 * chosen: the phone's own (`phone.nl.ts`, in its first load), the facilitator's pages'
 * (`facilitator.ts`), and each kind's (`kinds/<kind>/strings.ts`, added when the kind
 * loads: `client/lib/kind-strings.ts`).
 */
import { nlPhone } from './phone.nl.js';
import type { KindMessageKey } from '../../../kinds/strings.js';
import type { nlFacilitator } from './facilitator.nl.js';
import type { nlLogbook } from './logbook.nl.js';

export type Language = 'nl' | 'en';
/** Every key of every part: a typo in `t('wall.adNote')` fails the type check. */
export type MessageKey = keyof typeof nlPhone | keyof typeof nlFacilitator | keyof typeof nlLogbook | KindMessageKey;
export type Messages = Partial<Record<MessageKey, string>>;

const dutch: Messages = { ...nlPhone };
const english: Messages = {};
/** The English of every part this page has, fetched at the first switch to English (or when the part arrives after it). */
const englishParts: (() => Promise<Messages>)[] = [() => import('./phone.en.js').then((m) => m.enPhone)];
let englishWanted: Promise<void> | undefined;
const STORAGE_KEY = 'oogst:lang';

function stored(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'nl';
  } catch {
    return 'nl';
  }
}

/** `strings` counts the English parts in: a part that arrives after the switch redraws what shows its keys. */
const current = $state({ lang: 'nl' as Language, strings: 0 });
// After the page's first script has run, so the parts it adds at once come in the same switch.
if (stored() === 'en') queueMicrotask(() => void setLanguage('en'));

async function addEnglish(part: () => Promise<Messages>): Promise<void> {
  Object.assign(english, await part());
  current.strings++;
}

/** A failed fetch is tried again at the next choice of English. */
function forget(error: unknown): never {
  englishWanted = undefined;
  throw error;
}

/**
 * Adds a part: its Dutch now, its English when English is chosen (at once if it is).
 * Resolves when the part reads in the current language, so a view awaits it before it draws.
 */
export function addStrings(nl: Messages, en: () => Promise<Messages>): Promise<void> {
  Object.assign(dutch, nl);
  englishParts.push(en);
  return englishWanted ? englishWanted.then(() => addEnglish(en)) : Promise.resolve();
}

export function language(): Language {
  return current.lang;
}

/**
 * `remember: false` for a language the page is told rather than chosen on this
 * device (the screen speaks its arena's): the console in the next tab keeps its own.
 */
export async function setLanguage(lang: Language, { remember = true } = {}): Promise<void> {
  if (lang === 'en') await (englishWanted ??= Promise.all(englishParts.map(addEnglish)).then(() => undefined, forget));
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
  const text = (current.lang === 'en' && current.strings ? english[key] : undefined) ?? dutch[key] ?? key;
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
