/**
 * The floor: a bare socket.io server with Oogst's delivery design and nothing
 * else: no validation, no store, no reducer, no projection. The same clients
 * and payloads run against it in the same benchmark run, so Oogst's figures can
 * be read as a ratio to what socket.io itself costs on this machine.
 *
 * Same wire as Oogst (docs/PROTOCOL.md), so the load workers cannot tell them apart:
 * - POST /api/arenas, POST /api/arenas/:id/sessions, POST /api/join, GET /healthz;
 * - on connect, a snapshot (an Oogst participant snapshot captured in the same run);
 * - a join: one event to the facilitator and the screen;
 * - a `wall.post`: the event to the facilitator, the screen and the author's room, then the ack;
 * - a `session.goto`: the step event to the facilitator, the screen and every phone, then the ack.
 * Started by the orchestrator: PORT, HOST, FLOOR_SNAPSHOT (a JSON file). With
 * FLOOR_DATABASE_URL, FLOOR_DATABASE_SCHEMA, FLOOR_REDIS_URL and FLOOR_REDIS_PREFIX it is
 * one of the two servers of the stored floor (floor-store.ts): every event is stored in
 * PostgreSQL first, and the other server delivers it to its own connections.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server, type DefaultEventsMap } from 'socket.io';
import { storedFloor } from './floor-store.js';

const env = process.env;
const stored = env.FLOOR_DATABASE_URL
  ? await storedFloor(env.FLOOR_DATABASE_URL, env.FLOOR_DATABASE_SCHEMA ?? 'public', env.FLOOR_REDIS_URL ?? 'redis://127.0.0.1:6379', env.FLOOR_REDIS_PREFIX ?? 'floor')
  : undefined;

/** Read at the first connection: the orchestrator writes it once Oogst's phones have joined. */
let snapshot: unknown;
const snapshotOf = () => (snapshot ??= process.env.FLOOR_SNAPSHOT ? JSON.parse(readFileSync(process.env.FLOOR_SNAPSHOT, 'utf8')) : { protocol: 1 });
const SESSION = 'floor-session';
const CODE = 'FLOOR2';
const tokens = new Map<string, string>();
let seq = 1;

type Made = { rooms: string[]; event: Record<string, unknown> & { seq: number }; own?: string; actor?: unknown };
/** The event `make` builds, with its seq: the next one here, or (stored) the one its batch stored it under. */
const next = (make: (seq: number) => Made): Promise<Made> => (stored ? stored.store(make) : Promise.resolve(make(++seq)));
/** To this server's connections in `rooms` (the facilitator's copy names the actor), and with two servers to the other's too. */
function deliver(made: Made, fromOther = false) {
  if (fromOther) seq = Math.max(seq, made.event.seq);
  for (const room of made.rooms) io.local.to(room).emit('event', room === 'facilitator' && made.actor ? { ...made.event, actor: made.actor } : made.event);
  if (made.own) io.local.to(made.own).emit('event', { ...made.event, actor: made.actor });
  if (stored && !fromOther) io.serverSideEmit('floor:event', { ...made, own: undefined });
}

const id = () => randomBytes(12).toString('base64url');

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

async function body(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return text;
}

const http = createServer((req, res) => {
  const url = req.url ?? '/';
  if (req.method === 'GET' && url === '/healthz') return send(res, 200, { status: 'ok' });
  if (req.method !== 'POST') return send(res, 404, { error: 'not-found' });
  void body(req).then((text) => {
    if (url === '/api/arenas') return send(res, 201, { id: 'floor-arena', key: 'floor-key' });
    if (url === '/api/arenas/floor-arena/sessions')
      return send(res, 201, { id: SESSION, code: CODE, screenUrl: `http://${req.headers.host}/screen/${SESSION}#key=floor-screen` });
    if (url === '/api/join' && (JSON.parse(text) as { code?: string }).code === CODE) {
      const participantId = id();
      const token = id() + id();
      tokens.set(token, participantId);
      const joined = (seq: number): Made => ({
        rooms: ['facilitator', 'screen'],
        event: { id: `join-${participantId}`, seq, type: 'participant.joined', actor: { role: 'participant' }, payload: {}, at: Date.now() },
        actor: { role: 'participant', id: participantId },
      });
      return void next(joined).then(
        (made) => {
          deliver(made);
          send(res, 200, { sessionId: SESSION, participantId, token, pseudonym: 'Blauwe Reiger' });
        },
        () => send(res, 500, { error: 'internal' }),
      );
    }
    return send(res, 404, { error: 'not-found' });
  });
});

// The same engine settings as Oogst's socket layer.
const io = new Server<DefaultEventsMap, DefaultEventsMap, { 'floor:event': (made: Made) => void }>(http, { maxHttpBufferSize: 32 * 1024, serveClient: false, pingInterval: 20_000, pingTimeout: 25_000, ...(stored ? { adapter: stored.adapter } : {}) });
io.on('floor:event', (made) => deliver(made, true));

io.use((socket, next) => {
  const auth = socket.handshake.auth as { role?: string; token?: string };
  if (auth.role === 'participant' && !tokens.has(auth.token ?? '')) return next(new Error('unauthorized'));
  next();
});

io.on('connection', (socket) => {
  const auth = socket.handshake.auth as { role: string; token?: string };
  const participantId = auth.role === 'participant' ? tokens.get(auth.token!)! : undefined;
  if (participantId) void socket.join(['participants', `p:${participantId}`]);
  else void socket.join(auth.role === 'facilitator' ? 'facilitator' : 'screen');
  socket.emit('snapshot', participantId ? snapshotOf() : { protocol: 1 });
  socket.emit('presence', { participants: io.engine.clientsCount });

  socket.on('command', (command: { id: string; type: string; stepId?: string; payload?: unknown }, ack: (a: unknown) => void) => {
    if (typeof ack !== 'function') return;
    const at = Date.now();
    const goto = command.type === 'session.goto';
    const actor = participantId ? { role: 'participant', id: participantId } : { role: auth.role };
    const made = (seq: number): Made =>
      goto
        ? { rooms: ['facilitator', 'screen', 'participants'], event: { id: command.id, seq, type: 'step.opened', actor: { role: 'facilitator' }, payload: command.payload, at } }
        : {
            rooms: ['facilitator', 'screen'],
            event: { id: command.id, seq, type: 'wall.note-posted', stepId: command.stepId, actor: { role: actor.role }, payload: command.payload, at },
            actor,
            ...(participantId ? { own: `p:${participantId}` } : {}),
          };
    next(made).then(
      (m) => {
        deliver(m);
        ack({ ok: true, seq: m.event.seq });
      },
      () => ack({ ok: false, error: 'internal' }),
    );
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    io.disconnectSockets(true);
    io.close(() => process.exit(0));
  });
