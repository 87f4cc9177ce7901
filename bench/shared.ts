/**
 * What the benchmark's processes share: one clock, the messages between the
 * orchestrator and its load workers, and the statistics.
 */
import { readFileSync } from 'node:fs';

/**
 * Milliseconds since 1970 with sub-millisecond resolution. Every process reads the
 * same machine clock, so a send time taken in a worker and a receive time taken in
 * the orchestrator can be subtracted (the offset between processes is microseconds).
 */
export const now = () => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects after `ms`: every wait in the benchmark is bounded. */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${Math.round(ms / 1000)} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** One participant joining: start, token received, snapshot received (ms, shared clock). */
export type JoinRecord = [start: number, token: number, snapshot: number];
/** One note: its id, when it was emitted, when its ack came (-1: none), and the refusal code if any. */
export type SendRecord = [id: string, sent: number, acked: number, error: string];

/**
 * The phones of one room (one server under test). A worker holds phones of both
 * rooms, Oogst's and the floor's, so both are measured by the same processes.
 */
export type RoomId = 'oogst' | 'floor';

export interface PostPlan {
  room: RoomId;
  /** Shared-clock time of note 0; note k is due at start + k / rate seconds. */
  start: number;
  rate: number;
  total: number;
  /** Participants in the room: note k is posted by participant k mod n. */
  n: number;
  tag: string;
}

export interface BurstPlan {
  room: RoomId;
  /** Shared-clock time at which every phone of the room posts one note. */
  at: number;
  tag: string;
}

export type ToWorker =
  /** Phone i joins `bases[i mod bases.length]`. */
  /**
   * The conference day: with `codes`, phone i is in session i mod S (S = codes.length), so that notes
   * go round the sessions, and on server floor(i / S) mod bases.length, so that each session is spread.
   */
  | { type: 'join'; room: RoomId; bases: string[]; code: string; indices: number[]; concurrency: number; codes?: string[] }
  | { type: 'leave'; room: RoomId; indices: number[] }
  | { type: 'post'; plans: PostPlan[] }
  | { type: 'burst'; plans: BurstPlan[] }
  | { type: 'seen'; room: RoomId; id: string; timeoutMs: number }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'join'; joins: JoinRecord[]; errors: string[]; snapshot?: unknown }
  | { type: 'post'; sends: Record<RoomId, SendRecord[]> }
  | { type: 'burst'; sends: Record<RoomId, SendRecord[]> }
  | { type: 'seen'; times: number[]; phones: number }
  | { type: 'leave'; left: number }
  | { type: 'close'; disconnects: number };

/** Nearest-rank percentile of an ascending array; NaN when empty. */
export function percentile(sorted: readonly number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Spread {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : NaN,
  };
}

/** Resident memory of a process in KB, from /proc (Linux). */
export function rssKB(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
  return line ? Number(line[1]) : NaN;
}

/** CPU time (user + system) a process has used, in ms. Linux counts it in ticks of 10 ms (CLK_TCK 100). */
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
