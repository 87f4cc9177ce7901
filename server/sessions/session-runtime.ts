/**
 * One live session on this server: its state (reduced from the log), and the one
 * path every command takes: check the envelope, find the command, authorise the
 * role, validate the payload, decide (decide.ts), persist, apply, acknowledge, deliver.
 * Group commit: the commands (and joins, and presence decisions) waiting for a
 * session are decided one after the other, in the order they came, each on the
 * state that holds the events decided before it; then all of them are stored in
 * one transaction, and only then acknowledged and delivered, one by one. A burst
 * pays one store flush per batch instead of one per note, and `seq` stays gap-free.
 * The store reads, inside that transaction, what other servers stored since this
 * copy's last event (PostgreSQL locks the session's row, so servers take turns
 * rather than choose the same seq); those events are applied first. Events another
 * server stored are applied here too when it says so (`learn`), in seq order.
 */
import { CommandSchema } from '../../core/envelopes.js';
import type { Audience } from '../../core/kind.js';
import type { Ack, Command, SessionEvent, Viewer } from '../../core/protocol.js';
import { applyEvent, audienceOf, CORE_EVENTS, reduce, type ParticipantJoined } from '../../core/session.js';
import type { SessionState } from '../../core/state.js';
import type { PresenceChange } from '../../kinds/definition.js';
import { models } from '../../kinds/registry.js';
import { SeqConflictError, type Appending, type ParticipantRow, type SessionRow, type Store } from '../store/store.js';
import { explain, validator } from '../validation.js';
import { decideCommand, decideOther, refusal, type DecideOn, type Work } from './decide.js';
import { ParticipantTokens } from './participant-tokens.js';

/** Told of each event applied to `state`, with the audience computed before (SessionHub emits it as `applied`). */
export type Deliver = (runtime: SessionRuntime, event: SessionEvent, audience: Audience) => void;

/** Attempts at one batch when the store refuses its seqs (a writer that does not take turns); each refusal reloads the session. */
const MAX_ATTEMPTS = 5;
/** Commands stored in one transaction at most: a burst of thousands is stored in bounded pieces (a few MB of SQL at most), each acknowledged as it is stored. */
const MAX_BATCH = 500;

interface Waiting {
  work: Work;
  done(ack: Ack | undefined): void;
  failed(error: unknown): void;
}

/** What deciding one piece of work came to: an answer without a new event, or an event (applied to the state, not yet stored). */
type Outcome = { ack: Ack | undefined } | { event: SessionEvent; audience: Audience; participant?: ParticipantRow };

/** Counted on this server since it started, all sessions: transactions that stored events, their events, the largest. */
export const commitCounts = {
  batches: 0,
  events: 0,
  largestBatch: 0,
  /** Batches the store refused (a seq or id taken) and that were decided again on the reloaded session. */
  retries: 0,
  /** Events another server had stored that a batch found in the log before deciding (the turn it waited for). */
  caughtUp: 0,
};

export class SessionRuntime {
  private tail: Promise<unknown> = Promise.resolve();
  private readonly waiting: Waiting[] = [];
  private scheduled = false;
  /** Ids of the events decided in the batch being stored: a retry within the batch is a duplicate. */
  private readonly pending = new Map<string, number>();
  /** Pseudonyms handed out in this session, kept rather than rebuilt on every join (2 ms a join at 4,000 phones). */
  readonly pseudonyms: Set<string>;
  /** Who holds a token: asked by every phone's handshake (see SessionHub.participantByToken). */
  readonly tokens: ParticipantTokens;
  /** What a decision reads (decide.ts): this state, who is here, and the seqs of the commands applied or in the batch. */
  private readonly on: DecideOn;

