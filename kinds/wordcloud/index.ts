import Type from 'typebox';
import { accept, command, defineKind, note, paragraph, refuse, type HarvestBlock } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { cloudOf, MAX_WORD, tidyWord, wordKey } from './cloud.js';
import { wordcloudModel, WORDCLOUD_EVENTS, type WordcloudData } from './model.js';
import { DEFAULT_MAX_WORDS, events, stepSchema, type WordAdded, type WordcloudEvent, type WordcloudStep, type WordHidden, type WordRemoved } from './schema.js';

/** What a payload may carry before tidying: a word padded with spaces is still a word. */
const RAW_WORD = 100;

export const wordcloud = defineKind<WordcloudData, WordcloudEvent, WordcloudStep>()({
  ...wordcloudModel,
  stepSchema,

  events,
  commands: {
    'wordcloud.add': command({
      payload: Type.Object({ text: Type.String({ maxLength: RAW_WORD }) }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ step, data, actor }, { text }) {
        const tidy = tidyWord(text);
        if (!tidy) return refuse('invalid', 'A word cannot be empty.');
        if (tidy.length > MAX_WORD) return refuse('too-large', `A word is at most ${MAX_WORD} characters.`);
        const key = wordKey(tidy);
        const own = data.words.filter((w) => w.author === actor.id);
        const max = step.maxWords ?? DEFAULT_MAX_WORDS;
        if (own.length >= max) return refuse('limit-reached', `At most ${max} words per participant in this step.`);
        if (own.some((w) => w.key === key)) return refuse('invalid', 'You gave this word already.');
        return accept(WORDCLOUD_EVENTS.added, { text: tidy, key, ...(data.hidden.includes(key) ? { hidden: true } : {}) } satisfies WordAdded);
      },
    }),
    /** A participant takes back one of their own words (a typo), which frees its place. */
    'wordcloud.remove': command({
      payload: Type.Object({ wordId: EntityIdSchema }, { additionalProperties: false }),
      roles: ['participant'],
      decide({ data, actor }, { wordId }) {
        if (!data.words.some((w) => w.id === wordId && w.author === actor.id)) return refuse('not-found', 'You have no such word.');
        return accept(WORDCLOUD_EVENTS.removed, { wordId } satisfies WordRemoved);
      },
    }),
    /** Hide a word (every spelling of it, and whoever types it later) or show it again. */
    'wordcloud.hide': command({
      payload: Type.Object({ key: Type.String({ minLength: 1, maxLength: RAW_WORD }), hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { key: raw, hidden }) {
        const key = wordKey(tidyWord(raw));
        const words = data.words.filter((w) => w.key === key);
        if (!words.length && !data.hidden.includes(key)) return refuse('not-found', 'Nobody gave this word.');
        // Already so (a double click): an event that changes nothing, rather than an error.
        const changed = data.hidden.includes(key) !== hidden;
        const wordIds = changed ? words.map((w) => w.id) : [];
        const shown = hidden || !changed ? undefined : words.map(({ author: _a, hidden: _h, ...w }) => w);
        return accept(WORDCLOUD_EVENTS.hidden, { key, hidden, wordIds, ...(shown ? { words: shown } : {}) } satisfies WordHidden);
      },
    }),
  },

  harvest(data) {
    const cloud = cloudOf(data.words.filter((w) => !w.hidden));
    const words = cloud.map(({ text, count, spellings }) => ({ text, count, ...(spellings.length > 1 ? { spellings } : {}) }));
    const people = new Set(data.words.filter((w) => !w.hidden).map((w) => w.author)).size;
    const total = words.reduce((sum, w) => sum + w.count, 0);
    const blocks: HarvestBlock[] = [
      paragraph(note(`${total === 1 ? '1 woord' : `${total} woorden`} van ${people === 1 ? '1 deelnemer' : `${people} deelnemers`}, ${cloud.length === 1 ? '1 verschillend' : `${cloud.length} verschillende`}.`)),
    ];
    if (!words.length) blocks.push(paragraph(note('Geen woorden.')));
    else
      blocks.push(
        { type: 'table', head: ['Woord', 'Aantal'], right: [1], rows: words.map((w) => [w.text, String(w.count)]) },
        // The chart shows the most frequent words; the table above has them all.
        { type: 'chart', title: 'Meest genoemd', bars: words.slice(0, 15).map((w) => ({ label: w.text, value: w.count })) },
      );
    return { data: { words }, blocks, rows: words.map((w) => ({ text: w.text, votes: w.count })) };
  },
});
