/**
 * One measured pair of rooms of N phones: one on Oogst, one on the floor. For
 * each, a console and a screen connect here and the phones join from the load
 * workers; then step changes go to every phone, and notes are posted (steady or
 * in bursts). The two rooms post at the same time (steady, half a period apart)
 * or alternately (bursts), so that the load of the rest of the machine, which is
 * shared with other work, falls on both alike and the ratio stays meaningful.
 */
import { io, type Socket } from 'socket.io-client';
import type { SessionCreatedReply } from '../core/http.js';
import { PROTOCOL_VERSION, type Ack, type SessionEvent } from '../core/protocol.js';
import { Fleet, type Target } from './processes.js';
import { cpuMs, now, rssKB, sleep, spread, within, type RoomId, type SendRecord, type Spread } from './shared.js';

export interface ScenarioOptions {
  n: number;
  workers: number;
  /** Joins in flight per worker. */
  concurrency: number;
  mode: 'steady' | 'burst' | 'joining';
  rate: number;
  seconds: number;
  bursts: number;
  /** After the steady phase, a short one at this rate (0: none), to measure CPU per note and headroom. */
  capacityRate: number;
}

export interface ScenarioResult {
  server: RoomId;
  n: number;
  mode: ScenarioOptions['mode'];
  joined: number;
  joinErrors: string[];
  /** From the first join request to the last snapshot, and each phone's own join time. */
  joinAllMs: number;
  joinEach: Spread;
  /** The two halves of a join: POST /api/join, then the WebSocket handshake up to the snapshot. */
  joinHttp: Spread;
  joinSocket: Spread;
  joinsPerSecond: number;
  rssBeforeKB: number;
  rssAfterKB: number;
  rssPerParticipantKB: number;
  /** Console's step change → the last phone (and the median phone) that received it; one entry per round. */
  reachAllMs: number[];
  reachMedianMs: number[];
  posts?: {
    sent: number;
    refused: Record<string, number>;
    lostOnScreen: number;
    ack: Spread;
    screen: Spread;
    /** Notes stored per second, first send to last ack. */
    perSecond: number;
    seconds: number;
    /**
     * Server CPU per stored note over the phase, idle costs included (pings every 20 s): at
     * 10 notes/s those dominate; at the capacity phase's 200/s they are a few percent.
     */
    serverCpuMsPerNote: number;
    /**
     * Oogst's group commits over the phase, all its servers together (from /healthz): transactions
     * that stored events, events, retries after a refused seq, events another server stored that a
     * batch found waiting (its turn), and the largest batch since the server started.
     */
    commits?: CommitCounts;
  };
  /** The short phase at `capacityRate`: at 10 notes/s a server is too idle to measure CPU per note. */
  capacity?: ScenarioResult['posts'];
  /** Server CPU over each phase, in % of one core. */
  serverCpuPercent: { join: number; posts: number };
  /** Server CPU per joined phone: POST /api/join, the handshake, the snapshot, telling console and screen. */
  serverCpuMsPerJoin: number;
  /** The load workers' CPU per joined phone: on two shared cores, what the phones' side takes from the server. */
  generatorCpuMsPerJoin: number;
  /** The load workers and the orchestrator together, over the whole pair, in % of one core. */
  generatorCpuPercent: number;
  disconnects: number;
}

const STEP_ROUNDS = ['muur', 'droom', 'muur'];
/** The capacity phase: at 200 notes/s, 1000 notes, about 500 ms of CPU, read in 10 ms ticks. */
export const CAPACITY_SECONDS = 5;
/** Between two bursts: enough for the server to drain one before the next. */
const BURST_GAP_MS = 2_000;

