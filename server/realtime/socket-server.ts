/**
 * socket.io for the app's own views. A connection authenticates once (handshake),
 * joins the rooms of its role, gets a snapshot, then sends commands and receives
 * events. Delivery follows DESIGN.md's fan-out budget: the facilitator and screen
 * get each event at once; a phone gets only what concerns it (its own notes,
 * step changes, reveals). With several servers (cluster.ts) each server delivers
 * every event of a session, stored here or learned from another, to its own
 * connections, in seq order.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import Type, { type Static } from 'typebox';
import type { Audience } from '../../core/kind.js';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ConnectErrorCode,
  type Locale,
  type ServerToClientEvents,
  type SessionEvent,
  type Snapshot,
  type Viewer,
} from '../../core/protocol.js';
import { deliveries, type Recipient } from '../../core/delivery.js';
import { EntityIdSchema } from '../../kinds/ids.js';
import { models } from '../../kinds/registry.js';
import { snapshotFor } from '../context.js';
import { hashSecret, screenKeyMatches, secretMatches } from '../secrets.js';
import type { SessionHub } from '../sessions/session-hub.js';
import type { SessionRuntime } from '../sessions/session-runtime.js';
import type { Store } from '../store/store.js';
import { validator } from '../validation.js';
import { HEARTBEAT_MS, RemotePresence, SWEEP_MS, type InterServerEvents } from './cluster.js';
import type { RedisAdapter } from './redis-adapter.js';
import { Presence } from './presence.js';
import { SentLog } from './sent-log.js';
import { TokenBucket, TokenBuckets } from './token-bucket.js';

interface SocketData {
  sessionId: string;
  viewer: Viewer;
  /** The seq of the view the phone already holds, from its handshake. */
  holds?: number;
  /** The arena's language, for the screen and the console. */
  locale?: Locale;
}
type OogstServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type TellCluster = <E extends keyof InterServerEvents>(event: E, ...args: Parameters<InterServerEvents[E]>) => void;
type OogstSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

const HandshakeSchema = Type.Object({
  protocol: Type.Number(),
  role: Type.Union([Type.Literal('facilitator'), Type.Literal('screen'), Type.Literal('participant')]),
  sessionId: EntityIdSchema,
  key: Type.Optional(Type.String({ maxLength: 200 })),
  token: Type.Optional(Type.String({ maxLength: 200 })),
  /** A phone's: the seq of the view it already holds (see SentLog). */
  seq: Type.Optional(Type.Integer({ minimum: 0 })),
});

export const rooms = {
  facilitator: (sessionId: string) => `s:${sessionId}:facilitator`,
  screen: (sessionId: string) => `s:${sessionId}:screen`,
  participants: (sessionId: string) => `s:${sessionId}:participants`,
  participant: (participantId: string) => `p:${participantId}`,
};

