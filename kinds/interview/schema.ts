/**
 * The interview's contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { eventPayload } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { SeatSchema } from '../meetings-schema.js';
import { INTERVIEW_EVENTS } from './model.js';

/** Longest text of one field of the notes: a story needs more room than a wall note (500). */
export const MAX_NOTE = 1000;

export const FieldSchema = Type.Union([Type.Literal('story'), Type.Literal('strengths'), Type.Literal('conditions')]);
const Fields = Type.Array(FieldSchema, { maxItems: 3, uniqueItems: true });
const Stored = Type.String({ minLength: 1, maxLength: MAX_NOTE });
const TextsSchema = { story: Type.Optional(Stored), strengths: Type.Optional(Stored), conditions: Type.Optional(Stored) };
/** Members only ever join a pair, so an index may pass three (see `interview.note`). */
const MemberIndex = Type.Integer({ minimum: 0, maximum: 10_000 });
const Round = Type.Integer({ minimum: 1 });
/** A pair as an event carries it: a member without `since` joined with this event. */
const PairSchema = eventPayload({
  id: Type.String({ pattern: '^r[0-9]{1,6}-[0-9]{1,6}$' }),
  round: Round,
  members: Type.Array(SeatSchema, { maxItems: 10_000 }),
  interviewer: Type.Integer({ minimum: -1, maximum: 10_000 }),
  interviewee: Type.Integer({ minimum: -1, maximum: 10_000 }),
  told: Type.Array(MemberIndex, { maxItems: 10_000 }),
});
/** `interview.paired` starts a round (swaps back to 0); `interview.regrouped` changes some pairs of it: the new state of every pair it makes or changes. */
const PairedSchema = eventPayload({ round: Round, swaps: Type.Integer({ minimum: 0 }), pairs: Type.Array(PairSchema, { maxItems: 10_000 }) });

export const stepSchema = Type.Object({
  guide: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
      minItems: 1,
      maxItems: 10,
      description:
        'De vragen die de interviewer stelt, in volgorde. Standaard: "Vertel over een moment waarop het echt goed werkte.", "Wat maakte dat mogelijk?", "Wat was jouw bijdrage?", "Wat zegt dat over wat we waarderen?".',
    }),
  ),
  intervieweeGuide: Type.Optional(
    Type.String({ minLength: 1, maxLength: 600, description: 'Wat de verteller op de telefoon leest. Standaard een uitnodiging om te vertellen over een moment waarop het echt goed werkte.' }),
  ),
  wallTitle: Type.Optional(
    Type.String({ minLength: 1, maxLength: 80, description: 'Kop van de muur met gedeelde aantekeningen op het scherm. Standaard "Successen, talenten en krachten".' }),
  ),
});

export const events = {
  [INTERVIEW_EVENTS.paired]: PairedSchema,
  [INTERVIEW_EVENTS.regrouped]: PairedSchema,
  /**
   * Version 2 adds `turns`: `each-once` gives the next turn to the first active member after the new asker who has
   * not told yet in the pair (a turn order that survives someone joining mid-round); `round` is version 1's rule,
   * strictly the next one round, which a log written before keeps.
   */
  [INTERVIEW_EVENTS.swapped]: eventPayload({ swaps: Type.Integer({ minimum: 1 }), turns: Type.Union([Type.Literal('round'), Type.Literal('each-once')]) }),
  // As stored, and as an arena export holds it (core/exported.ts): an unshared note's text left out, only which fields were `filled`.
  // `filled`: also for a view that does not hold unshared text.
  [INTERVIEW_EVENTS.noted]: eventPayload({ pairId: EntityIdSchema, about: MemberIndex, ...TextsSchema, filled: Type.Optional(Fields) }),
  [INTERVIEW_EVENTS.shared]: eventPayload({
    noteId: EntityIdSchema,
    fields: Fields,
    /** The text of the shared fields: what becomes public. */
    texts: eventPayload(TextsSchema),
    /** For a view that holds shared text only: its copy has exactly `texts`. */
    public: Type.Optional(Type.Literal(true)),
    /** For the screen, when nothing is shared any more: drop the note. */
    remove: Type.Optional(Type.Literal(true)),
  }),
};

export type InterviewStep = StepOf<typeof stepSchema>;
export type Paired = Static<typeof PairedSchema>;
export type PairState = Paired['pairs'][number];
export type Swapped = Static<(typeof events)[typeof INTERVIEW_EVENTS.swapped]>;
export type Noted = Static<(typeof events)[typeof INTERVIEW_EVENTS.noted]>;
export type Shared = Static<(typeof events)[typeof INTERVIEW_EVENTS.shared]>;
export type InterviewEvent = EventsOf<typeof events>;
