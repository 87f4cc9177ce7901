/**
 * The photo's contract, once: its step settings and the payload of every event it
 * writes, as TypeBox schemas the server checks, with the types derived from them.
 * The browser imports the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload, FilePayload, Seq } from '../definition.js';
import { EntityIdSchema } from '../ids.js';
import { PHOTO_EVENTS } from './model.js';

export const stepSchema = Type.Object({
  maxPhotos: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: "Hoeveel foto's één deelnemer mag sturen (standaard 3)." })),
  caption: Type.Optional(
    Type.String({ maxLength: 120, description: 'De vraag boven het onderschrift, bijvoorbeeld "Wat laat deze tekening zien?" (standaard "Onderschrift (mag leeg)").' }),
  ),
  approval: Type.Optional(
    Type.Boolean({ description: "Foto's van deelnemers komen pas op het scherm als de facilitator ze goedkeurt (standaard aan: een foto kan gezichten tonen)." }),
  ),
});

/** A photo as a view that never had it receives it, with its approval (`photo.judged`). */
const Shown = eventPayload({ id: EntityIdSchema, ...FilePayload, at: At, seq: Seq });

export const events = {
  [PHOTO_EVENTS.added]: eventPayload(FilePayload),
  [PHOTO_EVENTS.judged]: eventPayload({
    photoId: EntityIdSchema,
    shown: Type.Boolean(),
    /** When shown: the photo itself, for the screen that never had it. */
    photo: Type.Optional(Shown),
  }),
};

export type PhotoStep = StepOf<typeof stepSchema>;
export type PhotoAdded = Static<(typeof events)[typeof PHOTO_EVENTS.added]>;
/** `remove`: only in the screen's copy, which may not keep a photo taken off it: drop it. */
export type PhotoJudged = Static<(typeof events)[typeof PHOTO_EVENTS.judged]> & { remove?: boolean };
export type PhotoEvent = EventsOf<typeof events, { [PHOTO_EVENTS.judged]: PhotoJudged }>;