export class View {
  readonly socket: Socket;
  readonly notesSeen = new Map<string, number>();
  /** Listened for from the start: the snapshot may come before anyone awaits it. */
  readonly ready: Promise<unknown>;
  constructor(base: string, auth: Record<string, unknown>) {
    this.socket = io(base, { auth: { protocol: PROTOCOL_VERSION, ...auth }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.socket.on('event', (event: SessionEvent) => {
      if (event.type === 'wall.note-posted') this.notesSeen.set(event.id, now());
    });
    const snapshot = new Promise((resolve, reject) => {
      this.socket.once('snapshot', resolve);
      this.socket.once('connect_error', reject);
    });
    this.ready = within(snapshot, 15_000, 'console or screen snapshot');
    this.ready.catch(() => undefined);
  }
}

export async function http<T>(base: string, path: string, body: unknown, key?: string): Promise<T> {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export interface CommitCounts {
  batches: number;
  events: number;
  largestBatch: number;
  retries: number;
  caughtUp: number;
}

/** Every server of the target. */
export const serverUrls = (target: Target) => [...new Set([target.url, ...(target.viewsUrl ? [target.viewsUrl] : []), ...(target.phoneUrls ?? [])])];

/** The group commit counts of all the target's servers, added up; undefined for the floor. */
export async function commitCounts(target: Target): Promise<CommitCounts | undefined> {
  if (target.kind !== 'oogst') return undefined;
  const all = await Promise.all(serverUrls(target).map(async (url) => ((await (await fetch(`${url}/healthz`)).json()) as { commits?: CommitCounts }).commits));
  if (all.some((c) => !c)) return undefined;
  const sum = (key: keyof CommitCounts) => all.reduce((total, c) => total + c![key], 0);
  return { batches: sum('batches'), events: sum('events'), largestBatch: Math.max(...all.map((c) => c!.largestBatch)), retries: sum('retries'), caughtUp: sum('caughtUp') };
}

const commitsSince = (before: CommitCounts | undefined, after: CommitCounts | undefined): CommitCounts | undefined =>
  before && after
    ? { batches: after.batches - before.batches, events: after.events - before.events, largestBatch: after.largestBatch, retries: after.retries - before.retries, caughtUp: after.caughtUp - before.caughtUp }
    : undefined;

/** CPU of every server process of the target (two with `--servers 2`). */
export const serverCpuMs = (target: Target) => (target.pids ?? [target.pid]).reduce((sum, pid) => sum + cpuMs(pid), 0);
const percent = (cpu: number, wall: number) => (wall > 0 ? Math.round((cpu / wall) * 100) : NaN);
const randomTag = () => Math.random().toString(36).slice(2, 10);

interface Room {
  target: Target;
  code: string;
  facilitator: View;
  screen: View;
  result: ScenarioResult;
}

/** An arena and a session from the shipped script, with its console and screen connected. */
async function openRoom(target: Target, o: ScenarioOptions): Promise<Room> {
  const base = target.url;
  const arena = await http<{ id: string; key: string }>(base, '/api/arenas', { title: 'Benchmark', theme: 'Meten' });
  const session = await http<SessionCreatedReply>(base, `/api/arenas/${arena.id}/sessions`, { script: 'klaag-en-jubelmuur' }, arena.key);
  const views = target.viewsUrl ?? base;
  // Spread over two servers, the console and the screen are on different ones.
  const facilitator = new View(target.phoneUrls ? base : views, { role: 'facilitator', sessionId: session.id, key: arena.key });
  const screen = new View(views, { role: 'screen', sessionId: session.id, key: new URL(session.screenUrl).hash.replace('#key=', '') });
  await Promise.all([facilitator.ready, screen.ready]);
  const result = { server: target.kind, n: o.n, mode: o.mode, reachAllMs: [], reachMedianMs: [], disconnects: 0 } as unknown as ScenarioResult;
  return { target, code: session.code, facilitator, screen, result };
}

/** Joins N phones into the room (participant i in worker i mod W) and reads the server's memory around it. */
async function joinRoom(room: Room, fleet: Fleet, o: ScenarioOptions): Promise<unknown> {
  const { target, result } = room;
  await sleep(500);
  result.rssBeforeKB = rssKB(target.pid);
  const cpu = serverCpuMs(target);
  const workersCpu = () => fleet.pids().reduce((sum, pid) => sum + cpuMs(pid), 0);
  const generatorCpu = workersCpu();
  const started = now();
  const joins = await fleet.all(
    (w) => ({
      type: 'join',
      room: target.kind,
      bases: target.phoneUrls ?? [target.url],
      code: room.code,
      indices: Array.from({ length: o.n }, (_, i) => i).filter((i) => i % o.workers === w),
      concurrency: o.concurrency,
    }),
    600_000,
  );
  const records = joins.flatMap((j) => j.joins);
  result.joined = records.length;
  result.joinErrors = joins.flatMap((j) => j.errors).slice(0, 10);
  result.joinAllMs = Math.max(...records.map((r) => r[2])) - started;
  result.joinsPerSecond = records.length / (result.joinAllMs / 1000);
  result.joinEach = spread(records.map((r) => r[2] - r[0]));
  result.joinHttp = spread(records.map((r) => r[1] - r[0]));
  result.joinSocket = spread(records.map((r) => r[2] - r[1]));
  const used = serverCpuMs(target) - cpu;
  result.serverCpuPercent = { join: percent(used, now() - started), posts: NaN };
  result.serverCpuMsPerJoin = used / Math.max(1, records.length);
  result.generatorCpuMsPerJoin = (workersCpu() - generatorCpu) / Math.max(1, records.length);
  // Presence goes out at most twice a second, and the heap settles: wait before reading memory.
  await sleep(2_000);
  result.rssAfterKB = rssKB(target.pid);
  result.rssPerParticipantKB = (result.rssAfterKB - result.rssBeforeKB) / Math.max(1, records.length);
  return joins.find((j) => j.snapshot)?.snapshot;
}

/** The console moves the room; the time until the last phone has the step event. */
async function reachAll(room: Room, fleet: Fleet, stepId: string) {
  const id = `goto-${randomTag()}`;
  const sent = now();
  const ack = (await room.facilitator.socket.timeout(30_000).emitWithAck('command', { id, type: 'session.goto', payload: { stepId } })) as Ack;
  if (!ack.ok) throw new Error(`session.goto refused: ${ack.error} ${ack.message}`);
  const seen = await fleet.all(() => ({ type: 'seen', room: room.target.kind, id, timeoutMs: 30_000 }), 40_000);
  const times = seen.flatMap((s) => s.times).map((t) => t - sent);
  if (times.length < room.result.joined) throw new Error(`a step change reached ${times.length} of ${room.result.joined} phones in 30 s`);
  room.result.reachAllMs.push(Math.max(...times));
  room.result.reachMedianMs.push(spread(times).p50);
}

export type PostStats = NonNullable<ScenarioResult['posts']>;

async function postStats(room: Room, sends: SendRecord[], serverCpuMs: number): Promise<PostStats> {
  const accepted = sends.filter((s) => s[2] >= 0 && s[3] === '');
  const seen = room.screen.notesSeen;
  // A note whose ack came may still be on its way to the screen: wait for it, bounded.
  for (let i = 0; i < 100 && accepted.some((s) => !seen.has(s[0])); i++) await sleep(50);
  const refused: Record<string, number> = {};
  for (const s of sends) if (s[3]) refused[s[3]] = (refused[s[3]] ?? 0) + 1;
  const first = Math.min(...sends.map((s) => s[1]));
  const last = Math.max(...accepted.map((s) => s[2]));
  return {
    sent: sends.length,
    refused,
    lostOnScreen: accepted.filter((s) => !seen.has(s[0])).length,
    ack: spread(accepted.map((s) => s[2] - s[1])),
    screen: spread(accepted.filter((s) => seen.has(s[0])).map((s) => seen.get(s[0])! - s[1])),
    perSecond: accepted.length / Math.max(0.001, (last - first) / 1000),
    seconds: (last - first) / 1000,
    serverCpuMsPerNote: serverCpuMs / Math.max(1, accepted.length),
  };
}

/**
 * Both rooms post: steadily at `rate` (the floor's notes half a period after Oogst's, so
 * each server sees `rate` and they do not collide), or in bursts that alternate between
 * the rooms. Returns each room's figures and its CPU in % of one core.
 */
async function postPhase(rooms: Room[], fleet: Fleet, o: ScenarioOptions, rate: number, seconds: number) {
  const commitsBefore = await Promise.all(rooms.map((r) => commitCounts(r.target)));
  const cpu = rooms.map((r) => serverCpuMs(r.target));
  const started = now();
  const tag = `${o.mode}${randomTag()}`;
  const start = now() + 500;
  const answers =
    o.mode === 'steady'
      ? await fleet.all(() => {
          const plans = rooms.map((r, i) => ({ room: r.target.kind, start: start + (i * 500) / rate, rate, total: Math.round(rate * seconds), n: r.result.joined, tag }));
          return { type: 'post', plans };
        }, (seconds + 60) * 1000)
      : await fleet.all(() => {
          const plans = Array.from({ length: o.bursts }, (_, b) =>
            rooms.map((r, i) => ({ room: r.target.kind, at: start + (2 * b + i) * BURST_GAP_MS, tag: `${tag}-${b}` })),
          ).flat();
          return { type: 'burst', plans };
        }, 2 * o.bursts * BURST_GAP_MS + 60_000);
  const wall = now() - started;
  const used = rooms.map((r, i) => serverCpuMs(r.target) - cpu[i]!);
  const out: { stats: PostStats; cpuPercent: number }[] = [];
  for (const [i, room] of rooms.entries()) {
    const sends = answers.flatMap((a) => a.sends[room.target.kind]);
    const stats = await postStats(room, sends, used[i]!);
    const commits = commitsSince(commitsBefore[i], await commitCounts(room.target));
    out.push({ stats: commits ? { ...stats, commits } : stats, cpuPercent: percent(used[i]!, wall) });
  }
  return out;
}

/** Oogst's room and the floor's, measured by the same load workers in the same minutes. */
export async function runPair(targets: Record<RoomId, Target>, o: ScenarioOptions, onSnapshot: (snapshot: unknown) => void) {
  const fleet = await Fleet.start(o.workers);
  const rooms: Room[] = [];
  try {
    for (const target of [targets.oogst, targets.floor]) rooms.push(await openRoom(target, o));
    const own = process.cpuUsage();
    const generatorStart = fleet.pids().reduce((sum, pid) => sum + cpuMs(pid), 0);
    const wallStart = now();
    // Oogst first: its phones' first snapshot becomes the floor's, so both send the same bytes.
    for (const room of rooms) {
      const snapshot = await joinRoom(room, fleet, o);
      if (room.target.kind === 'oogst' && snapshot) onSnapshot(snapshot);
    }
    // One event to every phone, alternating between the rooms; the last round opens the wall.
    for (const stepId of STEP_ROUNDS)
      for (const room of rooms) {
        await reachAll(room, fleet, stepId);
        await sleep(300);
      }

    if (o.mode !== 'joining') {
      for (const [i, { stats, cpuPercent }] of (await postPhase(rooms, fleet, o, o.rate, o.seconds)).entries()) {
        rooms[i]!.result.posts = stats;
        rooms[i]!.result.serverCpuPercent.posts = cpuPercent;
      }
    }
    if (o.mode === 'steady' && o.capacityRate > 0)
      for (const [i, { stats }] of (await postPhase(rooms, fleet, o, o.capacityRate, CAPACITY_SECONDS)).entries()) rooms[i]!.result.capacity = stats;
    const ownCpu = process.cpuUsage(own);
    const generator = fleet.pids().reduce((sum, pid) => sum + cpuMs(pid), 0) - generatorStart + (ownCpu.user + ownCpu.system) / 1000;
    const disconnects = await fleet.close();
    for (const room of rooms) {
      room.result.generatorCpuPercent = percent(generator, now() - wallStart);
      room.result.disconnects = disconnects;
    }
    return rooms.map((r) => r.result);
  } finally {
    await fleet.close();
    for (const room of rooms) {
      room.facilitator.socket.disconnect();
      room.screen.socket.disconnect();
    }
  }
}
