import Type from 'typebox';
import type { ArenaCreated, ArenaDetails, SessionCreatedReply } from '../../core/http.js';
import type { SessionEvent } from '../../core/protocol.js';
import { CORE_EVENTS } from '../../core/session.js';
import type { SessionCreated, StepDef } from '../../core/state.js';
import { MAX_ARENA_SESSIONS } from '../arena-transfer.js';
import { contextFromArena } from '../sessions/arena-context.js';
import { stepsInArena } from './arena-parts.js';
import { authorisedArena, linkBases, requireAdmin, sessionLinks, type TypedApp } from '../context.js';
import { HttpError } from '../http-errors.js';
import { hashSecret, newId, newJoinCode, newKey } from '../secrets.js';
import { arenaWork, PlannedDate, plannedAt } from './arena-lifecycle.js';
import { ArenaMethodSchema } from '../synthesis-schemas.js';

const ArenaId = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });

export default async function arenaRoutes(app: TypedApp) {
  const ctx = app.oogst;

  app.post(
    '/api/arenas',
    {
      onRequest: ctx.admission.gate('arena'),
      schema: {
        body: Type.Object(
          {
            title: Type.String({ minLength: 1, maxLength: 120 }),
            theme: Type.Optional(Type.String({ maxLength: 1000 })),
            /** The way of working the arena follows, if the facilitator says (core/synthesis.ts). */
            method: Type.Optional(ArenaMethodSchema),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      requireAdmin(ctx, request);
      const { title, theme, method = null } = request.body;
      const key = newKey();
      const arena = { id: newId(), title: title.trim(), theme: theme?.trim() || null, method, keyHash: hashSecret(key), createdAt: Date.now() };
      if (!arena.title) throw new HttpError(400, 'invalid', 'An arena needs a title.');
      await ctx.store.createArena(arena);
      return reply.code(201).send({ id: arena.id, title: arena.title, theme: arena.theme, locale: 'nl', method, key } satisfies ArenaCreated);
    },
  );

  app.get('/api/arenas/:arenaId', { schema: { params: ArenaId } }, async (request) => {
    const { arenaId } = request.params;
    const { arena, key } = await authorisedArena(ctx, request, arenaId);
    const base = linkBases(ctx, request);
    const sessions = await ctx.store.listSessions(arena.id);
    return {
      id: arena.id,
      title: arena.title,
      theme: arena.theme,
      locale: arena.locale ?? 'nl',
      ...arenaWork(arena),
      createdAt: arena.createdAt,
      sessions: sessions.map((s) => ({
        id: s.id,
        title: s.title,
        code: s.code,
        scriptId: s.scriptId,
        createdAt: s.createdAt,
        plannedAt: s.plannedAt ?? null,
        ...sessionLinks(base, s, arena, key),
      })),
    } satisfies ArenaDetails;
  });

  app.post(
    '/api/arenas/:arenaId/sessions',
    {
      onRequest: ctx.admission.gate('session'),
      schema: {
        params: ArenaId,
        body: Type.Object(
          {
            /** A script id; or `from`, an earlier session of the arena to run again (same agenda, new date). */
            script: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            from: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
            title: Type.Optional(Type.String({ maxLength: 120 })),
            plannedAt: Type.Optional(PlannedDate),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { arenaId } = request.params;
      const { arena, key } = await authorisedArena(ctx, request, arenaId);
      if ((await ctx.store.listSessions(arena.id)).length >= MAX_ARENA_SESSIONS)
        throw new HttpError(409, 'arena-full', `This arena holds ${MAX_ARENA_SESSIONS} sessions, the most it can; delete old ones or start a new arena.`);
      const body = request.body;
      const { steps: planned, ...info } = await scriptFor(arena.id, body);
      const steps = await stepsInArena(ctx.store, arena.id, planned);
      const now = Date.now();
      const session = {
        id: newId(),
        arenaId: arena.id,
        code: await freeCode(),
        title: body.title?.trim() || info.title,
        scriptId: info.id,
        createdAt: now,
        plannedAt: plannedAt(body.plannedAt) ?? null,
      };
      const arenaContext = await contextFromArena(ctx.store, ctx.hub, arena, steps);
      const created: SessionEvent<SessionCreated> = {
        id: `created-${session.id}`,
        seq: 1,
        type: CORE_EVENTS.created,
        actor: { role: 'facilitator' },
        payload: { title: session.title, arena: { id: arena.id, title: arena.title }, script: info, steps, ...(arenaContext ? { arenaContext } : {}) },
        at: now,
      };
      await ctx.store.createSession(session, created);
      return reply
        .code(201)
        .send({ id: session.id, code: session.code, title: session.title, ...sessionLinks(linkBases(ctx, request), session, arena, key) } satisfies SessionCreatedReply);
    },
  );

  /**
   * The agenda of a new session: a script of the library, or the very agenda of an
   * earlier session ("standardise the form": the same steps, a new date), even if
   * its script has changed or gone since.
   */
  async function scriptFor(arenaId: string, body: { script?: string; from?: string }): Promise<SessionCreated['script'] & { steps: StepDef[] }> {
    if (!body.script === !body.from) throw new HttpError(400, 'invalid', 'Give either "script" (a script id) or "from" (a session to run again).');
    if (body.from) {
      const earlier = await ctx.store.getSession(body.from);
      const runtime = earlier?.arenaId === arenaId ? await ctx.hub.get(earlier.id) : undefined;
      if (!runtime) throw new HttpError(400, 'invalid', `No session "${body.from}" in this arena.`);
      return { ...runtime.state.script, steps: structuredClone(runtime.state.steps) };
    }
    const script = (await ctx.scripts.get(body.script!, arenaId))?.script;
    if (!script) throw new HttpError(400, 'invalid', `No script "${body.script}". GET /api/arenas/${arenaId}/scripts lists them.`);
    return script;
  }

  async function freeCode(): Promise<string> {
    // 31^6 ≈ 887 million codes: a collision is rare, and checked.
    for (;;) {
      const code = newJoinCode();
      if (!(await ctx.store.getSessionByCode(code))) return code;
    }
  }
}
