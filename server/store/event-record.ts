/** An event as both stores keep it: one row, with actor and payload as JSON text. */
import type { SessionEvent } from '../../core/protocol.js';

export interface EventRecord {
  seq: number;
  id: string;
  type: string;
  step_id: string | null;
  actor: string;
  payload: string;
  at: number;
}

export const toEvent = (r: EventRecord): SessionEvent => ({
  id: r.id,
  seq: r.seq,
  type: r.type,
  ...(r.step_id === null ? {} : { stepId: r.step_id }),
  actor: JSON.parse(r.actor),
  payload: JSON.parse(r.payload),
  at: r.at,
});
