/**
 * The small wins' contract, once: step settings, event payloads and the arena
 * context as TypeBox schemas the server checks, with the types derived from them.
 * The browser imports the types only (`import type`), never these values.
 */
import Type, { type Static, type TLiteral, type TObject, type TOptional, type TString } from 'typebox';
import type { EventsOf, StepOf } from '../../core/kind.js';
import { At, eventPayload, Seq } from '../definition.js';
import { EntityIdSchema, StepIdSchema } from '../ids.js';
import { CONTEXT_LIMITS } from './arena.js';
import { CHARACTERISTICS, MECHANISMS, PATHS, PHASES, SMALLWIN_EVENTS, type CharacteristicId } from './model.js';

/** Sizes: a whole registration stays well under the 32 KB of one socket message. */
export const LIMITS = {
  title: 120,
  text: 1000,
  explanation: 500,
  questions: 8,
  /** Default for `maxWins`, and its ceiling. */
  winsPerParticipant: 5,
  maxWinsSetting: 20,
  updatesPerParticipant: 20,
  winsPerStep: 200,
  updatesPerStep: 500,
} as const;

/** Typed as a one-member tuple of the literal union: TypeBox's `Static` reads a union's members as a tuple, and gives `never` for a mapped array. */
export const oneOf = <T extends string>(ids: readonly T[], description?: string) =>
  Type.Union(
    ids.map((id) => Type.Literal(id)) as [TLiteral<T>],
    description ? { description } : {},
  );
export const Phase = oneOf(
  PHASES.map((p) => p.id),
  'oplaadfase, definitiefase, actiefase of reflectie-en-borging.',
);
export const Text = (max: number) => Type.String({ maxLength: max });
/**
 * An explanation per characteristic, each optional. Typed by hand because
 * `Object.fromEntries` forgets the keys: `Static` then gives the characteristics' ids.
 */
const explanations = Object.fromEntries(CHARACTERISTICS.map((c) => [c.id, Type.Optional(Text(LIMITS.explanation))])) as Record<
  CharacteristicId,
  TOptional<TString>
>;

export const WinPayload = {
  title: Text(LIMITS.title),
  result: Type.Optional(Text(LIMITS.text)),
  visibleFor: Type.Optional(Text(LIMITS.text)),
  characteristics: Type.Optional(Type.Object(explanations, { additionalProperties: false })),
  mechanisms: Type.Optional(Type.Array(oneOf(MECHANISMS.map((m) => m.id)), { maxItems: MECHANISMS.length, uniqueItems: true })),
  paths: Type.Optional(Type.Array(oneOf(PATHS.map((p) => p.id)), { maxItems: PATHS.length, uniqueItems: true })),
  phase: Type.Optional(Phase),
  answers: Type.Optional(Type.Record(StepIdSchema, Text(LIMITS.text), { maxProperties: LIMITS.questions, additionalProperties: false })),
};

/** A registration as stored: cleaned (empty texts stay), defaults filled in. */
const StoredWin = {
  title: Type.String({ minLength: 1, maxLength: LIMITS.title }),
  result: Text(LIMITS.text),
  visibleFor: Text(LIMITS.text),
  characteristics: eventPayload(explanations),
  mechanisms: Type.Array(oneOf(MECHANISMS.map((m) => m.id)), { maxItems: MECHANISMS.length, uniqueItems: true }),
  paths: Type.Array(oneOf(PATHS.map((p) => p.id)), { maxItems: PATHS.length, uniqueItems: true }),
  phase: Phase,
  answers: Type.Record(StepIdSchema, Type.String({ minLength: 1, maxLength: LIMITS.text }), { maxProperties: LIMITS.questions, additionalProperties: false }),
};
const Note = Type.String({ minLength: 1, maxLength: LIMITS.text });
const Update = { sessionId: EntityIdSchema, winId: EntityIdSchema, phase: Type.Optional(Phase), note: Type.Optional(Note) };

