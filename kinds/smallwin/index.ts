import Type, { type TLiteral } from 'typebox';
import { setOwn } from '../../core/records.js';
import type { Actor } from '../../core/protocol.js';
import type { StepDef } from '../../core/state.js';
import { accept, At, cleanText, command, defineKind, eventPayload, refuse, Seq, type Decision } from '../definition.js';
import { duplicateIds, EntityIdSchema, StepIdSchema } from '../ids.js';
import { CONTEXT_LIMITS, smallwinContext } from './arena.js';
import { smallwinArena } from './arena-part.js';
import { glanceSmallwins, harvestSmallwins } from './harvest.js';
import {
  CHARACTERISTICS,
  DEFAULT_PHASE,
  earlierWins,
  MECHANISMS,
  participantsRegister,
  PATHS,
  PHASES,
  smallwinModel,
  SMALLWIN_EVENTS,
  type CharacteristicId,
  type MechanismId,
  type PathId,
  type PhaseId,
  type Progressed,
  type ProgressHidden,
  type SmallwinData,
  type SmallwinStep,
  type WinFields,
  type WinHidden,
} from './model.js';

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
const oneOf = <T extends string>(ids: readonly T[], description?: string) =>
  Type.Union(
    ids.map((id) => Type.Literal(id)) as [TLiteral<T>],
    description ? { description } : {},
  );
const Phase = oneOf(
  PHASES.map((p) => p.id),
  'oplaadfase, definitiefase, actiefase of reflectie-en-borging.',
);
const Text = (max: number) => Type.String({ maxLength: max });

const WinPayload = {
  title: Text(LIMITS.title),
  result: Type.Optional(Text(LIMITS.text)),
  visibleFor: Type.Optional(Text(LIMITS.text)),
  characteristics: Type.Optional(
    Type.Object(Object.fromEntries(CHARACTERISTICS.map((c) => [c.id, Type.Optional(Text(LIMITS.explanation))])), { additionalProperties: false }),
  ),
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
  characteristics: eventPayload(Object.fromEntries(CHARACTERISTICS.map((c) => [c.id, Type.Optional(Text(LIMITS.explanation))]))),
  mechanisms: Type.Array(oneOf(MECHANISMS.map((m) => m.id)), { maxItems: MECHANISMS.length, uniqueItems: true }),
  paths: Type.Array(oneOf(PATHS.map((p) => p.id)), { maxItems: PATHS.length, uniqueItems: true }),
  phase: Phase,
  answers: Type.Record(StepIdSchema, Type.String({ minLength: 1, maxLength: LIMITS.text }), { maxProperties: LIMITS.questions, additionalProperties: false }),
};
const Note = Type.String({ minLength: 1, maxLength: LIMITS.text });
const Update = { sessionId: EntityIdSchema, winId: EntityIdSchema, phase: Type.Optional(Phase), note: Type.Optional(Note) };

const SessionRef = eventPayload({ id: EntityIdSchema, title: Type.String({ minLength: 1, maxLength: 200 }), date: At });
const Shortened = Type.String({ maxLength: CONTEXT_LIMITS.text });
/** The arena's earlier wins a session starts with (`smallwinContext`): the latest, texts shortened. */
const ContextSchema = eventPayload({
  wins: Type.Array(
    eventPayload({
      id: EntityIdSchema,
      session: SessionRef,
      title: StoredWin.title,
      result: Shortened,
      characteristics: Type.Array(oneOf(CHARACTERISTICS.map((c) => c.id)), { maxItems: CHARACTERISTICS.length, uniqueItems: true }),
      mechanisms: StoredWin.mechanisms,
      paths: StoredWin.paths,
      phase: Phase,
      history: Type.Array(eventPayload({ session: SessionRef, phase: Type.Optional(Phase), note: Type.Optional(Shortened), at: At }), { maxItems: CONTEXT_LIMITS.history }),
    }),
    { maxItems: CONTEXT_LIMITS.wins },
  ),
});

interface WinInput {
  title: string;
  result?: string;
  visibleFor?: string;
  characteristics?: Partial<Record<CharacteristicId, string>>;
  mechanisms?: MechanismId[];
  paths?: PathId[];
  phase?: PhaseId;
  answers?: Record<string, string>;
}

/** A registration as it is stored: texts cleaned, lists in their canonical order, empty answers left out. */
function cleanWin(step: StepDef, input: WinInput): WinFields | Decision {
  const title = cleanText(input.title).replace(/\s+/g, ' ');
  if (!title) return refuse('invalid', 'A small win needs a title.');
  const questions = (step as SmallwinStep).questions ?? [];
  const answers: Record<string, string> = {};
  for (const [questionId, text] of Object.entries(input.answers ?? {})) {
    if (!questions.some((q) => q.id === questionId)) return refuse('not-found', `This step has no question "${questionId}".`);
    const clean = cleanText(text);
    if (clean) setOwn(answers, questionId, clean);
  }
  const characteristics: WinFields['characteristics'] = {};
  for (const { id } of CHARACTERISTICS) {
    const note = input.characteristics?.[id];
    if (note !== undefined) characteristics[id] = cleanText(note);
  }
  return {
    title,
    result: cleanText(input.result ?? ''),
    visibleFor: cleanText(input.visibleFor ?? ''),
    characteristics,
    mechanisms: MECHANISMS.map((m) => m.id).filter((id) => input.mechanisms?.includes(id)),
    paths: PATHS.map((p) => p.id).filter((id) => input.paths?.includes(id)),
    phase: input.phase ?? DEFAULT_PHASE,
    answers,
  };
}

