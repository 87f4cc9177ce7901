/**
 * What an exercise kind contributes to the pure core: how its step data starts,
 * how an event changes it, what each role may see of it, and who receives an event.
 * No Node or DOM API here: the same code runs on the server, in tests and in the browser.
 */
import type { SessionEvent, Viewer } from './protocol.js';
import type { StepDef } from './state.js';

/**
 * Who receives an event besides the facilitator (who receives all of them).
 * `participants`: everybody, nobody, or these participant ids.
 */
export interface Audience {
  screen: boolean;
  participants: 'all' | 'none' | string[];
}

/** The step an event or a projection is about. */
export interface StepContext {
  step: StepDef;
  revealed: boolean;
}

export interface KindModel<D = unknown> {
  kind: string;
  /** The data of a step of this kind before anything happened. */
  init(step: StepDef): D;
  /** Apply one of this kind's events to the step's data, in place. Deterministic, no I/O. */
  apply(data: D, event: SessionEvent, ctx: StepContext): void;
  /** A copy of the data with only what this viewer may see (the facilitator only if `guardsFacilitator`). Privacy is decided here, on the server. */
  project(data: D, viewer: Viewer, ctx: StepContext): D;
  /** Who receives this event besides the facilitator (asked before it is applied). */
  audience(event: SessionEvent, data: D, ctx: StepContext): Audience;
  /** The event as a viewer in the audience receives it; by default unchanged. */
  redact?(event: SessionEvent, viewer: Viewer, ctx: StepContext): SessionEvent;
  /**
   * True when even the facilitator may not see everything of this kind (interview
   * notes belong to the pair until the one interviewed shares them): `project` and
   * `redact` are then asked for the facilitator too. Otherwise the facilitator sees all.
   */
  guardsFacilitator?: boolean;
  /**
   * The free text of an event that is a participant's contribution (a note, a
   * question, an answer, a word, a small win), which the facilitator's moderation
   * may hold back; undefined for every other event. Kinds without free text leave it out.
   */
  contribution?(event: SessionEvent): string | undefined;
  /**
   * The event as it may leave the server in an arena export, after the
   * facilitator's redaction, knowing the step's data at the end of the log: a
   * kind leaves out what the facilitator saw once but may not see any more (an
   * interview note shared and then withdrawn). The log must still replay to the
   * same harvest. By default the facilitator's redaction alone.
   */
  exported?(event: SessionEvent, final: D): SessionEvent;
  /**
   * Whether `step.reveal` means something for a step of this kind (results held back
   * until the facilitator shows them): `true`, or a function of the step (a word cloud
   * that grows live has nothing to reveal). The server refuses the reveal of any other
   * step (`not-revealable`); the console offers its reveal button where this says so.
   */
  revealable?: boolean | ((step: StepDef) => boolean);
  /**
   * `view`: the kind's console view has its own control for the reveal (the design
   * questions' "put the list on the phones"), so the console adds no reveal button.
   */
  revealControl?: 'console' | 'view';
}

/** Whether `step.reveal` means something for this step (`KindModel.revealable`). */
export function isRevealable(model: Pick<KindModel, 'revealable'> | undefined, step: StepDef): boolean {
  const revealable = model?.revealable;
  return typeof revealable === 'function' ? revealable(step) : revealable === true;
}
