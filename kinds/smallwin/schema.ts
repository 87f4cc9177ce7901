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
import { TRAJECTORY_QUESTIONS } from './werkboekje.js';

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
  /** Other wins one update couples this one to (*verbinden*). */
  links: 10,
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

/** The werkboekje's answers one update gives, by question id (werkboekje.ts), each optional. */
const trajectoryAnswers = Type.Object(
  Object.fromEntries(TRAJECTORY_QUESTIONS.map((q) => [q.id, Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.text }))])),
  { additionalProperties: false },
);
const WinRef = eventPayload({ sessionId: EntityIdSchema, winId: EntityIdSchema });

export const WinPayload = {
  title: Text(LIMITS.title),
  /** A candidate in the oplaadfase (is this a small win?), or, false, a win achieved and registered to celebrate it. */
  candidate: Type.Optional(Type.Boolean()),
  /** The *plek der moeite*: where it chafes, a step you would not take just like that. */
  chafes: Type.Optional(Text(LIMITS.text)),
  /** The *betekenisvolle stap*: "wij deden het zo, in nieuwe situaties gaan we het zo doen en oefenen". */
  meaningfulStep: Type.Optional(Text(LIMITS.text)),
  result: Type.Optional(Text(LIMITS.text)),
  visibleFor: Type.Optional(Text(LIMITS.text)),
  characteristics: Type.Optional(Type.Object(explanations, { additionalProperties: false })),
  mechanisms: Type.Optional(Type.Array(oneOf(MECHANISMS.map((m) => m.id)), { maxItems: MECHANISMS.length, uniqueItems: true })),
  paths: Type.Optional(Type.Array(oneOf(PATHS.map((p) => p.id)), { maxItems: PATHS.length, uniqueItems: true })),
  phase: Type.Optional(Phase),
  answers: Type.Optional(Type.Record(StepIdSchema, Text(LIMITS.text), { maxProperties: LIMITS.questions, additionalProperties: false })),
};

const OfferRef = { kind: Type.String({ minLength: 1, maxLength: 40 }), sessionId: EntityIdSchema, id: EntityIdSchema };
const OfferHistory = Type.Array(eventPayload({ date: At, text: Type.String({ minLength: 1, maxLength: CONTEXT_LIMITS.text }) }), { maxItems: CONTEXT_LIMITS.offerHistory });
/** The item of another kind a win came from (an action), as the arena context offered it: kept in the win, so its history stays even when the item changes. */
const Origin = eventPayload({ ...OfferRef, title: Type.String({ minLength: 1, maxLength: CONTEXT_LIMITS.offerTitle }), history: OfferHistory });
/** `smallwin.register` only: the offer in the arena context this win comes from. */
export const FromOffer = Type.Optional(eventPayload(OfferRef));

/** A registration as stored (version 2): cleaned (empty texts stay), defaults filled in; an achieved win has a phase only when one was given. */
const StoredWin = {
  title: Type.String({ minLength: 1, maxLength: LIMITS.title }),
  candidate: Type.Boolean(),
  chafes: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.text })),
  meaningfulStep: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.text })),
  result: Text(LIMITS.text),
  visibleFor: Text(LIMITS.text),
  characteristics: eventPayload(explanations),
  mechanisms: Type.Array(oneOf(MECHANISMS.map((m) => m.id)), { maxItems: MECHANISMS.length, uniqueItems: true }),
  paths: Type.Array(oneOf(PATHS.map((p) => p.id)), { maxItems: PATHS.length, uniqueItems: true }),
  phase: Type.Optional(Phase),
  answers: Type.Record(StepIdSchema, Type.String({ minLength: 1, maxLength: LIMITS.text }), { maxProperties: LIMITS.questions, additionalProperties: false }),
  /** Where it came from: an action the arena chose, with that action's history up to then. */
  origin: Type.Optional(Origin),
};
const Note = Type.String({ minLength: 1, maxLength: LIMITS.text });
/** Progress on a win: a new phase, a note, the werkboekje's answers, the step and the place it chafes, wins it couples to; one at least. */
const Update = {
  sessionId: EntityIdSchema,
  winId: EntityIdSchema,
  phase: Type.Optional(Phase),
  note: Type.Optional(Note),
  answers: Type.Optional(trajectoryAnswers),
  meaningfulStep: Type.Optional(Note),
  chafes: Type.Optional(Note),
  links: Type.Optional(Type.Array(WinRef, { minItems: 1, maxItems: LIMITS.links })),
};
/** The command's progress: the stored fields, texts before cleaning. */
export const UpdateInput = {
  ...Update,
  note: Type.Optional(Text(LIMITS.text)),
  meaningfulStep: Type.Optional(Text(LIMITS.text)),
  chafes: Type.Optional(Text(LIMITS.text)),
  answers: Type.Optional(Type.Record(Type.String({ maxLength: 40 }), Text(LIMITS.text), { maxProperties: TRAJECTORY_QUESTIONS.length })),
};

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
      /** Absent in contexts from before candidates were told apart: a candidate then is one in the oplaadfase. */
      candidate: Type.Optional(Type.Boolean()),
      phase: Type.Optional(Phase),
      meaningfulStep: Type.Optional(Shortened),
      chafes: Type.Optional(Shortened),
      links: Type.Optional(Type.Array(WinRef, { maxItems: CONTEXT_LIMITS.links })),
      /** The action it came from, with the first and the latest line of its history. */
      origin: Type.Optional(Origin),
      history: Type.Array(eventPayload({ session: SessionRefSchema, phase: Type.Optional(Phase), note: Type.Optional(Shortened), at: At }), { maxItems: CONTEXT_LIMITS.history }),
    }),
    { maxItems: CONTEXT_LIMITS.wins },
  ),
  /** Items of other kinds a win may come from (`KindArena.offers`): the latest, texts shortened. */
  offers: Type.Optional(Type.Array(Origin, { maxItems: CONTEXT_LIMITS.offers })),
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
/** Progress as a command carries it, before cleaning. */
export type ProgressInput = Static<TObject<typeof UpdateInput>>;
export type ProgressHidden = Static<(typeof events)[typeof SMALLWIN_EVENTS.progressHidden]> & { remove?: boolean };
export type SmallwinEvent = EventsOf<typeof events, { [SMALLWIN_EVENTS.hidden]: WinHidden; [SMALLWIN_EVENTS.progressHidden]: ProgressHidden }>;
/** The earlier wins a new session carries (`state.arenaContext.smallwin`). */
export type SmallwinContext = Static<typeof contextSchema>;
/** An item of another kind a win may come from, as the context carries it; the same as a win's `origin`. */
export type WinOrigin = NonNullable<SmallwinContext['offers']>[number];
/** A win of an earlier session, as a new session receives it. Texts may be shortened. */
export type EarlierWin = SmallwinContext['wins'][number];
/** A session as the arena context names it. `date` in ms since 1970. */
export type SessionRef = EarlierWin['session'];
