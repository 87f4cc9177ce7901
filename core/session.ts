/**
 * The session reducer: the core events, and a dispatch of every other event to
 * the kind of the step it belongs to. Server, tests and browser all run this code.
 */
import type { Audience, KindModel } from './kind.js';
import type { SessionEvent, Viewer } from './protocol.js';
import type { ContactsAsked, SessionCreated, SessionState, StepDef, Timer } from './state.js';
import { applyModeration, HELD_AUDIENCE, isHeld, MODERATION_EVENTS, moderationAudience, projectModeration } from './moderation.js';
import { getOwn, setOwn } from './records.js';
import { applyTagged, MONITORING_EVENTS } from './monitoring-tags.js';
import { SYNTHESIS_EVENTS, type Synthesis } from './synthesis.js';

export type Models = Readonly<Record<string, KindModel<any>>>;

/** Event types of the core; every other type is `<kind>.<name>` and belongs to a step. */
export const CORE_EVENTS = {
  created: 'session.created',
  joined: 'participant.joined',
  opened: 'step.opened',
  revealed: 'step.revealed',
  timerStarted: 'timer.started',
  timerPaused: 'timer.paused',
  timerResumed: 'timer.resumed',
  timerExtended: 'timer.extended',
  timerStopped: 'timer.stopped',
  joinShown: 'screen.join-shown',
  contacts: 'session.contacts',
  /** The arena's earlier sessions as they stand when the session opens: replaces what `session.created` carried. */
  context: 'session.context',
} as const;

/** Payload of `session.context`: what each kind carries from the arena, as when it was worked out. */
export interface ContextTaken {
  arenaContext: Record<string, unknown>;
}

export interface JoinShown {
  shown: boolean;
}

export interface TimerStarted {
  seconds: number;
}
export interface TimerExtended {
  seconds: number;
}

/** Milliseconds left on a timer at server time `now`; negative once past zero. */
export function timeLeft(timer: Timer, now: number): number {
  return timer.startedAt === null ? timer.remainingMs : timer.remainingMs - (now - timer.startedAt);
}

export interface ParticipantJoined {
  participantId?: string;
  pseudonym?: string;
  /** The pseudonymous arena member id (server/arena-member.ts), never the phone's secret. */
  member?: string;
}
export interface StepOpened {
  stepId: string;
}
export interface StepRevealed {
  revealed: boolean;
}

export function model(models: Models, kind: string): KindModel<any> {
  const found = getOwn(models, kind);
  if (!found) throw new Error(`Unknown exercise kind "${kind}"`);
  return found;
}

export function stepById(state: SessionState, stepId: string | undefined): StepDef | undefined {
  return stepId === undefined ? undefined : state.steps.find((s) => s.id === stepId);
}

export function currentStep(state: SessionState): StepDef | undefined {
  return state.steps[state.current];
}

/** The state right after `session.created`. */
export function initialState(
  created: SessionEvent<SessionCreated>,
  sessionId: string,
  models: Models,
): SessionState {
  const { title, arena, script, steps, arenaContext = {} } = created.payload;
  const stepStates: SessionState['stepStates'] = {};
  for (const step of steps) setOwn(stepStates, step.id, { revealed: false, data: model(models, step.kind).init(step) });
  return {
    id: sessionId,
    title,
    arena,
    script,
    createdAt: created.at,
    steps,
    current: 0,
    timer: null,
    stepStates,
    participants: {},
    participantCount: 0,
    joinShown: false,
    arenaContext,
    moderation: { on: script.moderation ?? false, held: [], rejected: [] },
    seq: created.seq,
  };
}

