/**
 * The harvest of a session and of a whole arena, in every format
 * (`harvest.md|json|csv|docx|html`), for who holds the arena's key. Rebuilt from
 * the logs on every request, so it always matches what happened.
 */
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { SessionState } from '../../core/state.js';
import { authorisedArena, authorisedSession } from '../context.js';
import { arenaHarvestFile, sessionHarvestFile } from '../harvest/harvest.js';
import { monitoringTrend } from '../harvest/monitoring.js';
import { sendHarvest } from '../harvest/send.js';
import { notFound } from '../http-errors.js';

const Format = Type.String({ maxLength: 8 });

export default async function harvestRoutes(app: FastifyInstance) {
  const ctx = app.oogst;

  app.get(
    '/api/sessions/:sessionId/harvest.:format',
    { schema: { params: Type.Object({ sessionId: Type.String({ maxLength: 64 }), format: Format }) } },
    async (request, reply) => {
      const { sessionId, format } = request.params as { sessionId: string; format: string };
      const { session } = await authorisedSession(ctx, request, sessionId);
      const runtime = await ctx.hub.current(session.id);
      if (!runtime) throw notFound('Session');
      return sendHarvest(reply, session.title, format, (f) => sessionHarvestFile(runtime.state, f, session.plannedAt ?? undefined));
    },
  );

  /** The monitoring trend on its own, for the arena page's chart: counts per session, and the answers. */
  app.get('/api/arenas/:arenaId/monitoring', { schema: { params: Type.Object({ arenaId: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    const { arenaId } = request.params as { arenaId: string };
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const { states, dates } = await sessionsOf(arena.id);
    return reply.header('cache-control', 'no-store').send(monitoringTrend(states, dates));
  });

  /** The arena's sessions as states, and the planned date of those that have one. */
  async function sessionsOf(arenaId: string) {
    const rows = await ctx.store.listSessions(arenaId);
    const states = (await Promise.all(rows.map((r) => ctx.hub.current(r.id)))).flatMap((r): SessionState[] => (r ? [r.state] : []));
    const dates = new Map(rows.flatMap((r) => (r.plannedAt ? [[r.id, r.plannedAt] as const] : [])));
    return { states, dates };
  }

  app.get(
    '/api/arenas/:arenaId/harvest.:format',
    { schema: { params: Type.Object({ arenaId: Type.String({ maxLength: 64 }), format: Format }) } },
    async (request, reply) => {
      const { arenaId, format } = request.params as { arenaId: string; format: string };
      const { arena } = await authorisedArena(ctx, request, arenaId);
      const { states, dates } = await sessionsOf(arena.id);
      const info = { id: arena.id, title: arena.title, theme: arena.theme, ambition: arena.ambition ?? null };
      return sendHarvest(reply, arena.title, format, (f) => arenaHarvestFile(info, states, f, dates));
    },
  );
}
