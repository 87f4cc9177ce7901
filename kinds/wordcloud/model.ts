/**
 * Word cloud (woordwolk): each participant gives one to a few short words; the
 * same word counts together whatever its case or spacing. The cloud grows live on
 * the screen, or appears when the facilitator reveals it (`live: false`). The
 * facilitator can hide a word: it leaves the cloud and the harvest. Phones load
 * this file (and not cloud.ts, which they do not need) when a session has a word cloud.
 */
import type { KindModel } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { WordcloudEvent, WordcloudStep } from './schema.js';

export type { WordAdded, WordcloudEvent, WordcloudStep, WordHidden, WordRemoved } from './schema.js';

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

/** The screen shows the words themselves: always on a live step, otherwise once revealed. */
export const showsWords = (step: WordcloudStep, revealed: boolean) => step.live !== false || revealed;

export const wordcloudModel: KindModel<WordcloudData, WordcloudEvent, WordcloudStep> = {
  kind: 'wordcloud',
  /** Only a cloud that is not live waits for the reveal. */
  revealable: (step) => !showsWords(step, false),
  init: () => ({ words: [], count: 0, hidden: [] }),

  apply(data, event) {
    const { id, actor, at, seq } = event;
    if (event.type === WORDCLOUD_EVENTS.added) {
      const p = event.payload;
      // A word held for approval may meet a key hidden since it was typed: where the hidden keys are known (server, console), they count too.
      const hidden = !!p.hidden || (p.key !== undefined && data.hidden.includes(p.key));
      if (!hidden) data.count++;
      if (p.text !== undefined && p.key !== undefined)
        insertBySeq(data.words, { id, text: p.text, key: p.key, ...(actor.id ? { author: actor.id } : {}), at, seq, hidden });
    } else if (event.type === WORDCLOUD_EVENTS.removed) {
      const word = data.words.find((w) => w.id === event.payload.wordId);
      if (!word?.hidden) data.count--;
      data.words = data.words.filter((w) => w !== word);
    } else if (event.type === WORDCLOUD_EVENTS.hidden) {
      const p = event.payload;
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

  contribution: (event) => (event.type === WORDCLOUD_EVENTS.added ? event.payload.text : undefined),

  audience(event, data) {
    const own = event.actor.id ? [event.actor.id] : 'none';
    if (event.type === WORDCLOUD_EVENTS.added) return { screen: !event.payload.hidden, participants: own };
    if (event.type === WORDCLOUD_EVENTS.removed) return { screen: data.words.some((w) => w.id === event.payload.wordId && !w.hidden), participants: own };
    if (event.type === WORDCLOUD_EVENTS.hidden) {
      const { wordIds } = event.payload;
      const authors = data.words.filter((w) => wordIds.includes(w.id) && w.author).map((w) => w.author!);
      return { screen: true, participants: [...new Set(authors)] };
    }
    return { screen: false, participants: 'none' };
  },

  redact(event, viewer, { step, revealed }) {
    if (viewer.role === 'participant' && event.actor.id === viewer.participantId) return event;
    const shows = viewer.role === 'screen' && showsWords(step, revealed);
    if (event.type === WORDCLOUD_EVENTS.added) {
      const { text, key } = event.payload;
      return { ...event, payload: shows ? { text, key } : {} };
    }
    if (event.type !== WORDCLOUD_EVENTS.hidden) return event;
    const { hidden, wordIds, words } = event.payload;
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