/** Apply one event in place. Events at or below the state's seq are ignored, so replays are harmless. */
export function applyEvent(state: SessionState, event: SessionEvent, models: Models): void {
  if (event.seq <= state.seq) return;
  switch (event.type) {
    case CORE_EVENTS.joined: {
      const { participantId, pseudonym, member } = event.payload as ParticipantJoined;
      state.participantCount += 1;
      if (participantId && pseudonym) setOwn(state.participants, participantId, { pseudonym, joinedAt: event.at, ...(member ? { member } : {}) });
      break;
    }
    case CORE_EVENTS.contacts:
      state.contacts = { ...(event.payload as ContactsAsked) };
      break;
    case CORE_EVENTS.context:
      state.arenaContext = { ...state.arenaContext, ...(event.payload as ContextTaken).arenaContext };
      state.contextAt = event.at;
      break;
    case CORE_EVENTS.opened: {
      const index = state.steps.findIndex((s) => s.id === (event.payload as StepOpened).stepId);
      if (index >= 0) state.current = index;
      break;
    }
    case CORE_EVENTS.revealed: {
      const stepState = event.stepId === undefined ? undefined : getOwn(state.stepStates, event.stepId);
      if (stepState) stepState.revealed = (event.payload as StepRevealed).revealed;
      break;
    }
    case CORE_EVENTS.timerStarted: {
      const ms = (event.payload as TimerStarted).seconds * 1000;
      if (event.stepId) state.timer = { stepId: event.stepId, durationMs: ms, remainingMs: ms, startedAt: event.at };
      break;
    }
    case CORE_EVENTS.timerPaused:
      if (state.timer && state.timer.startedAt !== null)
        state.timer = { ...state.timer, remainingMs: timeLeft(state.timer, event.at), startedAt: null };
      break;
    case CORE_EVENTS.timerResumed:
      if (state.timer && state.timer.startedAt === null) state.timer = { ...state.timer, startedAt: event.at };
      break;
    case CORE_EVENTS.timerExtended: {
      const ms = (event.payload as TimerExtended).seconds * 1000;
      if (state.timer) state.timer = { ...state.timer, durationMs: state.timer.durationMs + ms, remainingMs: state.timer.remainingMs + ms };
      break;
    }
    case CORE_EVENTS.timerStopped:
      state.timer = null;
      break;
    case CORE_EVENTS.joinShown:
      state.joinShown = (event.payload as JoinShown).shown;
      break;
    case MONITORING_EVENTS.tagged:
      applyTagged(state, event);
      break;
    case SYNTHESIS_EVENTS.written:
      state.synthesis = { ...(event.payload as Synthesis) };
      break;
    case MODERATION_EVENTS.set:
    case MODERATION_EVENTS.approved:
    case MODERATION_EVENTS.rejected:
      applyModeration(state, event, (held) => applyToStep(state, held, models));
      break;
    default:
      if (isHeld(state, event, models)) state.moderation.held.push(event);
      else applyToStep(state, event, models);
  }
  state.seq = event.seq;
}

/** A kind's event applied to the data of its step. */
function applyToStep(state: SessionState, event: SessionEvent, models: Models): void {
  const step = stepById(state, event.stepId);
  const stepState = step && state.stepStates[step.id];
  if (step && stepState) model(models, step.kind).apply(stepState.data, event, { step, revealed: stepState.revealed, moderated: state.moderation.on });
}

export function reduce(events: readonly SessionEvent[], sessionId: string, models: Models): SessionState {
  const [first, ...rest] = events;
  if (!first || first.type !== CORE_EVENTS.created) throw new Error(`Session ${sessionId} has no session.created event`);
  const state = initialState(first as SessionEvent<SessionCreated>, sessionId, models);
  for (const event of rest) applyEvent(state, event, models);
  return state;
}

/** The arena context as the screen or a phone receives it: each kind's part as its `KindModel.contextFor` shares it. */
function publicContext(context: Record<string, unknown>, viewer: Viewer, steps: readonly StepDef[], models: Models): Record<string, unknown> {
  const shared = Object.entries(context).flatMap(([kind, part]) => {
    const contextFor = getOwn(models, kind)?.contextFor;
    const given = contextFor ? contextFor(part, viewer, steps) : part;
    return given === undefined ? [] : [[kind, given] as const];
  });
  return structuredClone(Object.fromEntries(shared));
}

/** The state as `viewer` may see it: a fresh copy, safe to send. */
export function project(state: SessionState, viewer: Viewer, models: Models): SessionState {
  const stepStates: SessionState['stepStates'] = {};
  for (const step of state.steps) {
    const s = getOwn(state.stepStates, step.id)!;
    const kindModel = model(models, step.kind);
    const data =
      viewer.role === 'facilitator' && !kindModel.guardsFacilitator
        ? structuredClone(s.data)
        : kindModel.project(s.data, viewer, { step, revealed: s.revealed });
    setOwn(stepStates, step.id, { revealed: s.revealed, data });
  }
  let participants: SessionState['participants'] = {};
  let participantCount = state.participantCount;
  if (viewer.role === 'facilitator') participants = structuredClone(state.participants);
  else if (viewer.role === 'participant') {
    const self = viewer.participantId ? getOwn(state.participants, viewer.participantId) : undefined;
    participants = self ? { [viewer.participantId!]: { ...self } } : {};
    participantCount = 0;
  }
  // Presenter notes are the facilitator's: they never leave the server for the screen or a phone.
  const steps = structuredClone(state.steps);
  if (viewer.role !== 'facilitator') for (const step of steps) delete step.notes;
  const moderation = projectModeration(state.moderation, viewer);
  // Themes on answers and the synthesis are the facilitator's reading: no screen or phone gets them.
  const { tags, synthesis, ...rest } = state;
  const own = viewer.role === 'facilitator' ? { ...(tags ? { tags } : {}), ...(synthesis ? { synthesis } : {}) } : {};
  return {
    ...structuredClone({ ...rest, ...own, steps: [], stepStates: {}, participants: {}, moderation: { on: false, held: [], rejected: [] } }),
    steps,
    stepStates,
    participants,
    participantCount,
    moderation,
    arenaContext: viewer.role === 'facilitator' ? structuredClone(state.arenaContext) : publicContext(state.arenaContext, viewer, state.steps, models),
  };
}

