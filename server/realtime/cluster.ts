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
import type { SessionHub } from '../sessions/session-hub.js';
import type { OogstServer } from './handshake.js';
import type { Presence, PresenceElsewhere } from './presence.js';

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
  private readonly nodes = new Map<string, { heard: number; sessions: Map<string, Set<string>> }>();

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
    if (ids.length) sessions.set(sessionId, new Set(ids));
    else sessions.delete(sessionId);
    this.changed(sessionId);
  }

  setAll(node: string, all: Record<string, string[]>) {
    if (node === this.node) return;
    const entry = this.entry(node);
    const before = [...entry.sessions.keys()];
    entry.sessions = new Map(Object.entries(all).flatMap(([sid, ids]) => (ids.length ? [[sid, new Set(ids)]] : [])));
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
    return [...this.nodes.values()].flatMap((n) => [...(n.sessions.get(sessionId) ?? [])]);
  }

  /** Asked at every connection and every leave: a look-up, not a walk through the room. */
  has(sessionId: string, participantId: string): boolean {
    for (const n of this.nodes.values()) if (n.sessions.get(sessionId)?.has(participantId)) return true;
    return false;
  }
}

export interface ClusterLink {
  /** Who is connected to the other servers, and how to tell them who is here: for Presence. */
  elsewhere: PresenceElsewhere;
  /** Starts the exchange: the others' events and presence in, this server's presence out. */
  listen(presence: Presence): void;
  /** Stops the timers and tells the others nothing more: this server's Redis client is about to go. */
  leave(): void;
}

/**
 * The other servers learn each event the hub stores here (`stored`), and who is
 * connected here; this server learns theirs. `changedElsewhere` hears when the
 * participants on the other servers changed.
 */
export function joinCluster(io: OogstServer, hub: SessionHub, changedElsewhere: (sessionId: string) => void): ClusterLink {
  const remote = new RemotePresence(changedElsewhere);
  // Nothing goes to the other servers once this one is closing: its Redis client is gone.
  let inCluster = true;
  const tell = <E extends keyof InterServerEvents>(event: E, ...args: Parameters<InterServerEvents[E]>) => {
    if (inCluster) io.serverSideEmit(event, ...args);
  };
  const timers: NodeJS.Timeout[] = [];
  let stopAnnouncing = () => {};
  return {
    elsewhere: {
      ids: (sid) => remote.ids(sid),
      has: (sid, pid) => remote.has(sid, pid),
      publish: (sid, ids) => tell('oogst:presence', remote.node, sid, ids),
    },
    listen(presence) {
      stopAnnouncing = hub.on('stored', (runtime, event) => tell('oogst:event', runtime.id, event));
      io.on('oogst:event', (sessionId, event) => void hub.learn(sessionId, event));
      io.on('oogst:presence', (node, sessionId, ids) => remote.set(node, sessionId, ids));
      io.on('oogst:presence-all', (node, sessions) => remote.setAll(node, sessions));
      io.on('oogst:hello', () => tell('oogst:presence-all', remote.node, presence.allHere()));
      tell('oogst:hello', remote.node);
      const heartbeat = setInterval(() => {
        tell('oogst:presence-all', remote.node, presence.allHere());
        remote.expire();
      }, HEARTBEAT_MS).unref();
      // A message lost on the way (Redis restarted) is read from the log within SWEEP_MS, for
      // the sessions with views on this server (others catch up when next used: see SessionHub.caughtUp).
      const withViewsHere = () => {
        const ids = new Set<string>();
        for (const room of io.of('/').adapter.rooms.keys()) if (room.startsWith('s:')) ids.add(room.slice(2, room.lastIndexOf(':')));
        return ids;
      };
      const sweep = setInterval(() => void hub.learnAll(withViewsHere()), SWEEP_MS).unref();
      timers.push(heartbeat, sweep);
    },
    leave() {
      inCluster = false;
      stopAnnouncing();
      for (const timer of timers) clearInterval(timer);
    },
  };
}
