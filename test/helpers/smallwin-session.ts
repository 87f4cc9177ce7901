/** A small-wins step, a win's fields and a session's state from its log, for the small wins' unit tests and simulation. */
import type { Actor, SessionEvent } from '../../core/protocol.js';
import { CORE_EVENTS, reduce } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import type { SmallwinContext, SmallwinStep, WinFields } from '../../kinds/smallwin/model.js';
import { models } from '../../kinds/registry.js';
import { arenaSessions } from '../../server/harvest/arena-sessions.js';

/** Sessions as the arena hooks read them; `dates`: planned dates by session id. */
export const arenaOf = (states: readonly SessionState[], dates: Record<string, number> = {}) =>
  arenaSessions({ id: 'a', title: 'Arena' }, states, new Map(Object.entries(dates)));

export const step: SmallwinStep = {
  id: 'wins',
  kind: 'smallwin',
  title: 'Small wins',
  questions: [
    { id: 'resultaat', text: 'Wat is het tastbare resultaat en voor wie is dat zichtbaar?' },
    { id: 'nodig', text: 'Wat is daarvoor nodig?' },
  ],
};
export const asAlice: Actor = { role: 'participant', id: 'alice' };
export const asBob: Actor = { role: 'participant', id: 'bob' };
export const asFacilitator: Actor = { role: 'facilitator' };

export const fields = (title: string, extra: Partial<WinFields> = {}): WinFields => ({
  title,
  result: `${title}: het draait`,
  visibleFor: 'mantelzorgers',
  characteristics: { concreet: 'Het is er al', lokaal: '' },
  mechanisms: ['energizing', 'olievlek'],
  paths: ['verspreiden'],
  candidate: true,
  phase: 'oplaadfase',
  answers: { nodig: 'Een vaste plek' },
  ...extra,
});

/** A session's state as its log would make it: created, then these events on the small-wins step. */
export function sessionState(id: string, createdAt: number, events: [type: string, payload: unknown, actor?: Actor, eventId?: string][], context?: SmallwinContext): SessionState {
  const created: SessionEvent = {
    id: `created-${id}`,
    seq: 1,
    type: CORE_EVENTS.created,
    actor: asFacilitator,
    payload: { title: `Bijeenkomst ${id}`, arena: { id: 'a', title: 'Arena' }, script: { id: 'x', title: 'X' }, steps: [step], ...(context ? { arenaContext: { smallwin: context } } : {}) },
    at: createdAt,
  };
  return reduce(
    [created, ...events.map(([type, payload, actor = asFacilitator, eventId], i): SessionEvent => ({ id: eventId ?? `${id}-e${i}`, seq: i + 2, type, stepId: step.id, actor, payload, at: createdAt + i + 1 }))],
    id,
    models,
  );
}
