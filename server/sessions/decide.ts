/**
 * How a session decides one piece of work, on its state as it stands: a command (its
 * envelope's type found, the role authorised, the step checked, the payload validated,
 * then the kind's own `decide`), a presence change for the current step's kind, a join,
 * or an event the server makes itself. Each gives an event not yet stored (the next seq),
 * an answer without one, or nothing; SessionRuntime stores, applies and delivers.
 */
import type { Ack, Actor, Command, ErrorCode, ErrorDetail, SessionEvent, Viewer } from '../../core/protocol.js';
import { getOwn } from '../../core/records.js';
import { CORE_EVENTS, currentStep, stepById, type ParticipantJoined } from '../../core/session.js';
import { heldBy, isHeld, MAX_HELD_PER_PARTICIPANT, withOwnHeld } from '../../core/moderation.js';
import type { SessionState } from '../../core/state.js';
import { nanoid } from 'nanoid';
import type { CommandSpec, PresenceChange } from '../../kinds/definition.js';
import { kindByName, models } from '../../kinds/registry.js';
import type { ParticipantRow } from '../store/store.js';
import { check } from '../validation.js';
import { coreCommands, STEP_SCOPED_CORE } from './core-commands.js';

/** What waits for the session: a command, a presence change for the current step's kind, or a join. */
export type Work =
  /** `uploaded`: it came from the file route with a file it stored (a kind's `files.command`), not from a socket. */
  | { kind: 'command'; command: Command; viewer: Viewer; uploaded?: true }
  | { kind: 'presence'; change: PresenceChange }
  | { kind: 'join'; participant: ParticipantRow; member?: string }
  /** An event the server stores itself, made from the state as it stands then (undefined: none). */
  | { kind: 'system'; make: (state: SessionState) => { type: string; payload: unknown } | undefined };

export const refusal = (error: ErrorCode, message: string, details?: ErrorDetail[]): Ack => ({
  ok: false,
  error,
  message,
  ...(details ? { details } : {}),
});

/** What a decision reads besides the work: the state, who is connected now (asked only by the kinds that need it), the seq a command id already has. */
export interface DecideOn {
  state: SessionState;
  present(): readonly string[];
  seen(commandId: string): number | undefined;
}

/** A command's refusal, its answer as a retry, or its event. */
export function decideCommand(on: DecideOn, command: Command, viewer: Viewer, uploaded = false): Ack | SessionEvent {
  const seen = on.seen(command.id);
  if (seen !== undefined) return { ok: true, seq: seen, duplicate: true };
  const step = stepById(on.state, command.stepId);
  const kindName = command.type.split('.')[0]!;
  const kind = kindByName.get(kindName);
  // Own properties only: a type named like a member of Object.prototype ("toString", "__proto__") is unknown, not a crash.
  const spec: CommandSpec<any> | undefined = getOwn(kind ? kind.commands : coreCommands, command.type);
  if (!spec) return refusal('unknown-command', `Unknown command "${command.type}".`);
  if (!spec.roles.includes(viewer.role)) return refusal('forbidden', `A ${viewer.role} may not send "${command.type}".`);
  // A file's command names a file the server checked and stored: only the file route sends it.
  if ((kind?.files?.command === command.type) !== uploaded) return refusal('forbidden', `"${command.type}" comes with its file, through the file upload.`);

  const scoped = kind !== undefined || STEP_SCOPED_CORE.has(command.type);
  if (scoped && !step) return refusal('not-found', command.stepId ? `No step "${command.stepId}" in this session.` : 'This command needs a stepId.');
  if (kind && step && step.kind !== kind.kind) return refusal('invalid', `Step "${step.id}" is a ${step.kind} step, not a ${kind.kind} step.`);
  if (viewer.role === 'participant' && step && currentStep(on.state)?.id !== step.id)
    return refusal('step-not-active', 'This step is not open any more; the room has moved on.');

  const checked = check(spec.payload, command.payload ?? {});
  if (!checked.ok) {
    const { details } = checked;
    const tooLong = details.some((d) => d.message.startsWith('is too long'));
    return refusal(tooLong ? 'too-large' : 'invalid', tooLong ? 'The text is too long.' : 'The command is not valid.', details);
  }
  const payload = checked.value;

  const actor: Actor = viewer.role === 'participant' ? { role: 'participant', id: viewer.participantId! } : { role: viewer.role };
  const stepState = step ? on.state.stepStates[step.id] : undefined;
  const present = on.present;
  const decide = (data: unknown) =>
    spec.decide(
      // Who is present is worked out only for the kinds that ask (pairs, groups), not for every note.
      { state: on.state, step: step!, data, revealed: stepState?.revealed ?? false, actor, id: command.id, get present() { return present(); } },
      payload,
    );
  const eventOf = (decision: { type: string; payload: unknown }): SessionEvent => ({
    id: command.id,
    seq: on.state.seq + 1,
    type: decision.type,
    ...(scoped && step ? { stepId: step.id } : {}),
    actor,
    payload: decision.payload,
    at: Date.now(),
  });
  let decision = decide(stepState?.data);
  if (!decision.ok) return refusal(decision.error, decision.message);
  let event = eventOf(decision);
  if (actor.id && step && isHeld(on.state, event, models)) {
    // A contribution that will wait is judged with the author's other waiting ones counted (limits, duplicates).
    if (heldBy(on.state, actor.id) >= MAX_HELD_PER_PARTICIPANT)
      return refusal('limit-reached', `At most ${MAX_HELD_PER_PARTICIPANT} contributions can wait for approval at once.`);
    decision = decide(withOwnHeld(on.state, step.id, stepState!.data, actor.id, models));
    if (!decision.ok) return refusal(decision.error, decision.message);
    event = eventOf(decision);
  }
  return event;
}

function decidePresence(on: DecideOn, change: PresenceChange): SessionEvent | undefined {
  const step = currentStep(on.state);
  const kind = step && kindByName.get(step.kind);
  if (!step || !kind?.onPresence) return undefined;
  const stepState = on.state.stepStates[step.id]!;
  const id = `presence-${nanoid()}`;
  const actor: Actor = { role: 'system' };
  const decision = kind.onPresence(
    { state: on.state, step, data: stepState.data, revealed: stepState.revealed, actor, id, get present() { return on.present(); } },
    change,
  );
  if (!decision?.ok) return undefined;
  return { id, seq: on.state.seq + 1, type: decision.type, stepId: step.id, actor, payload: decision.payload, at: Date.now() };
}

export function decideOther(on: DecideOn, work: Exclude<Work, { kind: 'command' }>): SessionEvent | undefined {
  if (work.kind === 'presence') return decidePresence(on, work.change);
  if (work.kind === 'join') return joinEvent(on, work.participant, work.member);
  const made = work.make(on.state);
  return made && { id: `system-${nanoid()}`, seq: on.state.seq + 1, ...made, actor: { role: 'system' }, at: Date.now() };
}

function joinEvent(on: DecideOn, participant: ParticipantRow, member?: string): SessionEvent {
  return {
    // An opaque id: the screen receives this event and must not learn participant ids.
    id: `join-${nanoid()}`,
    seq: on.state.seq + 1,
    type: CORE_EVENTS.joined,
    actor: { role: 'participant', id: participant.id },
    payload: { participantId: participant.id, pseudonym: participant.pseudonym, ...(member ? { member } : {}) } satisfies ParticipantJoined,
    at: participant.createdAt,
  };
}
