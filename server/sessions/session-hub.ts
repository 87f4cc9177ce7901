/**
 * The sessions live on this server: loaded from the store on first use (state is
 * reduced from the log, so a restart loses nothing) and kept in memory after.
 */
import { reduce } from '../../core/session.js';
import { models } from '../../kinds/registry.js';
import type { Store } from '../store/store.js';
import { SessionRuntime, type Deliver } from './session-runtime.js';

export class SessionHub {
  private readonly live = new Map<string, Promise<SessionRuntime | undefined>>();
  private deliver: Deliver = () => {};
  private evicted: (sessionId: string) => void = () => {};
  /** Who is connected to a session: told by the realtime layer, which alone knows. */
  present: (sessionId: string) => readonly string[] = () => [];

  constructor(private readonly store: Store) {}

  /** The realtime layer says how events reach the views; until then they reach nobody. */
  onDeliver(deliver: Deliver) {
    this.deliver = deliver;
  }

  /** The realtime layer says how to let go of a session's views (disconnect them) when it is deleted. */
  onEvict(evicted: (sessionId: string) => void) {
    this.evicted = evicted;
  }

  /** Forgets a session that was deleted from the store, and disconnects whoever is still in it. */
  evict(sessionId: string) {
    this.live.delete(sessionId);
    this.evicted(sessionId);
  }

  /** Whether the session is in memory now (loaded or loading). */
  has(sessionId: string): boolean {
    return this.live.has(sessionId);
  }

  get(sessionId: string): Promise<SessionRuntime | undefined> {
    let runtime = this.live.get(sessionId);
    if (!runtime) {
      runtime = this.load(sessionId);
      this.live.set(sessionId, runtime);
      runtime.then(
        (r) => r || this.live.delete(sessionId),
        () => this.live.delete(sessionId),
      );
    }
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
    );
  }
}
