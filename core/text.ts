/**
 * What text may hold once it is inside Oogst. Every string that arrives (a command's
 * payload, an HTTP body, a script) passes `cleanStrings` before its schema is checked,
 * and every harvest passes it again before it is rendered, for logs written before.
 * One vertical tab pasted out of Word made a Word file that no word processor opens:
 * XML 1.0 forbids most control characters, so none of them is kept anywhere.
 */

/** Supplementary-plane noncharacters U+1FFFE, U+1FFFF … U+10FFFF. */
const PLANE_ENDS = Array.from({ length: 16 }, (_, i) => `\\u{${(i + 1).toString(16)}fffe}\\u{${(i + 1).toString(16)}ffff}`).join('');

/**
 * Removed from all text: C0 controls but tab and line feed (carriage returns are
 * line ends, made `\n` first), DEL and the C1 controls, bidi embeddings, overrides and
 * isolates (they make a note read backwards or disguise it; right-to-left scripts
 * display correctly without them), the noncharacters U+FDD0–U+FDEF and U+xFFFE/U+xFFFF,
 * and lone surrogates (half an emoji: not a character, and not valid UTF-8).
 */
const BMP_UNSAFE = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069\\uFDD0-\\uFDEF\\uFFFE\\uFFFF';
const UNSAFE = new RegExp(`[${BMP_UNSAFE}${PLANE_ENDS}\\uD800-\\uDFFF]`, 'gu');
/**
 * Text that may hold something unsafe: an unsafe character of the first plane, or any
 * surrogate (an emoji too). Without the `u` flag this test is four times faster, and
 * almost all text passes it untouched (a 60 MB import holds a million strings).
 */
const SUSPECT = new RegExp(`[${BMP_UNSAFE}\\uD800-\\uDFFF]`);

/**
 * Characters that show nothing: white space, zero-width spaces and joiners, the soft
 * hyphen, word joiners and invisible operators, the byte order mark, variation selectors,
 * Hangul fillers, the Braille blank and tag characters. Kept inside text (an emoji
 * sequence needs its joiners), but text of these alone is empty.
 */
// eslint-disable-next-line no-misleading-character-class -- each combining mark is listed on its own, not as part of a character
const INVISIBLE = new RegExp('^[\\s\\u00AD\\u034F\\u061C\\u115F\\u1160\\u17B4\\u17B5\\u180B-\\u180F\\u200B-\\u200F\\u2028\\u2029\\u2060-\\u206F\\u2800\\u3164\\uFE00-\\uFE0F\\uFEFF\\uFFA0\\u{1D173}-\\u{1D17A}\\u{E0000}-\\u{E0FFF}]*$', 'u');

/** Spaces, tabs and line ends only (not the byte order mark, which `\s` counts as space). */
const SPACE = /^[\t\n \u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]*$/;

/**
 * `text` with line ends made `\n` and every unsafe character removed; text that shows
 * nothing but invisible characters becomes ''. Plain white space stays as it is: it
 * separates the parts of a harvest's line (`samengevoegd:` and the text), and
 * `cleanText` trims what a participant sends.
 */
export function cleanString(text: string): string {
  let clean = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (SUSPECT.test(clean)) clean = clean.replace(UNSAFE, '');
  return INVISIBLE.test(clean) && !SPACE.test(clean) ? '' : clean;
}

/**
 * A copy of a JSON-like value with every string in it (not the keys) cleaned by
 * `cleanString`; other values as they are. Returns the value itself when nothing changed.
 */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanString(value) as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const clean = cleanStrings(item);
      if (clean !== item) (copy ??= [...value])[i] = clean;
    }
    return (copy ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && isPlain(value)) {
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      const clean = cleanStrings(item);
      if (clean !== item) define((copy ??= cloneRecord(value)), key, clean);
    }
    return (copy ?? value) as T;
  }
  return value;
}

function isPlain(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** A shallow copy with the same prototype (a null-prototype map stays one) and own keys defined, never set. */
function cloneRecord(value: object): Record<string, unknown> {
  const copy = Object.create(Object.getPrototypeOf(value)) as Record<string, unknown>;
  for (const [key, item] of Object.entries(value)) define(copy, key, item);
  return copy;
}

/** Sets an own property even when the key is `__proto__` (a key from JSON is data, never the prototype). */
const define = (target: object, key: string, value: unknown) =>
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

/**
 * Text as it is stored: cleaned as all text is on arrival (line ends
 * normalised; control characters, bidi overrides, noncharacters and lone surrogates
 * removed; text that shows nothing is empty), and trimmed.
 */
export const cleanText = (text: string) => cleanString(text).trim();
