/**
 * What this server's socket.io connections receive. Delivery follows DESIGN.md's
 * fan-out budget: the facilitator and screen get each event at once; a phone gets
 * only what concerns it (its own notes, step changes, reveals). Every event the hub
 * applies (`applied`: stored here or learned from another server) goes to this
 * server's connections only, in seq order: the other servers deliver it to theirs.
 * A connection starts with a snapshot, or `current` when its phone already holds
 * what a snapshot would give it (SentLog).
 */
import type { Audience } from '../../core/kind.js';
import type { SessionEvent, Snapshot } from '../../core/protocol.js';
import { deliveries, type Recipient } from '../../core/delivery.js';
import { models } from '../../kinds/registry.js';
import { snapshotFor } from '../context.js';
import type { SessionHub } from '../sessions/session-hub.js';
import type { SessionRuntime } from '../sessions/session-runtime.js';
import type { OogstServer, OogstSocket } from './handshake.js';
import { SentLog } from './sent-log.js';

export const rooms = {
  facilitator: (sessionId: string) => `s:${sessionId}:facilitator`,
  screen: (sessionId: string) => `s:${sessionId}:screen`,
  participants: (sessionId: string) => `s:${sessionId}:participants`,
  participant: (participantId: string) => `p:${participantId}`,
};

/** Every room of a session but the phones' own. */
export const sessionRooms = (sessionId: string) => [rooms.facilitator(sessionId), rooms.screen(sessionId), rooms.participants(sessionId)];

export interface DeliveryOptions {
  hub: SessionHub;
  log: { error(obj: unknown, msg?: string): void };
  /** Join details for a session, as the snapshot carries them; `host` only picks among the addresses Oogst listens on. */
  joinInfo(row: { id: string; code: string }, host: string | undefined): Snapshot['join'];
}

export class Delivery {
  /** What each room was last sent: a phone that already holds the current view gets `current`, not a snapshot. */
  private readonly sent = new SentLog();
  private readonly unsubscribe: (() => void)[];
  private readonly joinInfo: DeliveryOptions['joinInfo'];

  constructor(
    private readonly io: OogstServer,
    { hub, log, joinInfo }: DeliveryOptions,
  ) {
    this.joinInfo = joinInfo;
    this.unsubscribe = [
      hub.on('applied', (runtime, event, audience) => this.deliver(runtime, event, audience)),
      // A state read again after a failed store: whatever a view was sent meanwhile, it now gets the log's.
      hub.on('reloaded', (runtime) => {
        for (const room of sessionRooms(runtime.id)) for (const s of this.localSockets(room)) this.snapshot(s, runtime);
      }),
      hub.on('evicted', (sid) => io.in(sessionRooms(sid)).disconnectSockets(true)),
      hub.on('localeChanged', (sessionIds, locale) => {
        for (const sid of sessionIds)
          void io
            .in([rooms.screen(sid), rooms.facilitator(sid)])
            .fetchSockets()
            .then(async (sockets) => {
              // Only sessions someone has open: an arena's old sessions stay unloaded.
              const runtime = sockets.length ? await hub.get(sid) : undefined;
              for (const s of sockets) {
                s.data.locale = locale;
                if (runtime) this.snapshot(s as unknown as OogstSocket, runtime);
              }
            })
            .catch((err) => log.error({ err, sessionId: sid }, 'telling the screens of a new language failed'));
      }),
    ];
  }

  /** A connection that just joined `joined` (its rooms): `current` if its phone holds what a snapshot would give, else a snapshot. */
  greet(socket: OogstSocket, runtime: SessionRuntime, joined: readonly string[]) {
    const holds = socket.data.holds;
    if (holds !== undefined && this.sent.current(runtime, joined, holds)) socket.emit('current', { seq: holds, serverTime: Date.now() });
    else this.snapshot(socket, runtime);
  }

  /** Stops listening to the hub: the server is closing. */
  close() {
    for (const stop of this.unsubscribe) stop();
  }

  private snapshot(socket: OogstSocket, runtime: SessionRuntime) {
    const join = this.joinInfo(runtime.row, socket.handshake.headers.host);
    socket.emit('snapshot', snapshotFor(runtime.state, socket.data.viewer, join, socket.data.locale));
  }

  private deliver(runtime: SessionRuntime, event: SessionEvent, audience: Audience) {
    for (const delivery of deliveries(runtime.state, event, audience, models)) {
      const room = roomOf(runtime.id, delivery.to);
      this.sent.sent(runtime, room, event.seq);
      if ('event' in delivery) this.io.local.to(room).emit('event', delivery.event);
      // What these views may see changed as a whole: each gets a fresh projection, now, so that no
      // later event overtakes it (a phone holding that event would otherwise pass for current).
      else for (const s of this.localSockets(room)) this.snapshot(s, runtime);
    }
  }

  /** This server's connections in a room, at once (fetchSockets() answers a few ticks later). */
  private localSockets(room: string): OogstSocket[] {
    const namespace = this.io.of('/');
    return [...(namespace.adapter.rooms.get(room) ?? [])].flatMap((id) => namespace.sockets.get(id) ?? []);
  }
}

const roomOf = (sid: string, to: Recipient) => (to.room === 'participant' ? rooms.participant(to.participantId) : rooms[to.room](sid));