const SessionRefSchema = eventPayload({ id: EntityIdSchema, title: Type.String({ minLength: 1, maxLength: 200 }), date: At });
const Shortened = Type.String({ maxLength: CONTEXT_LIMITS.text });
/** The arena's earlier wins a session starts with (`smallwinContext`): the latest, texts shortened. */
export const contextSchema = eventPayload({
  wins: Type.Array(
    eventPayload({
      id: EntityIdSchema,
      session: SessionRefSchema,
      title: StoredWin.title,
      result: Shortened,
      characteristics: Type.Array(oneOf(CHARACTERISTICS.map((c) => c.id)), { maxItems: CHARACTERISTICS.length, uniqueItems: true }),
      mechanisms: StoredWin.mechanisms,
      paths: StoredWin.paths,
      phase: Phase,
      history: Type.Array(eventPayload({ session: SessionRefSchema, phase: Type.Optional(Phase), note: Type.Optional(Shortened), at: At }), { maxItems: CONTEXT_LIMITS.history }),
    }),
    { maxItems: CONTEXT_LIMITS.wins },
  ),
});

export const stepSchema = Type.Object({
  questions: Type.Optional(
    Type.Array(
      Type.Object(
        {
          id: StepIdSchema,
          text: Type.String({ minLength: 1, maxLength: 300, description: 'De vraag zoals deelnemers hem lezen.' }),
        },
        { additionalProperties: false },
      ),
      {
        maxItems: LIMITS.questions,
        description: 'Vragen die bij elke small win worden beantwoord, bijvoorbeeld de reflectievragen of de check-in voor de oplaadfase.',
      },
    ),
  ),
  whoRegisters: Type.Optional(
    Type.Union([Type.Literal('participants'), Type.Literal('facilitator')], {
      description:
        '"participants" (standaard): deelnemers leggen small wins vast op hun telefoon en melden voortgang op eerdere. "facilitator": alleen de begeleider doet dat; telefoons kijken mee.',
    }),
  ),
  maxWins: Type.Optional(
    Type.Integer({ minimum: 1, maximum: LIMITS.maxWinsSetting, description: `Hoeveel small wins één deelnemer mag vastleggen (standaard ${LIMITS.winsPerParticipant}).` }),
  ),
});

export const events = {
  [SMALLWIN_EVENTS.registered]: eventPayload(StoredWin),
  [SMALLWIN_EVENTS.edited]: eventPayload({ winId: EntityIdSchema, ...StoredWin }),
  [SMALLWIN_EVENTS.hidden]: eventPayload({
    winId: EntityIdSchema,
    hidden: Type.Boolean(),
    win: Type.Optional(eventPayload({ id: EntityIdSchema, at: At, seq: Seq, edited: Type.Optional(Type.Boolean()), ...StoredWin })),
  }),
  [SMALLWIN_EVENTS.progressed]: eventPayload(Update),
  [SMALLWIN_EVENTS.progressHidden]: eventPayload({
    updateId: EntityIdSchema,
    hidden: Type.Boolean(),
    update: Type.Optional(eventPayload({ id: EntityIdSchema, at: At, seq: Seq, ...Update })),
  }),
};

export type SmallwinStep = StepOf<typeof stepSchema>;
/** A registration as a command carries it, before cleaning. */
export type WinInput = Static<TObject<typeof WinPayload>>;
export type SmallwinQuestion = NonNullable<SmallwinStep['questions']>[number];
/** What a registration says about a win: the payload of `smallwin.register` and `smallwin.edit`, cleaned. */
export type WinFields = Static<(typeof events)[typeof SMALLWIN_EVENTS.registered]>;
export type WinRegistered = WinFields;
export type WinEdited = Static<(typeof events)[typeof SMALLWIN_EVENTS.edited]>;
/** `remove`: only in the screen's copy, which keeps no hidden win: drop it. */
export type WinHidden = Static<(typeof events)[typeof SMALLWIN_EVENTS.hidden]> & { remove?: boolean };
/** Progress on a win of an earlier session of the arena: the session it was registered in, and its id there. */
export type Progressed = Static<(typeof events)[typeof SMALLWIN_EVENTS.progressed]>;
export type ProgressHidden = Static<(typeof events)[typeof SMALLWIN_EVENTS.progressHidden]> & { remove?: boolean };
export type SmallwinEvent = EventsOf<typeof events, { [SMALLWIN_EVENTS.hidden]: WinHidden; [SMALLWIN_EVENTS.progressHidden]: ProgressHidden }>;
/** The earlier wins a new session carries (`state.arenaContext.smallwin`). */
export type SmallwinContext = Static<typeof contextSchema>;
/** A win of an earlier session, as a new session receives it. Texts may be shortened. */
export type EarlierWin = SmallwinContext['wins'][number];
/** A session as the arena context names it. `date` in ms since 1970. */
export type SessionRef = EarlierWin['session'];
