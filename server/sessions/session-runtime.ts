/**
 * One live session on this server: its state (reduced from the log), and the one
 * path every command takes: check the envelope, find the command, authorise the
 * role, validate the payload, decide, persist, apply, acknowledge, deliver.
 * Commands of a session run one at a time, so `seq` stays gap-free on this server.
 * With several servers (PostgreSQL), another may store the next seq first: the
 * store then refuses ours (SeqConflictError), and the runtime catches up from the
 * log and decides again on the state that now includes the other's event. Events
 * another server stored are applied here too (`learn`), in seq order.
 */
import { CommandSchema } from '../../core/envelopes.js';
import type { Audience } from '../../core/kind.js';
import type { Ack, Actor, Command, ErrorCode, ErrorDetail, SessionEvent, Viewer } from '../../core/protocol.js';
import { getOwn } from '../../core/records.js';
import { applyEvent, audienceOf, CORE_EVENTS, currentStep, stepById, type ParticipantJoined } from '../../core/session.js';
import { heldBy, isHeld, MAX_HELD_PER_PARTICIPANT, withOwnHeld } from '../../core/moderation.js';
import type { SessionState } from '../../core/state.js';
import { nanoid } from 'nanoid';
import type { CommandSpec, PresenceChange } from '../../kinds/definition.js';
import { kindByName, models } from '../../kinds/registry.js';
import { SeqConflictError, type ParticipantRow, type SessionRow, type Store } from '../store/store.js';
import { check, explain, validator } from '../validation.js';
import { coreCommands, STEP_SCOPED_CORE } from './core-commands.js';

/** Told of each event applied to `state`, with the audience computed before (SessionHub emits it as `applied`). */
export type Deliver = (runtime: SessionRuntime, event: SessionEvent, audience: Audience) => void;

/** Attempts at one command when other servers keep taking the next seq first; each conflict means one of theirs was stored. */
const MAX_ATTEMPTS = 20;

const refusal = (error: ErrorCode, message: string, details?: ErrorDetail[]): Ack => ({
  ok: false,
  error,
  message,
  ...(details ? { details } : {}),
});

