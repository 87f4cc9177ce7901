/**
 * The contract of "vragen aan de spreker", once: step settings and event payloads
 * as TypeBox schemas the server checks, with the types derived from them. The
 * browser imports the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload, MAX_TEXT, Seq } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { DEFAULT_MAX_QUESTIONS, QNA_EVENTS } from './model.js';

const QuestionText = Type.String({ minLength: 1, maxLength: MAX_TEXT });

export const stepSchema = Type.Object({
  maxQuestions: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 20, description: `Hoeveel vragen één deelnemer mag stellen (standaard ${DEFAULT_MAX_QUESTIONS}).` }),
  ),
  onScreen: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 12, description: 'Hoeveel vragen het scherm toont, de meest gesteunde eerst (standaard 5).' }),
  ),
});

export const events = {
  [QNA_EVENTS.asked]: eventPayload({ text: QuestionText }),
  /** `up: false` takes the voter's vote back. */
  [QNA_EVENTS.voted]: eventPayload({ questionId: EntityIdSchema, up: Type.Boolean() }),
  [QNA_EVENTS.hidden]: eventPayload({
    questionId: EntityIdSchema,
    hidden: Type.Boolean(),
    /** On showing it again: the question itself, for views that dropped it. */
    question: Type.Optional(
      eventPayload({ id: EntityIdSchema, text: QuestionText, author: Type.Optional(EntityIdSchema), at: At, seq: Seq, answered: Type.Boolean() }),
    ),
  }),
  [QNA_EVENTS.answered]: eventPayload({ questionId: EntityIdSchema, answered: Type.Boolean() }),
};

export type QnaStep = StepOf<typeof stepSchema>;
export type QuestionAsked = Static<(typeof events)[typeof QNA_EVENTS.asked]>;
export type QuestionVoted = Static<(typeof events)[typeof QNA_EVENTS.voted]>;
/** `remove`: in the copy of the screen and the phones, which drop a hidden question. */
export type QuestionHidden = Static<(typeof events)[typeof QNA_EVENTS.hidden]> & { remove?: boolean };
export type QnaEvent = EventsOf<typeof events, { [QNA_EVENTS.hidden]: QuestionHidden }>;