const refused = (x: WinFields | Decision): x is Decision => 'ok' in x;

function mayContribute(step: StepDef, actor: Actor): Decision | undefined {
  if (actor.role === 'participant' && !participantsRegister(step))
    return refuse('forbidden', 'In this step the facilitator registers the small wins.');
  return undefined;
}

/** The item as a view that dropped it needs it back (no author, no hidden flag), or undefined when there is none. */
function shownOf<T extends { id: string; author?: string; hidden: boolean }>(list: T[], id: string) {
  const item = list.find((x) => x.id === id);
  if (!item) return undefined;
  const { author: _a, hidden: _h, ...shown } = item;
  return shown;
}

export const smallwin = defineKind<SmallwinData>()({
  ...smallwinModel,
  stepSchema: Type.Object({
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
  }),
  checkStep: (step) => duplicateIds((step as SmallwinStep).questions ?? [], '/questions', 'question'),

  events: {
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
  },
  commands: {
    'smallwin.register': command({
      payload: Type.Object(WinPayload, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, input) {
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        const max = (step as SmallwinStep).maxWins ?? LIMITS.winsPerParticipant;
        if (actor.id && data.wins.filter((w) => w.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} small wins per participant in this step.`);
        if (data.wins.length >= LIMITS.winsPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.winsPerStep} small wins.`);
        const win = cleanWin(step, input as WinInput);
        return refused(win) ? win : accept(SMALLWIN_EVENTS.registered, win);
      },
    }),
    'smallwin.edit': command({
      payload: Type.Object({ winId: EntityIdSchema, ...WinPayload }, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, { winId, ...input }) {
        const existing = data.wins.find((w) => w.id === winId);
        if (!existing) return refuse('not-found', 'No such small win.');
        if (actor.role === 'participant' && existing.author !== actor.id) return refuse('forbidden', 'A participant may only edit their own small wins.');
        const win = cleanWin(step, input as WinInput);
        return refused(win) ? win : accept(SMALLWIN_EVENTS.edited, { winId, ...win });
      },
    }),
    'smallwin.hide': command({
      payload: Type.Object({ winId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { winId, hidden }) {
        const shown = shownOf(data.wins, winId);
        if (!shown) return refuse('not-found', 'No such small win.');
        return accept(SMALLWIN_EVENTS.hidden, { winId, hidden, ...(hidden ? {} : { win: shown }) } satisfies WinHidden);
      },
    }),
    'smallwin.progress': command({
      payload: Type.Object(
        { sessionId: EntityIdSchema, winId: EntityIdSchema, phase: Type.Optional(Phase), note: Type.Optional(Text(LIMITS.text)) },
        { additionalProperties: false },
      ),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor, state }, { sessionId, winId, phase, note }) {
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        if (!earlierWins(state.arenaContext).some((w) => w.id === winId && w.session.id === sessionId))
          return refuse('not-found', 'No such small win in the earlier sessions of this arena.');
        const clean = cleanText(note ?? '');
        if (!phase && !clean) return refuse('invalid', 'Progress needs a new phase or a note.');
        if (actor.id && data.updates.filter((u) => u.author === actor.id).length >= LIMITS.updatesPerParticipant)
          return refuse('limit-reached', `At most ${LIMITS.updatesPerParticipant} progress updates per participant in this step.`);
        if (data.updates.length >= LIMITS.updatesPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.updatesPerStep} progress updates.`);
        return accept(SMALLWIN_EVENTS.progressed, { sessionId, winId, ...(phase ? { phase } : {}), ...(clean ? { note: clean } : {}) } satisfies Progressed);
      },
    }),
    'smallwin.hide-progress': command({
      payload: Type.Object({ updateId: EntityIdSchema, hidden: Type.Boolean() }, { additionalProperties: false }),
      roles: ['facilitator'],
      decide({ data }, { updateId, hidden }) {
        const shown = shownOf(data.updates, updateId);
        if (!shown) return refuse('not-found', 'No such progress update.');
        return accept(SMALLWIN_EVENTS.progressHidden, { updateId, hidden, ...(hidden ? {} : { update: shown }) } satisfies ProgressHidden);
      },
    }),
  },

  harvest: harvestSmallwins,
  glance: glanceSmallwins,
  arenaContext: smallwinContext,
  contextSchema: ContextSchema,
  arena: smallwinArena,
});
