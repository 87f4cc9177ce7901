/**
 * A small pool of worker threads for heavy work (harvests, exports, imports), so
 * no request stalls the event loop that every live session shares. At most
 * `workers` jobs run at once and `queue` wait; one more is refused with 503 and
 * Retry-After rather than piling up. Without a store a worker can open (SQLite in
 * memory) the jobs run inline, under the same bounds.
 */
import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import { HttpError } from '../http-errors.js';
import type { Store, StoreSource } from '../store/store.js';
import { runJob, type HeavyJob, type HeavyResult } from './jobs.js';
import type { JobAnswer } from './worker.js';

/** Seconds a refused request is told to wait: about one arena's Word harvest. */
export const HEAVY_RETRY_AFTER = 5;

/** Built from sources (tests, `npm run dev`), the worker is TypeScript and needs tsx; built, it is plain JavaScript. */
const fromSources = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./worker.${fromSources ? 'ts' : 'js'}`, import.meta.url);

/**
 * From sources the worker registers tsx (a development dependency) before it loads:
 * Node 20 does not apply `--import tsx` to a worker's own entry file.
 */
function fromSourcesBootstrap(): string {
  const tsx = import.meta.resolve('tsx/esm/api');
  return `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(WORKER_URL.href)}); });`;
}

/** What one job took in its thread: for the bench and the logs. */
export interface JobDone {
  kind: HeavyJob['kind'];
  ms: number;
  threadId: number;
}

interface Pending {
  job: HeavyJob;
  resolve: (r: HeavyResult) => void;
  reject: (e: unknown) => void;
}

interface Slot {
  worker?: Worker;
  current?: Pending & { id: number };
}

export class HeavyPool extends EventEmitter<{ done: [JobDone] }> {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly limits: { workers: number; queue: number },
    private readonly logError: (error: unknown) => void = () => {},
  ) {
    super();
  }

  /** Where workers read from; undefined runs jobs inline. */
  private get source(): StoreSource | undefined {
    return this.store.workerSource?.();
  }

  /** Runs the job when a worker is free; refused with 503 when all are busy and the queue is full. */
  run(job: HeavyJob): Promise<HeavyResult> {
    return new Promise((resolve, reject) => {
      const pending = { job, resolve, reject };
      const slot = this.free();
      if (slot) this.start(slot, pending);
      else if (this.queue.length < this.limits.queue) this.queue.push(pending);
      else
        reject(
          Object.assign(new HttpError(503, 'busy', 'The server is busy with other harvests, exports and imports; try again in a few seconds.'), {
            retryAfter: HEAVY_RETRY_AFTER,
          }),
        );
    });
  }

  /** Jobs running and waiting now. */
  get load() {
    return { running: this.slots.length - this.idle.length, waiting: this.queue.length };
  }

  async close() {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new Error('The server is stopping.'));
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    this.slots.length = 0;
    this.idle.length = 0;
  }

  private free(): Slot | undefined {
    if (this.closed) return undefined;
    const slot = this.idle.pop();
    if (slot || this.slots.length >= this.limits.workers) return slot;
    const source = this.source;
    const made: Slot = source ? { worker: this.spawn(source) } : {};
    if (made.worker) this.watch(made);
    this.slots.push(made);
    return made;
  }

  private spawn(source: StoreSource): Worker {
    const workerData = { heavyWork: { source } };
    const worker = fromSources ? new Worker(fromSourcesBootstrap(), { eval: true, workerData }) : new Worker(WORKER_URL, { workerData });
    worker.unref();
    return worker;
  }

  private watch(slot: Slot) {
    const worker = slot.worker!;
    worker.on('message', (answer: JobAnswer) => {
      const current = slot.current;
      if (!current || current.id !== answer.id) return;
      this.emit('done', { kind: current.job.kind, ms: answer.ms, threadId: worker.threadId });
      if (answer.ok) current.resolve({ body: answer.body, ...(answer.meta ? { meta: answer.meta } : {}) });
      else current.reject(this.failure(answer.error));
      this.finish(slot);
    });
    // A worker that dies (out of memory, a bug) fails its job, and the next job starts a new one.
    const lost = (error: unknown) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      slot.current?.reject(this.failure({ statusCode: 500, code: 'internal', message: String(error) }));
      slot.current = undefined;
      this.next();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`heavy-work worker stopped with code ${code}`)));
  }

  private failure(error: { statusCode: number; code: string; message: string; details?: HttpError['details']; params?: HttpError['params'] }): Error {
    if (error.statusCode < 500) return new HttpError(error.statusCode, error.code, error.message, error.details, error.params);
    this.logError(new Error(error.message));
    return new Error('heavy work failed');
  }

  private start(slot: Slot, pending: Pending) {
    const current = { ...pending, id: this.nextId++ };
    slot.current = current;
    if (slot.worker) {
      const transfer = current.job.kind === 'import' ? [current.job.file.buffer as ArrayBuffer] : [];
      slot.worker.ref();
      slot.worker.postMessage({ id: current.id, job: current.job }, transfer);
      return;
    }
    const t0 = performance.now();
    runJob(this.store, current.job).then(
      (result) => {
        this.emit('done', { kind: current.job.kind, ms: performance.now() - t0, threadId: 0 });
        current.resolve(result);
        this.finish(slot);
      },
      (error) => {
        current.reject(error);
        this.finish(slot);
      },
    );
  }

  private finish(slot: Slot) {
    slot.current = undefined;
    slot.worker?.unref();
    if (this.slots.includes(slot)) this.idle.push(slot);
    this.next();
  }

  private next() {
    while (this.queue.length) {
      const slot = this.free();
      if (!slot) return;
      this.start(slot, this.queue.shift()!);
    }
  }
}
