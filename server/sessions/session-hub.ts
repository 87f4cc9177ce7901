/**
 * The sessions live on this server: loaded from the store on first use (state is
 * reduced from the log, so a restart loses nothing) and kept in memory while they
 * are used. One that no view on this server watches (no socket, no feed) and that
 * nothing asked for in `unloadAfterMs` is let go, and loaded again when next used:
 * 2,000 sessions joined once would otherwise hold their memory for good.
 * With several servers, each keeps its own copy of a session live and learns the
 * events the others store (`learn`), so every copy applies the same log in order.
 */
import type { SessionEvent } from '../../core/protocol.js';
import { reduce } from '../../core/session.js';
import { models } from '../../kinds/registry.js';
import type { Locale, Store } from '../store/store.js';
import { SessionRuntime, type Deliver } from './session-runtime.js';

export interface HubOptions {
  /** How long a session no view watches stays loaded (OOGST_SESSION_UNLOAD_MINUTES); unset: for good. */
  unloadAfterMs?: number;
  now?: () => number;
}

export class SessionHub {
  private readonly live = new Map<string, Promise<SessionRuntime | undefined>>();
  /** When each live session was last asked for, or last seen watched. */
  private readonly used = new Map<string, number>();
  private readonly unloadAfterMs: number;
  private readonly now: () => number;
  private readonly sweep: NodeJS.Timeout | undefined;
  private deliver: Deliver = () => {};
  private announce: (runtime: SessionRuntime, event: SessionEvent) => void = () => {};
  private evicted: (sessionId: string) => void = () => {};
  /** Who is connected to a session: told by the realtime layer, which alone knows. */
  present: (sessionId: string) => readonly string[] = () => [];
  /** The arena of these sessions now speaks `locale`: the realtime layer tells the open screens and consoles. */
  arenaLocaleChanged: (sessionIds: readonly string[], locale: Locale) => void = () => {};

  /** Whether a view on this server (a socket, a feed) watches the session: told by the realtime layer. */
  viewed: (sessionId: string) => boolean = () => false;

  constructor(
    private readonly store: Store,
    { unloadAfterMs = Infinity, now = Date.now }: HubOptions = {},
  ) {
    this.unloadAfterMs = unloadAfterMs;
    this.now = now;
    // Looked at a few times per idle period, at least every minute: a session goes at most that much later.
    if (Number.isFinite(unloadAfterMs)) this.sweep = setInterval(() => this.unloadIdle(), Math.min(60_000, Math.max(1000, unloadAfterMs / 4))).unref();
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
      if (this.viewed(sessionId)) this.used.set(sessionId, now);
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

  /** The realtime layer says how events reach the views; until then they reach nobody. */
  onDeliver(deliver: Deliver) {
    this.deliver = deliver;
  }

  /** The realtime layer says how to tell other servers about an event stored here. */
  onAnnounce(announce: (runtime: SessionRuntime, event: SessionEvent) => void) {
    this.announce = announce;
  }

  /** The realtime layer says how to let go of a session's views (disconnect them) when it is deleted. */
  onEvict(evicted: (sessionId: string) => void) {
    this.evicted = evicted;
  }

  /** Forgets a session that was deleted from the store, and disconnects whoever is still in it. */
  evict(sessionId: string) {
    this.live.delete(sessionId);
    this.used.delete(sessionId);
    this.evicted(sessionId);
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
  async current(sessionId: string): Promise<SessionRuntime | undefined> {
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
      (...args) => this.deliver(...args),
      () => this.present(sessionId),
      new Map(events.map((e) => [e.id, e.seq])),
      (...args) => this.announce(...args),
    );
  }
}
