import Type from 'typebox';
import { getOwn, setOwn } from '../../core/records.js';
import type { Actor } from '../../core/protocol.js';
import { accept, cleanText, command, defineKind, refuse, type Decision } from '../definition.js';
import { duplicateIds, EntityIdSchema } from '../ids.js';
import { smallwinContext } from './arena.js';
import { smallwinArena } from './arena-part.js';
import { smallwinRecap } from './recap.js';
import { glanceSmallwins, harvestSmallwins } from './harvest.js';
import {
  CHARACTERISTICS,
  DEFAULT_PHASE,
  earlierWins,
  MECHANISMS,
  participantsRegister,
  PATHS,
  smallwinModel,
  SMALLWIN_EVENTS,
  type EarlierWin,
  type SmallwinData,
  winOffers,
} from './model.js';
import { TRAJECTORY_QUESTIONS } from './werkboekje.js';
import {
  contextSchema,
  events,
  LIMITS,
  stepSchema,
  UpdateInput,
  WinPayload,
  type Progressed,
  type ProgressHidden,
  type ProgressInput,
  type SmallwinEvent,
  type SmallwinStep,
  type WinFields,
  type WinHidden,
  type WinInput,
  type WinOrigin,
  FromOffer,
} from './schema.js';

export { LIMITS };

/** A registration as it is stored: texts cleaned, lists in their canonical order, empty answers left out. */
function cleanWin(step: SmallwinStep, input: WinInput, origin?: WinOrigin): WinFields | Decision {
  const title = cleanText(input.title).replace(/\s+/g, ' ') || (origin?.title ?? '');
  if (!title) return refuse('invalid', 'A small win needs a title.');
  const questions = step.questions ?? [];
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
  // A candidate is in the oplaadfase; a win registered to celebrate it has a phase only when one was given. One from an action starts as a candidate.
  const candidate = (input.candidate ?? (input.phase === DEFAULT_PHASE || (!!origin && !input.phase))) && (input.phase ?? DEFAULT_PHASE) === DEFAULT_PHASE;
  const phase = input.phase ?? (candidate ? DEFAULT_PHASE : undefined);
  const chafes = cleanText(input.chafes ?? '');
  const meaningfulStep = cleanText(input.meaningfulStep ?? '');
  return {
    title,
    candidate,
    ...(chafes ? { chafes } : {}),
    ...(meaningfulStep ? { meaningfulStep } : {}),
    result: cleanText(input.result ?? ''),
    visibleFor: cleanText(input.visibleFor ?? ''),
    characteristics,
    mechanisms: MECHANISMS.map((m) => m.id).filter((id) => input.mechanisms?.includes(id)),
    paths: PATHS.map((p) => p.id).filter((id) => input.paths?.includes(id)),
    ...(phase ? { phase } : {}),
    answers,
    ...(origin ? { origin } : {}),
  };
}

const refused = (x: WinFields | Decision): x is Decision => 'ok' in x;

/** Progress as it is stored: texts cleaned, empty ones left out, answers in the werkboekje's order; undefined when nothing is left. */
function cleanProgress(input: ProgressInput, earlier: readonly EarlierWin[]): Progressed | Decision | undefined {
  const { sessionId, winId, phase } = input;
  const answers: Record<string, string> = {};
  for (const [id, text] of Object.entries(input.answers ?? {})) {
    if (!TRAJECTORY_QUESTIONS.some((q) => q.id === id)) return refuse('not-found', `The werkboekje has no question "${id}".`);
    const clean = cleanText(text);
    if (clean) setOwn(answers, id, clean);
  }
  const ordered = Object.fromEntries(TRAJECTORY_QUESTIONS.flatMap((q) => (getOwn(answers, q.id) ? [[q.id, getOwn(answers, q.id)!]] : [])));
  const links: { sessionId: string; winId: string }[] = [];
  for (const link of input.links ?? []) {
    if (link.sessionId === sessionId && link.winId === winId) return refuse('invalid', 'A small win is not coupled to itself.');
    if (!earlier.some((w) => w.id === link.winId && w.session.id === link.sessionId)) return refuse('not-found', 'No such small win to couple to.');
    if (!links.some((l) => l.sessionId === link.sessionId && l.winId === link.winId)) links.push({ sessionId: link.sessionId, winId: link.winId });
  }
  const texts = { note: cleanText(input.note ?? ''), meaningfulStep: cleanText(input.meaningfulStep ?? ''), chafes: cleanText(input.chafes ?? '') };
  const progress: Progressed = {
    sessionId,
    winId,
    ...(phase ? { phase } : {}),
    ...(texts.note ? { note: texts.note } : {}),
    ...(Object.keys(ordered).length ? { answers: ordered } : {}),
    ...(texts.meaningfulStep ? { meaningfulStep: texts.meaningfulStep } : {}),
    ...(texts.chafes ? { chafes: texts.chafes } : {}),
    ...(links.length ? { links } : {}),
  };
  return Object.keys(progress).length > 2 ? progress : undefined;
}