  constructor(
    readonly row: SessionRow,
    readonly state: SessionState,
    private readonly store: Store,
    private readonly deliver: Deliver,
    /** Participants connected right now, from the realtime layer. */
    private readonly present: () => readonly string[] = () => [],
    /**
     * Command id → seq of every event applied here: a retried command is answered
     * without asking the store (about 100 bytes an event). Across servers the store's
     * UNIQUE (session_id, id) is the backstop for a retry this server has not learned yet.
     */
    private readonly seen = new Map<string, number>(),
    /** Tells the other servers that this one stored an event (nothing with one server). */
    private readonly announce: (runtime: SessionRuntime, event: SessionEvent) => void = () => {},
    /** After a failed batch the state was read again from the log (views need fresh snapshots), or, `lost`, could not be: let it go. */
    private readonly reloaded: (runtime: SessionRuntime, lost: boolean) => void = () => {},
  ) {
    this.pseudonyms = new Set(Object.values(state.participants).map((p) => p.pseudonym));
    this.tokens = new ParticipantTokens(row.id, store);
    this.on = { state, present: () => this.present(), seen: (commandId) => this.seen.get(commandId) ?? this.pending.get(commandId) };
  }

  get id() {
    return this.row.id;
  }



  /** Runs `task` after every earlier one of this session has finished. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  handle(command: unknown, viewer: Viewer): Promise<Ack> {
    if (!validator(CommandSchema).Check(command)) {
      return Promise.resolve(refusal('invalid', 'A command needs an id, a type and optionally a stepId and payload.', explain(CommandSchema, command)));
    }
    return this.enqueue({ kind: 'command', command, viewer }) as Promise<Ack>;
  }

  /** The command that hands a stored file to its step (the kind's `files.command`), sent by the file route only. */
  handleUpload(command: Command, viewer: Viewer): Promise<Ack> {
    return this.enqueue({ kind: 'command', command, viewer, uploaded: true }) as Promise<Ack>;
  }

  /** Someone arrived or left: the current step's kind may act on it (see KindDefinition.onPresence). */
  presenceChanged(change: PresenceChange): Promise<Ack | undefined> {
    return this.enqueue({ kind: 'presence', change });
  }

  /** A new participant: their row and their `participant.joined` event are stored together. */
  join(participant: ParticipantRow, member?: string): Promise<Ack> {
    return this.enqueue({ kind: 'join', participant, ...(member ? { member } : {}) }) as Promise<Ack>;
  }

  /** Stores an event of the server's own (`system` actor), in turn with the commands. */
  record = (make: Extract<Work, { kind: 'system' }>['make']) => this.enqueue({ kind: 'system', make });

  /** Work waits here; one task in `serial` takes everything waiting when it starts, as one batch. */
  private enqueue(work: Work): Promise<Ack | undefined> {
    return new Promise((done, failed) => {
      this.waiting.push({ work, done, failed });
      this.schedule();
    });
  }

  private schedule() {
    if (this.scheduled || !this.waiting.length) return;
    this.scheduled = true;
    void this.serial(() => {
      this.scheduled = false;
      const batch = this.waiting.splice(0, MAX_BATCH);
      this.schedule();
      return this.commitBatch(batch);
    });
  }

  /**
   * Decides the batch in order and stores its events in one transaction; only then each
   * is applied for good, acknowledged and delivered, in order. When the store fails, the
   * events decided for it leave the state again (it is read from the log), and the batch
   * is decided again after a refused seq, or answered with the failure.
   */
  private async commitBatch(batch: Waiting[]) {
    for (let attempt = 1; ; attempt++) {
      let outcomes: Outcome[] = [];
      let committed = this.state.seq;
      try {
        await this.store.appendEvents(this.id, this.state.seq, (missed) => {
          for (const event of missed) this.apply(event);
          commitCounts.caughtUp += missed.length;
          committed = this.state.seq;
          outcomes = batch.map(({ work }) => this.decide(work));
          return outcomes.flatMap((o): Appending[] => ('event' in o ? [{ event: o.event, participant: o.participant }] : []));
        });
      } catch (error) {
        const ok = await this.undo(outcomes, committed);
        if (ok && error instanceof SeqConflictError && attempt < MAX_ATTEMPTS) {
          commitCounts.retries++;
          continue;
        }
        for (const w of batch) w.failed(error);
        return;
      }
      const stored = outcomes.filter((o) => 'event' in o).length;
      if (stored) {
        commitCounts.batches++;
        commitCounts.events += stored;
        commitCounts.largestBatch = Math.max(commitCounts.largestBatch, stored);
      }
      for (const [i, outcome] of outcomes.entries()) {
        if (!('event' in outcome)) {
          batch[i]!.done(outcome.ack);
          continue;
        }
        if (outcome.participant) this.tokens.joined(outcome.participant);
        this.applied(outcome.event, outcome.audience);
        this.announce(this, outcome.event);
        batch[i]!.done({ ok: true, seq: outcome.event.seq });
      }
      return;
    }
  }

