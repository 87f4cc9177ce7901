/**
 * An arena's life: change its title, theme, ambition, way of working and synthesis; plan or rename a session;
 * delete a session or the whole arena with everything in it (GDPR: a live session
 * is dropped from memory and its views disconnected); export it as one JSON file
 * and import that file elsewhere, as a new arena with a new key.
 */
import type { FastifyRequest } from 'fastify';
import Type, { type TSchema } from 'typebox';
import type { ArenaCreated, ArenaFields, ArenaWork } from '../../core/http.js';
import { LOCALES } from '../../core/protocol.js';
import { hasSynthesis, MAX_CORE_THEME, MAX_RESEARCH_QUESTION, tidySynthesis } from '../../core/synthesis.js';
import { ArenaMethodSchema, SynthesisSchema } from '../synthesis-schemas.js';
import type { ArenaRow } from '../store/store.js';
import { authorisedArena, authorisedSession, requireAdmin, type TypedApp } from '../context.js';
import { fileName } from '../harvest/send.js';
import { movable } from '../heavy/jobs.js';
import { HttpError } from '../http-errors.js';
import { hashSecret, newKey } from '../secrets.js';

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
const OrNull = <T extends TSchema>(t: T) => Type.Optional(Type.Union([t, Type.Null()]));

/** The arena's ambition, way of working and synthesis, as its page reads them. */
export const arenaWork = (arena: ArenaRow): ArenaWork => ({
  ambition: arena.ambition ?? null,
  method: arena.method ?? null,
  coreTheme: arena.coreTheme ?? null,
  researchQuestion: arena.researchQuestion ?? null,
  synthesis: arena.synthesis ?? null,
});

export default async function arenaLifecycleRoutes(app: TypedApp) {
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
            ambition: OrNull(Type.String({ maxLength: 2000 })),
            /** The way of working the arena follows; null: none said. */
            method: OrNull(ArenaMethodSchema),
            coreTheme: OrNull(Type.String({ maxLength: MAX_CORE_THEME })),
            researchQuestion: OrNull(Type.String({ maxLength: MAX_RESEARCH_QUESTION })),
            /** The facilitator's synthesis of the arena, all four parts; all empty (or null) removes it. */
            synthesis: OrNull(SynthesisSchema),
            /** The screen's language; open screens and consoles switch at once. */
            locale: Type.Optional(Type.Union(LOCALES.map((l) => Type.Literal(l)))),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
      },
    },
    async (request) => {
      const { arenaId } = request.params;
      const { arena } = await authorisedArena(ctx, request, arenaId);
      const body = request.body;
      const title = body.title?.trim();
      if (body.title !== undefined && !title) throw new HttpError(400, 'invalid', 'An arena needs a title.');
      const synthesis = body.synthesis && tidySynthesis(body.synthesis);
      await ctx.store.updateArena(arena.id, {
        ...(title ? { title } : {}),
        theme: tidy(body.theme),
        ambition: tidy(body.ambition),
        method: body.method,
        coreTheme: tidy(body.coreTheme),
        researchQuestion: tidy(body.researchQuestion),
        synthesis: synthesis === undefined ? undefined : hasSynthesis(synthesis) ? synthesis : null,
      });
      if (body.locale && body.locale !== arena.locale) {
        await ctx.store.setArenaLocale(arena.id, body.locale);
        ctx.hub.arenaLocaleChanged((await ctx.store.listSessions(arena.id)).map((s) => s.id), body.locale);
      }
      const after = (await ctx.store.getArena(arena.id))!;
      return { id: after.id, title: after.title, theme: after.theme, locale: after.locale, ...arenaWork(after) } satisfies ArenaFields;
    },
  );

  app.delete('/api/arenas/:arenaId', { schema: { params: ArenaId } }, async (request, reply) => {
    const { arenaId } = request.params;
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
      const { sessionId } = request.params;
      const { session } = await authorisedSession(ctx, request, sessionId);
      const body = request.body;
      const title = body.title?.trim();
      if (body.title !== undefined && !title) throw new HttpError(400, 'invalid', 'A session needs a title.');
      await ctx.store.updateSession(session.id, { ...(title ? { title } : {}), plannedAt: plannedAt(body.plannedAt) });
      const after = (await ctx.store.getSession(session.id))!;
      return { id: after.id, title: after.title, plannedAt: after.plannedAt ?? null };
    },
  );

  app.delete('/api/sessions/:sessionId', { schema: { params: SessionId } }, async (request, reply) => {
    const { sessionId } = request.params;
    const { session } = await authorisedSession(ctx, request, sessionId);
    await ctx.store.deleteSession(session.id);
    ctx.hub.evict(session.id);
    return reply.code(204).send();
  });

  app.get('/api/arenas/:arenaId/export.json', { schema: { params: ArenaId } }, async (request, reply) => {
    const { arenaId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const { body } = await ctx.heavy.run({ kind: 'export', arenaId: arena.id });
    return reply
      .type('application/json; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName(arena.title, 'json').replace(/^oogst-/, 'arena-')}"`)
      .send(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  });

  // The file is parsed, checked, replayed and stored in a worker thread (server/heavy/import-job.ts):
  // a large one would hold the event loop for seconds. Here its body stays bytes.
  await app.register(async (raw) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: ctx.config.maxImportBytes }, (_request, body, done) => done(null, body));
    // The address's limit, the free space and the admin password are checked before a byte of the file is read.
    const onRequest = [ctx.admission.gate('import'), async (request: FastifyRequest) => requireAdmin(ctx, request)];
    raw.post('/api/arenas/import', { bodyLimit: ctx.config.maxImportBytes, onRequest }, async (request, reply) => {
      const body = request.body;
      if (!Buffer.isBuffer(body)) throw new HttpError(400, 'invalid', 'Send the arena file as JSON (content-type: application/json).');
      const key = newKey();
      const { meta } = await ctx.heavy.run({ kind: 'import', file: movable(body), keyHash: hashSecret(key) });
      const arena = meta as Omit<ArenaCreated, 'key'>;
      return reply.code(201).send({ id: arena.id, title: arena.title, theme: arena.theme, locale: arena.locale, method: arena.method ?? null, key } satisfies ArenaCreated);
    });
  });
}
