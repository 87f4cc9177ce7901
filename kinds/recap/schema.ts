/**
 * The recap's contract, once: its step settings (none of its own), its one event
 * and what it carries from the arena (`recapContext`), as TypeBox schemas the server
 * checks, with the types derived from them. The browser imports the types only.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload } from '../definition.js';
import { EntityIdSchema } from '../ids.js';

/**
 * How much of the arena a recap carries: it reaches every phone in every snapshot, so
 * at most 8 parts of 20 lines, texts shortened (about 45 KB at the very most).
 */
export const RECAP_LIMITS = { parts: 8, items: 20, title: 200, text: 200, note: 160, badge: 60 } as const;

/** A part's id: the kind that gave it, or `logbook`. */
export const PartId = Type.String({ pattern: '^[a-z]+$', maxLength: 40 });
const Text = (max: number) => Type.String({ maxLength: max });

export const RecapItemSchema = eventPayload({
  text: Type.String({ minLength: 1, maxLength: RECAP_LIMITS.text }),
  badge: Type.Optional(Text(RECAP_LIMITS.badge)),
  tone: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('new'), Type.Literal('done'), Type.Literal('stopped')])),
  note: Type.Optional(Text(RECAP_LIMITS.note)),
});

/** Where the arena stood when the room reached the step: its last meeting and each kind's part, in order. */
export const contextSchema = eventPayload({
  since: Type.Optional(eventPayload({ id: EntityIdSchema, title: Text(RECAP_LIMITS.title), date: At })),
  parts: Type.Array(
    eventPayload({
      id: PartId,
      title: Type.String({ minLength: 1, maxLength: RECAP_LIMITS.title }),
      items: Type.Array(RecapItemSchema, { minItems: 1, maxItems: RECAP_LIMITS.items }),
      /** Lines left out beyond the limit. */
      more: Type.Optional(Type.Integer({ minimum: 1 })),
    }),
    { maxItems: RECAP_LIMITS.parts },
  ),
});

export const stepSchema = Type.Object({});

export const events = {
  /** The facilitator put a part on the screen (and the phones). */
  'recap.shown': eventPayload({ partId: PartId }),
};

export type RecapStep = StepOf<typeof stepSchema>;
export type RecapContext = Static<typeof contextSchema>;
export type RecapPartShown = RecapContext['parts'][number];
export type RecapEvent = EventsOf<typeof events>;
