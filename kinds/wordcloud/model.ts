/**
 * Word cloud (woordwolk): each participant gives one to a few short words; the
 * same word counts together whatever its case or spacing. The cloud grows live on
 * the screen, or appears when the facilitator reveals it (`live: false`). The
 * facilitator can hide a word: it leaves the cloud and the harvest. Phones load
 * this file (and not cloud.ts, which they do not need) when a session has a word cloud.
 */
import type { KindModel } from '../../core/kind.js';
import type { StepDef } from '../../core/state.js';
import { insertBySeq } from '../order.js';

export interface WordcloudStep extends StepDef {
  kind: 'wordcloud';
  /** Words one participant may give; default 3. */
  maxWords?: number;
  /** Whether the screen shows the cloud as it grows (default) or only once revealed. */
  live?: boolean;
}

export interface Word {
  id: string;
  /** As typed, tidied (trimmed, inner spaces collapsed): the cloud shows the most common spelling. */
  text: string;
  /** What it is counted under: the text in lower case. */
  key: string;
  /** Participant id; only the facilitator and the author see it. */
  author?: string;
  at: number;
  seq: number;
  /** Hidden by the facilitator (every word with the same key is). */
  hidden: boolean;
}

export interface WordcloudData {
  words: Word[];
  /** Words not hidden, counted also where the words themselves are held back (the screen before a reveal); a phone counts its own. */
  count: number;
  /** Keys the facilitator hid, so a word typed again later stays hidden: the facilitator only. */
  hidden: string[];
}

export const WORDCLOUD_EVENTS = {
  added: 'wordcloud.word-added',
  removed: 'wordcloud.word-removed',
  hidden: 'wordcloud.word-hidden',
} as const;

export interface WordAdded {
  /** Left out for views that may not see the words yet. */
  text?: string;
  key?: string;
  /** The word was hidden before it was typed: it goes to the facilitator and its author only. */
  hidden?: boolean;
}
export interface WordRemoved {
  wordId: string;
}
export interface WordHidden {
  /** The word hidden or shown again: the facilitator only (the screen may not hold a hidden word). */
  key?: string;
  hidden: boolean;
  /** Every word with that key. */
  wordIds: string[];
  /** Showing again, for a screen showing the cloud: the words, which it dropped when they were hidden. */
  words?: Omit<Word, 'author' | 'hidden'>[];
  /** For the screen, which keeps no hidden word: drop these (`remove`) or count them again (`restore`). */
  remove?: boolean;
  restore?: boolean;
}

/** The screen shows the words themselves: always on a live step, otherwise once revealed. */
export const showsWords = (step: StepDef, revealed: boolean) => (step as WordcloudStep).live !== false || revealed;

export const wordcloudModel: KindModel<WordcloudData> = {
  kind: 'wordcloud',
  /** Only a cloud that is not live waits for the reveal. */
  revealable: (step) => !showsWords(step, false),
  init: () => ({ words: [], count: 0, hidden: [] }),

  apply(data, { id, type, payload, actor, at, seq }) {
    const p = payload as WordAdded & WordRemoved & WordHidden;
    if (type === WORDCLOUD_EVENTS.added) {
      // A word held for approval may meet a key hidden since it was typed: where the hidden keys are known (server, console), they count too.
      const hidden = !!p.hidden || (p.key !== undefined && data.hidden.includes(p.key));
      if (!hidden) data.count++;
      if (p.text !== undefined && p.key !== undefined)
        insertBySeq(data.words, { id, text: p.text, key: p.key, ...(actor.id ? { author: actor.id } : {}), at, seq, hidden });
    } else if (type === WORDCLOUD_EVENTS.removed) {
      const word = data.words.find((w) => w.id === p.wordId);
      if (!word?.hidden) data.count--;
      data.words = data.words.filter((w) => w !== word);
    } else if (type === WORDCLOUD_EVENTS.hidden) {
      if (p.key !== undefined) data.hidden = data.hidden.filter((k) => k !== p.key).concat(p.hidden ? [p.key] : []);
      if (p.remove || p.restore) {
        data.count += p.remove ? -p.wordIds.length : p.wordIds.length;
        const back: Word[] = (p.restore && p.words ? p.words : []).map((w) => ({ ...w, hidden: false }));
        data.words = data.words
          .filter((w) => !p.wordIds.includes(w.id))
          .concat(back)
          .sort((a, b) => a.seq - b.seq);
      } else
        for (const w of data.words)
          if (p.wordIds.includes(w.id) && w.hidden !== p.hidden) {
            w.hidden = p.hidden;
            data.count += p.hidden ? -1 : 1;
          }
    }
  },

  project(data, viewer, { step, revealed }) {
    if (viewer.role === 'participant') {
      const words = data.words.filter((w) => w.author === viewer.participantId).map((w) => ({ ...w }));
      return { words, count: words.filter((w) => !w.hidden).length, hidden: [] };
    }
    const shown = data.words.filter((w) => !w.hidden);
    return { words: showsWords(step, revealed) ? shown.map(({ author: _a, ...w }) => w) : [], count: shown.length, hidden: [] };
  },

  contribution: (event) => (event.type === WORDCLOUD_EVENTS.added ? (event.payload as WordAdded).text : undefined),

  audience({ type, payload, actor }, data) {
    const p = payload as WordAdded & WordRemoved & WordHidden;
    const own = actor.id ? [actor.id] : 'none';
    if (type === WORDCLOUD_EVENTS.added) return { screen: !p.hidden, participants: own };
    if (type === WORDCLOUD_EVENTS.removed) return { screen: data.words.some((w) => w.id === p.wordId && !w.hidden), participants: own };
    if (type === WORDCLOUD_EVENTS.hidden) {
      const authors = data.words.filter((w) => p.wordIds.includes(w.id) && w.author).map((w) => w.author!);
      return { screen: true, participants: [...new Set(authors)] };
    }
    return { screen: false, participants: 'none' };
  },

  redact(event, viewer, { step, revealed }) {
    if (viewer.role === 'participant' && event.actor.id === viewer.participantId) return event;
    const { text, key, hidden, wordIds, words } = event.payload as WordAdded & WordHidden;
    const shows = viewer.role === 'screen' && showsWords(step, revealed);
    if (event.type === WORDCLOUD_EVENTS.added) return { ...event, payload: shows ? { text, key } : {} };
    if (event.type !== WORDCLOUD_EVENTS.hidden) return event;
    // Phones keep their own words and flag them; the screen drops hidden words, and never learns which word it was.
    const payload =
      viewer.role === 'participant'
        ? { hidden, wordIds }
        : hidden
          ? { hidden, wordIds, remove: true }
          : { hidden, wordIds, restore: true, ...(shows ? { words } : {}) };
    return { ...event, payload };
  },
};
