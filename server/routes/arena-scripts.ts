/**
 * An arena's facilitation scripts: list them (shipped and own), fetch one as YAML
 * to copy and adapt, save one (checked like a shipped script; refused with every
 * problem by line and field, and nothing saved), and remove one.
 */
import Type from 'typebox';
import type { ArenaScript, ScriptProblemInfo } from '../../core/http.js';
import { MAX_ARENA_SCRIPTS } from '../arena-transfer.js';
import { authorisedArena, type TypedApp } from '../context.js';
import { HttpError, notFound } from '../http-errors.js';
import { MAX_SCRIPT_BYTES } from '../scripts/script-library.js';
import { ScriptIdSchema } from '../scripts/script-schema.js';
import { scriptSummary } from '../scripts/summary.js';
import { stepsInArena } from './arena-parts.js';

const Params = Type.Object({ arenaId: Type.String({ maxLength: 64 }) });
const ScriptParams = Type.Object({ arenaId: Type.String({ maxLength: 64 }), scriptId: ScriptIdSchema });

export default async function arenaScriptRoutes(app: TypedApp) {
  const ctx = app.oogst;
  // A script can be uploaded as the YAML file itself.
  app.addContentTypeParser(['application/yaml', 'text/yaml', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_SCRIPT_BYTES + 1000 }, (_req, body, done) =>
    done(null, { yaml: body }),
  );

  app.get('/api/arenas/:arenaId/scripts', { schema: { params: Params } }, async (request) => {
    const { arenaId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    return (await ctx.scripts.list(arena.id)).map(
      (e): ArenaScript => ({ ...scriptSummary(e.script), source: e.source, ...(e.updatedAt ? { updatedAt: e.updatedAt } : {}) }),
    );
  });

  app.get('/api/arenas/:arenaId/scripts/:scriptId.yaml', { schema: { params: ScriptParams } }, async (request, reply) => {
    const { arenaId, scriptId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const entry = await ctx.scripts.get(scriptId, arena.id);
    if (!entry) throw notFound('Script');
    return reply.type('application/yaml; charset=utf-8').header('cache-control', 'no-store').send(entry.yaml);
  });

  app.put(
    '/api/arenas/:arenaId/scripts/:scriptId',
    {
      onRequest: ctx.admission.gate('script'),
      schema: { params: ScriptParams, body: Type.Object({ yaml: Type.String({ minLength: 1, maxLength: MAX_SCRIPT_BYTES }) }, { additionalProperties: false }) },
    },
    async (request) => {
      const { arenaId, scriptId } = request.params;
      const { arena } = await authorisedArena(ctx, request, arenaId);
      const own = await ctx.store.listArenaScripts(arena.id);
      if (own.length >= MAX_ARENA_SCRIPTS && !own.some((s) => s.id === scriptId))
        throw new HttpError(409, 'arena-full', `This arena holds ${MAX_ARENA_SCRIPTS} scripts of its own, the most it can; remove one first.`);
      const saved = await ctx.scripts.save(arena.id, scriptId, request.body.yaml);
      if (!saved.ok) {
        const problems: ScriptProblemInfo[] = saved.problems.map(({ line, field, message }) => ({ ...(line ? { line } : {}), field, message }));
        throw new HttpError(
          400,
          'invalid',
          problems.map((p) => `${p.line ? `line ${p.line}: ` : ''}${p.field ? `${p.field} ` : ''}${p.message}`).join('; '),
          problems.map((p) => ({ path: p.field, message: `${p.line ? `line ${p.line}: ` : ''}${p.message}` })),
        );
      }
      // Saved; but say so now when a session of it could not be made in this arena yet.
      const warning = await stepsInArena(ctx.store, arena.id, saved.script.steps).then(
        () => undefined,
        (e: unknown) => (e instanceof HttpError ? e.message : undefined),
      );
      return { ...scriptSummary(saved.script), source: 'arena', ...(warning ? { warning } : {}) } satisfies ArenaScript;
    },
  );

  app.delete('/api/arenas/:arenaId/scripts/:scriptId', { schema: { params: ScriptParams } }, async (request, reply) => {
    const { arenaId, scriptId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    if (!(await ctx.scripts.remove(arena.id, scriptId))) throw notFound('Script');
    return reply.code(204).send();
  });
}
