/**
 * An arena's sessions as the kinds' arena hooks read them (`ArenaSessions`): the
 * same for the arena harvest, the monitoring trend and every kind's arena API.
 */
import type { SessionState } from '../../core/state.js';
import { inMeetingOrder, type ArenaSessions, type LogbookUpdate } from '../../kinds/arena-contract.js';

/** `dates`: the day a session met, for those planned for one; `logbook`: the approved updates of the arena's logbook. */
export function arenaSessions(
  arena: { id: string; title: string },
  states: readonly SessionState[],
  dates: ReadonlyMap<string, number> = new Map(),
  logbook: readonly LogbookUpdate[] = [],
): ArenaSessions {
  const metOn = (state: SessionState) => dates.get(state.id) ?? state.createdAt;
  return { logbook, arena: { id: arena.id, title: arena.title }, sessions: inMeetingOrder(states, metOn), metOn };
}
