/**
 * The shape of a facilitation script (facilitation-scripts/*.yaml). The common
 * step fields are here; each kind adds its own (kinds/<kind>/index.ts).
 * `scriptJsonSchema()` is what the app publishes for editors.
 */
import Type, { type Static, type TSchema } from 'typebox';
import { RESERVED_IDS, StepIdSchema } from '../../kinds/ids.js';
import { kinds } from '../../kinds/registry.js';

export const StepCommonSchema = Type.Object({
  id: StepIdSchema,
  // An enum rather than a union of literals: one clear "must be one of" however many kinds there are.
  kind: Type.Enum(
    kinds.map((k) => k.kind),
    { description: 'The exercise kind of the step.' },
  ),
  title: Type.String({ minLength: 1, maxLength: 120, description: 'Title of the step, shown on the agenda and the screen.' }),
  prompt: Type.Optional(Type.String({ maxLength: 1000, description: 'What the room is asked to do, shown on the screen and the phones.' })),
  notes: Type.Optional(Type.String({ maxLength: 5000, description: 'Presenter notes for the facilitator (Dutch in shipped scripts): shown on the console only, never on the screen or the phones.' })),
  duration: Type.Optional(Type.Number({ minimum: 0, maximum: 600, description: 'Estimated minutes.' })),
  timer: Type.Optional(Type.Integer({ minimum: 10, maximum: 4 * 3600, description: 'Seconds on the countdown when the facilitator starts the timer (default: the estimated duration).' })),
});

/**
 * A script's id, its file name: like a step id, but longer, because a series names
 * its meetings ("leer-en-verbetertraject-5-opschalen-en-verankeren"). At most 58
 * characters, so an arena's copy ("…-eigen") still fits the 64 an export holds.
 */
export const ScriptIdSchema = Type.String({
  pattern: '^[a-z0-9][a-z0-9-]{0,57}$',
  not: { enum: RESERVED_IDS },
  description: 'Lowercase letters, digits and dashes, the file name without ".yaml", e.g. "klaag-en-jubelmuur".',
});

export const ScriptSchema = Type.Object(
  {
    id: ScriptIdSchema,
    title: Type.String({ minLength: 1, maxLength: 120 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    language: Type.Optional(Type.String({ pattern: '^[a-z]{2}$', description: 'Language of the texts, e.g. "nl".' })),
    duration: Type.Optional(Type.Number({ minimum: 0, maximum: 1440, description: 'Estimated minutes for the whole session.' })),
    moderation: Type.Optional(
      Type.Boolean({ description: 'Start with "approve before showing" on: contributions from phones wait for the facilitator. The console can turn it on or off at any time.' }),
    ),
    steps: Type.Array(Type.Object({}, { additionalProperties: true }), { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);

export type ScriptFile = Static<typeof ScriptSchema>;

/** The JSON Schema of a script file, with each kind's fields, for editors' autocompletion. */
export function scriptJsonSchema(): Record<string, unknown> {
  const stepVariants = kinds.map((k) => ({
    if: { properties: { kind: { const: k.kind } } },
    then: { properties: { ...(k.stepSchema as TSchema & { properties: object }).properties } },
  }));
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'oogst-script.schema.json',
    title: 'Oogst facilitation script',
    ...ScriptSchema,
    properties: {
      ...ScriptSchema.properties,
      steps: { ...ScriptSchema.properties.steps, items: { ...StepCommonSchema, allOf: stepVariants } },
    },
  };
}