  /** Decides one piece of work on the state as it stands, and applies its event to the state (not yet stored, not delivered). */
  private decide(work: Work): Outcome {
    const decided = work.kind === 'command' ? decideCommand(this.on, work.command, work.viewer, work.uploaded) : decideOther(this.on, work);
    if (!decided || 'ok' in decided) return { ack: decided };
    const audience = audienceOf(this.state, decided, models);
    applyEvent(this.state, decided, models);
    // A command sent twice in one batch is answered as a retry of the first.
    this.pending.set(decided.id, decided.seq);
    return { event: decided, audience, ...(work.kind === 'join' ? { participant: work.participant } : {}) };
  }

  /**
   * After a failed batch: if events were decided into the state, it is reduced again from
   * the log up to `committed`, the seq it held before; what others stored after that is
   * applied and delivered as usual, and the views here get fresh snapshots. False when even
   * that failed: the hub lets the session go, and it is loaded from the log when next used.
   */
  private async undo(outcomes: Outcome[], committed: number): Promise<boolean> {
    this.pending.clear();
    if (!outcomes.some((o) => 'event' in o)) return true;
    try {
      const events = await this.store.loadEvents(this.id);
      const fresh = reduce(events.filter((e) => e.seq <= committed), this.id, models);
      for (const key of Object.keys(this.state)) delete (this.state as unknown as Record<string, unknown>)[key];
      Object.assign(this.state, fresh);
      this.seen.clear();
      this.pseudonyms.clear();
      for (const e of events) if (e.seq <= committed) this.seen.set(e.id, e.seq);
      for (const p of Object.values(this.state.participants)) this.pseudonyms.add(p.pseudonym);
      this.reloaded(this, false);
      for (const e of events) if (e.seq > committed) this.apply(e);
      return true;
    } catch {
      this.reloaded(this, true);
      return false;
    }
  }

  /**
   * Another server stored `event` (or, without one, something): apply it, or read
   * what we lack from the log when messages arrived out of order or were missed.
   */
  learn(event?: SessionEvent): Promise<void> {
    return this.serial(async () => {
      if (event && event.seq <= this.state.seq) return;
      if (event && event.seq === this.state.seq + 1) this.apply(event);
      else for (const e of await this.store.loadEvents(this.id, this.state.seq)) this.apply(e);
    });
  }

  /** An event stored elsewhere reaches the state the same way as our own: apply, remember, deliver to this server's views. */
  private apply(event: SessionEvent) {
    const audience = audienceOf(this.state, event, models);
    applyEvent(this.state, event, models);
    this.applied(event, audience);
  }

  /** Remembers a stored event that is in the state, and delivers it to this server's views. */
  private applied(event: SessionEvent, audience: Audience) {
    this.pending.delete(event.id);
    this.seen.set(event.id, event.seq);
    const joined = event.type === CORE_EVENTS.joined ? (event.payload as ParticipantJoined).pseudonym : undefined;
    if (joined) this.pseudonyms.add(joined);
    this.deliver(this, event, audience);
  }
}
