/**
 * The live feed: a read-only plain WebSocket for integrations that do not speak
 * socket.io (a second display, a stream overlay, an archive bot). It carries
 * exactly what the screen receives, decided by core/delivery.ts, so "public"
 * has one definition. Documented in docs/PROTOCOL.md ("Feed").
 */
import type { Audience } from './kind.js';
import { deliveries } from './delivery.js';
import type { SessionEvent, Snapshot } from './protocol.js';
import { applyEvent, audienceOf, CORE_EVENTS, reduce, type Models } from './session.js';
import type { SessionState } from './state.js';

/** The envelope's `v`: bumped when a change would break an existing feed client. */
export const FEED_VERSION = 1;

/** The first message, and again whenever the client must start over (a reveal, a resume that cannot be served). */
export interface FeedSnapshot {
  v: typeof FEED_VERSION;
  type: 'snapshot';
  seq: number;
  state: SessionState;
  serverTime: number;
  join: Snapshot['join'];
}

/** One public event, redacted as the screen gets it. Seqs rise but have gaps: not every event is public. */
export interface FeedEvent {
  v: typeof FEED_VERSION;
  type: 'event';
  seq: number;
  event: SessionEvent;
}

/** The first message of a resume that can be served: the public events after `seq` follow, then live ones. */
export interface FeedResumed {
  v: typeof FEED_VERSION;
  type: 'resumed';
  seq: number;
}

export type FeedMessage = FeedSnapshot | FeedResumed | FeedEvent;

/** WebSocket close codes the feed ends a connection with (4000–4999 are the application's). */
export const FEED_CLOSE = {
  invalid: 4400, // a query parameter is not valid
  unauthorized: 4401, // no key, or not a key of this session
  revoked: 4403, // the key was revoked while connected
  notFound: 4404, // no such session
  tooSlow: 4408, // the client did not keep up; reconnect with ?after=<seq>
  full: 4429, // this session has as many feed connections as it allows
} as const;

/** What the screen gets of an event just applied to `state`: the redacted event, 'resync', or nothing. */
export function publicDelivery(state: SessionState, event: SessionEvent, audience: Audience, models: Models): SessionEvent | 'resync' | undefined {
  for (const d of deliveries(state, event, audience, models)) if (d.to.room === 'screen') return 'event' in d ? d.event : 'resync';
  return undefined;
}

const CORE_TYPES: ReadonlySet<string> = new Set(Object.values(CORE_EVENTS));

/**
 * The facilitator changed a step's content (hid, edited, merged, clustered, closed):
 * what was moderated away must not reach a client that was not there to see it
 * go, so a resume across such an event gets a snapshot instead.
 */
const moderates = (event: SessionEvent) => event.actor.role === 'facilitator' && !CORE_TYPES.has(event.type);

/**
 * The public events after `after`, as the screen received them, rebuilt from the
 * log (`log` is the whole log; state is not stored, so it is reduced up to `after`).
 * Undefined when only a fresh snapshot will do: a reveal or a moderation in
 * between, or `after` outside the log.
 */
export function replayPublic(log: readonly SessionEvent[], sessionId: string, after: number, models: Models): SessionEvent[] | undefined {
  const last = log[log.length - 1]?.seq ?? 0;
  if (after < 1 || after > last) return undefined;
  const state = reduce(
    log.filter((e) => e.seq <= after),
    sessionId,
    models,
  );
  const out: SessionEvent[] = [];
  for (const event of log) {
    if (event.seq <= after) continue;
    if (moderates(event)) return undefined;
    const audience = audienceOf(state, event, models);
    applyEvent(state, event, models);
    const delivered = publicDelivery(state, event, audience, models);
    if (delivered === 'resync') return undefined;
    if (delivered) out.push(delivered);
  }
  return out;
}
