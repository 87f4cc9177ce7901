/**
 * Who is connected right now: volatile, never stored. Counts distinct participants
 * (two tabs are one person), tells the facilitator and screen at most twice a
 * second, and tells the session when someone arrives or has left for good: a
 * phone that drops and comes back within LEAVE_GRACE_MS never left. With several
 * servers, `elsewhere` holds who is connected to the others: counts and ids are
 * the whole room's, and nobody "arrives" or "leaves" while another server has them.
 */
import type { PresenceChange } from '../../kinds/definition.js';

/** Venue Wi-Fi drops phones for seconds at a time; 20 s away counts as gone. */
export const LEAVE_GRACE_MS = 20_000;

/** The participants connected to the other servers (see cluster.ts), and how to tell them ours. */
export interface PresenceElsewhere {
  ids(sessionId: string): string[];
  has(sessionId: string, participantId: string): boolean;
  publish(sessionId: string, ids: string[]): void;
}

export class Presence {
  /** Per session: participant id → open connections, in the order they first connected. */
  private readonly connections = new Map<string, Map<string, number>>();
  private readonly leaving = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Set<string>();
  /** Sessions whose participants on this server changed, to tell the other servers. */
  private readonly pendingHere = new Set<string>();
  /** The whole room's ids per session as last worked out, until it changes here or elsewhere: a kind may ask at every command. */
  private readonly known = new Map<string, readonly string[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly tellCount: (sessionId: string, participants: number) => void,
    private readonly changed: (sessionId: string, change: PresenceChange) => void,
    private readonly graceMs = LEAVE_GRACE_MS,
    private readonly elsewhere?: PresenceElsewhere,
  ) {}

  count(sessionId: string): number {
    return this.elsewhere ? this.ids(sessionId).length : (this.connections.get(sessionId)?.size ?? 0);
  }

  /** Everybody connected to the session: here first, in the order they came, then on the other servers. */
  ids(sessionId: string): readonly string[] {
    let ids = this.known.get(sessionId);
    if (!ids) {
      const here = this.here(sessionId);
      ids = this.elsewhere ? [...new Set([...here, ...this.elsewhere.ids(sessionId)])] : here;
      // An empty room is not kept: sessions come and go, and nothing is cheaper to work out again.
      if (ids.length) this.known.set(sessionId, ids);
    }
    return ids;
  }

  /** Connected to this server only. */
  here(sessionId: string): string[] {
    return [...(this.connections.get(sessionId)?.keys() ?? [])];
  }

  /** Every session with participants on this server, for the other servers. */
  allHere(): Record<string, string[]> {
    return Object.fromEntries([...this.connections.keys()].map((sid) => [sid, this.here(sid)]));
  }

  /** The other servers' participants changed: the facilitator and screen get the new count. */
  changedElsewhere(sessionId: string) {
    this.schedule(sessionId, false);
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
      if (before === 0) this.changed(sessionId, { back: participantId });
    } else if (before === 0 && !this.elsewhere?.has(sessionId, participantId)) this.changed(sessionId, { joined: participantId });
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
        if (!this.elsewhere?.has(sessionId, participantId)) this.changed(sessionId, { left: participantId });
      }, this.graceMs);
      timer.unref();
      this.leaving.set(key, timer);
      if (!this.elsewhere?.has(sessionId, participantId)) this.changed(sessionId, { dropped: participantId });
    }
    this.schedule(sessionId);
  }

  private schedule(sessionId: string, here = true) {
    this.known.delete(sessionId);
    this.pending.add(sessionId);
    if (here) this.pendingHere.add(sessionId);
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      for (const sid of this.pending) this.tellCount(sid, this.count(sid));
      for (const sid of this.pendingHere) this.elsewhere?.publish(sid, this.here(sid));
      this.pending.clear();
      this.pendingHere.clear();
    }, 500).unref();
  }
}
