/**
 * The word cloud's contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, Lacking, StepOf } from '../../core/kind.js';
import { At, eventPayload, Seq } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { MAX_WORD } from './cloud.js';
import { WORDCLOUD_EVENTS } from './model.js';

export const DEFAULT_MAX_WORDS = 3;
/** A word as stored: tidied and at most MAX_WORD characters (its key, lower case, likewise). */
const Word = Type.String({ minLength: 1, maxLength: MAX_WORD });

export const stepSchema = Type.Object({
  maxWords: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 3, description: `Hoeveel woorden één deelnemer mag geven (standaard ${DEFAULT_MAX_WORDS}).` }),
  ),
  live: Type.Optional(
    Type.Boolean({ description: 'true (standaard): de woordwolk groeit live op het scherm. false: pas zichtbaar als de begeleider hem laat zien.' }),
  ),
});

export const events = {
  /** `hidden`: the word was hidden before it was typed: it goes to the facilitator and its author only. */
  [WORDCLOUD_EVENTS.added]: eventPayload({ text: Word, key: Word, hidden: Type.Optional(Type.Literal(true)) }),
  [WORDCLOUD_EVENTS.removed]: eventPayload({ wordId: EntityIdSchema }),
  [WORDCLOUD_EVENTS.hidden]: eventPayload({
    key: Word,
    hidden: Type.Boolean(),
    /** Every word with that key. */
    wordIds: Type.Array(EntityIdSchema, { maxItems: 100_000 }),
    /** Showing again, for a screen showing the cloud: the words, which it dropped when they were hidden. */
    words: Type.Optional(Type.Array(eventPayload({ id: EntityIdSchema, text: Word, key: Word, at: At, seq: Seq }), { maxItems: 100_000 })),
  }),
};

export type WordcloudStep = StepOf<typeof stepSchema>;
/** `text` and `key` are left out for views that may not see the words yet. */
export type WordAdded = Lacking<Static<(typeof events)[typeof WORDCLOUD_EVENTS.added]>, 'text' | 'key'>;
export type WordRemoved = Static<(typeof events)[typeof WORDCLOUD_EVENTS.removed]>;
/**
 * `key` goes to the facilitator only (the screen may not hold a hidden word). The screen,
 * which keeps no hidden word, drops these (`remove`) or counts them again (`restore`).
 */
export type WordHidden = Lacking<Static<(typeof events)[typeof WORDCLOUD_EVENTS.hidden]>, 'key'> & { remove?: boolean; restore?: boolean };
export type WordcloudEvent = EventsOf<
  typeof events,
  { [WORDCLOUD_EVENTS.added]: WordAdded; [WORDCLOUD_EVENTS.removed]: WordRemoved; [WORDCLOUD_EVENTS.hidden]: WordHidden }
>;
