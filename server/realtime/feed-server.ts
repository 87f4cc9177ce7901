/**
 * The live feed's open connections, per session: each gets a snapshot (or the
 * public events it missed), then every event the screen gets, in order, as JSON.
 * Fed by the hub's `applied`, which also reports events learned from other nodes,
 * so a feed works on every node. Read-only: what a client sends is ignored.
 */
import type { WebSocket } from 'ws';
import { FEED_CLOSE, FEED_VERSION, publicDelivery, replayPublic, type FeedMessage, type FeedSnapshot } from '../../core/feed.js';
import type { Audience } from '../../core/kind.js';
import type { SessionEvent, Snapshot } from '../../core/protocol.js';
import { project } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import type { SessionHub } from '../sessions/session-hub.js';
import type { SessionRuntime } from '../sessions/session-runtime.js';
import type { Store } from '../store/store.js';

export interface FeedLimits {
  /** Feed connections one session allows (OOGST_MAX_FEED_CONNECTIONS). */
  perSession: number;
  /** Bytes a connection may have waiting unsent before it counts as too slow (OOGST_FEED_BUFFER_BYTES). */
  maxBuffered: number;
  /** Most missed events a resume replays; further behind gets a snapshot, which is cheaper. */
  maxReplay: number;
  /** How often connections are pinged and their keys checked again (revocations on other nodes). */
  checkEveryMs: number;
}

export const FEED_REPLAY_MAX = 1000;
export const FEED_CHECK_MS = 20_000;

interface FeedConnection {
  socket: WebSocket;
  feed: SessionFeed;
  keyId: string;
  keyHash: string;
  join: Snapshot['join'];
  /** The highest seq sent: nothing at or below it is sent again. */
  lastSeq: number;
  /** While the first messages are being prepared, live ones wait here. */
  queue: FeedMessage[] | undefined;
  alive: boolean;
}

interface SessionFeed {
  runtime: SessionRuntime;
  connections: Set<FeedConnection>;
}

export interface FeedRequest {
  keyId: string;
  keyHash: string;
  /** Resume after this seq instead of starting from a snapshot. */
  after?: number;
  join: Snapshot['join'];
}

export class FeedHub {
  private readonly sessions = new Map<string, SessionFeed>();
  private readonly timer: NodeJS.Timeout;
  private readonly unsubscribe: () => void;

  constructor(
    hub: SessionHub,
    private readonly store: Store,
    private readonly log: { error(obj: unknown, msg?: string): void },
    private readonly limits: FeedLimits,
  ) {
    this.timer = setInterval(() => void this.check(), limits.checkEveryMs).unref();
    this.unsubscribe = hub.on('applied', (runtime, event, audience) => {
      const feed = this.sessions.get(runtime.id);
      // Only the copy the feeds were opened on (a session evicted and loaded again is another).
      if (feed?.runtime === runtime) this.deliver(feed, event, audience);
    });
  }

  /** Open feed connections of a session. */
  count(sessionId: string): number {
    return this.sessions.get(sessionId)?.connections.size ?? 0;
  }

  async attach(socket: WebSocket, runtime: SessionRuntime, request: FeedRequest): Promise<void> {
    const feed = this.feedOf(runtime);
    if (feed.connections.size >= this.limits.perSession) {
      this.release(runtime.id);
      return void socket.close(FEED_CLOSE.full, `This session allows ${this.limits.perSession} feed connections.`);
    }
    const conn: FeedConnection = { socket, feed, keyId: request.keyId, keyHash: request.keyHash, join: request.join, lastSeq: 0, queue: [], alive: true };
    feed.connections.add(conn);
    socket.on('close', () => this.drop(conn));
    socket.on('pong', () => (conn.alive = true));

    const { after } = request;
    const replay =
      after !== undefined && runtime.state.seq - after <= this.limits.maxReplay
        ? replayPublic(await this.store.loadEvents(runtime.id), runtime.id, after, models)
        : undefined;
    // What came in live while the log was read goes after the first messages; what they already hold is skipped by seq.
    const waiting = conn.queue!;
    conn.queue = undefined;
    if (replay) {
      this.send(conn, { v: FEED_VERSION, type: 'resumed', seq: after! });
      for (const event of replay) this.send(conn, { v: FEED_VERSION, type: 'event', seq: event.seq, event });
    } else this.send(conn, this.snapshot(project(runtime.state, { role: 'screen' }, models), conn.join));
    for (const message of waiting) this.send(conn, message);
  }

