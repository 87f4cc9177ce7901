/**
 * The session as the server projected it for this view, kept current by its
 * messages: snapshots and events in, with the kinds' models loaded as the
 * session needs them, and the moderation counts a view shows.
 */
import type { Current, Handshake, Locale, Presence, ServerToClientEvents, SessionEvent, Snapshot, Viewer } from '../../core/protocol.js';
import { applyEvent, currentStep } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import { hasModels, loadModels, models } from './models.js';
import type { CommandEntry } from './outbox.js';

export type JoinInfo = Snapshot['join'];

/** What the synced state shows a view: part of the session's one reactive object. */
export interface Synced {
  state: SessionState | null;
  presence: number;
  /** The console only: ids of the participants connected now. */
  connected: string[];
  you: Viewer | null;
  join: JoinInfo | null;
  locale: Locale | null;
}

export class SyncedState implements ServerToClientEvents {
  /** Server clock minus this device's, from the last snapshot: timers count down in server time. */
  clockOffset = 0;
  /** A snapshot whose kinds' models are still loading, and the events that came after it. */
  private waiting: { snapshot: Snapshot; events: SessionEvent[]; drawn: boolean; loading: boolean } | null = null;
  /** Whether the view held was sent for this handshake's viewer (a renewed handshake may be someone new). */
  private viewOfThisHandshake = false;

  // Set in the constructor, so `declare`d: no `= undefined` in the phone's first load.
  private declare synced: Synced;

  constructor(synced: Synced) {
    this.synced = synced;
  }

  /**
   * A snapshot replaces the state. It is drawn as soon as the current step's model is
   * here; the script's other kinds' models load after it, so on a slow network they never
   * queue ahead of what the phone draws with. Events wait, in order, until every model is
   * here, as applying one may need any of them.
   */
  snapshot(snapshot: Snapshot): void {
    this.clockOffset = snapshot.serverTime - Date.now();
    this.viewOfThisHandshake = true;
    const kinds = snapshot.state.steps.map((s) => s.kind);
    if (hasModels(kinds)) {
      this.waiting = null;
      return this.take(snapshot);
    }
    this.waiting = { snapshot, events: [], drawn: false, loading: false };
    this.loadWaiting();
  }

  current({ serverTime }: Current): void {
    this.clockOffset = serverTime - Date.now();
  }

  event(event: SessionEvent): void {
    if (this.waiting) this.waiting.events.push(event);
    else if (this.synced.state) applyEvent(this.synced.state, event, models);
  }

  presence({ participants, connected }: Presence): void {
    this.synced.presence = participants;
    if (connected) this.synced.connected = connected;
  }

  /**
   * Loads the models the waiting snapshot needs: the current step's first, to draw, then
   * the rest, to apply events. Called again at every connection: models that failed to
   * load (offline at the time) are tried again, as the server may answer `current`, and
   * then no snapshot would bring them.
   */
  loadWaiting(): void {
    const waiting = this.waiting;
    if (!waiting || waiting.loading) return;
    waiting.loading = true;
    const { snapshot } = waiting;
    const now = currentStep(snapshot.state);
    void loadModels(now ? [now.kind] : [])
      .then(() => {
        if (this.waiting === waiting && !waiting.drawn) {
          waiting.drawn = true;
          this.take(snapshot);
        }
        return loadModels(snapshot.state.steps.map((s) => s.kind));
      })
      .then(
        () => {
          if (this.waiting !== waiting) return;
          this.waiting = null;
          for (const event of waiting.events) applyEvent(this.synced.state!, event, models);
        },
        // Offline: tried again at the next connection; events keep waiting, in order.
        () => (waiting.loading = false),
      );
  }

  /**
   * The handshake for the next connection. A phone adds the seq of the view it holds,
   * snapshot and events applied, so the server can answer `current` instead of sending
   * the same state again (docs/PROTOCOL.md).
   */
  handshake(handshake: Handshake): Handshake {
    if (handshake.role !== 'participant' || !this.viewOfThisHandshake) return handshake;
    const waiting = this.waiting;
    // No `.at(-1)`: Safari before 15.4 lacks it.
    const seq = waiting ? (waiting.events[waiting.events.length - 1]?.seq ?? waiting.snapshot.seq) : this.synced.state?.seq;
    return seq === undefined ? handshake : { ...handshake, seq };
  }

  /** Another participant's handshake: the view held so far is not theirs. */
  forget(): void {
    this.viewOfThisHandshake = false;
  }

  /** Whether the contribution this command made waits for the facilitator's approval (a command's id is its event's id). */
  isHeld(commandId: string): boolean {
    return this.synced.state?.moderation.held.some((e) => e.id === commandId) ?? false;
  }

  /** Whether the facilitator rejected the contribution this command made. */
  isRejected(commandId: string): boolean {
    return this.synced.state?.moderation.rejected.some((r) => r.id === commandId) ?? false;
  }

  /**
   * How many of its own contributions to a step count against the step's limit, as the
   * server counts them: those a view lists (`mine`: sent from this page or stored), less
   * refused and rejected ones, plus its own of event type `held` still waiting for approval
   * that the list lacks (sent before a reload, or from another tab).
   */
  used(stepId: string, held: string, mine: readonly { id: string; entry?: CommandEntry | undefined }[]): number {
    const waiting =
      this.synced.state?.moderation.held.filter((e) => e.stepId === stepId && e.type === held && !mine.some((m) => m.id === e.id)).length ?? 0;
    return mine.filter((m) => m.entry?.status !== 'refused' && !this.isRejected(m.id)).length + waiting;
  }

  private take(snapshot: Snapshot): void {
    this.synced.state = snapshot.state;
    this.synced.you = snapshot.you;
    this.synced.join = snapshot.join;
    this.synced.locale = snapshot.locale ?? null;
  }
}
