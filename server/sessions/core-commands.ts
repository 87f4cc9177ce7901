/** The facilitator's commands that belong to no exercise kind: moving through the agenda, revealing results, the timer and moderation. */
import Type from 'typebox';
import type { ContactsAsked } from '../../core/state.js';
import { CORE_EVENTS, type JoinShown, type StepOpened, type StepRevealed, type TimerExtended, type TimerStarted } from '../../core/session.js';
import { isRevealable } from '../../core/kind.js';
import { accept, command, refuse, type Commands } from '../../kinds/definition.js';
import { kindByName, models } from '../../kinds/registry.js';
import { EntityIdSchema, StepIdSchema } from '../../kinds/ids.js';
import type { SessionState } from '../../core/state.js';
import { heldOf, MODERATION_EVENTS, type ModerationDecided, type ModerationSet } from '../../core/moderation.js';
import { SYNTHESIS_EVENTS, tidySynthesis } from '../../core/synthesis.js';
import { SynthesisSchema } from '../synthesis-schemas.js';
import { cleanTheme, MAX_THEME_LENGTH, MAX_THEMES_PER_ANSWER, MONITORING_EVENTS, tagsOf, type AnswerTagged } from '../../core/monitoring-tags.js';

/** Held events decided at once: "approve all" sends them in batches of this size. */
export const MAX_DECIDED = 200;
const Decided = Type.Object({ ids: Type.Array(EntityIdSchema, { minItems: 1, maxItems: MAX_DECIDED, uniqueItems: true }) }, { additionalProperties: false });

/** Every id must be held: a decision on something already decided (another console tab) is refused, not half-applied. */
function decideHeld(state: SessionState, ids: string[], type: string) {
  if (heldOf(state, ids).length !== ids.length) return refuse('not-found', 'One of these contributions is no longer waiting for approval.');
  return accept(type, { ids } satisfies ModerationDecided);
}

export const DEFAULT_CONSENT =
  'Ik wil een uitnodiging voor de volgende bijeenkomst. De begeleider mag mijn naam en e-mailadres daarvoor bewaren en gebruiken, en voor niets anders. Ik kan dat altijd laten verwijderen.';