  /** The key was revoked on this node: its connections end now (other nodes notice at their next check). */
  revoked(sessionId: string, keyId: string): void {
    for (const conn of this.sessions.get(sessionId)?.connections ?? [])
      if (conn.keyId === keyId) conn.socket.close(FEED_CLOSE.revoked, 'This feed key was revoked.');
  }

  /** Pings every connection (ending those that did not answer the last ping) and checks every key still holds. */
  async check(): Promise<void> {
    for (const [sessionId, feed] of this.sessions) {
      const verdicts = new Map<string, Promise<boolean>>();
      for (const conn of feed.connections) {
        if (!conn.alive) {
          conn.socket.terminate();
          continue;
        }
        conn.alive = false;
        conn.socket.ping();
        let valid = verdicts.get(conn.keyHash);
        if (!valid)
          verdicts.set(
            conn.keyHash,
            (valid = this.store.getFeedKeyByHash(sessionId, conn.keyHash).then(
              (row) => !!row && row.revokedAt === null,
              (err) => {
                this.log.error({ err, sessionId }, 'feed key check failed');
                return true; // a store hiccup does not end live feeds; the next check decides
              },
            )),
          );
        if (!(await valid)) conn.socket.close(FEED_CLOSE.revoked, 'This feed key was revoked.');
      }
    }
  }

  /** The server stops: every feed ends with "going away", so clients reconnect (to another node). */
  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    for (const feed of this.sessions.values()) for (const conn of feed.connections) conn.socket.close(1001, 'The server is restarting.');
  }

  private feedOf(runtime: SessionRuntime): SessionFeed {
    let feed = this.sessions.get(runtime.id);
    if (!feed) this.sessions.set(runtime.id, (feed = { runtime, connections: new Set() }));
    return feed;
  }

  /** What the screen got of `event`, to every feed of the session: the projection or the message made once for all. */
  private deliver({ runtime, connections }: SessionFeed, event: SessionEvent, audience: Audience) {
    try {
      const delivered = publicDelivery(runtime.state, event, audience, models);
      if (delivered === 'resync') {
        const state = project(runtime.state, { role: 'screen' }, models);
        for (const conn of connections) this.send(conn, this.snapshot(state, conn.join));
      }
      else if (delivered) {
        const message: FeedMessage = { v: FEED_VERSION, type: 'event', seq: event.seq, event: delivered };
        const text = JSON.stringify(message);
        for (const conn of connections) this.send(conn, message, text);
      }
    } catch (err) {
      this.log.error({ err, sessionId: runtime.id, type: event.type }, 'feed delivery failed');
    }
  }

  /** Stops sending to a connection at once (it may still be closing), and forgets the session after its last. */
  private drop(conn: FeedConnection) {
    conn.feed.connections.delete(conn);
    this.release(conn.feed.runtime.id);
  }

  private release(sessionId: string) {
    const feed = this.sessions.get(sessionId);
    if (feed && feed.connections.size === 0) this.sessions.delete(sessionId);
  }

  /** `state` is the screen's projection, made once for every connection of the session. */
  private snapshot(state: SessionState, join: Snapshot['join']): FeedSnapshot {
    return { v: FEED_VERSION, type: 'snapshot', seq: state.seq, state, serverTime: Date.now(), join };
  }

  /** Sends in seq order, once; a client that lets too much pile up is closed, never waited for. */
  private send(conn: FeedConnection, message: FeedMessage, text?: string) {
    if (conn.queue) return void conn.queue.push(message);
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    if (message.type !== 'resumed' && message.seq <= conn.lastSeq) return;
    if (conn.socket.bufferedAmount > this.limits.maxBuffered) {
      // Not waited for: the close frame queues behind what is unsent, and ws ends the socket if it never gets through.
      this.drop(conn);
      return void conn.socket.close(FEED_CLOSE.tooSlow, 'Too slow: reconnect with ?after=<last seq>.');
    }
    conn.socket.send(text ?? JSON.stringify(message));
    conn.lastSeq = message.seq;
  }
}
