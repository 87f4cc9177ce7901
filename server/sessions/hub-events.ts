/**
 * What the live sessions tell the layers that show them: one typed emitter, which the
 * socket layer, the live feed and the link to the other servers all subscribe to (see
 * docs/ARCHITECTURE.md, "The life of a command"). A listener that throws hurts neither
 * the command that stored the event nor the other listeners: its failure is logged.
 */
import type { Audience } from '../../core/kind.js';
import type { Locale, SessionEvent } from '../../core/protocol.js';
import type { SessionRuntime } from './session-runtime.js';

export interface HubEvents {
  /**
   * An event was applied to a live session here, stored by this server or learned from
   * another, in seq order, with the audience computed before it was applied.
   */
  applied: [runtime: SessionRuntime, event: SessionEvent, audience: Audience];
  /** This server stored the event (after `applied`): the other servers should learn it. */
  stored: [runtime: SessionRuntime, event: SessionEvent];
  /** A batch failed to store and the session was read again from the log: its views need fresh snapshots. */
  reloaded: [runtime: SessionRuntime];
  /** The session was deleted: whoever is still in it is let go. */
  evicted: [sessionId: string];
  /** The arena of these sessions now speaks `locale`: the open screens and consoles follow. */
  localeChanged: [sessionIds: readonly string[], locale: Locale];
}

type Listener<E extends keyof HubEvents> = (...args: HubEvents[E]) => void;

export class HubEmitter {
  /** Each set holds the listeners of its own event only (`on` puts them there). */
  private readonly listeners = new Map<keyof HubEvents, Set<(...args: any[]) => void>>();

  constructor(private readonly failed: (error: unknown, event: keyof HubEvents) => void) {}

  /** Calls `listener` on every `event`, in the order listeners came; returns what stops it. */
  on<E extends keyof HubEvents>(event: E, listener: Listener<E>): () => void {
    let listeners = this.listeners.get(event);
    if (!listeners) this.listeners.set(event, (listeners = new Set()));
    listeners.add(listener);
    return () => void listeners.delete(listener);
  }

  emit<E extends keyof HubEvents>(event: E, ...args: HubEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? [])
      try {
        listener(...args);
      } catch (error) {
        this.failed(error, event);
      }
  }
}