/**
 * Events after which non-facilitator views get a fresh snapshot instead of the event:
 * a reveal changes what they may see of everything already posted.
 */
export const RESYNC_EVENTS: ReadonlySet<string> = new Set([CORE_EVENTS.revealed]);

/**
 * Events after which only their audience gets a fresh snapshot: an approval brings
 * contributions those views never had, a rejection takes one off its author's phone.
 */
export const AUDIENCE_RESYNC_EVENTS: ReadonlySet<string> = new Set([MODERATION_EVENTS.approved, MODERATION_EVENTS.rejected]);

/** Who receives an event besides the facilitator. Call it before the event is applied. */
export function audienceOf(state: SessionState, event: SessionEvent, models: Models): Audience {
  switch (event.type) {
    case CORE_EVENTS.created:
      return { screen: false, participants: 'none' };
    case CORE_EVENTS.joined:
      // Phones learn their identity from joining; telling every phone of every join would cost N² deliveries.
      return { screen: true, participants: 'none' };
    case CORE_EVENTS.opened:
    case CORE_EVENTS.revealed:
    case CORE_EVENTS.timerStarted:
    case CORE_EVENTS.timerPaused:
    case CORE_EVENTS.timerResumed:
    case CORE_EVENTS.timerExtended:
    case CORE_EVENTS.timerStopped:
    case CORE_EVENTS.contacts:
    case CORE_EVENTS.context:
      return { screen: true, participants: 'all' };
    case CORE_EVENTS.joinShown:
      // Only the projector changes; a thousand phones need not hear of it.
      return { screen: true, participants: 'none' };
    case MONITORING_EVENTS.tagged:
    case SYNTHESIS_EVENTS.written:
      return { screen: false, participants: 'none' };
    case MODERATION_EVENTS.set:
    case MODERATION_EVENTS.approved:
    case MODERATION_EVENTS.rejected:
      return moderationAudience(state, event, models);
    default: {
      const step = stepById(state, event.stepId);
      if (!step) return { screen: false, participants: 'none' };
      if (isHeld(state, event, models)) return HELD_AUDIENCE(event);
      const { data, revealed } = state.stepStates[step.id]!;
      return model(models, step.kind).audience(event, data, { step, revealed, moderated: state.moderation.on });
    }
  }
}

/**
 * The event as a viewer receives it: who did it is only told to that participant
 * (and the facilitator), and the kind may hold back more (e.g. text not yet
 * revealed; from the facilitator only what a kind that guards it holds back).
 */
export function redact(state: SessionState, event: SessionEvent, viewer: Viewer, models: Models): SessionEvent {
  const step = stepById(state, event.stepId);
  const kindModel = step && getOwn(models, step.kind);
  const ctx = () => ({ step: step!, revealed: state.stepStates[step!.id]!.revealed });
  if (viewer.role === 'facilitator') return kindModel?.guardsFacilitator && kindModel.redact ? kindModel.redact(event, viewer, ctx()) : event;
  if (kindModel?.redact) event = kindModel.redact(event, viewer, ctx());
  const own = event.actor.id !== undefined && event.actor.id === viewer.participantId;
  let { actor, payload } = event;
  if (!own && actor.id !== undefined) actor = { role: actor.role };
  if (event.type === CORE_EVENTS.joined && !own) payload = {};
  if (event.type === CORE_EVENTS.context) payload = { arenaContext: publicContext((payload as ContextTaken).arenaContext, viewer, state.steps, models) } satisfies ContextTaken;
  return actor === event.actor && payload === event.payload ? event : { ...event, actor, payload };
}
