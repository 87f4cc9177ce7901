/**
 * The harvest of a session and of a whole arena, in every format
 * (`harvest.md|json|csv|docx|html`), for who holds the arena's key (the arena's
 * monitoring trend on its own is in arena-parts.ts). Rebuilt from
 * the logs on every request, so it always matches what happened; rendered in a
 * worker thread (server/heavy/), so a large harvest never stalls the live sessions.
 */
import Type from 'typebox';
import { authorisedArena, authorisedSession, type TypedApp } from '../context.js';
import type { RenderedHarvest } from '../harvest/harvest.js';
import type { HeavyResult } from '../heavy/jobs.js';
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
