/**
 * The heavy work a request may ask for — a harvest in any format, an arena's
 * export, an import — as plain jobs: a job names what to read, the worker reads
 * it from its own store connection and answers with bytes. The same functions
 * run inline where no worker can open the store (SQLite in memory, in unit tests).
 */
import { reduce } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import { toExport } from '../arena-transfer.js';
import { arenaInfo, type HarvestFiles } from '../harvest/document.js';
import { arenaHarvestFile, sessionHarvestFile, type HarvestFormat } from '../harvest/harvest.js';
import { notFound } from '../http-errors.js';
import type { Store } from '../store/store.js';
import { importArenaFile } from './import-job.js';

export type HeavyJob =
  | { kind: 'session-harvest'; sessionId: string; format: HarvestFormat }
  | { kind: 'arena-harvest'; arenaId: string; format: HarvestFormat }
  | { kind: 'export'; arenaId: string }
  /** `file`: the request's body as it came (JSON text), `keyHash`: the new key's hash. */
  | { kind: 'import'; file: Uint8Array; keyHash: string };

export interface HeavyResult {
  body: Uint8Array;
  /** What the route needs besides the bytes (an import's arena, a harvest's content type). */
  meta?: Record<string, unknown>;
}

/** Bytes that own their whole buffer, so the buffer can be moved between threads; a view into a shared pool is copied first. */
export const movable = (b: Uint8Array): Uint8Array => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.buffer instanceof ArrayBuffer ? b : new Uint8Array(b));

const bytes = (body: string | Buffer | Uint8Array): Uint8Array => (typeof body === 'string' ? Buffer.from(body, 'utf8') : body);

/** The images of these sessions, by id, for a harvest's `image` blocks (none for formats that show no image). */
async function filesOf(store: Store, sessionIds: readonly string[], format: HarvestFormat): Promise<HarvestFiles | undefined> {
  if (format !== 'docx' && format !== 'html') return undefined;
  const files = new Map<string, { type: string; data: Uint8Array }>();
  for (const id of sessionIds) for (const f of await store.listFiles(id)) files.set(f.id, { type: f.type, data: f.data });
  return files;
}

/** The session as its log has it now: what `SessionHub.caughtUp` gives, read from the store. */
async function stateOf(store: Store, sessionId: string): Promise<SessionState> {
  return reduce(await store.loadEvents(sessionId), sessionId, models);
}

export async function runJob(store: Store, job: HeavyJob): Promise<HeavyResult> {
  switch (job.kind) {
    case 'session-harvest': {
      const row = await store.getSession(job.sessionId);
      if (!row) throw notFound('Session');
      const arena = await store.getArena(row.arenaId);
      const files = await filesOf(store, [row.id], job.format);
      const { body, contentType } = await sessionHarvestFile(await stateOf(store, row.id), job.format, row.plannedAt ?? undefined, arena, files);
      return { body: bytes(body), meta: { contentType } };
    }
    case 'arena-harvest': {
      const arena = await store.getArena(job.arenaId);
      if (!arena) throw notFound('Arena');
      const rows = await store.listSessions(arena.id);
      const states: SessionState[] = [];
      for (const r of rows) states.push(await stateOf(store, r.id));
      const dates = new Map(rows.flatMap((r) => (r.plannedAt ? [[r.id, r.plannedAt] as const] : [])));
      const files = await filesOf(store, rows.map((r) => r.id), job.format);
      const { body, contentType } = await arenaHarvestFile(arenaInfo(arena), states, job.format, dates, await store.listLogbookEntries(arena.id), files);
      return { body: bytes(body), meta: { contentType } };
    }
    case 'export': {
      const dump = await store.exportArena(job.arenaId);
      if (!dump) throw notFound('Arena');
      return { body: bytes(JSON.stringify(toExport(dump))) };
    }
    case 'import':
      return { body: new Uint8Array(0), meta: await importArenaFile(store, job.file, job.keyHash) };
  }
}
