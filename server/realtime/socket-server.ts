/**
 * socket.io for the app's own views, put together from its parts: the handshake
 * (handshake.ts) admits a connection and says who it is; it joins the rooms of its
 * role and is greeted with a snapshot (delivery.ts, which also sends it every event
 * the hub applies); then it sends commands, within its budget (token-bucket.ts),
 * and is counted as present (presence.ts). With several servers (cluster.ts) each
 * server delivers every event of a session, stored here or learned from another,
 * to its own connections, in seq order.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import { opensCarryingStep, takeContext } from '../sessions/arena-context.js';
import type { SessionHub } from '../sessions/session-hub.js';
import type { Store } from '../store/store.js';
import { joinCluster } from './cluster.js';
import { Delivery, rooms, sessionRooms, type DeliveryOptions } from './delivery.js';
import { handshake, type OogstServer, type OogstSocket } from './handshake.js';
import type { RedisAdapter } from './redis-adapter.js';
import { Presence } from './presence.js';
import { KeyedBuckets, TokenBucket } from './token-bucket.js';

export interface RealtimeOptions {
  store: Store;
  log: { error(obj: unknown, msg?: string): void };
  limits: { burst: number; perSecond: number };
  hub: SessionHub;
  joinInfo: DeliveryOptions['joinInfo'];
  /** Several servers: the Redis adapter that joins them (REDIS_URL). */
  cluster?: RedisAdapter;
}

export interface Realtime {
  io: OogstServer;
  /** Whether a console, screen or phone on this server is connected to the session. */
  watched(sessionId: string): boolean;
  /** The participants connected to the session, on this server and the others. */
  present(sessionId: string): readonly string[];
  /** Ends this server's connections (phones reconnect to the next server) and leaves the cluster. */
  close(): Promise<void>;
}

export function attachRealtime(http: HttpServer, { store, hub, log, limits, joinInfo, cluster }: RealtimeOptions): Realtime {
  const io: OogstServer = new Server(http, {
    ...(cluster ? { adapter: cluster.adapter } : {}),
    // A command is small; nothing legitimate comes near this.
    maxHttpBufferSize: 32 * 1024,
    serveClient: false,
    // Other upgrades (the live feed, server/routes/feed.ts) are answered by Fastify; socket.io must not end them.
    destroyUpgrade: false,
    pingInterval: 20_000,
    pingTimeout: 25_000,
  });
  io.use(handshake({ store, hub, log }));

  const link = cluster && joinCluster(io, hub, (sid) => presence.changedElsewhere(sid));
  const presence = new Presence(
    // Every server tells its own connections (io.local): the count is already the whole room's.
    (sid, count) => {
      io.local.to(rooms.screen(sid)).emit('presence', { participants: count });
      // Who is here, for the console's participant list: ids only, the pseudonyms are in its state.
      io.local.to(rooms.facilitator(sid)).emit('presence', { participants: count, connected: [...presence.ids(sid)] });
    },
    (sid, change) => void hub.get(sid).then((runtime) => runtime?.presenceChanged(change)).catch((err) => log.error({ err, sessionId: sid }, 'presence hook failed')),
    undefined,
    link?.elsewhere,
  );
  link?.listen(presence);
  const delivery = new Delivery(io, { hub, log, joinInfo });

  // A participant's budget holds across all their connections (one token on ten sockets is still one phone).
  const participantBuckets = new KeyedBuckets(limits.burst, limits.perSecond);
  io.on('connection', async (socket: OogstSocket) => {
    const { sessionId, viewer } = socket.data;
    const runtime = await hub.get(sessionId);
    if (!runtime) return void socket.disconnect(true);
    // Gone while the session loaded: nothing below would ever be undone by a disconnect.
    if (socket.disconnected) return;
    const own =
      viewer.role === 'participant'
        ? [rooms.participants(sessionId), rooms.participant(viewer.participantId!)]
        : [viewer.role === 'facilitator' ? rooms.facilitator(sessionId) : rooms.screen(sessionId)];
    socket.join(own);
    if (viewer.role === 'participant') presence.joined(sessionId, viewer.participantId!);
    delivery.greet(socket, runtime, own);
    // The count is for the console and the screen; a phone shows none (and at 4,000 joining, counting for each cost a walk through the room).
    if (viewer.role !== 'participant')
      socket.emit('presence', { participants: presence.count(sessionId), ...(viewer.role === 'facilitator' ? { connected: [...presence.ids(sessionId)] } : {}) });
    // A phone joining means the room is meeting: a session that opens on a carrying step (planned
    // before the previous meeting ran) then shows what it carries without waiting for a command.
    // Not the console: it may be opened days before, and would keep what the arena held then.
    if (viewer.role === 'participant' && opensCarryingStep(runtime.state, undefined, viewer))
      void takeContext(store, hub, runtime).catch((err) => log.error({ err, sessionId }, 'taking the arena context failed'));

    // The console and the screen hold the arena's key: each connection has its own budget.
    const bucketKey = viewer.role === 'participant' ? `${sessionId}:${viewer.participantId}` : undefined;
    const connectionBucket = bucketKey ? undefined : new TokenBucket(limits.burst, limits.perSecond);
    const allowed = () => (bucketKey ? participantBuckets.take(bucketKey) === 0 : connectionBucket!.take());
    socket.on('command', async (command, ack) => {
      if (typeof ack !== 'function') return;
      if (!allowed()) return ack({ ok: false, error: 'rate-limited', message: 'Too many commands; wait a moment.' });
      try {
        if (opensCarryingStep(runtime.state, command, viewer)) await takeContext(store, hub, runtime);
        ack(await runtime.handle(command, viewer));
      } catch (error) {
        log.error({ err: error, sessionId, type: (command as { type?: unknown })?.type }, 'command failed');
        ack({ ok: false, error: 'internal', message: 'The server could not store this; nothing was saved. Try again.' });
      }
    });
    socket.on('disconnect', () => {
      if (viewer.role === 'participant') presence.left(sessionId, viewer.participantId!);
    });
  });

  return {
    io,
    watched: (sid) => sessionRooms(sid).some((room) => !!io.of('/').adapter.rooms.get(room)?.size),
    present: (sid) => presence.ids(sid),
    async close() {
      // Only this server's: disconnectSockets() without `local` would reach every server's connections.
      io.local.disconnectSockets(true);
      io.engine.close();
      delivery.close();
      link?.leave();
      if (cluster) {
        io.of('/').adapter.close();
        await cluster.close();
      }
    },
  };
}
