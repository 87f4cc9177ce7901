/**
 * The sessions live on this server: loaded from the store on first use (state is
 * reduced from the log, so a restart loses nothing) and kept in memory while they
 * are used. One that no view on this server watches (no socket, no feed) and that
 * nothing asked for in `unloadAfterMs` is let go, and loaded again when next used:
 * 2,000 sessions joined once would otherwise hold their memory for good.
 * With several servers, each keeps its own copy of a session live and learns the
 * events the others store (`learn`), so every copy applies the same log in order.
 * Everything the hub needs comes in its constructor; what happens in the sessions
 * goes out as typed events (HubEvents), which the socket layer, the live feed and
 * the link to the other servers subscribe to alike.
 */
import type { SessionEvent } from '../../core/protocol.js';
import { reduce } from '../../core/session.js';
import { models } from '../../kinds/registry.js';
import type { Locale, ParticipantRow, Store } from '../store/store.js';
import { HubEmitter, type HubEvents } from './hub-events.js';
import { SessionRuntime } from './session-runtime.js';

/** What only the layers that show the sessions know (the sockets, the feeds): asked, never told. */
export interface SessionViews {
  /** The participants connected to the session right now, on any server. */
  present(sessionId: string): readonly string[];
  /** Whether a view on this server (a socket, a feed) watches the session. */
  viewed(sessionId: string): boolean;
}

export interface HubOptions {
  store: Store;
  /** Where a listener's failure goes (see HubEvents). */
  log: { error(obj: unknown, msg?: string): void };
  /** Without views nobody is present and nothing is watched (a hub without sockets, in tests). */
  views?: SessionViews;
  /** How long a session no view watches stays loaded (OOGST_SESSION_UNLOAD_MINUTES); unset: for good. */
  unloadAfterMs?: number;
  now?: () => number;
}

const NO_VIEWS: SessionViews = { present: () => [], viewed: () => false };

export class SessionHub {
  private readonly live = new Map<string, Promise<SessionRuntime | undefined>>();
  /** When each live session was last asked for, or last seen watched. */
  private readonly used = new Map<string, number>();
  private readonly store: Store;
  private readonly views: SessionViews;
  private readonly unloadAfterMs: number;
  private readonly now: () => number;
  private readonly sweep: NodeJS.Timeout | undefined;
  private readonly events: HubEmitter;

  constructor({ store, log, views = NO_VIEWS, unloadAfterMs = Infinity, now = Date.now }: HubOptions) {
    this.store = store;
    this.views = views;
    this.unloadAfterMs = unloadAfterMs;
    this.now = now;
    this.events = new HubEmitter((err, event) => log.error({ err, event }, 'a listener of the live sessions failed'));
    // Looked at a few times per idle period, at least every minute: a session goes at most that much later.
    if (Number.isFinite(unloadAfterMs)) this.sweep = setInterval(() => this.unloadIdle(), Math.min(60_000, Math.max(1000, unloadAfterMs / 4))).unref();
  }

  /** Subscribes to what happens in the live sessions (see HubEvents); returns what unsubscribes. */
  on<E extends keyof HubEvents>(event: E, listener: (...args: HubEvents[E]) => void): () => void {
    return this.events.on(event, listener);
  }

  /** Whether a view on this server watches the session (a session nobody watches may be unloaded). */
  viewed(sessionId: string): boolean {
    return this.views.viewed(sessionId);
  }

  /**
   * Lets go of every session nobody watched or asked for in `unloadAfterMs`; returns how many.
   * Nothing is lost: the log holds it all, and the next `get` reduces it again. What was
   * kept per loaded session goes with it (the sent log is per runtime, so a phone that
   * comes back gets a fresh snapshot).
   */
  unloadIdle(now = this.now()): number {
    let unloaded = 0;
    for (const sessionId of [...this.live.keys()]) {
      if (this.views.viewed(sessionId)) this.used.set(sessionId, now);
      else if (now - (this.used.get(sessionId) ?? now) >= this.unloadAfterMs) {
        this.live.delete(sessionId);
        this.used.delete(sessionId);
        unloaded++;
      }
    }
    return unloaded;
  }

  close() {
    clearInterval(this.sweep);
  }

  /** Forgets a session that was deleted from the store, and lets go of whoever is still in it. */
  evict(sessionId: string) {
    this.live.delete(sessionId);
    this.used.delete(sessionId);
    this.events.emit('evicted', sessionId);
  }

  /** The arena of these sessions now speaks `locale`. */
  arenaLocaleChanged(sessionIds: readonly string[], locale: Locale) {
    this.events.emit('localeChanged', sessionIds, locale);
  }

  /** How many sessions are in memory now. */
  get loaded(): number {
    return this.live.size;
  }

  /** Whether the session is in memory now (loaded or loading). */
  has(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  get(sessionId: string): Promise<SessionRuntime | undefined> {
    let runtime = this.live.get(sessionId);
    if (!runtime) {
      const loading = (runtime = this.load(sessionId));
      this.live.set(sessionId, loading);
      const forget = () => {
        if (this.live.get(sessionId) !== loading) return;
        this.live.delete(sessionId);
        this.used.delete(sessionId);
      };
      loading.then((r) => r || forget(), forget);
    }
    this.used.set(sessionId, this.now());
    return runtime;
  }

  /** The participant holding a token (its hash): a live session answers from what it knows, else the store. */
  async participantByToken(sessionId: string, tokenHash: string): Promise<ParticipantRow | undefined> {
    const runtime = await this.live.get(sessionId);
    return runtime ? runtime.tokens.byHash(tokenHash) : this.store.getParticipantByToken(sessionId, tokenHash);
  }

  /** Another server stored an event: a session live here applies it; one that is not will read it from the log when it loads. */
  async learn(sessionId: string, event?: SessionEvent): Promise<void> {
    const runtime = await this.live.get(sessionId);
    await runtime?.learn(event);
  }

  /** Reads what these live sessions lack from the log: the repair for a message between servers that was lost. */
  async learnAll(sessionIds: Iterable<string>): Promise<void> {
    await Promise.all([...sessionIds].map((sid) => this.learn(sid)));
  }

  /**
   * The session as its log has it right now, whichever server stored its last events:
   * for what is read rarely and must be complete (the harvest, an arena's small wins).
   */
  async caughtUp(sessionId: string): Promise<SessionRuntime | undefined> {
    const runtime = await this.get(sessionId);
    await runtime?.learn();
    return runtime;
  }

  private async load(sessionId: string): Promise<SessionRuntime | undefined> {
    const row = await this.store.getSession(sessionId);
    if (!row) return undefined;
    const events = await this.store.loadEvents(sessionId);
    return new SessionRuntime(
      row,
      reduce(events, sessionId, models),
      this.store,
      (...args) => this.events.emit('applied', ...args),
      () => this.views.present(sessionId),
      new Map(events.map((e) => [e.id, e.seq])),
      (...args) => this.events.emit('stored', ...args),
      // A copy whose state could not be read again is dropped: the next use loads the session from the log.
      (runtime, lost) => (lost ? this.live.delete(sessionId) : this.events.emit('reloaded', runtime)),
    );
  }
}