export class SessionRuntime {
  private tail: Promise<unknown> = Promise.resolve();
  /** Pseudonyms handed out in this session, kept rather than rebuilt on every join (2 ms a join at 4,000 phones). */
  readonly pseudonyms: Set<string>;

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
  ) {
    this.pseudonyms = new Set(Object.values(state.participants).map((p) => p.pseudonym));
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
    return this.serial(() => this.untilStored(() => this.decideAndStore(command, viewer)));
  }

  /** Runs `attempt` again after catching up each time another server took the seq it chose. */
  private async untilStored<T>(attempt: () => Promise<T>): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await attempt();
      } catch (error) {
        if (!(error instanceof SeqConflictError) || n >= MAX_ATTEMPTS) throw error;
        await this.catchUp();
      }
    }
  }

  /** Applies what other servers stored after our last seq, in order. Call inside `serial`. */
  private async catchUp() {
    for (const event of await this.store.loadEvents(this.id, this.state.seq)) this.apply(event);
  }

  /**
   * Another server stored `event` (or, without one, something): apply it, or read
   * what we lack from the log when messages arrived out of order or were missed.
   */
  learn(event?: SessionEvent): Promise<void> {
    return this.serial(async () => {
      if (event && event.seq <= this.state.seq) return;
      if (event && event.seq === this.state.seq + 1) this.apply(event);
      else await this.catchUp();
    });
  }

  /** Every event reaches the state the same way, wherever it was stored: apply, remember, deliver to this server's views. */
  private apply(event: SessionEvent) {
    const audience = audienceOf(this.state, event, models);
    applyEvent(this.state, event, models);
    this.seen.set(event.id, event.seq);
    const joined = event.type === CORE_EVENTS.joined ? (event.payload as ParticipantJoined).pseudonym : undefined;
    if (joined) this.pseudonyms.add(joined);
    this.deliver(this, event, audience);
  }

  private async decideAndStore(command: Command, viewer: Viewer): Promise<Ack> {
    const seen = this.seen.get(command.id);
    if (seen !== undefined) return { ok: true, seq: seen, duplicate: true };

    const step = stepById(this.state, command.stepId);
    const kindName = command.type.split('.')[0]!;
    const kind = kindByName.get(kindName);
    // Own properties only: a type named like a member of Object.prototype ("toString", "__proto__") is unknown, not a crash.
    const spec: CommandSpec<any> | undefined = getOwn(kind ? kind.commands : coreCommands, command.type);
    if (!spec) return refusal('unknown-command', `Unknown command "${command.type}".`);
    if (!spec.roles.includes(viewer.role)) return refusal('forbidden', `A ${viewer.role} may not send "${command.type}".`);

    const scoped = kind !== undefined || STEP_SCOPED_CORE.has(command.type);
    if (scoped && !step) return refusal('not-found', command.stepId ? `No step "${command.stepId}" in this session.` : 'This command needs a stepId.');
    if (kind && step && step.kind !== kind.kind) return refusal('invalid', `Step "${step.id}" is a ${step.kind} step, not a ${kind.kind} step.`);
    if (viewer.role === 'participant' && step && currentStep(this.state)?.id !== step.id)
      return refusal('step-not-active', 'This step is not open any more; the room has moved on.');

    const checked = check(spec.payload, command.payload ?? {});
    if (!checked.ok) {
      const { details } = checked;
      const tooLong = details.some((d) => d.message.startsWith('is too long'));
      return refusal(tooLong ? 'too-large' : 'invalid', tooLong ? 'The text is too long.' : 'The command is not valid.', details);
    }
    const payload = checked.value;

    const actor: Actor = viewer.role === 'participant' ? { role: 'participant', id: viewer.participantId! } : { role: viewer.role };
    const stepState = step ? this.state.stepStates[step.id] : undefined;
    const decide = (data: unknown) =>
      spec.decide({ state: this.state, step: step!, data, revealed: stepState?.revealed ?? false, actor, id: command.id, present: this.present() }, payload);
    const eventOf = (decision: { type: string; payload: unknown }): SessionEvent => ({
      id: command.id,
      seq: this.state.seq + 1,
      type: decision.type,
      ...(scoped && step ? { stepId: step.id } : {}),
      actor,
      payload: decision.payload,
      at: Date.now(),
    });
    let decision = decide(stepState?.data);
    if (!decision.ok) return refusal(decision.error, decision.message);
    let event = eventOf(decision);
    if (actor.id && step && isHeld(this.state, event, models)) {
      // A contribution that will wait is judged with the author's other waiting ones counted (limits, duplicates).
      if (heldBy(this.state, actor.id) >= MAX_HELD_PER_PARTICIPANT)
        return refusal('limit-reached', `At most ${MAX_HELD_PER_PARTICIPANT} contributions can wait for approval at once.`);
      decision = decide(withOwnHeld(this.state, step.id, stepState!.data, actor.id, models));
      if (!decision.ok) return refusal(decision.error, decision.message);
      event = eventOf(decision);
    }
    return this.commit(event);
  }

  private async commit(event: SessionEvent, participant?: ParticipantRow): Promise<Ack> {
    const stored = await this.store.appendEvent(this.id, event, participant);
    if (!stored.stored) return { ok: true, seq: stored.seq, duplicate: true };
    this.apply(event);
    this.announce(this, event);
    return { ok: true, seq: event.seq };
  }

  /** Someone arrived or left: the current step's kind may act on it (see KindDefinition.onPresence). */
  presenceChanged(change: PresenceChange): Promise<Ack | undefined> {
    return this.serial(() => this.untilStored(() => this.presenceDecision(change)));
  }

  private async presenceDecision(change: PresenceChange): Promise<Ack | undefined> {
    const step = currentStep(this.state);
    const kind = step && kindByName.get(step.kind);
    if (!step || !kind?.onPresence) return undefined;
    const stepState = this.state.stepStates[step.id]!;
    const id = `presence-${nanoid()}`;
    const actor: Actor = { role: 'system' };
    const decision = kind.onPresence(
      { state: this.state, step, data: stepState.data, revealed: stepState.revealed, actor, id, present: this.present() },
      change,
    );
    if (!decision?.ok) return undefined;
    return this.commit({ id, seq: this.state.seq + 1, type: decision.type, stepId: step.id, actor, payload: decision.payload, at: Date.now() });
  }

  /** A new participant: their row and their `participant.joined` event are stored together. */
  join(participant: ParticipantRow): Promise<Ack> {
    return this.serial(() =>
      this.untilStored(() => this.commit(
        {
          // An opaque id: the screen receives this event and must not learn participant ids.
          id: `join-${nanoid()}`,
          seq: this.state.seq + 1,
          type: CORE_EVENTS.joined,
          actor: { role: 'participant', id: participant.id },
          payload: { participantId: participant.id, pseudonym: participant.pseudonym } satisfies ParticipantJoined,
          at: participant.createdAt,
        },
        participant,
      )),
    );
  }
}
