/**
 * Views simulated as the browser keeps them: a snapshot, then the events routed
 * to it applied with the shared reducer, or a fresh projection on a resync. The
 * delivery-invariant tests feed them from a real SessionRuntime.
 */
import type { Recipient } from '../../core/delivery.js';
import { deliveries } from '../../core/delivery.js';
import type { Audience } from '../../core/kind.js';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS, project } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

export interface SimView {
  viewer: Viewer;
  state: SessionState;
}

/** Whether a delivery addressed to `to` reaches this viewer (the rooms of server/realtime/delivery.ts). */
export function reaches(to: Recipient, viewer: Viewer): boolean {
  if (to.room === 'participant') return viewer.participantId === to.participantId;
  return to.room === 'participants' ? viewer.role === 'participant' : to.room === viewer.role;
}

/** Routes one event to the views as the server would, calling `after` for each view it changed. */
export function deliverToViews(views: readonly SimView[], state: SessionState, event: SessionEvent, audience: Audience, after: (view: SimView) => void) {
  for (const d of deliveries(state, event, audience, models))
    for (const v of views) {
      if (!reaches(d.to, v.viewer)) continue;
      if ('event' in d) applyEvent(v.state, d.event, models);
      else v.state = project(state, v.viewer, models);
      after(v);
    }
}

/**
 * A simulation's next newcomer: participant `p<n>` joins session `s` through the runtime,
 * is added to `people`, and gets a view (`connect`).
 */
export async function joinNext(
  runtime: { join(row: { id: string; sessionId: string; tokenHash: string; pseudonym: string; createdAt: number }): Promise<unknown> },
  people: Viewer[],
  connect: (viewer: Viewer) => void,
  at: number,
): Promise<void> {
  const id = `p${people.length}`;
  await runtime.join({ id, sessionId: 's', tokenHash: id, pseudonym: `P ${id}`, createdAt: at });
  const viewer: Viewer = { role: 'participant', participantId: id, pseudonym: `P ${id}` };
  people.push(viewer);
  connect(viewer);
}

/**
 * A store in memory holding arena `a` and session `s` made with these steps (and what it
 * carries from its arena), for a simulation to drive through a `SessionRuntime`.
 */
export async function simulatedSession(steps: StepDef[], arenaContext?: Record<string, unknown>) {
  const store = new SqliteStore(':memory:');
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: 'x', createdAt: 0 };
  const created: SessionEvent = {
    id: 'c',
    seq: 1,
    type: CORE_EVENTS.created,
    actor: { role: 'facilitator' },
    payload: { title: 'T', arena: { id: 'a', title: 'Arena' }, script: { id: 'x', title: 'X' }, steps, ...(arenaContext ? { arenaContext } : {}) },
    at: 0,
  };
  await store.createSession(row, created);
  return { store, row, created };
}
