/**
 * socket.io for the app's own views. A connection authenticates once (handshake),
 * joins the rooms of its role, gets a snapshot, then sends commands and receives
 * events. Delivery follows DESIGN.md's fan-out budget: the facilitator and screen
 * get each event at once; a phone gets only what concerns it (its own notes,
 * step changes, reveals).
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import Type, { type Static } from 'typebox';
import type { Audience } from '../../core/kind.js';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ConnectErrorCode,
  type ServerToClientEvents,
  type SessionEvent,
  type Viewer,
} from '../../core/protocol.js';
import { deliveries, type Recipient } from '../../core/delivery.js';
import { project } from '../../core/session.js';
import { EntityIdSchema } from '../../kinds/ids.js';
import { models } from '../../kinds/registry.js';
import { hashSecret, screenKeyMatches, secretMatches } from '../secrets.js';
import type { SessionHub } from '../sessions/session-hub.js';
import type { SessionRuntime } from '../sessions/session-runtime.js';
import type { Store } from '../store/store.js';
import { validator } from '../validation.js';
import { Presence } from './presence.js';
import { TokenBucket } from './token-bucket.js';

interface SocketData {
  sessionId: string;
  viewer: Viewer;
}
type OogstServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type OogstSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const HandshakeSchema = Type.Object({
  protocol: Type.Number(),
  role: Type.Union([Type.Literal('facilitator'), Type.Literal('screen'), Type.Literal('participant')]),
  sessionId: EntityIdSchema,
  key: Type.Optional(Type.String({ maxLength: 200 })),
  token: Type.Optional(Type.String({ maxLength: 200 })),
});

export const rooms = {
  facilitator: (sessionId: string) => `s:${sessionId}:facilitator`,
  screen: (sessionId: string) => `s:${sessionId}:screen`,
  participants: (sessionId: string) => `s:${sessionId}:participants`,
  participant: (participantId: string) => `p:${participantId}`,
};

/** The scheme the page was loaded with: behind a TLS proxy (TRUST_PROXY=true) the forwarded one. */
function protocolOf(socket: OogstSocket): string {
  const forwarded = socket.handshake.headers['x-forwarded-proto'];
  if (process.env.TRUST_PROXY === 'true' && typeof forwarded === 'string') return forwarded.split(',')[0]!.trim();
  return socket.handshake.secure ? 'https' : 'http';
}

function refuse(code: ConnectErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

export interface RealtimeOptions {
  store: Store;
  log: { error(obj: unknown, msg?: string): void };
  limits: { burst: number; perSecond: number };
  hub: SessionHub;
  /** Join details for a session, as the snapshot carries them. */
  joinInfo(row: { id: string; code: string }, host: string | undefined, protocol: string): { code: string; url: string; qr: string };
}

export function attachRealtime(http: HttpServer, { store, hub, log, limits, joinInfo }: RealtimeOptions): OogstServer {
  const io: OogstServer = new Server(http, {
    // A command is small; nothing legitimate comes near this.
    maxHttpBufferSize: 32 * 1024,
    serveClient: false,
    pingInterval: 20_000,
    pingTimeout: 25_000,
  });

  io.use(async (socket, next) => {
    try {
      const auth = socket.handshake.auth as unknown;
      if (!validator(HandshakeSchema).Check(auth)) return next(refuse('unauthorized', 'The handshake is not valid.'));
      const { protocol, role, sessionId, key, token } = auth as Static<typeof HandshakeSchema>;
      if (protocol !== PROTOCOL_VERSION) return next(refuse('protocol', `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`));
      const runtime = await hub.get(sessionId);
      if (!runtime) return next(refuse('not-found', 'No such session.'));
      if (role === 'participant') {
        const participant = token ? await store.getParticipantByToken(sessionId, hashSecret(token)) : undefined;
        if (!participant) return next(refuse('unauthorized', 'Join the session again with its code.'));
        socket.data = { sessionId, viewer: { role, participantId: participant.id, pseudonym: participant.pseudonym } };
      } else {
        const arena = await store.getArena(runtime.row.arenaId);
        const allowed =
          !!arena && (role === 'facilitator' ? secretMatches(key, arena.keyHash) : screenKeyMatches(key, arena.keyHash, sessionId));
        if (!allowed) return next(refuse('unauthorized', 'This link is not valid for this session.'));
        socket.data = { sessionId, viewer: { role } };
      }
      next();
    } catch (error) {
      next(error as Error);
    }
  });

  const presence = new Presence(
    (sid, count) => io.to([rooms.facilitator(sid), rooms.screen(sid)]).emit('presence', { participants: count }),
    (sid, change) => void hub.get(sid).then((runtime) => runtime?.presenceChanged(change)).catch((err) => log.error({ err, sessionId: sid }, 'presence hook failed')),
  );
  hub.present = (sid) => presence.ids(sid);

  io.on('connection', async (socket: OogstSocket) => {
    const { sessionId, viewer } = socket.data;
    const runtime = await hub.get(sessionId);
    if (!runtime) return void socket.disconnect(true);
    if (viewer.role === 'participant') {
      socket.join([rooms.participants(sessionId), rooms.participant(viewer.participantId!)]);
      presence.joined(sessionId, viewer.participantId!);
    } else socket.join(viewer.role === 'facilitator' ? rooms.facilitator(sessionId) : rooms.screen(sessionId));
    sendSnapshot(socket, runtime);
    socket.emit('presence', { participants: presence.count(sessionId) });

    const bucket = new TokenBucket(limits.burst, limits.perSecond);
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
    });
  });

  const sendSnapshot = (socket: OogstSocket, runtime: SessionRuntime) => {
    const { viewer } = socket.data;
    const state = project(runtime.state, viewer, models);
    socket.emit('snapshot', {
      protocol: PROTOCOL_VERSION,
      seq: state.seq,
      state,
      you: viewer,
      serverTime: Date.now(),
      join: joinInfo(runtime.row, socket.handshake.headers.host, protocolOf(socket)),
    });
  };

  const roomOf = (sid: string, to: Recipient) =>
    to.room === 'participant' ? rooms.participant(to.participantId) : rooms[to.room](sid);

  hub.onDeliver((runtime: SessionRuntime, event: SessionEvent, audience: Audience) => {
    for (const delivery of deliveries(runtime.state, event, audience, models)) {
      const room = roomOf(runtime.id, delivery.to);
      if ('event' in delivery) io.to(room).emit('event', delivery.event);
      else
        // What these views may see changed as a whole: each gets a fresh projection.
        void io
          .in(room)
          .fetchSockets()
          .then((sockets) => {
            for (const s of sockets) sendSnapshot(s as unknown as OogstSocket, runtime);
          });
    }
  });

  hub.onEvict((sid) => {
    io.in([rooms.facilitator(sid), rooms.screen(sid), rooms.participants(sid)]).disconnectSockets(true);
  });

  return io;
}
