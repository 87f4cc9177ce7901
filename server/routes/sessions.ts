import QRCode from 'qrcode';
import Type from 'typebox';
import type { Joined, SessionInfo } from '../../core/http.js';
import { authorisedSession, joinBaseOf, joinInfo, linkBases, sessionLinks, snapshotFor, type TypedApp } from '../context.js';
import { HttpError, notFound } from '../http-errors.js';
import { arenaMember, MemberSecretSchema } from '../arena-member.js';
import { hashSecret, newId, newKey, normaliseCode } from '../secrets.js';
import { pseudonym } from '../sessions/pseudonyms.js';
import { sendCompressed } from './compressed.js';

const SessionId = Type.Object({ sessionId: Type.String({ maxLength: 64 }) });

export default async function sessionRoutes(app: TypedApp) {
  const ctx = app.oogst;
  const guesses = ctx.guesses;

  app.get('/api/sessions/:sessionId', { schema: { params: SessionId } }, async (request) => {
    const { sessionId } = request.params;
    const { session, arena, key } = await authorisedSession(ctx, request, sessionId);
    return {
      id: session.id,
      arenaId: session.arenaId,
      title: session.title,
      code: session.code,
      scriptId: session.scriptId,
      createdAt: session.createdAt,
      ...sessionLinks(linkBases(ctx, request), session, arena, key),
    } satisfies SessionInfo;
  });

  app.get('/api/sessions/:sessionId/qr.svg', { schema: { params: SessionId } }, async (request, reply) => {
    const { sessionId } = request.params;
    const session = await ctx.store.getSession(sessionId);
    if (!session) throw notFound('Session');
    const svg = await QRCode.toString(`${joinBaseOf(ctx, request.host).url}/j/${session.code}`, {
      type: 'svg',
      errorCorrectionLevel: 'M',
      margin: 2,
      color: { dark: '#000000', light: '#ffffff' },
    });
    // Revalidated: the address in it changes when the laptop moves to another network.
    return reply.type('image/svg+xml').header('cache-control', 'no-cache').send(svg);
  });

  /** A phone joins by code: a new anonymous participant, or the same one again when it still holds its token. */
  app.post(
    '/api/join',
    {
      schema: {
        body: Type.Object(
          {
            code: Type.String({ minLength: 1, maxLength: 20 }),
            token: Type.Optional(Type.String({ maxLength: 200 })),
            /** The phone's member secret (server/arena-member.ts), sent with a new join. */
            member: Type.Optional(MemberSecretSchema),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const { code, token, member } = request.body;
      const guess = guesses.take(request.ip);
      const session = await ctx.store.getSessionByCode(normaliseCode(code));
      const known = session && token ? await ctx.hub.participantByToken(session.id, hashSecret(token)) : undefined;
      // Refused alike whether the code is right or not, so the refusal tells a guesser nothing; a phone holding its token still gets in.
      if (!guess && !known)
        throw Object.assign(new HttpError(429, 'rate-limited', 'Too many unknown codes are being tried from this network; try again in a minute.'), {
          retryAfter: guesses.retryAfter(request.ip),
        });
      if (!session) {
        await guess!.wrong();
        throw new HttpError(404, 'not-found', 'No session with this code.');
      }
      guess?.right();
      const runtime = await ctx.hub.get(session.id);
      if (!runtime) throw notFound('Session');
      // The answer carries the first snapshot: the phone draws the step while its socket is still connecting.
      const joined = (participant: { id: string; pseudonym: string }, token: string): Joined => ({
        sessionId: session.id,
        participantId: participant.id,
        token,
        pseudonym: participant.pseudonym,
        snapshot: snapshotFor(
          runtime.state,
          { role: 'participant', participantId: participant.id, pseudonym: participant.pseudonym },
          joinInfo(joinBaseOf(ctx, request.host), session),
        ),
      });
      if (known) return sendCompressed(request, reply, JSON.stringify(joined(known, token!)), 'application/json; charset=utf-8');
      // Only a new participant counts: a phone holding its token always comes back in.
      ctx.admission.limit('join', request.ip);
      if (runtime.state.participantCount >= ctx.config.maxParticipants)
        return reply.code(403).send({ error: 'full', message: 'This session is full.' });
      const newToken = newKey();
      const participant = {
        id: newId(),
        sessionId: session.id,
        tokenHash: hashSecret(newToken),
        pseudonym: pseudonym(Math.random, runtime.pseudonyms),
        createdAt: Date.now(),
      };
      runtime.pseudonyms.add(participant.pseudonym);
      await runtime.join(participant, member ? arenaMember(session.arenaId, member) : undefined);
      return sendCompressed(request, reply, JSON.stringify(joined(participant, newToken)), 'application/json; charset=utf-8');
    },
  );
}
