/**
 * The wall's contract, once: its step settings and the payload of every event it
 * writes, as TypeBox schemas the server checks, with the types derived from them.
 * The browser imports the types only (`import type`), never these values.
 */
import Type, { type Static } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload, MAX_TEXT, Seq } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { WALL_EVENTS } from './model.js';

const NoteText = Type.String({ minLength: 1, maxLength: MAX_TEXT });
/** A cluster's title as stored: cleaned, so spaces alone leave it empty. */
const StoredTitle = Type.String({ maxLength: 120 });

export const stepSchema = Type.Object({
  columns: Type.Array(
    Type.Object(
      {
        id: StepIdSchema,
        title: Type.String({ minLength: 1, maxLength: 60, description: 'Kop van de kolom, bijvoorbeeld "Klaagmuur".' }),
        prompt: Type.Optional(Type.String({ maxLength: 300, description: 'Wat hoort in deze kolom.' })),
      },
      { additionalProperties: false },
    ),
    { minItems: 1, maxItems: 6, description: 'De kolommen van de muur.' },
  ),
  maxNotes: Type.Optional(Type.Integer({ minimum: 1, maximum: 50, description: 'Hoeveel briefjes één deelnemer mag plaatsen (standaard 10).' })),
});

export const events = {
  [WALL_EVENTS.posted]: eventPayload({ column: StepIdSchema, text: NoteText }),
  [WALL_EVENTS.hidden]: eventPayload({
    noteId: EntityIdSchema,
    hidden: Type.Boolean(),
    /** On un-hiding: the note itself, for views that never had it. */
    note: Type.Optional(eventPayload({ id: EntityIdSchema, column: StepIdSchema, text: NoteText, at: At, seq: Seq, clusterId: Type.Optional(EntityIdSchema) })),
  }),
  [WALL_EVENTS.clustered]: eventPayload({ column: StepIdSchema, title: StoredTitle, noteIds: Type.Array(EntityIdSchema, { maxItems: 500 }) }),
  [WALL_EVENTS.renamed]: eventPayload({ clusterId: EntityIdSchema, title: StoredTitle }),
  [WALL_EVENTS.moved]: eventPayload({ noteId: EntityIdSchema, clusterId: Type.Union([EntityIdSchema, Type.Null()]) }),
  [WALL_EVENTS.dissolved]: eventPayload({ clusterId: EntityIdSchema }),
};

export type WallStep = StepOf<typeof stepSchema>;
export type WallColumn = WallStep['columns'][number];
export type NotePosted = Static<(typeof events)[typeof WALL_EVENTS.posted]>;
/** `remove`: only in the screen's copy, which may not keep hidden notes: drop the note. */
export type NoteHidden = Static<(typeof events)[typeof WALL_EVENTS.hidden]> & { remove?: boolean };
export type WallEvent = EventsOf<typeof events, { [WALL_EVENTS.hidden]: NoteHidden }>;
export type ClusterCreated = Static<(typeof events)[typeof WALL_EVENTS.clustered]>;
