/**
 * The poll's contract, once: step settings and event payloads as TypeBox schemas
 * the server checks, with the types derived from them. The browser imports the
 * types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, Lacking, StepOf } from '../../core/kind.js';
import { eventPayload } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { POLL_EVENTS } from './model.js';

/** Most options a poll offers, and most points on a scale: more does not fit on a phone or read from the back. */
export const MAX_OPTIONS = 12;
export const MAX_SCALE_POINTS = 11;
export const ScaleValue = Type.Integer({ minimum: -10, maximum: 10 });
const Choices = Type.Array(Type.Union([StepIdSchema, Type.String({ pattern: '^-?[0-9]{1,2}$' })]), { minItems: 1, maxItems: MAX_OPTIONS });
const endLabel = (description: string) => Type.String({ minLength: 1, maxLength: 60, description });

export const stepSchema = Type.Object({
  question: Type.String({ minLength: 1, maxLength: 300, description: 'De vraag zoals deelnemers hem lezen.' }),
  mode: Type.Union([Type.Literal('single'), Type.Literal('multiple'), Type.Literal('scale')], {
    description: '"single": deelnemers kiezen één antwoord; "multiple": een of meer antwoorden; "scale": een punt op een schaal (bijvoorbeeld 1 tot 5).',
  }),
  options: Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: StepIdSchema,
          text: Type.String({ minLength: 1, maxLength: 120, description: 'Het antwoord zoals deelnemers het lezen.' }),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: MAX_OPTIONS, description: 'De antwoorden om uit te kiezen (bij "single" en "multiple").' },
    ),
  ),
  maxChoices: Type.Optional(
    Type.Integer({ minimum: 1, maximum: MAX_OPTIONS, description: 'Bij "multiple": hoeveel antwoorden één deelnemer hooguit kiest (standaard: allemaal).' }),
  ),
  scale: Type.Optional(
    Type.Object(
      {
        min: ScaleValue,
        max: ScaleValue,
        minLabel: Type.Optional(endLabel('Wat de laagste waarde betekent, bijvoorbeeld "helemaal oneens".')),
        maxLabel: Type.Optional(endLabel('Wat de hoogste waarde betekent, bijvoorbeeld "helemaal eens".')),
      },
      { additionalProperties: false, description: `Bij "scale": de laagste en de hoogste waarde (hooguit ${MAX_SCALE_POINTS} punten).` },
    ),
  ),
});

export const events = {
  // Option ids, or on a scale the one value as text ("4", "-2").
  [POLL_EVENTS.voted]: eventPayload({
    first: Type.Boolean(),
    choices: Choices,
    /** The voter's earlier choices when this changes a vote: a view holding counts moves them. */
    previous: Type.Optional(Choices),
    /** For views that hold votes (the facilitator, the voter); a view without it keeps no vote. */
    voteId: EntityIdSchema,
  }),
  [POLL_EVENTS.closed]: eventPayload({ closed: Type.Boolean() }),
};

export type PollStep = StepOf<typeof stepSchema>;
export type PollOption = NonNullable<PollStep['options']>[number];
export type PollScale = NonNullable<PollStep['scale']>;
/** `choices` and `voteId` are left out for views that may not see them. */
export type Voted = Lacking<Static<(typeof events)[typeof POLL_EVENTS.voted]>, 'choices' | 'voteId'>;
export type PollClosed = Static<(typeof events)[typeof POLL_EVENTS.closed]>;
export type PollEvent = EventsOf<typeof events, { [POLL_EVENTS.voted]: Voted }>;
