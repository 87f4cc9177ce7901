/**
 * The payload of every core event as the server stores it (`CORE_EVENTS`,
 * `MODERATION_EVENTS`): what an imported log is checked against. Each kind keeps its
 * own events' schemas in its `events` (kinds/<kind>/index.ts).
 */
import Type, { type TSchema } from 'typebox';
import type { Upcaster } from '../../kinds/definition.js';
import { MODERATION_EVENTS } from '../../core/moderation.js';
import { MAX_THEME_LENGTH, MAX_THEMES_PER_ANSWER, MONITORING_EVENTS } from '../../core/monitoring-tags.js';
import { CORE_EVENTS } from '../../core/session.js';
import { SYNTHESIS_EVENTS } from '../../core/synthesis.js';
import { SynthesisSchema } from '../synthesis-schemas.js';
import { EntityIdSchema, MemberIdSchema, StepIdSchema } from '../../kinds/ids.js';
import { ScriptSchema, StepCommonSchema } from '../scripts/script-schema.js';
import { MAX_DECIDED } from './core-commands.js';

const Strict = <P extends Record<string, TSchema>>(properties: P) => Type.Object(properties, { additionalProperties: false });
const Empty = Strict({});
/** A step as the script gave it: the common fields checked here, the kind's own by replaying the log. */
const Step = Type.Object(StepCommonSchema.properties, { additionalProperties: true });
const { steps: _steps, ...scriptInfo } = ScriptSchema.properties;

export const CORE_EVENT_SCHEMAS: Readonly<Record<string, TSchema>> = {
  [CORE_EVENTS.created]: Strict({
    title: Type.String({ minLength: 1, maxLength: 200 }),
    arena: Strict({ id: EntityIdSchema, title: Type.String({ minLength: 1, maxLength: 120 }) }),
    script: Strict(scriptInfo),
    steps: Type.Array(Step, { minItems: 1, maxItems: 100 }),
    /** What each kind carries over from the arena's earlier sessions, by kind; a kind's own shape. */
    arenaContext: Type.Optional(Type.Record(Type.String({ pattern: '^[a-z]+$', maxLength: 40 }), Type.Unknown())),
  }),
  // The pseudonym the server generated (server/sessions/pseudonyms.ts).
  [CORE_EVENTS.joined]: Strict({
    participantId: EntityIdSchema,
    pseudonym: Type.String({ minLength: 1, maxLength: 100 }),
    member: Type.Optional(MemberIdSchema),
  }),
  [CORE_EVENTS.opened]: Strict({ stepId: StepIdSchema }),
  [CORE_EVENTS.revealed]: Strict({ revealed: Type.Boolean() }),
  // From the command (1 s to 4 h) or the script's step (`timer`, or `duration` of up to 600 minutes).
  [CORE_EVENTS.timerStarted]: Strict({ seconds: Type.Integer({ minimum: 1, maximum: 600 * 60 }) }),
  [CORE_EVENTS.timerPaused]: Empty,
  [CORE_EVENTS.timerResumed]: Empty,
  [CORE_EVENTS.timerExtended]: Strict({ seconds: Type.Integer({ minimum: -3600, maximum: 3600 }) }),
  [CORE_EVENTS.timerStopped]: Empty,
  [CORE_EVENTS.joinShown]: Strict({ shown: Type.Boolean() }),
  [CORE_EVENTS.contacts]: Strict({ open: Type.Boolean(), consent: Type.String({ minLength: 1, maxLength: 1000 }) }),
  // Each kind's part is checked against its `contextSchema`, as in `session.created`.
  [CORE_EVENTS.context]: Strict({ arenaContext: Type.Record(Type.String({ pattern: '^[a-z]+$', maxLength: 40 }), Type.Unknown()) }),
  [MONITORING_EVENTS.tagged]: Strict({
    answerId: EntityIdSchema,
    themes: Type.Array(Type.String({ minLength: 1, maxLength: MAX_THEME_LENGTH }), { maxItems: MAX_THEMES_PER_ANSWER, uniqueItems: true }),
  }),
  [SYNTHESIS_EVENTS.written]: SynthesisSchema,
  [MODERATION_EVENTS.set]: Strict({ on: Type.Boolean() }),
  [MODERATION_EVENTS.approved]: Strict({ ids: Type.Array(EntityIdSchema, { minItems: 1, maxItems: MAX_DECIDED, uniqueItems: true }) }),
  [MODERATION_EVENTS.rejected]: Strict({ ids: Type.Array(EntityIdSchema, { minItems: 1, maxItems: MAX_DECIDED, uniqueItems: true }) }),
};

/**
 * The core events' upcasters, per type, oldest first, as a kind declares its own
 * (`KindDefinition.upcasters`): every core event is at version 1 so far.
 */
export const CORE_EVENT_UPCASTERS: Readonly<Record<string, readonly Upcaster[]>> = {};
