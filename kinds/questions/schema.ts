/**
 * The design questions' contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload, Seq } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { DEFAULT_PREFIX, QUESTIONS_EVENTS } from './model.js';

/** A design question is one sentence: longer than this is a paragraph, not a question. */
export const MAX_QUESTION = 300;
const Stored = Type.String({ minLength: 1, maxLength: MAX_QUESTION });

export const stepSchema = Type.Object({
  prefix: Type.Optional(
    Type.String({ minLength: 1, maxLength: 60, description: `Waarmee elke vraag begint (standaard "${DEFAULT_PREFIX}"). De telefoon vult het alvast in.` }),
  ),
  maxQuestions: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'Hoeveel vragen één deelnemer mag stellen (standaard 10).' })),
  from: Type.Optional({
    ...StepIdSchema,
    description: 'Een eerdere stap (muur, open vragen, ontwerpvragen of wat-werkt-check) waarvan console en scherm de bijdragen als inspiratie tonen, bijvoorbeeld "muur"; van een wat-werkt-check de elementen die het vaakst "nog niet" kregen.',
  }),
  fromColumn: Type.Optional({ ...StepIdSchema, description: 'Bij een muur: alleen deze kolom, bijvoorbeeld "klaagmuur".' }),
});

export const events = {
  [QUESTIONS_EVENTS.asked]: eventPayload({ text: Stored }),
  [QUESTIONS_EVENTS.hidden]: eventPayload({
    questionId: EntityIdSchema,
    hidden: Type.Boolean(),
    /** On showing again: the question itself, for views that dropped it. */
    question: Type.Optional(
      eventPayload({ id: EntityIdSchema, text: Stored, at: At, seq: Seq, mergedInto: Type.Optional(EntityIdSchema), edited: Type.Optional(Type.Boolean()) }),
    ),
  }),
  /** `questionIds`: absorbed into the target, with whatever they had absorbed themselves. */
  [QUESTIONS_EVENTS.merged]: eventPayload({ targetId: EntityIdSchema, questionIds: Type.Array(EntityIdSchema, { minItems: 1, maxItems: 100, uniqueItems: true }) }),
  [QUESTIONS_EVENTS.unmerged]: eventPayload({ questionId: EntityIdSchema }),
  [QUESTIONS_EVENTS.edited]: eventPayload({ questionId: EntityIdSchema, text: Stored }),
};

export type QuestionsStep = StepOf<typeof stepSchema>;
export type QuestionAsked = Static<(typeof events)[typeof QUESTIONS_EVENTS.asked]>;
/** `drop`: for views that keep no hidden question but their own: drop it unless it carries your authorship. */
export type QuestionHidden = Static<(typeof events)[typeof QUESTIONS_EVENTS.hidden]> & { drop?: boolean };
export type QuestionsMerged = Static<(typeof events)[typeof QUESTIONS_EVENTS.merged]>;
export type QuestionUnmerged = Static<(typeof events)[typeof QUESTIONS_EVENTS.unmerged]>;
export type QuestionEdited = Static<(typeof events)[typeof QUESTIONS_EVENTS.edited]>;
export type QuestionsEvent = EventsOf<typeof events, { [QUESTIONS_EVENTS.hidden]: QuestionHidden }>;
