/**
 * Who is connected right now: volatile, never stored. Counts distinct participants
 * (two tabs are one person), tells the facilitator and screen at most twice a
 * second, and tells the session when someone arrives or has left for good: a
 * phone that drops and comes back within LEAVE_GRACE_MS never left.
 */
import type { PresenceChange } from '../../kinds/definition.js';

/** Venue Wi-Fi drops phones for seconds at a time; 20 s away counts as gone. */
export const LEAVE_GRACE_MS = 20_000;

export class Presence {
  /** Per session: participant id → open connections, in the order they first connected. */
  private readonly connections = new Map<string, Map<string, number>>();
  private readonly leaving = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tellCount: (sessionId: string, participants: number) => void,
    private readonly changed: (sessionId: string, change: PresenceChange) => void,
    private readonly graceMs = LEAVE_GRACE_MS,
  ) {}

  count(sessionId: string): number {
    return this.connections.get(sessionId)?.size ?? 0;
  }

  ids(sessionId: string): string[] {
    return [...(this.connections.get(sessionId)?.keys() ?? [])];
  }

  joined(sessionId: string, participantId: string) {
    const session = this.connections.get(sessionId) ?? new Map<string, number>();
    this.connections.set(sessionId, session);
    const before = session.get(participantId) ?? 0;
    session.set(participantId, before + 1);
    const key = `${sessionId}:${participantId}`;
    const away = this.leaving.get(key);
    if (away) {
      clearTimeout(away);
      this.leaving.delete(key);
    } else if (before === 0) this.changed(sessionId, { joined: participantId });
    this.schedule(sessionId);
  }

  left(sessionId: string, participantId: string) {
    const session = this.connections.get(sessionId);
    const n = session?.get(participantId) ?? 0;
    if (n > 1) session!.set(participantId, n - 1);
    else {
      session?.delete(participantId);
      if (session && !session.size) this.connections.delete(sessionId);
      const key = `${sessionId}:${participantId}`;
      const timer = setTimeout(() => {
        this.leaving.delete(key);
        this.changed(sessionId, { left: participantId });
      }, this.graceMs);
      timer.unref();
      this.leaving.set(key, timer);
    }
    this.schedule(sessionId);
  }

  private schedule(sessionId: string) {
    this.pending.add(sessionId);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      for (const sid of this.pending) this.tellCount(sid, this.count(sid));
      this.pending.clear();
    }, 500).unref();
  }
}
