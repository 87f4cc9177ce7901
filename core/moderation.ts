/**
 * "Approve before showing": the facilitator may hold every participant's
 * contribution until they approve it. Generic over kinds: a kind only says which
 * of its events are contributions (KindModel.contribution); the core keeps those
 * out of the step's data (so out of the screen, other phones and the harvest)
 * until approval applies them as if they had just arrived.
 */
import type { Audience, KindModel } from './kind.js';
import type { SessionEvent, Viewer } from './protocol.js';
import type { Moderation, SessionState } from './state.js';
import { getOwn } from './records.js';

export const MODERATION_EVENTS = {
  set: 'moderation.set',
  approved: 'moderation.approved',
  rejected: 'moderation.rejected',
} as const;

export interface ModerationSet {
  on: boolean;
}
/** The held events (by id) approved or rejected together. */
export interface ModerationDecided {
  ids: string[];
}

type Models = Readonly<Record<string, KindModel<any>>>;

/** Contributions one participant may have waiting at once: moderation must not lift a kind's limits into an unbounded queue. */
export const MAX_HELD_PER_PARTICIPANT = 20;

/** How many of this participant's contributions wait for approval. */
export const heldBy = (state: SessionState, participantId: string) => state.moderation.held.filter((e) => e.actor.id === participantId).length;

const kindOf = (state: SessionState, event: SessionEvent, models: Models) => {
  const step = event.stepId === undefined ? undefined : state.steps.find((s) => s.id === event.stepId);
  return step && getOwn(models, step.kind);
};

/** The contribution's text when `event` is one the kind lets moderation hold; else undefined. */
export function contributionText(state: SessionState, event: SessionEvent, models: Models): string | undefined {
  return kindOf(state, event, models)?.contribution?.(event);
}

/** Whether this event, arriving now, is held rather than applied: moderation is on and a participant contributed. */
export function isHeld(state: SessionState, event: SessionEvent, models: Models): boolean {
  return state.moderation.on && event.actor.role === 'participant' && contributionText(state, event, models) !== undefined;
}

/**
 * The step's data as a participant's next contribution should be judged on: with
 * their own held contributions applied (on a copy), so a kind's limits and
 * duplicate checks count what waits for approval too. The data itself when none wait.
 */
export function withOwnHeld<D>(state: SessionState, stepId: string, data: D, participantId: string, models: Models): D {
  const own = state.moderation.held.filter((e) => e.stepId === stepId && e.actor.id === participantId);
  if (!own.length) return data;
  const step = state.steps.find((s) => s.id === stepId)!;
  const copy = ownCopy(data, participantId);
  const ctx = { step, revealed: state.stepStates[stepId]!.revealed };
  for (const held of own) models[step.kind]!.apply(copy, held, ctx);
  return copy;
}

/**
 * A copy of a step's data that the participant's own contributions may be applied
 * to: lists are copied and their own items (`author`) cloned, other items shared;
 * records and other fields cloned. A contribution only ever changes its author's
 * items, and copying a wall of 4,000 notes for every held note cost 10 ms.
 */
function ownCopy<D>(data: D, participantId: string): D {
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (Array.isArray(value))
      copy[key] = value.map((item: unknown) => ((item as { author?: string } | null)?.author === participantId ? structuredClone(item) : item));
    else copy[key] = value !== null && typeof value === 'object' ? structuredClone(value) : value;
  }
  return copy as D;
}

/** The held events a decision names, in the order they arrived. */
export function heldOf(state: SessionState, ids: readonly string[]): SessionEvent[] {
  const wanted = new Set(ids);
  return state.moderation.held.filter((e) => wanted.has(e.id));
}

/**
 * Apply a moderation event in place. `applyHeld` applies an approved event to
 * its step exactly as the reducer would have when it arrived.
 */
export function applyModeration(state: SessionState, event: SessionEvent, applyHeld: (held: SessionEvent) => void): void {
  const moderation = state.moderation;
  if (event.type === MODERATION_EVENTS.set) {
    moderation.on = (event.payload as ModerationSet).on;
    return;
  }
  const decided = heldOf(state, (event.payload as ModerationDecided).ids);
  const gone = new Set(decided.map((e) => e.id));
  moderation.held = moderation.held.filter((e) => !gone.has(e.id));
  if (event.type === MODERATION_EVENTS.approved) for (const held of decided) applyHeld(held);
  else for (const held of decided) moderation.rejected.push({ id: held.id, ...(held.actor.id ? { author: held.actor.id } : {}) });
}

/** What a viewer may see of the moderation: the facilitator everything, a phone its own held events, the screen nothing. */
export function projectModeration(moderation: Moderation, viewer: Viewer): Moderation {
  if (viewer.role === 'facilitator') return structuredClone(moderation);
  // The screen never gets a held event, so it must not hold one back either: for it moderation is off.
  if (viewer.role === 'screen') return { on: false, held: [], rejected: [] };
  const own = (author: string | undefined) => author !== undefined && author === viewer.participantId;
  return {
    on: moderation.on,
    held: structuredClone(moderation.held.filter((e) => own(e.actor.id))),
    rejected: moderation.rejected.filter((r) => own(r.author)).map((r) => ({ ...r })),
  };
}

/**
 * Who hears of a moderation event (before it is applied). A decision reaches
 * the views that would have received the held events (kind audiences) plus their
 * authors; they get a fresh projection (see resyncsOf), since they never had the events.
 */
export function moderationAudience(state: SessionState, event: SessionEvent, models: Models): Audience {
  // Phones hold their own contributions back too when moderation is on: they must know.
  if (event.type === MODERATION_EVENTS.set) return { screen: false, participants: 'all' };
  const decided = heldOf(state, (event.payload as ModerationDecided).ids);
  const ids = new Set<string>();
  let screen = false;
  let all = false;
  for (const held of decided) {
    if (held.actor.id) ids.add(held.actor.id);
    if (event.type !== MODERATION_EVENTS.approved) continue;
    const step = state.steps.find((s) => s.id === held.stepId)!;
    const { data, revealed } = state.stepStates[step.id]!;
    const heard = models[step.kind]!.audience(held, data, { step, revealed, moderated: state.moderation.on });
    screen ||= heard.screen;
    if (heard.participants === 'all') all = true;
    else if (heard.participants !== 'none') for (const id of heard.participants) ids.add(id);
  }
  return { screen, participants: all ? 'all' : [...ids] };
}

/** A held contribution reaches its author only, never the screen or other phones. */
export const HELD_AUDIENCE = (event: SessionEvent): Audience => ({ screen: false, participants: event.actor.id ? [event.actor.id] : 'none' });
