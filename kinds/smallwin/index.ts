import Type from 'typebox';
import { setOwn } from '../../core/records.js';
import type { Actor } from '../../core/protocol.js';
import { accept, cleanText, command, defineKind, refuse, type Decision } from '../definition.js';
import { duplicateIds, EntityIdSchema } from '../ids.js';
import { smallwinContext } from './arena.js';
import { smallwinArena } from './arena-part.js';
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
  type SmallwinData,
} from './model.js';
import {
  contextSchema,
  events,
  LIMITS,
  Phase,
  stepSchema,
  Text,
  WinPayload,
  type Progressed,
  type ProgressHidden,
  type SmallwinEvent,
  type SmallwinStep,
  type WinFields,
  type WinHidden,
  type WinInput,
} from './schema.js';

export { LIMITS };

/** A registration as it is stored: texts cleaned, lists in their canonical order, empty answers left out. */
function cleanWin(step: SmallwinStep, input: WinInput): WinFields | Decision {
  const title = cleanText(input.title).replace(/\s+/g, ' ');
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
      payload: Type.Object(WinPayload, { additionalProperties: false }),
      roles: ['participant', 'facilitator'],
      decide({ step, data, actor }, input) {
        const forbidden = mayContribute(step, actor);
        if (forbidden) return forbidden;
        const max = step.maxWins ?? LIMITS.winsPerParticipant;
        if (actor.id && data.wins.filter((w) => w.author === actor.id).length >= max)
          return refuse('limit-reached', `At most ${max} small wins per participant in this step.`);
        if (data.wins.length >= LIMITS.winsPerStep) return refuse('limit-reached', `This step holds at most ${LIMITS.winsPerStep} small wins.`);
        const win = cleanWin(step, input);
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
  contextSchema,
  arena: smallwinArena,
});