function refuse(code: ConnectErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

export interface RealtimeOptions {
  store: Store;
  log: { error(obj: unknown, msg?: string): void };
  limits: { burst: number; perSecond: number };
  hub: SessionHub;
  /** Join details for a session, as the snapshot carries them; `host` only picks among the addresses Oogst listens on. */
  joinInfo(row: { id: string; code: string }, host: string | undefined): Snapshot['join'];
  /** Several servers: the Redis adapter that joins them (REDIS_URL). */
  cluster?: RedisAdapter;
}

export interface Realtime {
  io: OogstServer;
  /** Whether a console, screen or phone on this server is connected to the session. */
  watched(sessionId: string): boolean;
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

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as unknown;
      if (!validator(HandshakeSchema).Check(auth)) return next(refuse('unauthorized', 'The handshake is not valid.'));
      const { protocol, role, sessionId, key, token, seq } = auth as Static<typeof HandshakeSchema>;
      if (protocol !== PROTOCOL_VERSION) return next(refuse('protocol', `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`));
      const runtime = await hub.get(sessionId);
      if (!runtime) return next(refuse('not-found', 'No such session.'));
      if (role === 'participant') {
        const participant = token ? await store.getParticipantByToken(sessionId, hashSecret(token)) : undefined;
        if (!participant) return next(refuse('unauthorized', 'Join the session again with its code.'));
        socket.data = { sessionId, viewer: { role, participantId: participant.id, pseudonym: participant.pseudonym }, holds: seq };
      } else {
        const arena = await store.getArena(runtime.row.arenaId);
        const allowed =
          !!arena && (role === 'facilitator' ? secretMatches(key, arena.keyHash) : screenKeyMatches(key, arena.keyHash, sessionId));
        if (!allowed) return next(refuse('unauthorized', 'This link is not valid for this session.'));
        socket.data = { sessionId, viewer: { role }, locale: arena.locale };
      }
      next();
    } catch (error) {
      // Before the handshake is checked nobody is known: the store's error text stays in the log.
      log.error({ err: error, sessionId: (socket.handshake.auth as { sessionId?: unknown })?.sessionId }, 'connection failed');
      next(refuse('internal', 'The server could not open this session just now; try again in a moment.'));
    }
  });

  const remote = cluster && new RemotePresence((sid) => presence.changedElsewhere(sid));
  // Nothing goes to the other servers once this one is closing: its Redis client is gone.
  let inCluster = !!cluster;
  const tell: TellCluster = (event, ...args) => {
    if (inCluster) io.serverSideEmit(event, ...args);
  };
  const presence = new Presence(
    // Every server tells its own connections (io.local): the count is already the whole room's.
    (sid, count) => {
      io.local.to(rooms.screen(sid)).emit('presence', { participants: count });
      // Who is here, for the console's participant list: ids only, the pseudonyms are in its state.
      io.local.to(rooms.facilitator(sid)).emit('presence', { participants: count, connected: presence.ids(sid) });
    },
    (sid, change) => void hub.get(sid).then((runtime) => runtime?.presenceChanged(change)).catch((err) => log.error({ err, sessionId: sid }, 'presence hook failed')),
    undefined,
    remote && {
      ids: (sid) => remote.ids(sid),
      has: (sid, pid) => remote.has(sid, pid),
      publish: (sid, ids) => tell('oogst:presence', remote.node, sid, ids),
    },
  );
  hub.present = (sid) => presence.ids(sid);
  const leaveCluster = remote ? joinCluster(io, tell, hub, remote, presence) : () => {};

  // What each room was last sent: a phone that already holds the current view gets `current`, not a snapshot.
  const sent = new SentLog();
  // A participant's budget holds across all their connections (one token on ten sockets is still one phone).
  const participantBuckets = new TokenBuckets(limits.burst, limits.perSecond);
  io.on('connection', async (socket: OogstSocket) => {
    const { sessionId, viewer } = socket.data;
    const runtime = await hub.get(sessionId);
    if (!runtime) return void socket.disconnect(true);
    // Gone while the session loaded: nothing below would ever be undone by a disconnect.
    if (socket.disconnected) return;
    if (viewer.role === 'participant') {
      const own = [rooms.participants(sessionId), rooms.participant(viewer.participantId!)];
      socket.join(own);
      presence.joined(sessionId, viewer.participantId!);
      const holds = socket.data.holds;
      if (holds !== undefined && sent.current(runtime, own, holds)) socket.emit('current', { seq: holds, serverTime: Date.now() });
      else sendSnapshot(socket, runtime);
    } else {
      socket.join(viewer.role === 'facilitator' ? rooms.facilitator(sessionId) : rooms.screen(sessionId));
      sendSnapshot(socket, runtime);
    }
    socket.emit('presence', { participants: presence.count(sessionId), ...(viewer.role === 'facilitator' ? { connected: presence.ids(sessionId) } : {}) });

    // The console and the screen hold the arena's key: each connection has its own budget.
    const bucketKey = viewer.role === 'participant' ? `${sessionId}:${viewer.participantId}` : undefined;
    const bucket = bucketKey ? participantBuckets.hold(bucketKey) : new TokenBucket(limits.burst, limits.perSecond);
    socket.on('command', async (command, ack) => {
      if (typeof ack !== 'function') return;
      if (!bucket.take()) return ack({ ok: false, error: 'rate-limited', message: 'Too many commands; wait a moment.' });
      try {
        ack(await runtime.handle(command, viewer));
      } catch (error) {
        log.error({ err: error, sessionId, type: (command as { type?: unknown })?.type }, 'command failed');
        ack({ ok: false, error: 'internal', message: 'The server could not store this; nothing was saved. Try again.' });
      }
    });
    socket.on('disconnect', () => {
      if (viewer.role === 'participant') presence.left(sessionId, viewer.participantId!);
      if (bucketKey) participantBuckets.release(bucketKey);
    });
  });

  const sendSnapshot = (socket: OogstSocket, runtime: SessionRuntime) => {
    const join = joinInfo(runtime.row, socket.handshake.headers.host);
    socket.emit('snapshot', snapshotFor(runtime.state, socket.data.viewer, join, socket.data.locale));
  };

  hub.arenaLocaleChanged = (sessionIds, locale) => {
    for (const sid of sessionIds)
      void io
        .in([rooms.screen(sid), rooms.facilitator(sid)])
        .fetchSockets()
        .then(async (sockets) => {
          // Only sessions someone has open: an arena's old sessions stay unloaded.
          const runtime = sockets.length ? await hub.get(sid) : undefined;
          for (const s of sockets) {
            s.data.locale = locale;
            if (runtime) sendSnapshot(s as unknown as OogstSocket, runtime);
          }
        })
        .catch((err) => log.error({ err, sessionId: sid }, 'telling the screens of a new language failed'));
  };

  /** This server's connections in a room, at once (fetchSockets() answers a few ticks later). */
  const localSockets = (room: string): OogstSocket[] => {
    const namespace = io.of('/');
    return [...(namespace.adapter.rooms.get(room) ?? [])].flatMap((id) => namespace.sockets.get(id) ?? []);
  };

  const roomOf = (sid: string, to: Recipient) =>
    to.room === 'participant' ? rooms.participant(to.participantId) : rooms[to.room](sid);

  // Only to this server's connections: the other servers deliver the same event to theirs when they apply it.
  hub.onDeliver((runtime: SessionRuntime, event: SessionEvent, audience: Audience) => {
    for (const delivery of deliveries(runtime.state, event, audience, models)) {
      const room = roomOf(runtime.id, delivery.to);
      sent.sent(runtime, room, event.seq);
      if ('event' in delivery) io.local.to(room).emit('event', delivery.event);
      // What these views may see changed as a whole: each gets a fresh projection, now, so that no
      // later event overtakes it (a phone holding that event would otherwise pass for current).
      else for (const s of localSockets(room)) sendSnapshot(s, runtime);
    }
  });

  hub.onEvict((sid) => {
    io.in([rooms.facilitator(sid), rooms.screen(sid), rooms.participants(sid)]).disconnectSockets(true);
  });

  return {
    io,
    watched: (sid) => [rooms.facilitator(sid), rooms.screen(sid), rooms.participants(sid)].some((room) => !!io.of('/').adapter.rooms.get(room)?.size),
    async close() {
      // Only this server's: disconnectSockets() without `local` would reach every server's connections.
      io.local.disconnectSockets(true);
      io.engine.close();
      leaveCluster();
      inCluster = false;
      if (cluster) {
        io.of('/').adapter.close();
        await cluster.close();
      }
    },
  };
}

/**
 * The other servers learn each event stored here, and who is connected here;
 * this server learns theirs. Returns what stops the timers.
 */
function joinCluster(io: OogstServer, tell: TellCluster, hub: SessionHub, remote: RemotePresence, presence: Presence) {
  hub.onAnnounce((runtime, event) => tell('oogst:event', runtime.id, event));
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
  // the sessions with views on this server (others catch up when next used: see SessionHub.current).
  const withViewsHere = () => {
    const ids = new Set<string>();
    for (const room of io.of('/').adapter.rooms.keys()) if (room.startsWith('s:')) ids.add(room.slice(2, room.lastIndexOf(':')));
    return ids;
  };
  const sweep = setInterval(() => void hub.learnAll(withViewsHere()), SWEEP_MS).unref();
  return () => {
    clearInterval(heartbeat);
    clearInterval(sweep);
  };
}
