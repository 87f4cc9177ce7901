/**
 * A load worker: a child process holding a share of the phones of both rooms
 * (Oogst's and the floor's). It joins them by code, posts notes on the orchestrator's schedule and records when each
 * message left and arrived, on the shared clock. The phones do what the browser's
 * participant page does on the wire: POST /api/join, one WebSocket (with the seq of the
 * join answer's snapshot), `command` with an ack. Nothing is printed; everything goes back to the orchestrator over IPC.
 */
import { Agent, request as httpRequest } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { io, type Socket } from 'socket.io-client';
import { PROTOCOL_VERSION, type Ack, type SessionEvent } from '../core/protocol.js';
import type { Joined } from '../core/http.js';
import { now, within, type BurstPlan, type FromWorker, type JoinRecord, type PostPlan, type RoomId, type SendRecord, type ToWorker } from './shared.js';

/** An ack later than this counts as lost; at 10 posts/s nothing legitimate comes near it. */
const ACK_TIMEOUT_MS = 30_000;
const JOIN_TIMEOUT_MS = 60_000;

const rooms: Record<RoomId, Map<number, Socket>> = { oogst: new Map(), floor: new Map() };
/** step.opened event id → when each phone received it (ids are unique across rooms). */
const stepSeen = new Map<string, number[]>();
let closing = false;
let disconnects = 0;

const reply = (message: FromWorker) => process.send!(message);

/** Kept-alive connections, as a phone's browser keeps the one it loaded the page on. */
const agent = new Agent({ keepAlive: true });

/**
 * POST with a JSON body, asking for gzip as a browser does. Not fetch(): undici's
 * streamed decompression costs the worker about 3 ms a join (4 ms against 1.3 ms
 * measured), and on two shared cores what the phones' side spends, the server lacks.
 */
function postJson(url: string, body: unknown): Promise<unknown> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'accept-encoding': 'gzip' },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          if (response.statusCode !== 200) return reject(new Error(`POST ${new URL(url).pathname} answered ${response.statusCode}`));
          try {
            const raw = Buffer.concat(chunks);
            resolve(JSON.parse((response.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8')));
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    request.on('error', reject);
    request.end(text);
  });
}

async function joinOne(room: RoomId, base: string, code: string, index: number): Promise<[JoinRecord, unknown]> {
  const start = now();
  const joined = (await postJson(`${base}/api/join`, { code })) as Joined;
  const token = now();
  const socket = io(base, {
    // As the participant page does: the seq of the snapshot the join's answer carried (the floor's carries none).
    auth: {
      protocol: PROTOCOL_VERSION,
      role: 'participant',
      sessionId: joined.sessionId,
      token: joined.token,
      ...(joined.snapshot ? { seq: joined.snapshot.seq } : {}),
    },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    timeout: JOIN_TIMEOUT_MS,
  });
  socket.on('event', (event: SessionEvent) => {
    if (event.type !== 'step.opened') return;
    const times = stepSeen.get(event.id) ?? [];
    stepSeen.set(event.id, times);
    times.push(now());
  });
  socket.on('disconnect', () => {
    if (!closing) disconnects++;
  });
  // Connected and up to date: a snapshot, or word that the join's is still current.
  const snapshot = await within(
    new Promise<unknown>((resolve, reject) => {
      socket.once('snapshot', resolve);
      socket.once('current', () => resolve(joined.snapshot));
      socket.once('connect_error', reject);
    }),
    JOIN_TIMEOUT_MS,
    'snapshot',
  ).catch((error) => {
    socket.disconnect();
    throw error;
  });
  rooms[room].set(index, socket);
  return [[start, token, now()], snapshot];
}

/** Joins `indices` with at most `concurrency` joins in flight, as phones arriving at once would. */
async function join(room: RoomId, where: (index: number) => [base: string, code: string], indices: number[], concurrency: number) {
  const joins: JoinRecord[] = [];
  const errors: string[] = [];
  let snapshot: unknown;
  let next = 0;
  const lane = async () => {
    while (next < indices.length) {
      const index = indices[next++]!;
      try {
        const [record, snap] = await joinOne(room, ...where(index), index);
        joins.push(record);
        snapshot ??= snap;
      } catch (error) {
        errors.push((error as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, indices.length) }, lane));
  reply({ type: 'join', joins, errors: errors.slice(0, 20), snapshot });
}

const noteText = (k: number) => `Wachtlijst voor een eerste gesprek is veel te lang (briefje ${k})`;

function post(socket: Socket, id: string, k: number): Promise<SendRecord> {
  return new Promise((resolve) => {
    const sent = now();
    socket
      .timeout(ACK_TIMEOUT_MS)
      .emit('command', { id, type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: noteText(k) } }, (err: Error | null, ack: Ack) => {
        const acked = now();
        if (err) resolve([id, sent, -1, 'timeout']);
        else resolve([id, sent, acked, ack.ok ? '' : ack.error]);
      });
  });
}

/** Steady posting: note k is due at start + k/rate s and is posted by participant k mod n, if it lives here. */
async function steady(plan: PostPlan): Promise<SendRecord[]> {
  const phones = rooms[plan.room];
  const mine: number[] = [];
  for (let k = 0; k < plan.total; k++) if (phones.has(k % plan.n)) mine.push(k);
  const due = (k: number) => plan.start + (k * 1000) / plan.rate;
  const pending: Promise<SendRecord>[] = [];
  let i = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const t = now();
      while (i < mine.length && due(mine[i]!) <= t) {
        const k = mine[i++]!;
        pending.push(post(phones.get(k % plan.n)!, `${plan.tag}-${k}`, k));
      }
      if (i < mine.length) setTimeout(tick, Math.max(0, due(mine[i]!) - now()));
      else resolve();
    };
    tick();
  });
  return Promise.all(pending);
}

