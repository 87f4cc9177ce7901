/** Health, and the facilitation scripts this server offers (with their JSON Schema for editors). */
import type { FastifyInstance } from 'fastify';
import { scriptJsonSchema } from '../scripts/script-schema.js';

export default async function metaRoutes(app: FastifyInstance) {
  const ctx = app.oogst;

  app.get('/healthz', async () => ({ status: 'ok' }));

  app.get('/api/scripts', async () =>
    [...ctx.scripts.values()].map(({ id, title, description, language, duration, steps }) => ({
      id,
      title,
      description,
      language,
      duration,
      steps: steps.map((s) => ({ id: s.id, kind: s.kind, title: s.title, duration: s.duration })),
    })),
  );

  const schema = scriptJsonSchema();
  app.get('/api/scripts/schema.json', async () => schema);
}
