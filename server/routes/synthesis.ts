/**
 * A session's synthesis from the arena page, with the arena's key: read it, or write
 * it as the facilitator would on the console. Writing runs the core command
 * `session.synthesis` in the session, so it lands in the session's log like every
 * other change and travels with it (harvest, export, import). The arena's own
 * synthesis is one of its fields (`PATCH /api/arenas/:id`).
 */
import Type from 'typebox';
import type { SessionSynthesis } from '../../core/http.js';
import { SynthesisSchema } from '../synthesis-schemas.js';
import { authorisedSession, type TypedApp } from '../context.js';
import { HttpError, notFound } from '../http-errors.js';
import { newId } from '../secrets.js';

const SessionId = Type.Object({ sessionId: Type.String({ maxLength: 64 }) });

export default async function synthesisRoutes(app: TypedApp) {
  const ctx = app.oogst;

  app.get('/api/sessions/:sessionId/synthesis', { schema: { params: SessionId } }, async (request, reply) => {
    const { session } = await authorisedSession(ctx, request, request.params.sessionId);
    const runtime = await ctx.hub.caughtUp(session.id);
    if (!runtime) throw notFound('Session');
    return reply.header('cache-control', 'no-store').send({ synthesis: runtime.state.synthesis ?? null } satisfies SessionSynthesis);
  });

  app.put('/api/sessions/:sessionId/synthesis', { schema: { params: SessionId, body: SynthesisSchema } }, async (request, reply) => {
    const { session } = await authorisedSession(ctx, request, request.params.sessionId);
    const runtime = await ctx.hub.caughtUp(session.id);
    if (!runtime) throw notFound('Session');
    const ack = await runtime.handle({ id: newId(), type: 'session.synthesis', payload: request.body }, { role: 'facilitator' });
    if (!ack.ok) throw new HttpError(409, ack.error, ack.message, ack.details);
    return reply.header('cache-control', 'no-store').send({ synthesis: runtime.state.synthesis ?? null } satisfies SessionSynthesis);
  });
}
