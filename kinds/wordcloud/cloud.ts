/**
 * How words are tidied and counted, and the cloud they make: for the server,
 * the screen, the console and the harvest. Apart from model.ts, so phones do
 * not load it.
 */
import { cleanText } from '../../core/text.js';
import type { Word } from './model.js';

/** Longest word (or short phrase) a participant may give. */
export const MAX_WORD = 30;

/** A word as it is kept: one form of accented letters, no bidi controls, inner whitespace one space, trimmed. */
export const tidyWord = (text: string) => cleanText(text.normalize('NFC')).replace(/\s+/g, ' ');

/** What a word is counted under: "Samen ", "samen" and "SAMEN" are one word. */
export const wordKey = (tidy: string) => tidy.toLocaleLowerCase('nl');

export interface CloudWord {
  key: string;
  /** The spelling most participants used; on a tie, the first one typed. */
  text: string;
  count: number;
  /** Every spelling used, most common first. */
  spellings: string[];
  hidden: boolean;
}

/** Words counted by key, most common first, then alphabetically: the same order everywhere. */
export function cloudOf(words: readonly Word[]): CloudWord[] {
  const byKey = new Map<string, { words: Word[]; hidden: boolean }>();
  for (const word of words) {
    const group = byKey.get(word.key) ?? { words: [], hidden: word.hidden };
    group.words.push(word);
    byKey.set(word.key, group);
  }
  const cloud = [...byKey].map(([key, group]): CloudWord => {
    const spellings = new Map<string, { n: number; seq: number }>();
    for (const w of group.words) {
      const s = spellings.get(w.text) ?? { n: 0, seq: w.seq };
      s.n++;
      s.seq = Math.min(s.seq, w.seq);
      spellings.set(w.text, s);
    }
    const ranked = [...spellings].sort(([, a], [, b]) => b.n - a.n || a.seq - b.seq).map(([text]) => text);
    return { key, text: ranked[0]!, count: group.words.length, spellings: ranked, hidden: group.hidden };
  });
  return cloud.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key, 'nl') || (a.key < b.key ? -1 : 1));
}

/**
 * The cloud's reading order: the most common word in the middle, the next ones
 * alternately after and before it, so the big words gather in the centre and
 * the small ones at the edges. Deterministic: the same counts give the same picture.
 */
export function centreOut<T>(ranked: readonly T[]): T[] {
  const out: T[] = [];
  ranked.forEach((item, i) => (i % 2 ? out.push(item) : out.unshift(item)));
  return out;
}

/** Font size in em for a word counted `count` times, when the top word has `top`: 1 to 3.6, by the square root. */
export const wordSize = (count: number, top: number) => (top <= 1 ? 1.8 : 1 + 2.6 * Math.sqrt((count - 1) / (top - 1)));
