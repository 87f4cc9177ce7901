/**
 * The schemas of the synthesis and of an arena's way of working (core/synthesis.ts),
 * for every way in: the console's command, the stored event, the arena routes and an
 * imported file. Apart from core so the browser loads no schema library.
 */
import Type, { type Static } from 'typebox';
import { MAX_SYNTHESIS_PART, type ArenaMethod, type Synthesis } from '../core/synthesis.js';

const Part = Type.String({ maxLength: MAX_SYNTHESIS_PART });
export const SynthesisSchema = Type.Object({ summary: Part, decisions: Part, lessons: Part, chafed: Part }, { additionalProperties: false });

export const ArenaMethodSchema = Type.Union([
  Type.Literal('leer-en-verbetertraject'),
  Type.Literal('waarderend-veranderen'),
  Type.Literal('actieonderzoek'),
  Type.Literal('transitiearena'),
  Type.Literal('small-wins'),
]);

// The schemas say exactly what the types in core say: a part or a method added to one and not the other fails here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const schemasMatch: [Same<Static<typeof SynthesisSchema>, Synthesis>, Same<Static<typeof ArenaMethodSchema>, ArenaMethod>] = [true, true];
