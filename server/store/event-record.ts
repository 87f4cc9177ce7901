/** An event as both stores keep it: one row, with actor and payload as JSON text and the payload's version. */
import type { SessionEvent } from '../../core/protocol.js';
import type { EventVersions } from './event-versions.js';

export interface EventRecord {
  seq: number;
  id: string;
  type: string;
  step_id: string | null;
  actor: string;
  payload: string;
  at: number;
  /** The version the payload was written at (server/store/event-versions.ts). */
  v: number;
}

/** Every event the stores read comes out here: at its type's latest version, whatever version it was written at. */
export const toEvents = (records: readonly EventRecord[], versions: EventVersions): SessionEvent[] =>
  records.map((r) => ({
    id: r.id,
    seq: r.seq,
    type: r.type,
    ...(r.step_id === null ? {} : { stepId: r.step_id }),
    actor: JSON.parse(r.actor),
    payload: versions.upcast(r.type, r.v, JSON.parse(r.payload)),
    at: r.at,
  }));

/** The row an event is written as, named as the SQLite store's statements name its columns. */
export const eventRow = (sessionId: string, e: SessionEvent, versions: EventVersions) => ({
  sessionId,
  seq: e.seq,
  id: e.id,
  type: e.type,
  stepId: e.stepId ?? null,
  actor: JSON.stringify(e.actor),
  payload: JSON.stringify(e.payload),
  at: e.at,
  v: versions.latest(e.type),
});
