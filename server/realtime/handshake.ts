/**
 * A socket.io connection authenticates once, before it connects: the handshake names
 * the protocol, the role and the session, with the arena's key (console, screen) or
 * the participant's token (phone). A refusal carries a code the client handles
 * (ConnectErrorCode); a store that fails is answered `internal`, its text kept in the log.
 */
import type { Server, Socket } from 'socket.io';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ConnectErrorCode,
  type Locale,
  type ServerToClientEvents,
  type Viewer,
} from '../../core/protocol.js';
import { HandshakeSchema } from '../../core/envelopes.js';
import { hashSecret, screenKeyMatches, secretMatches } from '../secrets.js';
import type { SessionHub } from '../sessions/session-hub.js';
import type { Store } from '../store/store.js';
import { validator } from '../validation.js';
import type { InterServerEvents } from './cluster.js';

/** What the handshake established about a connection. */
export interface SocketData {
  sessionId: string;
  viewer: Viewer;
  /** The seq of the view the phone already holds, from its handshake. */
  holds?: number;
  /** The arena's language, for the screen and the console. */
  locale?: Locale;
}
export type OogstServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type OogstSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

function refuse(code: ConnectErrorCode, message: string): Error {
  return Object.assign(new Error(message), { data: { code } });
}

export interface HandshakeOptions {
  store: Store;
  hub: SessionHub;
  log: { error(obj: unknown, msg?: string): void };
}

/** The middleware (`io.use`) that admits a connection and fills its `socket.data`, or refuses it. */
export function handshake({ store, hub, log }: HandshakeOptions) {
  return async (socket: OogstSocket, next: (err?: Error) => void) => {
    try {
      const auth: unknown = socket.handshake.auth;
      if (!validator(HandshakeSchema).Check(auth)) return next(refuse('unauthorized', 'The handshake is not valid.'));
      const { protocol, sessionId } = auth;
      if (protocol !== PROTOCOL_VERSION) return next(refuse('protocol', `This server speaks protocol ${PROTOCOL_VERSION}; reload the page.`));
      const runtime = await hub.get(sessionId);
      if (!runtime) return next(refuse('not-found', 'No such session.'));
      if (auth.role === 'participant') {
        const participant = auth.token ? await runtime.tokens.byHash(hashSecret(auth.token)) : undefined;
        if (!participant) return next(refuse('unauthorized', 'Join the session again with its code.'));
        socket.data = { sessionId, viewer: { role: auth.role, participantId: participant.id, pseudonym: participant.pseudonym }, holds: auth.seq };
      } else {
        const arena = await store.getArena(runtime.row.arenaId);
        const allowed =
          !!arena && (auth.role === 'facilitator' ? secretMatches(auth.key, arena.keyHash) : screenKeyMatches(auth.key, arena.keyHash, sessionId));
        if (!allowed) return next(refuse('unauthorized', 'This link is not valid for this session.'));
        socket.data = { sessionId, viewer: { role: auth.role }, locale: arena.locale };
      }
      next();
    } catch (error) {
      // Before the handshake is checked nobody is known: the store's error text stays in the log.
      log.error({ err: error, sessionId: (socket.handshake.auth as { sessionId?: unknown })?.sessionId }, 'connection failed');
      next(refuse('internal', 'The server could not open this session just now; try again in a moment.'));
    }
  };
}
