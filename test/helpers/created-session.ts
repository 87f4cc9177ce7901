/** A session's state right after `session.created`, in arena "a", for unit tests that then apply their own events. */
import type { SessionEvent } from '../../core/protocol.js';
import { CORE_EVENTS, reduce } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { models } from '../../kinds/registry.js';

export function createdSession(id: string, createdAt: number, steps: StepDef[]): SessionState {
  const created: SessionEvent = {
    id: `created-${id}`,
    seq: 1,
    type: CORE_EVENTS.created,
    actor: { role: 'facilitator' },
    payload: { title: `Bijeenkomst ${id}`, arena: { id: 'a', title: 'Arena' }, script: { id: 'x', title: 'X' }, steps },
    at: createdAt,
  };
  return reduce([created], id, models);
}
