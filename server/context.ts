/** What routes and the realtime layer share: the store, the live sessions, the scripts, and how to build URLs. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, FastifyRequest, RawServerDefault } from 'fastify';
import { PROTOCOL_VERSION, type Locale, type Snapshot, type Viewer } from '../core/protocol.js';
import { project } from '../core/session.js';
import type { SessionState } from '../core/state.js';
import { models } from '../kinds/registry.js';
import type { ScriptLibrary } from './scripts/script-library.js';
import type { FeedHub } from './realtime/feed-server.js';
import type { SessionHub } from './sessions/session-hub.js';
import type { ArenaRow, SessionRow, Store } from './store/store.js';
import { hashSecret, screenKey, secretMatches } from './secrets.js';
import { HttpError, notFound, unauthorized } from './http-errors.js';
import type { Config } from './config.js';
import type { GuessLimiter } from './routes/guess-limiter.js';
import type { Admission } from './admission.js';
import type { HeavyPool } from './heavy/pool.js';
import { joinBase, type JoinBase } from './listen-addresses.js';

export interface AppContext {
  config: Config;
  store: Store;
  hub: SessionHub;
  scripts: ScriptLibrary;
  clientDir: string;
  /** Wrong join codes per address, shared by every place a code is checked. */
  guesses: GuessLimiter;
  /** Open live-feed connections, so revoking a key ends them at once. */
  feeds: FeedHub;
  /** Per-address limits on making arenas, sessions, scripts, imports and joins; free disk space; the store's health. */
  admission: Admission;
  /** Worker threads for harvests, exports and imports, so they never stall the live sessions. */
  heavy: HeavyPool;
  /** The address the HTTP server listens on (null before it does): join links are built from it. */
  listening(): AddressInfo | string | null;
}

/**
 * The app as route plugins see it: `request.body`, `params` and `query` typed from
 * the route's TypeBox schema. Types only: the values are checked (and their text
 * cleaned) by server/validation.ts, the app's one validator.
 */
export type TypedApp = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, TypeBoxTypeProvider>;

declare module 'fastify' {
  interface FastifyInstance {
    oogst: AppContext;
  }
}

/** Where phones join (join links, QR codes, snapshots): see listen-addresses.ts. `host` only picks among the addresses Oogst listens on. */
export function joinBaseOf(ctx: AppContext, host?: string): JoinBase {
  return joinBase(ctx.config, ctx.listening(), host);
}

/**
 * The bases of a session's links: `join` for phones (never the request's Host as
 * such), `links` for whoever asked (console and screen links, which only a key
 * holder gets): PUBLIC_URL, else the address the request came in on, with
 * localhost swapped for the join address, since the screen link is often opened
 * on another machine.
 */
export function linkBases(ctx: AppContext, request: FastifyRequest): { links: string; join: string } {
  const join = joinBaseOf(ctx, request.host);
  if (ctx.config.publicUrl) return { links: ctx.config.publicUrl, join: join.url };
  const loopback = !request.host || /^(localhost|127\.[\d.]+|\[::1\])(:\d+)?$/i.test(request.host);
  return { links: loopback && join.reachable ? join.url : `${request.protocol}://${request.host}`, join: join.url };
}

export function sessionLinks(bases: { links: string; join: string }, session: SessionRow, arena: ArenaRow, arenaKey: string) {
  return {
    consoleUrl: `${bases.links}/console/${session.id}#key=${arenaKey}`,
    screenUrl: `${bases.links}/screen/${session.id}#key=${screenKey(arena.keyHash, session.id)}`,
    joinUrl: `${bases.join}/j/${session.code}`,
  };
}

/** How to join a session, as a snapshot carries it: the code, the URL behind the QR code, the QR code's address, and whether phones can reach it. */
export function joinInfo(base: JoinBase, row: { id: string; code: string }): Snapshot['join'] {
  return { code: row.code, url: `${base.url}/j/${row.code}`, qr: `/api/sessions/${row.id}/qr.svg`, reachable: base.reachable };
}

/** The session as one viewer may see it, with the server's clock: what a view starts from. */
export function snapshotFor(state: SessionState, viewer: Viewer, join: Snapshot['join'], locale?: Locale): Snapshot {
  const projected = project(state, viewer, models);
  return { protocol: PROTOCOL_VERSION, seq: projected.seq, state: projected, you: viewer, serverTime: Date.now(), join, ...(locale ? { locale } : {}) };
}

export function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S{1,200})$/i);
  return match?.[1];
}

/** The arena, if the request carries its key; otherwise 404 for an unknown arena, 401 for a wrong key. */
export async function authorisedArena(ctx: AppContext, request: FastifyRequest, arenaId: string): Promise<{ arena: ArenaRow; key: string }> {
  const arena = await ctx.store.getArena(arenaId);
  if (!arena) throw notFound('Arena');
  const key = bearer(request);
  if (!key || !secretMatches(key, arena.keyHash)) throw unauthorized();
  return { arena, key };
}

/** The header that carries the instance's admin password (OOGST_ADMIN_PASSWORD) when creating or importing an arena. */
export const ADMIN_HEADER = 'x-oogst-admin-password';

/** When the instance has an admin password, only who knows it may create arenas. */
export function requireAdmin(ctx: AppContext, request: FastifyRequest) {
  const expected = ctx.config.adminPassword;
  if (!expected) return;
  const given = request.headers[ADMIN_HEADER];
  if (typeof given !== 'string' || !secretMatches(given, hashSecret(expected)))
    throw new HttpError(401, 'unauthorized', 'This server asks for its admin password to create an arena.');
}

export async function authorisedSession(ctx: AppContext, request: FastifyRequest, sessionId: string) {
  const session = await ctx.store.getSession(sessionId);
  if (!session) throw notFound('Session');
  const { arena, key } = await authorisedArena(ctx, request, session.arenaId);
  return { session, arena, key };
}

export { hashSecret, HttpError };
