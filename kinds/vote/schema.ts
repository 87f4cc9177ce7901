/**
 * The dot vote's contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { eventPayload } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { VOTE_EVENTS } from './model.js';

/** Most dots a script may give one participant: more turns dot voting into scoring. */
export const MAX_DOTS = 20;

export const stepSchema = Type.Object({
  from: { ...StepIdSchema, description: 'De eerdere stap waarop gestemd wordt: ontwerpvragen, een muur of open vragen, bijvoorbeeld "vragen". Op telefoons staat de stemlijst zodra de begeleider die stap heeft laten zien (bij een muur niet).' },
  fromColumn: Type.Optional({ ...StepIdSchema, description: 'Bij een muur: alleen op deze kolom stemmen, bijvoorbeeld "klaagmuur".' }),
  dots: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DOTS, description: 'Hoeveel stippen elke deelnemer heeft (standaard 3).' })),
  maxPerItem: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_DOTS,
      description:
        'Hoeveel stippen één deelnemer op hetzelfde item mag zetten (standaard 1: elke stip is een andere keuze, zo telt de uitslag hoeveel mensen iets kozen). Zet hem gelijk aan "dots" om stapelen toe te staan.',
    }),
  ),
  choose: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, description: 'Hoeveel items de groep kiest (standaard 3); die staan als gekozen in de oogst.' })),
});

export const events = {
  /** A participant set their dots on one item to `dots` (0 takes them all off). */
  [VOTE_EVENTS.placed]: eventPayload({
    itemId: EntityIdSchema,
    /** The voter's dots on the item now: for the facilitator and the voter. */
    dots: Type.Integer({ minimum: 0, maximum: MAX_DOTS }),
    /** All dots on the item now: for the facilitator, and the screen once revealed. */
    // Bounded far above a room (5,000 participants by default, 20 dots each).
    total: Type.Integer({ minimum: 0, maximum: 10_000_000 }),
    voters: Type.Integer({ minimum: 0, maximum: 1_000_000 }),
    /**
     * Dots the voter had on items off the ballot (hidden or merged since) that this
     * placement takes back (see toRelease), so the voter's dots on every item, on the
     * ballot or not, stay within the budget: an item shown again never brings back a
     * dot that was moved. Each entry: the voter's dots there now, and the item's total
     * now; at most one entry per item the voter holds dots on.
     */
    released: Type.Optional(
      Type.Array(
        eventPayload({
          itemId: EntityIdSchema,
          dots: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_DOTS })),
          total: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000 })),
        }),
        { maxItems: 1000 },
      ),
    ),
  }),
  [VOTE_EVENTS.closed]: eventPayload({ closed: Type.Boolean() }),
};

export type VoteStep = StepOf<typeof stepSchema>;
/** Each view gets only the fields it may see (see the model's `redact`). */
export type DotsPlaced = Partial<Static<(typeof events)[typeof VOTE_EVENTS.placed]>>;
export type Released = NonNullable<DotsPlaced['released']>[number];
export type VoteClosed = Static<(typeof events)[typeof VOTE_EVENTS.closed]>;
export type VoteEvent = EventsOf<typeof events, { [VOTE_EVENTS.placed]: DotsPlaced }>;
