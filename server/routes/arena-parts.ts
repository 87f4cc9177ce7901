/**
 * What the arena page shows beyond its sessions, for who holds the arena's key:
 * the monitoring trend, each kind's own arena APIs (`KindArena.routes`, e.g.
 * `/api/arenas/:arenaId/smallwins`), what a kind keeps for the arena, uploaded
 * here (`KindArena.keeps`, e.g. the arena's own checklist), and the texts of a
 * session an arena could adopt as its ambition (`KindArena.ambition`). Rebuilt
 * from the sessions' logs on every request, like the harvest; no kind is named here.
 */
import Type from 'typebox';
import type { SessionState, StepDef } from '../../core/state.js';
import { cleanStrings } from '../../core/text.js';
import type { KindDefinition } from '../../kinds/definition.js';
import type { ArenaKept, ArenaSessions } from '../../kinds/arena-contract.js';
import { kindByName, kinds } from '../../kinds/registry.js';
import { authorisedArena, authorisedSession, type AppContext, type TypedApp } from '../context.js';
import { HttpError } from '../http-errors.js';
import type { Store } from '../store/store.js';
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

/** What `kind` keeps for the arena, parsed; undefined when it keeps nothing there. */
async function keptBy(store: Store, arenaId: string, kind: string): Promise<{ value: unknown; updatedAt: number } | undefined> {
  const row = await store.getArenaKindData(arenaId, kind);
  return row ? { value: JSON.parse(row.value) as unknown, updatedAt: Number(row.updatedAt) } : undefined;
}

/**
 * The script's steps as a session made in this arena runs them: each kind with a
 * `fromArena` takes what it keeps for the arena (a checklist with `items: arena`
 * takes the arena's list). A step that cannot is refused with the kind's reason.
 */
export async function stepsInArena(store: Store, arenaId: string, steps: StepDef[]): Promise<StepDef[]> {
  const kept = new Map<string, unknown>();
  const out: StepDef[] = [];
  for (const step of steps) {
    const kind: KindDefinition | undefined = kindByName.get(step.kind);
    if (!kind?.fromArena) {
      out.push(step);
      continue;
    }
    if (!kept.has(step.kind)) kept.set(step.kind, (await keptBy(store, arenaId, step.kind))?.value);
    const taken = kind.fromArena(step, kept.get(step.kind));
    if (typeof taken === 'string') throw new HttpError(400, 'step-from-arena', `Stap "${step.id}": ${taken}`);
    out.push(taken);
  }
  return out;
}

/** GET, PUT and DELETE of what a kind keeps for the arena (`KindArena.keeps`). */
function keptRoutes(app: TypedApp, kind: string, keeps: ArenaKept) {
  const ctx = app.oogst;
  const url = `/api/arenas/:arenaId/${keeps.path}`;
  app.get(url, { schema: { params: ArenaParams } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    const kept = await keptBy(ctx.store, arena.id, kind);
    return reply.header('cache-control', 'no-store').send({ value: kept?.value ?? null, updatedAt: kept?.updatedAt ?? null });
  });
  app.put(
    url,
    {
      onRequest: ctx.admission.gate('script'),
      bodyLimit: keeps.maxChars * 4 + 1000,
      schema: { params: ArenaParams, body: Type.Object({ text: Type.String({ minLength: 1, maxLength: keeps.maxChars }) }, { additionalProperties: false }) },
    },
    async (request) => {
      const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
      const parsed = keeps.parse(request.body.text);
      if ('error' in parsed) throw new HttpError(400, 'invalid-upload', parsed.error);
      const updatedAt = Date.now();
      await ctx.store.saveArenaKindData({ arenaId: arena.id, kind, value: JSON.stringify(parsed.value), updatedAt });
      return { value: parsed.value, updatedAt };
    },
  );
  app.delete(url, { schema: { params: ArenaParams } }, async (request, reply) => {
    const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
    await ctx.store.deleteArenaKindData(arena.id, kind);
    return reply.code(204).send();
  });
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

  for (const kind of kinds) {
    const keeps = kind.arena?.keeps;
    if (keeps && !ARENA_ROUTE_PATH.test(keeps.path)) throw new Error(`${kind.kind}: arena path "${keeps.path}" is not one lowercase path segment`);
    if (keeps) keptRoutes(app, kind.kind, keeps);
    for (const route of kind.arena?.routes ?? []) {
      if (!ARENA_ROUTE_PATH.test(route.path)) throw new Error(`${kind.kind}: arena route "${route.path}" is not one lowercase path segment`);
      app.get(`/api/arenas/:arenaId/${route.path}`, { schema: { params: ArenaParams } }, async (request, reply) => {
        const { arena } = await authorisedArena(ctx, request, request.params.arenaId);
        return reply.header('cache-control', 'no-store').send(await route.answer(await arenaSessionsOf(ctx, arena)));
      });
    }
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
