/**
 * The slide's contract: its step settings as a TypeBox schema the server checks,
 * with the type derived from it. A slide writes no events. The browser imports the
 * type only (`import type`), never these values.
 */
import Type from 'typebox';
import type { StepOf } from '../../core/kind.js';

export const stepSchema = Type.Object({
  /** Blank lines separate paragraphs, lines starting with "- " are bullets. */
  body: Type.Optional(Type.String({ maxLength: 5000, description: 'De tekst van de dia. Een lege regel begint een nieuwe alinea; "- " maakt een opsomming.' })),
});

export const events = {};

export type SlideStep = StepOf<typeof stepSchema>;
