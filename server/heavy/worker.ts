/**
 * A worker thread for heavy work (pool.ts starts it): opens its own connection to
 * the store, then runs one job at a time and answers with the bytes, moved to the
 * main thread rather than copied.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { HttpError } from '../http-errors.js';
import type { Store, StoreSource } from '../store/store.js';
import { movable, runJob, type HeavyJob } from './jobs.js';

export interface JobMessage {
  id: number;
  job: HeavyJob;
}

export type JobAnswer =
  | { id: number; ok: true; body: Uint8Array; meta?: Record<string, unknown>; ms: number }
  | { id: number; ok: false; error: { statusCode: number; code: string; message: string; details?: HttpError['details']; params?: HttpError['params'] }; ms: number };

async function openStore(source: StoreSource): Promise<Store> {
  if (source.kind === 'sqlite') return new (await import('../store/sqlite-store.js')).SqliteStore(source.file, { synchronous: source.synchronous, worker: true });
  // Two connections: a worker runs one job at a time, and an import's transaction holds one.
  return (await import('../store/pg-store.js')).PgStore.open(source.url, { schema: source.schema, poolSize: 2 });
}

// Only a thread the pool started is a heavy-work worker (tests may run in threads of their own).
const data = workerData as { heavyWork?: { source: StoreSource } } | null;
if (parentPort && data?.heavyWork) {
  const port = parentPort;
  const opened = openStore(data.heavyWork.source);
  port.on('message', async ({ id, job }: JobMessage) => {
    const t0 = performance.now();
    let answer: JobAnswer;
    try {
      const { body, meta } = await runJob(await opened, job);
      answer = { id, ok: true, body: movable(body), ...(meta ? { meta } : {}), ms: performance.now() - t0 };
    } catch (error) {
      const e = error as Partial<HttpError>;
      answer =
        error instanceof HttpError
          ? { id, ok: false, error: { statusCode: e.statusCode!, code: e.code!, message: e.message!, ...(e.details ? { details: e.details } : {}), ...(e.params ? { params: e.params } : {}) }, ms: performance.now() - t0 }
          : { id, ok: false, error: { statusCode: 500, code: 'internal', message: String((error as Error)?.stack ?? error) }, ms: performance.now() - t0 };
    }
    port.postMessage(answer, answer.ok ? [answer.body.buffer as ArrayBuffer] : []);
  });
}