const specs = {
  /** Payload names the step to go to: the room follows. */
  'session.goto': command({
    payload: Type.Object({ stepId: StepIdSchema }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ state }, { stepId }) {
      if (!state.steps.some((s) => s.id === stepId)) return refuse('not-found', `No step "${stepId}" in this session.`);
      return accept(CORE_EVENTS.opened, { stepId } satisfies StepOpened);
    },
  }),
  /** Envelope's stepId is the step whose results are shown to (or hidden from) the room. */
  'step.reveal': command({
    payload: Type.Object({ revealed: Type.Boolean() }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ step }, { revealed }) {
      // A reveal that changes nothing would still cost every view a fresh snapshot, and tell the console it did something.
      if (!isRevealable(models[step.kind], step))
        return refuse('not-revealable', `A ${step.kind} step holds nothing back, so there is nothing to reveal or hide.`);
      return accept(CORE_EVENTS.revealed, { revealed } satisfies StepRevealed);
    },
  }),
  /**
   * Envelope's stepId is the step the countdown belongs to. Seconds: given, else the
   * step's `timer` from the script, else its estimated duration, else five minutes.
   */
  'timer.start': command({
    payload: Type.Object({ seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 * 3600 })) }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ step }, { seconds }) {
      const fromScript = typeof step.timer === 'number' ? step.timer : step.duration ? Math.round(step.duration * 60) : undefined;
      return accept(CORE_EVENTS.timerStarted, { seconds: seconds ?? fromScript ?? 300 } satisfies TimerStarted);
    },
  }),
  'timer.pause': command({
    payload: Type.Object({}, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ state }) {
      if (!state.timer || state.timer.startedAt === null) return refuse('not-found', 'No running timer to pause.');
      return accept(CORE_EVENTS.timerPaused, {});
    },
  }),
  'timer.resume': command({
    payload: Type.Object({}, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ state }) {
      if (!state.timer || state.timer.startedAt !== null) return refuse('not-found', 'No paused timer to resume.');
      return accept(CORE_EVENTS.timerResumed, {});
    },
  }),
  /** Adds (or, negative, takes off) time; "+1 minuut" sends 60. */
  'timer.add': command({
    payload: Type.Object({ seconds: Type.Integer({ minimum: -3600, maximum: 3600 }) }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ state }, { seconds }) {
      if (!state.timer) return refuse('not-found', 'No timer to add time to.');
      return accept(CORE_EVENTS.timerExtended, { seconds } satisfies TimerExtended);
    },
  }),
  /** Puts the full-screen join slide over the screen, or takes it away; the step stays where it is. */
  'screen.show-join': command({
    payload: Type.Object({ shown: Type.Boolean() }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide(_ctx, { shown }) {
      return accept(CORE_EVENTS.joinShown, { shown } satisfies JoinShown);
    },
  }),
  /**
   * The network: at the end of a meeting the phones offer to leave a name and email
   * address for an invitation to the next one, under this consent text. Off by default.
   */
  'session.contacts': command({
    payload: Type.Object(
      { open: Type.Boolean(), consent: Type.Optional(Type.String({ minLength: 1, maxLength: 1000 })) },
      { additionalProperties: false },
    ),
    roles: ['facilitator'],
    decide({ state }, { open, consent }) {
      const text = consent?.trim() || state.contacts?.consent || DEFAULT_CONSENT;
      return accept(CORE_EVENTS.contacts, { open, consent: text } satisfies ContactsAsked);
    },
  }),
  'timer.stop': command({
    payload: Type.Object({}, { additionalProperties: false }),
    roles: ['facilitator'],
    decide({ state }) {
      if (!state.timer) return refuse('not-found', 'No timer to stop.');
      return accept(CORE_EVENTS.timerStopped, {});
    },
  }),
  /** "Approve before showing", on or off for the rest of the session; what is held stays held until decided. */
  'moderation.set': command({
    payload: Type.Object({ on: Type.Boolean() }, { additionalProperties: false }),
    roles: ['facilitator'],
    decide(_ctx, { on }) {
      return accept(MODERATION_EVENTS.set, { on } satisfies ModerationSet);
    },
  }),
  /**
   * Envelope's stepId is the step the answer belongs to: the answer's themes from now on
   * (the arena page sends it, `PUT /api/arenas/:arenaId/monitoring/tags`). Only an answer to
   * a monitoring question, visible or already tagged (so a renamed theme reaches a hidden one too).
   */
  'monitoring.tag': command({
    payload: Type.Object(
      {
        answerId: EntityIdSchema,
        themes: Type.Array(Type.String({ minLength: 1, maxLength: MAX_THEME_LENGTH }), { maxItems: MAX_THEMES_PER_ANSWER }),
      },
      { additionalProperties: false },
    ),
    roles: ['facilitator'],
    decide({ state, step, data }, { answerId, themes }) {
      const monitoring = kindByName.get(step.kind)?.arena?.monitoring;
      const answers = monitoring ? Object.values(monitoring(data, step)).flat() : [];
      if (!answers.some((a) => a.id === answerId) && !tagsOf(state, step.id, answerId).length)
        return refuse('not-found', `No visible answer "${answerId}" to a monitoring question in step "${step.id}".`);
      const cleaned = [...new Set(themes.map(cleanTheme))];
      if (cleaned.some((t) => !t)) return refuse('invalid', 'A theme needs a name.');
      return accept(MONITORING_EVENTS.tagged, { answerId, themes: cleaned } satisfies AnswerTagged);
    },
  }),
  /**
   * The facilitator's synthesis of the session, all four parts each time (empty ones
   * too): written on the console or the arena page, at any time, also after the meeting.
   */
  'session.synthesis': command({
    payload: SynthesisSchema,
    roles: ['facilitator'],
    decide(_ctx, synthesis) {
      return accept(SYNTHESIS_EVENTS.written, tidySynthesis(synthesis));
    },
  }),
  'moderation.approve': command({
    payload: Decided,
    roles: ['facilitator'],
    decide: ({ state }, { ids }) => decideHeld(state, ids, MODERATION_EVENTS.approved),
  }),
  'moderation.reject': command({
    payload: Decided,
    roles: ['facilitator'],
    decide: ({ state }, { ids }) => decideHeld(state, ids, MODERATION_EVENTS.rejected),
  }),
} satisfies Commands<unknown>;

export const coreCommands: Commands<unknown> = specs;
/** Each core command's own payload schema, for the views' typed `send` (client/lib/commands.ts). */
export type CoreCommands = typeof specs;

/** Core commands that act on the step named in the command's envelope. */
export const STEP_SCOPED_CORE = new Set(['step.reveal', 'timer.start', 'monitoring.tag']);
