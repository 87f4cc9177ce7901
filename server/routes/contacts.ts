/**
 * The network: participants who want an invitation to the next meeting leave a
 * name and email address, under the consent text the facilitator showed (only
 * while the facilitator asks: `session.contacts`). They are kept apart from the
 * session's log, so no harvest ever holds them; the facilitator exports them as
 * CSV. Deleting the session or the arena deletes them.
 */
import Type from 'typebox';
import { authorisedArena, type TypedApp } from '../context.js';
import { csvCell, csvFile, CSV_SEPARATOR } from '../harvest/render-csv.js';
import { fileName } from '../harvest/send.js';
import { HttpError, notFound } from '../http-errors.js';
import { hashSecret } from '../secrets.js';

/** Something@something.tld, no spaces: what a mail program would accept, not a full RFC 5322 parser. */
export const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]{2,}$/;

export default async function contactRoutes(app: TypedApp) {
  const ctx = app.oogst;

  app.post(
    '/api/sessions/:sessionId/contacts',
    {
      schema: {
        params: Type.Object({ sessionId: Type.String({ maxLength: 64 }) }),
        body: Type.Object(
          {
            token: Type.String({ minLength: 1, maxLength: 200 }),
            name: Type.String({ minLength: 1, maxLength: 120 }),
            email: Type.String({ minLength: 3, maxLength: 254 }),
            consent: Type.Literal(true),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { sessionId } = request.params;
      const body = request.body;
      const runtime = await ctx.hub.get(sessionId);
      if (!runtime) throw notFound('Session');
      const participant = await runtime.tokens.byHash(hashSecret(body.token));
      if (!participant) throw new HttpError(401, 'unauthorized', 'Join the session again with its code.');
      const asked = runtime.state.contacts;
      if (!asked?.open) throw new HttpError(403, 'closed', 'The facilitator is not asking for contact details now.');
      const name = body.name.replace(/\s+/g, ' ').trim();
      const email = body.email.trim().toLowerCase();
      if (!name) throw new HttpError(400, 'invalid', 'A name is needed.', [{ path: '/name', message: 'is empty' }]);
      if (!EMAIL.test(email)) throw new HttpError(400, 'invalid', 'This is not an email address.', [{ path: '/email', message: 'is not an email address' }]);
      await ctx.store.saveContact({ sessionId, participantId: participant.id, name, email, consent: asked.consent, createdAt: Date.now() });
      return reply.code(204).send();
    },
  );

  app.get('/api/arenas/:arenaId/contacts.csv', { schema: { params: Type.Object({ arenaId: Type.String({ maxLength: 64 }) }) } }, async (request, reply) => {
    const { arenaId } = request.params;
    const { arena } = await authorisedArena(ctx, request, arenaId);
    const sessions = new Map((await ctx.store.listSessions(arena.id)).map((s) => [s.id, s.title]));
    const lines = [['Naam', 'E-mail', 'Bijeenkomst', 'Datum', 'Toestemming'].join(CSV_SEPARATOR)];
    for (const c of await ctx.store.listContacts(arena.id))
      lines.push([c.name, c.email, sessions.get(c.sessionId), new Date(c.createdAt).toISOString(), c.consent].map(csvCell).join(CSV_SEPARATOR));
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="${fileName(arena.title, 'csv').replace(/^oogst-/, 'contacten-')}"`)
      .send(csvFile(lines));
  });
}
