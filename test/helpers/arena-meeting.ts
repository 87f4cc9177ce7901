/**
 * A meeting of an arena for unit tests: its state built from the log as the server
 * builds it, the arena context taken from the earlier meetings as the server takes it
 * (each kind's `arenaContext`, the recap composed from every kind's part), and commands
 * decided by their kind and applied when accepted.
 */
import type { Actor, SessionEvent } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS, reduce } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import type { RecapPart } from '../../kinds/arena-contract.js';
import { kindByName, models } from '../../kinds/registry.js';
import { arenaOffers } from '../../server/sessions/arena-context.js';
import { composeRecap } from '../../server/sessions/recap-parts.js';
import { arenaOf } from './smallwin-session.js';

export const facilitator: Actor = { role: 'facilitator' };
export const by = (id: string): Actor => ({ role: 'participant', id });

/** What a session made at `at` carries from `earlier`, as `contextFromArena` works it out. */
export function contextOf(steps: readonly StepDef[], earlier: readonly SessionState[], at: number, highlights?: RecapPart): Record<string, unknown> {
  const arena = arenaOf(earlier);
  const carried = [...new Set(steps.map((s) => s.kind))].flatMap((k) => {
    const kind = kindByName.get(k)!;
    if (kind.recapContext) return [[k, kind.recapContext(composeRecap(arena, at, highlights))] as const];
    return kind.arenaContext ? [[k, kind.arenaContext(arena, kind.takesOffers ? arenaOffers(arena) : [])] as const] : [];
  });
  return Object.fromEntries(carried);
}

/** A meeting made at `at` with these steps, carrying `arenaContext` (see `contextOf`). */
export function meeting(id: string, at: number, steps: StepDef[], arenaContext?: Record<string, unknown>) {
  const created: SessionEvent = {
    id: `created-${id}`,
    seq: 1,
    type: CORE_EVENTS.created,
    actor: facilitator,
    payload: { title: `Bijeenkomst ${id}`, arena: { id: 'a', title: 'Arena' }, script: { id: 's', title: 'S' }, steps, ...(arenaContext ? { arenaContext } : {}) },
    at,
  };
  const state = reduce([created], id, models);
  /** Decides as the server does and applies when accepted; the decision's error otherwise. */
  const send = (actor: Actor, type: string, payload: unknown, stepId: string, eventId = `${id}-e${state.seq + 1}`) => {
    const step = state.steps.find((s) => s.id === stepId)!;
    const decision = kindByName.get(type.split('.')[0]!)!.commands[type]!.decide(
      { state, step, data: state.stepStates[stepId]!.data, revealed: state.stepStates[stepId]!.revealed, actor, id: eventId, present: [] },
      payload,
    );
    if (!decision.ok) return decision.error;
    applyEvent(state, { id: eventId, seq: state.seq + 1, type: decision.type, stepId, actor, payload: decision.payload, at: at + state.seq }, models);
    return 'ok';
  };
  /** A core event, or a kind's event as a log holds it, by the facilitator (a reveal, a join, a step change). */
  const push = (type: string, payload: unknown, stepId?: string) =>
    applyEvent(state, { id: `${id}-e${state.seq + 1}`, seq: state.seq + 1, type, ...(stepId ? { stepId } : {}), actor: facilitator, payload, at: at + state.seq }, models);
  return { state, send, push };
}

/** A meeting that carries what `earlier` gives it, as the server works it out when the meeting is made. */
export const meetingAfter = (id: string, at: number, steps: StepDef[], earlier: readonly SessionState[], highlights?: RecapPart) =>
  meeting(id, at, steps, contextOf(steps, earlier, at, highlights));
