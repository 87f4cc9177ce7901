/**
 * Who gets what after an event: the facilitator gets it (as is, unless a kind
 * guards it, see KindModel.guardsFacilitator); the screen and
 * phones get it redacted, or, after an event that changes what they may see
 * (a reveal), a fresh snapshot. Pure, so the socket layer and the tests share it.
 */
import type { Audience } from './kind.js';
import type { SessionEvent } from './protocol.js';
import { AUDIENCE_RESYNC_EVENTS, redact, RESYNC_EVENTS, type Models } from './session.js';
import type { SessionState } from './state.js';

export type Recipient =
  | { room: 'facilitator' }
  | { room: 'screen' }
  | { room: 'participants' }
  | { room: 'participant'; participantId: string };

export type Delivery = { to: Recipient; event: SessionEvent } | { to: Recipient; resync: true };

/** Call after the event is applied to `state`; `audience` was computed before. */
export function deliveries(state: SessionState, event: SessionEvent, audience: Audience, models: Models): Delivery[] {
  const facilitator: Delivery = { to: { room: 'facilitator' }, event: redact(state, event, { role: 'facilitator' }, models) };
  if (RESYNC_EVENTS.has(event.type)) return [facilitator, { to: { room: 'screen' }, resync: true }, { to: { room: 'participants' }, resync: true }];
  if (AUDIENCE_RESYNC_EVENTS.has(event.type)) {
    const out: Delivery[] = audience.screen ? [{ to: { room: 'screen' }, resync: true }, facilitator] : [facilitator];
    if (audience.participants === 'all') out.push({ to: { room: 'participants' }, resync: true });
    else if (audience.participants !== 'none')
      for (const participantId of audience.participants) out.push({ to: { room: 'participant', participantId }, resync: true });
    return out;
  }
  // The room's view first: the screen's latency is what the room sees (and what the budget is about).
  const out: Delivery[] = [];
  if (audience.screen) out.push({ to: { room: 'screen' }, event: redact(state, event, { role: 'screen' }, models) });
  out.push(facilitator);
  if (audience.participants === 'all') {
    out.push({ to: { room: 'participants' }, event: redact(state, event, { role: 'participant' }, models) });
  } else if (audience.participants !== 'none') {
    for (const participantId of audience.participants)
      out.push({
        to: { room: 'participant', participantId },
        event: redact(state, event, { role: 'participant', participantId }, models),
      });
  }
  return out;
}
