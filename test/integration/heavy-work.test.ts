/**
 * Heavy work off the event loop: harvests in every format, the export and the
 * import run in worker threads, give the same bytes as rendering in place, and
 * the pool refuses what is beyond its bound with 503 rather than queueing
 * without end. While a large harvest renders, a bystander's commands are
 * answered (order only, no timings).
 */
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arenaInfo } from '../../server/harvest/document.js';
import { HARVEST_FORMATS, sessionHarvestFile, arenaHarvestFile } from '../../server/harvest/harvest.js';
import { HeavyPool, type JobDone } from '../../server/heavy/pool.js';
import { HttpError } from '../../server/http-errors.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { UNFINISHED_IMPORT } from '../../server/store/store.js';
import { startArena } from '../helpers/arena-fixture.js';
import { api, facilitator, startSession } from '../helpers/oogst.js';

async function get(base: string, path: string, key: string) {
  const response = await fetch(base + path, { headers: { authorization: `Bearer ${key}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('heavy work in worker threads', () => {
  let fixture: Awaited<ReturnType<typeof startArena>>;
  const done: JobDone[] = [];

  beforeAll(async () => {
    fixture = await startArena(2);
    fixture.oogst.app.oogst.heavy.on('done', (d) => done.push(d));
  }, 60_000);
  afterAll(() => fixture?.stop());

  it('renders every harvest format in another thread, byte for byte what rendering in place gives', async () => {
    const { oogst, arena, meetings } = fixture;
    const ctx = oogst.app.oogst;
    const sessionId = meetings[0]!.session.session.id;
    const state = (await ctx.hub.caughtUp(sessionId))!.state;
    const rows = await ctx.store.listSessions(arena.id);
    const states = await Promise.all(rows.map(async (r) => (await ctx.hub.caughtUp(r.id))!.state));
    const row = (await ctx.store.getArena(arena.id))!;
    const info = arenaInfo(row);
    for (const format of HARVEST_FORMATS) {
      done.length = 0;
      const one = await get(oogst.url, `/api/sessions/${sessionId}/harvest.${format}`, arena.key);
      const all = await get(oogst.url, `/api/arenas/${arena.id}/harvest.${format}`, arena.key);
      expect([one.status, all.status]).toEqual([200, 200]);
      expect(done.map((d) => d.kind)).toEqual(['session-harvest', 'arena-harvest']);
      for (const d of done) expect(d.threadId).not.toBe(threadId);
      // Word files carry the moment they were made; the other formats are compared whole.
      if (format === 'docx') {
        expect(one.bytes.subarray(0, 2).toString()).toBe('PK');
        continue;
      }
      expect(one.bytes.equals(Buffer.from((await sessionHarvestFile(state, format)).body))).toBe(true);
      expect(all.bytes.equals(Buffer.from((await arenaHarvestFile(info, states, format)).body))).toBe(true);
    }
  });

  it('exports and imports in another thread, and the import gives the same harvest', async () => {
    const { oogst, arena } = fixture;
    done.length = 0;
    const exported = await get(oogst.url, `/api/arenas/${arena.id}/export.json`, arena.key);
    expect(exported.status).toBe(200);
    const file = JSON.parse(exported.bytes.toString('utf8'));
    const before = await get(oogst.url, `/api/arenas/${arena.id}/harvest.md`, arena.key);
    await api(oogst.url, 'DELETE', `/api/arenas/${arena.id}`, undefined, arena.key);
    const imported = await api(oogst.url, 'POST', '/api/arenas/import', file);
    expect(imported.status).toBe(201);
    const after = await get(oogst.url, `/api/arenas/${arena.id}/harvest.md`, imported.body.key);
    expect(after.bytes.toString()).toBe(before.bytes.toString());
    expect(done.map((d) => d.kind)).toEqual(['export', 'arena-harvest', 'import', 'arena-harvest']);
    for (const d of done) expect(d.threadId).not.toBe(threadId);
    arena.key = imported.body.key;
    // Refusals made in the worker keep their status and reason.
    const again = await api(oogst.url, 'POST', '/api/arenas/import', file);
    expect(again).toMatchObject({ status: 409, body: { error: 'import-arena-exists' } });
    const broken = await api(oogst.url, 'POST', '/api/arenas/import', '{"format": "oogst-arena", ');
    expect(broken).toMatchObject({ status: 400, body: { error: 'invalid' } });
  });

  it('clears an import cut off by a crash at the next start, so the file can be imported again', async () => {
    const { oogst } = fixture;
    const file = `${oogst.dataDir}/oogst.sqlite`;
    const worker = new SqliteStore(file, { worker: true });
    await worker.createArena({ id: 'halfway', title: 'Half geïmporteerd', theme: null, keyHash: UNFINISHED_IMPORT, createdAt: 0 });
    // A worker's connection leaves it (another worker may be writing it); a server's start removes it.
    await new SqliteStore(file, { worker: true }).close();
    expect(await worker.getArena('halfway')).toBeDefined();
    await new SqliteStore(file).close();
    expect(await worker.getArena('halfway')).toBeUndefined();
    await worker.close();
  });

  it('answers a bystander in a live session while an arena Word harvest renders', async () => {
    const { oogst, arena } = fixture;
    const live = await startSession(oogst.url, 'arena-bijeenkomst');
    const console_ = await facilitator(oogst.url, live);
    const order: string[] = [];
    const harvest = get(oogst.url, `/api/arenas/${arena.id}/harvest.docx`, arena.key).then((r) => order.push(`harvest ${r.status}`));
    // Sent after the harvest was asked for, and answered before it is.
    const ack = await console_.send('session.goto', { stepId: console_.state!.steps[1]!.id });
    order.push(`ack ${ack.ok}`);
    await harvest;
    expect(order).toEqual(['ack true', 'harvest 200']);
    console_.close();
  });

  it('bounds the work: beyond the running and the waiting, a request is refused with 503 and Retry-After', async () => {
    const { oogst, arena } = fixture;
    const ctx = oogst.app.oogst;
    const shared = ctx.heavy;
    const small = new HeavyPool(ctx.store, { workers: 1, queue: 1 });
    try {
      const job = { kind: 'arena-harvest', arenaId: arena.id, format: 'docx' } as const;
      // Started in one turn of the event loop: one runs, one waits, the third is refused at once.
      const [running, waiting, refused] = [small.run(job), small.run(job), small.run(job).catch((e: unknown) => e)];
      expect(await refused).toBeInstanceOf(HttpError);
      expect(await refused).toMatchObject({ statusCode: 503, code: 'busy', retryAfter: expect.any(Number) });
      // Over HTTP, with the pool still full: 503 with a plain reason and Retry-After.
      ctx.heavy = small;
      const [again] = [small.run(job)].map((p) => p.catch((e: unknown) => e));
      const busy = await get(oogst.url, `/api/arenas/${arena.id}/harvest.md`, arena.key);
      expect(busy.status).toBe(503);
      expect(Number(busy.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(JSON.parse(busy.bytes.toString())).toMatchObject({ error: 'busy', message: expect.stringMatching(/try again/) });
      expect(await again).toBeInstanceOf(HttpError);
      await Promise.all([running, waiting]);
      // Once the work is done, the same request is served.
      expect((await get(oogst.url, `/api/arenas/${arena.id}/harvest.md`, arena.key)).status).toBe(200);
    } finally {
      ctx.heavy = shared;
      await small.close();
    }
  });
});
