/**
 * What of a session's log may leave the server (the arena export): each event
 * as the facilitator receives it. The facilitator may read the file, so it holds
 * nothing the facilitator may not see; a kind that guards its data from the
 * facilitator (`guardsFacilitator`: the interview's unshared notes) redacts its
 * events here exactly as it does on the console. The events stay in order and
 * keep their ids and seqs, and the harvest shows only what the facilitator may
 * see, so the log replays elsewhere to the same harvest. A kind's `exported`
 * may then leave out what the facilitator saw once but may no longer see.
 */
import type { SessionEvent, Viewer } from './protocol.js';
import { applyEvent, redact, reduce, type Models } from './session.js';

const FACILITATOR: Viewer = { role: 'facilitator' };

export function exportedEvents(events: readonly SessionEvent[], sessionId: string, models: Models): SessionEvent[] {
  const [created, ...rest] = events;
  if (!created) return [];
  const final = reduce(events, sessionId, models);
  const state = reduce([created], sessionId, models);
  const out = [created];
  for (const event of rest) {
    // As delivery does: redacted with the state the event made.
    applyEvent(state, event, models);
    const redacted = redact(state, event, FACILITATOR, models);
    const step = event.stepId === undefined ? undefined : final.steps.find((s) => s.id === event.stepId);
    const kind = step && models[step.kind];
    out.push(step && kind?.exported ? kind.exported(redacted, final.stepStates[step.id]!.data) : redacted);
  }
  return out;
}
