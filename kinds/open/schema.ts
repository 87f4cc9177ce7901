/**
 * The open questions' contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, Lacking, StepOf } from '../../core/kind.js';
import { At, eventPayload, MAX_TEXT, Seq } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { OPEN_EVENTS } from './model.js';

const AnswerText = Type.String({ minLength: 1, maxLength: MAX_TEXT });

export const stepSchema = Type.Object({
  questions: Type.Array(
    Type.Object(
      {
        id: StepIdSchema,
        text: Type.String({ minLength: 1, maxLength: 300, description: 'De vraag zoals deelnemers hem lezen.' }),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 10 },
  ),
});

export const events = {
  /** `answerId`: a new id for a first answer, the existing one for a rewrite. */
  [OPEN_EVENTS.answered]: eventPayload({ answerId: EntityIdSchema, questionId: StepIdSchema, text: AnswerText, first: Type.Boolean() }),
  [OPEN_EVENTS.hidden]: eventPayload({
    answerId: EntityIdSchema,
    hidden: Type.Boolean(),
    /** On un-hiding: the answer itself, for views that never had it. */
    answer: Type.Optional(eventPayload({ id: EntityIdSchema, questionId: StepIdSchema, text: AnswerText, at: At, seq: Seq })),
  }),
};

export type OpenStep = StepOf<typeof stepSchema>;
export type OpenQuestion = OpenStep['questions'][number];
/** `text` is left out for views that may not see answers yet. */
export type Answered = Lacking<Static<(typeof events)[typeof OPEN_EVENTS.answered]>, 'text'>;
/** `remove`: in the copy of every view but the facilitator's: a view drops the hidden answer unless it holds it as its own (the author's phone). */
export type AnswerHidden = Static<(typeof events)[typeof OPEN_EVENTS.hidden]> & { remove?: boolean };
export type OpenEvent = EventsOf<typeof events, { [OPEN_EVENTS.answered]: Answered; [OPEN_EVENTS.hidden]: AnswerHidden }>;
