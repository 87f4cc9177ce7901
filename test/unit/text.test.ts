/** What text may hold (core/text.ts): what goes, what stays, and what counts as empty. */
import { describe, expect, it } from 'vitest';
import { cleanString, cleanStrings, cleanText } from '../../core/text.js';

const C0 = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');

describe('cleanString', () => {
  it('keeps tab and line feed of the C0 controls, and makes every line end a line feed', () => {
    expect(cleanString(`a${C0}b`)).toBe('a\t\n\nb');
    expect(cleanString('een\r\ntwee\rdrie\nvier')).toBe('een\ntwee\ndrie\nvier');
  });

  it('removes DEL, C1 controls, bidi controls, noncharacters and lone surrogates', () => {
    expect(cleanString('a\u007F\u0085\u009Fb')).toBe('ab');
    expect(cleanString('a\u202Ecba\u2066b\u2069')).toBe('acbab');
    expect(cleanString('a\uFFFE\uFFFF\uFDD0\u{1FFFE}\u{10FFFF}b')).toBe('ab');
    expect(cleanString('a\uD800b\uDC00c\uDC00\uD800d')).toBe('abcd');
  });

  it('keeps every character that is text: accents, right-to-left scripts, emoji and their joiners', () => {
    for (const text of ['Één café, naïef', 'مرحبا بالعالم', 'שלום', '👩‍👩‍👧 🏳️‍🌈 👍🏽', 'zero\u200Bwidth', 'a\u00ADb', '"<b>" & \'x\''])
      expect(cleanString(text)).toBe(text);
  });

  it('makes text of invisible characters only empty', () => {
    for (const text of ['\u200B', '\u00AD', '\u2060', '\uFEFF', '\u200D\u200C', '\u2800', '\uFE0F', '\u{E0020}', '\u200B \u2060'])
      expect(cleanString(text), JSON.stringify(text)).toBe('');
  });

  it('keeps plain white space, which separates parts of a harvest line; a contribution of it alone is trimmed to nothing', () => {
    for (const text of [' ', '\u3000\u00A0', '\u0007 \u000B']) {
      expect(cleanString(text), JSON.stringify(text)).toMatch(/^\s+$/);
      expect(cleanText(text), JSON.stringify(text)).toBe('');
    }
  });
});

describe('cleanStrings', () => {
  it('cleans every string of a value, not its keys, and leaves other values alone', () => {
    expect(cleanStrings({ a: 'x\u000By', b: [1, null, true, 'z\u0000'], c: { d: '\u200B' } })).toEqual({ a: 'xy', b: [1, null, true, 'z'], c: { d: '' } });
  });

  it('returns the value itself when nothing needs cleaning', () => {
    const value = { a: 'gewoon', b: ['tekst', 2] };
    expect(cleanStrings(value)).toBe(value);
  });

  it('keeps a key named __proto__ as data and never touches Object.prototype', () => {
    const value = JSON.parse('{"__proto__": {"polluted": "ja\\u000b"}, "x": "\\u0000"}') as Record<string, unknown>;
    const clean = cleanStrings(value);
    expect(Object.getPrototypeOf(clean)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(clean, '__proto__')?.value).toEqual({ polluted: 'ja' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
