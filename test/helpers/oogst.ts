/**
 * Test helpers: the real app on a free port with a temporary SQLite file, and
 * real socket.io clients that keep their view's state with the same reducer the
 * browser uses.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { nanoid } from 'nanoid';
import { io as connect, type Socket } from 'socket.io-client';
import {
  PROTOCOL_VERSION,
  type Ack,
  type ClientToServerEvents,
  type Command,
  type Handshake,
  type ServerToClientEvents,
  type SessionEvent,
  type Snapshot,
} from '../../core/protocol.js';
import { applyEvent } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import { buildApp } from '../../server/app.js';
import { configFromEnv } from '../../server/config.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { Waitable } from './waitable.js';

export interface Running {
  url: string;
  app: FastifyInstance;
  store: SqliteStore;
  dataDir: string;
  /** Stops the server; `keepData` leaves the SQLite file for a restart. */
  stop(keepData?: boolean): Promise<void>;
}

/** `listen`: the address to listen on (127.0.0.1; `0.0.0.0` to be reachable like a laptop at a venue). */
export async function startOogst(
  options: { dataDir?: string; env?: Record<string, string>; scriptsDir?: string; freeDisk?: () => Promise<number>; listen?: string } = {},
): Promise<Running> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oogst-test-'));
  const config = configFromEnv({ PORT: '0', HOST: '127.0.0.1', OOGST_DATA_DIR: dataDir, ...options.env });
  const store = new SqliteStore(join(dataDir, 'oogst.sqlite'));
  const app = await buildApp({
    config,
    store,
    logger: false,
    ...(options.scriptsDir ? { scriptsDir: options.scriptsDir } : {}),
    ...(options.freeDisk ? { freeDisk: options.freeDisk } : {}),
  });
  await app.listen({ host: options.listen ?? '127.0.0.1', port: 0 });
  const { port } = app.server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    store,
    dataDir,
    async stop(keepData = false) {
      await app.close();
      await store.close();
      if (!keepData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function api<T = any>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  key?: string,
): Promise<{ status: number; body: T; headers: Headers }> {
  const response = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

export interface StartedSession {
  arena: { id: string; key: string };
  session: { id: string; code: string; consoleUrl: string; screenUrl: string; joinUrl: string };
  screenKey: string;
}

export async function startSession(base: string, script = 'klaag-en-jubelmuur'): Promise<StartedSession> {
  const arena = await api(base, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers Leiden', theme: 'Mantelzorg' });
  if (arena.status !== 201) throw new Error(`arena: ${arena.status} ${JSON.stringify(arena.body)}`);
  const session = await api(base, 'POST', `/api/arenas/${arena.body.id}/sessions`, { script }, arena.body.key);
  if (session.status !== 201) throw new Error(`session: ${session.status} ${JSON.stringify(session.body)}`);
  return {
    arena: { id: arena.body.id, key: arena.body.key },
    session: session.body,
    screenKey: new URL(session.body.screenUrl).hash.replace('#key=', ''),
  };
}

/** A view as the browser holds it: snapshot, then events applied with the shared reducer. */
export class ViewClient extends Waitable {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  state: SessionState | undefined;
  snapshot: Snapshot | undefined;
  readonly events: SessionEvent[] = [];
  presence = 0;
  /** The facilitator's presence also names who is connected: their ids. */
  present: string[] = [];

  constructor(base: string, auth: Handshake) {
    super();
    this.socket = connect(base, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('snapshot', (snapshot) => {
      this.snapshot = snapshot;
      this.state = snapshot.state;
      this.notify();
    });
    this.socket.on('event', (event) => {
      this.events.push(event);
      if (this.state) applyEvent(this.state, event, models);
      this.notify();
    });
    this.socket.on('presence', ({ participants, connected }) => {
      this.presence = participants;
      if (connected) this.present = connected;
      this.notify();
    });
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.socket.once('connect_error', (err) => reject(Object.assign(err, { code: (err as any).data?.code })));
      this.until((v) => v.state !== undefined, 5000, 'snapshot').then(resolve, reject);
    });
  }

  send(type: string, payload?: unknown, stepId?: string, id: string = nanoid()): Promise<Ack> {
    const command: Command = { id, type, ...(stepId ? { stepId } : {}), ...(payload === undefined ? {} : { payload }) };
    return this.socket.timeout(5000).emitWithAck('command', command);
  }

  close() {
    this.socket.disconnect();
  }
}

export async function facilitator(base: string, s: StartedSession) {
  const view = new ViewClient(base, { protocol: PROTOCOL_VERSION, role: 'facilitator', sessionId: s.session.id, key: s.arena.key });
  await view.connected();
  return view;
}

export async function screen(base: string, s: StartedSession) {
  const view = new ViewClient(base, { protocol: PROTOCOL_VERSION, role: 'screen', sessionId: s.session.id, key: s.screenKey });
  await view.connected();
  return view;
}

export async function participant(base: string, s: StartedSession, token?: string) {
  const joined = await api(base, 'POST', '/api/join', { code: s.session.code, ...(token ? { token } : {}) });
  if (joined.status !== 200) throw new Error(`join: ${joined.status} ${JSON.stringify(joined.body)}`);
  const view = new ViewClient(base, { protocol: PROTOCOL_VERSION, role: 'participant', sessionId: s.session.id, token: joined.body.token });
  await view.connected();
  return Object.assign(view, { identity: joined.body as { participantId: string; token: string; pseudonym: string } });
}
