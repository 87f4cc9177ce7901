/**
 * The live feed: keys the facilitator creates and revokes (arena key), and the
 * read-only WebSocket itself (feed key). Only a key's hash is stored, so a key is
 * shown once, when it is created. Protocol: docs/PROTOCOL.md, "Feed".
 */
import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import { Compile } from 'typebox/compile';
import type { WebSocket } from 'ws';
import { FEED_CLOSE } from '../../core/feed.js';
import type { FeedKeyCreated, FeedKeyInfo } from '../../core/http.js';
import { EntityIdSchema } from '../../kinds/ids.js';
import { authorisedSession, bearer, joinBaseOf, joinInfo, linkBases, type AppContext, type TypedApp } from '../context.js';
import { HttpError, notFound } from '../http-errors.js';
import { hashSecret, newId, newKey } from '../secrets.js';
import type { FeedKeyRow } from '../store/store.js';
import { explain, describe } from '../validation.js';

/** Keys one session may have at once: a handful of integrations, not one per viewer. */
export const MAX_FEED_KEYS = 20;

const SessionId = Type.Object({ sessionId: Type.String({ maxLength: 64 }) });
const KeyParams = Type.Object({ sessionId: Type.String({ maxLength: 64 }), keyId: EntityIdSchema });
const NewKey = Type.Object({ label: Type.Optional(Type.String({ maxLength: 60 })) }, { additionalProperties: false });
const FeedQuery = Type.Object(
  {
    key: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    after: Type.Optional(Type.String({ pattern: '^[0-9]{1,12}$' })),
  },
  { additionalProperties: false },
);
/** Checked in the handler, not by the route's schema: a refusal must come after the upgrade (see openFeed). */
const feedQuery = Compile(FeedQuery);

const info = (row: FeedKeyRow): FeedKeyInfo => ({ id: row.id, label: row.label, createdAt: row.createdAt, revokedAt: row.revokedAt });

/** The address a feed client connects to: the page's base with ws(s), the key in the query (see PROTOCOL.md on why). */
const feedUrl = (base: string, sessionId: string, key: string) => `${base.replace(/^http/, 'ws')}/api/sessions/${sessionId}/feed?key=${key}`;

export default async function feedRoutes(app: TypedApp) {
  const ctx = app.oogst;

  app.get('/api/sessions/:sessionId/feed-keys', { schema: { params: SessionId } }, async (request) => {
    const { sessionId } = request.params;
    const { session } = await authorisedSession(ctx, request, sessionId);
    return (await ctx.store.listFeedKeys(session.id)).map(info);
  });

  app.post('/api/sessions/:sessionId/feed-keys', { schema: { params: SessionId, body: NewKey } }, async (request, reply) => {
    const { sessionId } = request.params;
    const { label = '' } = request.body;
    const { session } = await authorisedSession(ctx, request, sessionId);
    const active = (await ctx.store.listFeedKeys(session.id)).filter((k) => k.revokedAt === null);
    if (active.length >= MAX_FEED_KEYS)
      throw new HttpError(409, 'feed-keys-full', `A session can have ${MAX_FEED_KEYS} feed keys; revoke one first.`);
    const key = newKey();
    const row: FeedKeyRow = { id: newId(), sessionId: session.id, keyHash: hashSecret(key), label: label.trim(), createdAt: Date.now(), revokedAt: null };
    await ctx.store.createFeedKey(row);
    return reply.code(201).send({ ...info(row), key, url: feedUrl(linkBases(ctx, request).links, session.id, key) } satisfies FeedKeyCreated);
  });

  app.delete('/api/sessions/:sessionId/feed-keys/:keyId', { schema: { params: KeyParams } }, async (request, reply) => {
    const { sessionId, keyId } = request.params;
    const { session } = await authorisedSession(ctx, request, sessionId);
    if (!(await ctx.store.revokeFeedKey(session.id, keyId, Date.now()))) throw notFound('Active feed key');
    ctx.feeds.revoked(session.id, keyId);
    return reply.code(204).send();
  });

  app.route({
    method: 'GET',
    url: '/api/sessions/:sessionId/feed',
    schema: { params: SessionId },
    handler: (_request, reply) =>
      reply.code(426).header('upgrade', 'websocket').send({ error: 'upgrade-required', message: 'The feed is a WebSocket: connect with ws:// or wss://.' }),
    wsHandler: (socket, request) =>
      openFeed(ctx, socket, request, request.params.sessionId).catch((err) => {
        request.log.error({ err }, 'feed failed to start');
        socket.close(1011, 'The server could not start the feed.');
      }),
  });
}

/**
 * Every refusal happens after the upgrade, as a close code with a reason: a browser
 * sees neither the status nor the body of a refused upgrade, and an overlay should
 * know to stop retrying a revoked key.
 */
async function openFeed(ctx: AppContext, socket: WebSocket, request: FastifyRequest, sessionId: string) {
  const query = request.query;
  if (!feedQuery.Check(query)) return socket.close(FEED_CLOSE.invalid, describe(explain(FeedQuery, query)).slice(0, 120));
  const { key: queryKey, after } = query;
  const key = bearer(request) ?? queryKey;
  const runtime = await ctx.hub.get(sessionId);
  if (!runtime) return socket.close(FEED_CLOSE.notFound, 'No such session.');
  if (!key) return socket.close(FEED_CLOSE.unauthorized, 'A feed key is needed: ?key=<key> or "Authorization: Bearer <key>".');
  const keyHash = hashSecret(key);
  const row = await ctx.store.getFeedKeyByHash(sessionId, keyHash);
  if (!row) return socket.close(FEED_CLOSE.unauthorized, 'This is not a feed key of this session.');
  if (row.revokedAt !== null) return socket.close(FEED_CLOSE.revoked, 'This feed key was revoked.');
  if (socket.readyState !== socket.OPEN) return;
  const join = joinInfo(joinBaseOf(ctx, request.host), runtime.row);
  await ctx.feeds.attach(socket, runtime, { keyId: row.id, keyHash, join, ...(after === undefined ? {} : { after: Number(after) }) });
}
