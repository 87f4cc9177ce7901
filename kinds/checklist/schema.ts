/**
 * The wat-werkt check's contract, once: step settings and event payloads as TypeBox
 * schemas the server checks, with the types derived from them. The browser imports
 * the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, Lacking, StepOf } from '../../core/kind.js';
import { eventPayload } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { CHECKLIST_EVENTS } from './model.js';

/** Most items one check holds: 60 already takes a phone a quarter of an hour. */
export const MAX_ITEMS = 60;
/** A comment explains a rating in a sentence or two. */
export const MAX_COMMENT = 300;
const Comment = Type.String({ minLength: 1, maxLength: MAX_COMMENT });

/** The sizes of one item's texts, in characters. */
export const ITEM_LIMITS = { text: 200, explanation: 400, source: 500 } as const;

export const ItemSchema = Type.Object(
  {
    id: StepIdSchema,
    text: Type.String({ minLength: 1, maxLength: ITEM_LIMITS.text, description: 'Het werkzame element zoals deelnemers het lezen, bijvoorbeeld "We betrekken de doelgroep bij elke stap".' }),
    explanation: Type.Optional(Type.String({ minLength: 1, maxLength: ITEM_LIMITS.explanation, description: 'Een korte toelichting: wat het inhoudt, waarom het werkt.' })),
    source: Type.Optional(
      Type.String({ maxLength: ITEM_LIMITS.source, pattern: '^https://[^\\s<>"]+$', description: 'Een link (https) naar het onderzoek of de bron, voor wie meer wil lezen.' }),
    ),
  },
  { additionalProperties: false },
);
const Items = Type.Array(ItemSchema, { minItems: 1, maxItems: MAX_ITEMS, description: 'De checklist: wat volgens onderzoek werkt.' });

/** The arena's own checklist, as the arena keeps it (uploaded on the arena page). */
export const arenaListSchema = Type.Object({ items: Items }, { additionalProperties: false });
export type ArenaList = Static<typeof arenaListSchema>;

const Scale = Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: StepIdSchema,
          text: Type.String({ minLength: 1, maxLength: 30, description: 'Het antwoord zoals deelnemers het lezen, bijvoorbeeld "deels".' }),
          gain: Type.Optional(
            Type.Number({
              minimum: 0,
              maximum: 1,
              description: 'Hoeveel er met dit antwoord nog te winnen is: 0 (doen we al) tot 1 (nog niet). Zonder: telt niet mee (bijvoorbeeld "weet ik niet").',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 2, maxItems: 6, description: 'De antwoorden (standaard: doen we al, deels, nog niet, weet ik niet).' },
    ),
  );

export const stepSchema = Type.Object({
  items: Type.Union([
    Items,
    Type.Literal('arena', {
      description: '"arena": de eigen checklist van de arena (geüpload op de arenapagina); een sessie in die arena neemt hem over bij het aanmaken.',
    }),
  ]),
  scale: Scale,
});
/** A step as a session runs it: `items: arena` is replaced by the arena's list when the session is made. */
export const runStepSchema = Type.Object({ items: Items, scale: Scale });

export const events = {
  /** A rating, or a changed one: `ratingId` is the participant's first rating's id for the item. */
  [CHECKLIST_EVENTS.rated]: eventPayload({
    ratingId: EntityIdSchema,
    itemId: StepIdSchema,
    point: StepIdSchema,
    /** The participant's first rating in this step: the count of who answered moves. */
    first: Type.Boolean(),
    /** The point the participant gave this item before, when this changes it: a view holding counts moves it. */
    previous: Type.Optional(StepIdSchema),
    /** The participant's comment on the item as it stands now (absent: none). */
    comment: Type.Optional(Comment),
  }),
};

/** A step as the script says it: its items, or `arena` for the arena's own list. */
export type ChecklistScriptStep = StepOf<typeof stepSchema>;
export type ChecklistItem = Static<typeof ItemSchema>;
export type ChecklistStep = StepOf<typeof runStepSchema>;
export type ScalePoint = NonNullable<ChecklistStep['scale']>[number];
/** Views that may not see a rating get `first` only; the screen after the reveal also the item and points. */
export type Rated = Lacking<Static<(typeof events)[typeof CHECKLIST_EVENTS.rated]>, 'ratingId' | 'itemId' | 'point'>;
export type ChecklistEvent = EventsOf<typeof events, { [CHECKLIST_EVENTS.rated]: Rated }>;
