/**
 * Someone's seat in a pair or group, as the events of the kinds that put people
 * together carry it (the interview's pairs, the groups). Imports TypeBox: the server's.
 */
import Type from 'typebox';
import { eventPayload } from './definition.js';
import { EntityIdSchema } from './ids.js';

/** A member without `since` joined with the event that carries them. */
export const SeatSchema = eventPayload({
  /** Participant id: left out for anyone but the facilitator and the member. */
  id: Type.Optional(EntityIdSchema),
  /** Left out on the screen. */
  pseudonym: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** `left`: gone from the session; `moved`: left alone here, so seated elsewhere. */
  status: Type.Union([Type.Literal('active'), Type.Literal('left'), Type.Literal('moved')]),
  since: Type.Optional(Type.Integer({ minimum: 1 })),
  /** Still seated, but their phone's connection dropped: back within the grace, or they leave. */
  away: Type.Optional(Type.Literal(true)),
});
