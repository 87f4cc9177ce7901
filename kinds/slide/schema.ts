/**
 * The slide's contract: its step settings as a TypeBox schema the server checks,
 * with the type derived from it, and its events: the image the facilitator puts on
 * it from the console, and taking it off. The browser imports the types only
 * (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { eventPayload, FilePayload } from '../definition.js';
import { SLIDE_EVENTS } from './model.js';

export const stepSchema = Type.Object({
  /** Blank lines separate paragraphs, lines starting with "- " are bullets. */
  body: Type.Optional(Type.String({ maxLength: 5000, description: 'De tekst van de dia. Een lege regel begint een nieuwe alinea; "- " maakt een opsomming.' })),
});

export const events = {
  [SLIDE_EVENTS.imageSet]: eventPayload(FilePayload),
  [SLIDE_EVENTS.imageCleared]: eventPayload({}),
};

export type SlideStep = StepOf<typeof stepSchema>;
export type SlideImage = Static<(typeof events)[typeof SLIDE_EVENTS.imageSet]>;
export type SlideEvent = EventsOf<typeof events>;