/**
 * Version 1 of a registration had a phase always, `oplaadfase` by default, and no
 * `candidate`: a win in the oplaadfase without a ticked concrete result was a candidate;
 * one with a concrete result was registered to celebrate it, and the default phase goes.
 */
function winV2<W extends { phase?: string; characteristics?: Record<string, unknown> }>(win: W) {
  const { phase, ...rest } = win;
  const candidate = phase === DEFAULT_PHASE && rest.characteristics?.concreet === undefined;
  return { ...rest, candidate, ...(phase && (phase !== DEFAULT_PHASE || candidate) ? { phase } : {}) };
}

function mayContribute(step: SmallwinStep, actor: Actor): Decision | undefined {
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

export const smallwin = defineKind<SmallwinData, SmallwinEvent, SmallwinStep>()({
  ...smallwinModel,
  stepSchema,
  checkStep: (step) => duplicateIds(step.questions ?? [], '/questions', 'question'),

  events,
  commands: {
    'smallwin.register': command({
      payload: Type.Object({ ...WinPayload, from: FromOffer }, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor, state }, { from, ...input }) {
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        const max = step.maxWins ?? LIMITS.winsPerParticipant;
        if (actor.id && data.wins.filter((w) => w.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} small wins per participant in this step.`);
        if (data.wins.length >= LIMITS.winsPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.winsPerStep} small wins.`);
        const origin = from && winOffers(state.arenaContext).find((o) => o.kind === from.kind && o.sessionId === from.sessionId && o.id === from.id);
        if (from && !origin) return refuse('not-found', 'No such action in the earlier sessions of this arena.');
        const win = cleanWin(step, input, origin);
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
        const win = cleanWin(step, input);
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
      payload: Type.Object(UpdateInput, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor, state }, input) {
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        const earlier = earlierWins(state.arenaContext);
        const { sessionId, winId } = input;
        if (!earlier.some((w) => w.id === winId && w.session.id === sessionId)) return refuse('not-found', 'No such small win in the earlier sessions of this arena.');
        const progress = cleanProgress(input, earlier);
        if (!progress) return refuse('invalid', 'Progress needs a new phase, a note, an answer or a coupled win.');
        if ('ok' in progress) return progress;
        if (actor.id && data.updates.filter((u) => u.author === actor.id).length >= LIMITS.updatesPerParticipant)
          return refuse('limit-reached', `At most ${LIMITS.updatesPerParticipant} progress updates per participant in this step.`);
        if (data.updates.length >= LIMITS.updatesPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.updatesPerStep} progress updates.`);
        return accept(SMALLWIN_EVENTS.progressed, progress);
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

  upcasters: {
    [SMALLWIN_EVENTS.registered]: [winV2],
    [SMALLWIN_EVENTS.edited]: [winV2],
    [SMALLWIN_EVENTS.hidden]: [(p: { win?: { phase?: string } }) => (p.win ? { ...p, win: winV2(p.win) } : p)],
  },
  harvest: harvestSmallwins,
  glance: glanceSmallwins,
  arenaContext: smallwinContext,
  takesOffers: true,
  contextSchema,
  arena: { ...smallwinArena, recap: smallwinRecap },
});
