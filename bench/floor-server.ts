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
 * Started by the orchestrator: PORT, HOST, FLOOR_SNAPSHOT (a JSON file).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { Server } from 'socket.io';

/** Read at the first connection: the orchestrator writes it once Oogst's phones have joined. */
let snapshot: unknown;
const snapshotOf = () => (snapshot ??= process.env.FLOOR_SNAPSHOT ? JSON.parse(readFileSync(process.env.FLOOR_SNAPSHOT, 'utf8')) : { protocol: 1 });
const SESSION = 'floor-session';
const CODE = 'FLOOR2';
const tokens = new Map<string, string>();
let seq = 1;

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
      const joined = { id: `join-${participantId}`, seq: ++seq, type: 'participant.joined', actor: { role: 'participant' }, payload: {}, at: Date.now() };
      io.to('facilitator').emit('event', { ...joined, actor: { role: 'participant', id: participantId }, payload: { participantId } });
      io.to('screen').emit('event', joined);
      return send(res, 200, { sessionId: SESSION, participantId, token, pseudonym: 'Blauwe Reiger' });
    }
    return send(res, 404, { error: 'not-found' });
  });
});

// The same engine settings as Oogst's socket layer.
const io = new Server(http, { maxHttpBufferSize: 32 * 1024, serveClient: false, pingInterval: 20_000, pingTimeout: 25_000 });

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
    if (command.type === 'session.goto') {
      const event = { id: command.id, seq: ++seq, type: 'step.opened', actor: { role: 'facilitator' }, payload: command.payload, at };
      io.to('facilitator').emit('event', event);
      io.to('screen').emit('event', event);
      io.to('participants').emit('event', event);
    } else {
      const event = { id: command.id, seq: ++seq, type: 'wall.note-posted', stepId: command.stepId, payload: command.payload, at };
      const actor = participantId ? { role: 'participant', id: participantId } : { role: auth.role };
      io.to('facilitator').emit('event', { ...event, actor });
      io.to('screen').emit('event', { ...event, actor: { role: actor.role } });
      if (participantId) io.to(`p:${participantId}`).emit('event', { ...event, actor });
    }
    ack({ ok: true, seq });
  });
});

http.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1');
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    io.disconnectSockets(true);
    io.close(() => process.exit(0));
  });