/** Burst: at its moment every phone of the room posts one note, in one tight loop (the facilitator said "go"). */
async function burst(plan: BurstPlan): Promise<SendRecord[]> {
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, plan.at - now())));
  const pending: Promise<SendRecord>[] = [];
  for (const [index, socket] of rooms[plan.room]) pending.push(post(socket, `${plan.tag}-${index}`, index));
  return Promise.all(pending);
}

/** Runs every plan (they may overlap in time) and answers with the sends per room. */
async function run<P extends { room: RoomId }>(type: 'post' | 'burst', plans: P[], one: (plan: P) => Promise<SendRecord[]>) {
  const sends: Record<RoomId, SendRecord[]> = { oogst: [], floor: [] };
  await Promise.all(plans.map(async (plan) => sends[plan.room].push(...(await one(plan)))));
  reply({ type, sends });
}

/** Waits (bounded) until every phone here received step event `id`, then reports the arrival times. */
async function seen(room: RoomId, id: string, timeoutMs: number) {
  const phones = rooms[room];
  const deadline = now() + timeoutMs;
  while ((stepSeen.get(id)?.length ?? 0) < phones.size && now() < deadline) await new Promise((r) => setTimeout(r, 10));
  reply({ type: 'seen', times: stepSeen.get(id) ?? [], phones: phones.size });
}

process.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'join':
    {
      const { bases, codes, code } = message;
      const where = (i: number): [string, string] =>
        codes ? [bases[Math.floor(i / codes.length) % bases.length]!, codes[i % codes.length]!] : [bases[i % bases.length]!, code];
      return void join(message.room, where, message.indices, message.concurrency);
    }
    case 'leave': {
      // These phones close their page: their sessions may have no view left.
      closing = true;
      for (const i of message.indices) rooms[message.room].get(i)?.disconnect();
      for (const i of message.indices) rooms[message.room].delete(i);
      closing = false;
      return reply({ type: 'leave', left: message.indices.length });
    }
    case 'post':
      return void run('post', message.plans, steady);
    case 'burst':
      return void run('burst', message.plans, burst);
    case 'seen':
      return void seen(message.room, message.id, message.timeoutMs);
    case 'close':
      closing = true;
      for (const phones of Object.values(rooms)) for (const socket of phones.values()) socket.disconnect();
      reply({ type: 'close', disconnects });
      // Let the IPC message leave before the process goes.
      setTimeout(() => process.exit(0), 50);
  }
});
// The orchestrator is gone: nothing to report to.
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
