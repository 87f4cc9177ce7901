/**
 * The harvest of a session and of a whole arena, in every format
 * (`harvest.md|json|csv|docx|html`), for who holds the arena's key. Rebuilt from
 * the logs on every request, so it always matches what happened; rendered in a
 * worker thread (server/heavy/), so a large harvest never stalls the live sessions.
 */
import Type from 'typebox';
import type { SessionState } from '../../core/state.js';
import { authorisedArena, authorisedSession, type TypedApp } from '../context.js';
import type { RenderedHarvest } from '../harvest/harvest.js';
import type { HeavyResult } from '../heavy/jobs.js';
import { monitoringTrend } from '../harvest/monitoring.js';
import { sendHarvest } from '../harvest/send.js';

const Format = Type.String({ maxLength: 8 });

/** A harvest rendered in a worker thread: its bytes, and the content type the worker chose. */
const rendered = async (work: Promise<HeavyResult>): Promise<RenderedHarvest> => {
  const { body, meta } = await work;
  return { body: Buffer.from(body.buffer, body.byteOffset, body.byteLength), contentType: String(meta?.contentType) };
};

export default async function harvestRoutes(app: TypedApp) {
  const ctx = app.oogst;

  app.get(
    '/api/sessions/:sessionId/harvest.:format',
    { schema: { params: Type.Object({ sessionId: Type.String({ maxLength: 64 }), format: Format }) } },
    async (request, reply) => {
      const { sessionId, format } = request.params;
      const { session } = await authorisedSession(ctx, request, sessionId);
      return sendHarvest(reply, session.title, format, (f) => rendered(ctx.heavy.run({ kind: 'session-harvest', sessionId: session.id, format: f })));
    },
  );

  /** The monitoring trend on its own, for the arena page's chart: counts per session, and the answers. */
  app.get('/api/arenas/:arenaId/monitoring', { schema: { params: Type.Object({ arenaId: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    const { arenaId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const { states, dates } = await sessionsOf(arena.id);
    return reply.header('cache-control', 'no-store').send(monitoringTrend(states, dates));
  });

  /** The arena's sessions as states, and the planned date of those that have one. */
  async function sessionsOf(arenaId: string) {
    const rows = await ctx.store.listSessions(arenaId);
    const states = (await Promise.all(rows.map((r) => ctx.hub.caughtUp(r.id)))).flatMap((r): SessionState[] => (r ? [r.state] : []));
    const dates = new Map(rows.flatMap((r) => (r.plannedAt ? [[r.id, r.plannedAt] as const] : [])));
    return { states, dates };
  }

  app.get(
    '/api/arenas/:arenaId/harvest.:format',
    { schema: { params: Type.Object({ arenaId: Type.String({ maxLength: 64 }), format: Format }) } },
    async (request, reply) => {
      const { arenaId, format } = request.params;
      const { arena } = await authorisedArena(ctx, request, arenaId);
      return sendHarvest(reply, arena.title, format, (f) => rendered(ctx.heavy.run({ kind: 'arena-harvest', arenaId: arena.id, format: f })));
    },
  );
}
