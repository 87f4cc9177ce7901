/**
 * An arena's life: change its title, theme and ambition; plan or rename a session;
 * delete a session or the whole arena with everything in it (GDPR: a live session
 * is dropped from memory and its views disconnected); export it as one JSON file
 * and import that file elsewhere, as a new arena with a new key.
 */
import type { FastifyInstance } from 'fastify';
import Type from 'typebox';
import type { ArenaCreated, ArenaFields } from '../../core/http.js';
import { LOCALES, type Locale } from '../../core/protocol.js';
import { ExportSchema, fromExport, MAX_IMPORT_BYTES, toExport, type ArenaExport } from '../arena-transfer.js';
import { authorisedArena, authorisedSession, requireAdmin } from '../context.js';
import { fileName } from '../harvest/send.js';
import { HttpError, notFound } from '../http-errors.js';
import { importProblems, type ImportProblem } from '../import-checks.js';
import { hashSecret, newJoinCode, newKey } from '../secrets.js';
import { isTakenKey } from '../store/store-errors.js';

const ArenaId = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });
const SessionId = Type.Object({ sessionId: Type.String({ maxLength: 64 }) });
/** A day ("2026-12-01") or a moment ("2026-12-01T19:30:00+01:00"); null clears it. */
export const PlannedDate = Type.Union([Type.String({ minLength: 10, maxLength: 40 }), Type.Null()]);

/** Milliseconds for a planned date, null to clear it; a clear error for a date that is none. */
export function plannedAt(value: string | null | undefined): number | null | undefined {
  if (value === undefined || value === null) return value;
  const ms = Date.parse(value);
  if (!Number.isFinite(ms)) throw new HttpError(400, 'invalid', `"${value}" is not a date: use e.g. 2026-12-01 or 2026-12-01T19:30.`);
  return ms;
}

const tidy = (s: string | null | undefined) => (s === undefined ? undefined : s === null ? null : s.trim() || null);

export default async function arenaLifecycleRoutes(app: FastifyInstance) {
  const ctx = app.oogst;

  app.patch(
    '/api/arenas/:arenaId',
    {
      schema: {
        params: ArenaId,
        body: Type.Object(
          {
            title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
            theme: Type.Optional(Type.Union([Type.String({ maxLength: 1000 }), Type.Null()])),
            ambition: Type.Optional(Type.Union([Type.String({ maxLength: 2000 }), Type.Null()])),
            /** The screen's language; open screens and consoles switch at once. */
            locale: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const { arenaId } = request.params as { arenaId: string };
      const { arena } = await authorisedArena(ctx, request, arenaId);
      const body = request.body as { title?: string; theme?: string | null; ambition?: string | null; locale?: Locale };
      const title = body.title?.trim();
      if (body.title !== undefined && !title) throw new HttpError(400, 'invalid', 'An arena needs a title.');
      await ctx.store.updateArena(arena.id, { ...(title ? { title } : {}), theme: tidy(body.theme), ambition: tidy(body.ambition) });
      if (body.locale && body.locale !== arena.locale) {
        await ctx.store.setArenaLocale(arena.id, body.locale);
        ctx.hub.arenaLocaleChanged((await ctx.store.listSessions(arena.id)).map((s) => s.id), body.locale);
      }
      const after = (await ctx.store.getArena(arena.id))!;
      return { id: after.id, title: after.title, theme: after.theme, ambition: after.ambition ?? null, locale: after.locale } satisfies ArenaFields;
    },
  );

  app.delete('/api/arenas/:arenaId', { schema: { params: ArenaId } }, async (request, reply) => {
    const { arenaId } = request.params as { arenaId: string };
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const sessions = await ctx.store.listSessions(arena.id);
    await ctx.store.deleteArena(arena.id);
    for (const s of sessions) ctx.hub.evict(s.id);
    return reply.code(204).send();
  });

  app.patch(
    '/api/sessions/:sessionId',
    {
      schema: {
        params: SessionId,
        body: Type.Object({ title: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })), plannedAt: Type.Optional(PlannedDate) }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const { sessionId } = request.params as { sessionId: string };
      const { session } = await authorisedSession(ctx, request, sessionId);
      const body = request.body as { title?: string; plannedAt?: string | null };
      const title = body.title?.trim();
      if (body.title !== undefined && !title) throw new HttpError(400, 'invalid', 'A session needs a title.');
      await ctx.store.updateSession(session.id, { ...(title ? { title } : {}), plannedAt: plannedAt(body.plannedAt) });
      const after = (await ctx.store.getSession(session.id))!;
      return { id: after.id, title: after.title, plannedAt: after.plannedAt ?? null };
    },
  );

  app.delete('/api/sessions/:sessionId', { schema: { params: SessionId } }, async (request, reply) => {
    const { sessionId } = request.params as { sessionId: string };
    const { session } = await authorisedSession(ctx, request, sessionId);
    await ctx.store.deleteSession(session.id);
    ctx.hub.evict(session.id);
    return reply.code(204).send();
  });

  app.get('/api/arenas/:arenaId/export.json', { schema: { params: ArenaId } }, async (request, reply) => {
    const { arenaId } = request.params as { arenaId: string };
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const dump = await ctx.store.exportArena(arena.id);
    if (!dump) throw notFound('Arena');
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName(arena.title, 'json').replace(/^oogst-/, 'arena-')}"`)
      .send(JSON.stringify(toExport(dump)));
  });

  app.post('/api/arenas/import', { bodyLimit: MAX_IMPORT_BYTES, schema: { body: ExportSchema } }, async (request, reply) => {
    requireAdmin(ctx, request);
    const file = request.body as ArenaExport;
    const refuse = (p: ImportProblem) => new HttpError(p.status, p.code, p.problem, undefined, p.params);
    if (await ctx.store.getArena(file.arena.id)) throw refuse(importProblems.arenaExists());
    const codes = new Map<string, string>();
    for (const s of file.sessions) {
      if (await ctx.store.getSession(s.id)) throw refuse(importProblems.sessionExists(s.title));
      // A join code taken here by another session gets a fresh one; nothing refers to codes.
      let code = s.code;
      while ((await ctx.store.getSessionByCode(code)) || [...codes.values()].includes(code)) code = newJoinCode();
      codes.set(s.id, code);
    }
    const key = newKey();
    const dump = fromExport(file, hashSecret(key), codes);
    if ('problem' in dump) throw refuse(dump);
    try {
      await ctx.store.importArena(dump);
    } catch (error) {
      // The checks above leave one taken key: a participant id of another arena (or a race with a second import).
      if (isTakenKey(error)) throw refuse(importProblems.idsTaken());
      throw error;
    }
    const { arena } = dump;
    return reply.code(201).send({ id: arena.id, title: arena.title, theme: arena.theme, locale: arena.locale ?? 'nl', key } satisfies ArenaCreated);
  });
}
