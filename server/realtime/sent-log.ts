/**
 * What this server last sent to each room of a session, by seq. A phone connects
 * with the seq of the view it already holds (its join answer's snapshot, or what it
 * had before its network dropped); when nothing was sent to its rooms since, that
 * view is still exactly what a snapshot would give it (the delivery invariant,
 * test/simulation/delivery-invariant.test.ts), so the server answers `current` instead of
 * projecting, encoding and sending the whole state again. When 2,000 phones join at
 * once this is a large part of the work per join (docs/PERFORMANCE.md).
 *
 * It holds only if what is recorded is what the room received, in order: a fresh
 * snapshot (after a reveal) must leave before any later event, or a phone holding
 * that event would pass for current without the reveal. The socket layer sends
 * those snapshots synchronously for that reason.
 */
import type { SessionRuntime } from '../sessions/session-runtime.js';

interface Sent {
  /** Nothing before this seq was recorded (the runtime was loaded, or this server started, at it). */
  from: number;
  /** Room → seq of the last event or fresh snapshot sent to it. */
  last: Map<string, number>;
}

export class SentLog {
  /** Per runtime: an evicted session's record goes with it. */
  private readonly sessions = new WeakMap<SessionRuntime, Sent>();

  private of(runtime: SessionRuntime): Sent {
    let sent = this.sessions.get(runtime);
    if (!sent) this.sessions.set(runtime, (sent = { from: runtime.state.seq, last: new Map() }));
    return sent;
  }

  /** Something of event `seq` went to `room`. */
  sent(runtime: SessionRuntime, room: string, seq: number): void {
    this.of(runtime).last.set(room, seq);
  }

  /** Whether a view that holds the session as of `seq` and listens to `rooms` has missed nothing since. */
  current(runtime: SessionRuntime, rooms: readonly string[], seq: number): boolean {
    const sent = this.of(runtime);
    // Older than what we know of, or newer than this server has applied (another server is ahead): a snapshot is safe.
    if (seq < sent.from || seq > runtime.state.seq) return false;
    return rooms.every((room) => (sent.last.get(room) ?? -1) <= seq);
  }
}
