/** Health, and the facilitation scripts this server offers (with their JSON Schema for editors). */
import type { FastifyInstance } from 'fastify';
import { scriptSummary } from '../scripts/summary.js';
import { scriptJsonSchema } from '../scripts/script-schema.js';
import { commitCounts } from '../sessions/session-runtime.js';

export default async function metaRoutes(app: FastifyInstance) {
  const ctx = app.oogst;

  // Degraded, not down, while only the disk is low: running sessions carry on. A store that fails
  // to write answers 503, so a load balancer sends phones to a server that can keep their notes.
  app.get('/healthz', async (_request, reply) => {
    const health = await ctx.admission.health();
    // `commits`: what group commit did since the start (transactions, events, retries after a refused seq); `loaded`: sessions in memory.
    const body = { ...health, commits: commitCounts, loaded: ctx.hub.loaded };
    return reply.code(health.store === 'failing' ? 503 : 200).header('cache-control', 'no-store').send(body);
  });

  app.get('/api/scripts', async () =>
    ctx.scripts.shippedScripts().map((script) => scriptSummary(script)),
  );

  const schema = scriptJsonSchema();
  app.get('/api/scripts/schema.json', async () => schema);
}
