/**
 * Several Oogst servers as one (REDIS_URL): the socket.io Redis Streams adapter
 * joins their socket.io servers, and over it each server tells the others
 * - every event it stored (`oogst:event`), so their copies of the session apply
 *   it in seq order and deliver it to their own connections;
 * - who is connected to it, per session (`oogst:presence`), so every server
 *   counts the whole room and the kinds see everybody present.
 * PostgreSQL is the truth; these messages only make the others learn promptly.
 * A missed message is repaired: a gap in seqs, the next conflict, or the sweep
 * every SWEEP_MS reads what is missing from the log. The Redis client and the
 * adapter are in redis-adapter.ts, loaded only when REDIS_URL is set.
 */
import { nanoid } from 'nanoid';
import type { SessionEvent } from '../../core/protocol.js';

export interface InterServerEvents {
  'oogst:event': (sessionId: string, event: SessionEvent) => void;
  /** One server's participants in one session; `[]` when the last one left. */
  'oogst:presence': (node: string, sessionId: string, ids: string[]) => void;
  /** Every session a server has participants in: its heartbeat, and its answer to `oogst:hello`. */
  'oogst:presence-all': (node: string, sessions: Record<string, string[]>) => void;
  /** A server that just started asks the others who is where. */
  'oogst:hello': (node: string) => void;
}

/** A server's presence is trusted this long after its last word: three missed heartbeats. */
export const HEARTBEAT_MS = 5_000;
const NODE_TIMEOUT_MS = 3 * HEARTBEAT_MS;
export const SWEEP_MS = 5_000;

/** Who is connected to the other servers, per session, forgotten when a server falls silent. */
export class RemotePresence {
  readonly node = nanoid();
  private readonly nodes = new Map<string, { heard: number; sessions: Map<string, string[]> }>();

  constructor(private readonly changed: (sessionId: string) => void) {}

  private entry(node: string) {
    let entry = this.nodes.get(node);
    if (!entry) this.nodes.set(node, (entry = { heard: 0, sessions: new Map() }));
    entry.heard = Date.now();
    return entry;
  }

  set(node: string, sessionId: string, ids: string[]) {
    if (node === this.node) return;
    const { sessions } = this.entry(node);
    if (ids.length) sessions.set(sessionId, ids);
    else sessions.delete(sessionId);
    this.changed(sessionId);
  }

  setAll(node: string, all: Record<string, string[]>) {
    if (node === this.node) return;
    const entry = this.entry(node);
    const before = [...entry.sessions.keys()];
    entry.sessions = new Map(Object.entries(all).filter(([, ids]) => ids.length));
    for (const sid of new Set([...before, ...entry.sessions.keys()])) this.changed(sid);
  }

  /** Forgets servers not heard from in NODE_TIMEOUT_MS: stopped or cut off. */
  expire(now = Date.now()) {
    for (const [node, entry] of this.nodes) {
      if (now - entry.heard < NODE_TIMEOUT_MS) continue;
      this.nodes.delete(node);
      for (const sid of entry.sessions.keys()) this.changed(sid);
    }
  }

  ids(sessionId: string): string[] {
    return [...this.nodes.values()].flatMap((n) => n.sessions.get(sessionId) ?? []);
  }

  has(sessionId: string, participantId: string): boolean {
    for (const n of this.nodes.values()) if (n.sessions.get(sessionId)?.includes(participantId)) return true;
    return false;
  }
}
