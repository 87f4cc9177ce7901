/** Health, and the facilitation scripts this server offers (with their JSON Schema for editors). */
import type { FastifyInstance } from 'fastify';
import { scriptSummary } from '../scripts/summary.js';
import { scriptJsonSchema } from '../scripts/script-schema.js';

export default async function metaRoutes(app: FastifyInstance) {
  const ctx = app.oogst;

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/api/scripts', async () =>
    ctx.scripts.shippedScripts().map((script) => scriptSummary(script)),
  );

  const schema = scriptJsonSchema();
  app.get('/api/scripts/schema.json', async () => schema);
}
