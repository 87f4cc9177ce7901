/**
 * What the arena page shows beyond its sessions, for who holds the arena's key:
 * the monitoring trend, each kind's own arena APIs (`KindArena.routes`, e.g.
 * `/api/arenas/:arenaId/smallwins`), and the texts of a session an arena could
 * adopt as its ambition (`KindArena.ambition`). Rebuilt from the sessions' logs
 * on every request, like the harvest; no kind is named here.
 */
import Type from 'typebox';
import type { SessionState } from '../../core/state.js';
import { cleanStrings } from '../../core/text.js';
import type { ArenaSessions } from '../../kinds/definition.js';
import { kindByName, kinds } from '../../kinds/registry.js';
import { authorisedArena, authorisedSession, type AppContext, type TypedApp } from '../context.js';
import { arenaSessions } from '../harvest/arena-sessions.js';
import { monitoringTrend } from '../harvest/monitoring.js';
import { logbookUpdates } from '../logbook/subjects.js';

const ArenaParams = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });
/** A kind's arena API is one segment under its arena. */
export const ARENA_ROUTE_PATH = /^[a-z]+(-[a-z]+)*$/;

/** The arena's sessions, caught up with their logs, the planned date of those that have one, and its logbook's approved updates. */
export async function arenaSessionsOf(ctx: AppContext, arena: { id: string; title: string }): Promise<ArenaSessions> {
  const rows = await ctx.store.listSessions(arena.id);
  const states = (await Promise.all(rows.map((r) => ctx.hub.caughtUp(r.id)))).flatMap((r): SessionState[] => (r ? [r.state] : []));
  const dates = new Map(rows.flatMap((r) => (r.plannedAt ? [[r.id, r.plannedAt] as const] : [])));
  return arenaSessions(arena, states, dates, logbookUpdates(await ctx.store.listLogbookEntries(arena.id)));
}

export default async function arenaPartRoutes(app: TypedApp) {
  const ctx = app.oogst;

  /** The monitoring trend on its own, for the arena page's chart: counts per session, and the answers. */
  app.get('/api/arenas/:arenaId/monitoring', { schema: { params: ArenaParams } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    const { sessions, metOn } = await arenaSessionsOf(ctx, arena);
    const dates = new Map(sessions.map((s) => [s.id, metOn(s)]));
    return reply.header('cache-control', 'no-store').send(monitoringTrend(sessions, dates));
  });

  for (const kind of kinds)
    for (const route of kind.arena?.routes ?? []) {
      if (!ARENA_ROUTE_PATH.test(route.path)) throw new Error(`${kind.kind}: arena route "${route.path}" is not one lowercase path segment`);
      app.get(`/api/arenas/:arenaId/${route.path}`, { schema: { params: ArenaParams } }, async (request, reply) => {
        const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
        return reply.header('cache-control', 'no-store').send(await route.answer(await arenaSessionsOf(ctx, arena)));
      });
    }

  /** The texts of a session's steps an arena could adopt as its ambition, in the order of its agenda. */
  app.get('/api/sessions/:sessionId/ambition-candidates', { schema: { params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    const { session } = await authorisedSession(ctx, request, request.params.sessionId);
    const state = (await ctx.hub.caughtUp(session.id))?.state;
    const texts = (state?.steps ?? []).flatMap((step) => {
      const ambition = kindByName.get(step.kind)?.arena?.ambition;
      const data = state!.stepStates[step.id]?.data;
      return ambition && data !== undefined ? ambition(data, step, state!) : [];
    });
    // Logs written before text was cleaned on arrival are cleaned here, as in the harvest.
    return reply.header('cache-control', 'no-store').send(cleanStrings({ texts }));
  });
}
