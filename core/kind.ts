/**
 * What an exercise kind contributes to the pure core: how its step data starts,
 * how an event changes it, what each role may see of it, and who receives an event.
 * No Node or DOM API here: the same code runs on the server, in tests and in the browser.
 */
import type { Static, TSchema } from 'typebox';
import type { SessionEvent, Viewer } from './protocol.js';
import type { StepDef } from './state.js';

/**
 * A kind's events as one union, one member per event type, derived from the kind's
 * `events` record of payload schemas (`EventsOf<typeof events>`), so a `switch` on
 * `event.type` narrows the payload. `Delivered` gives, by type, the payload as views
 * may receive it where redaction changes it (text left out before a reveal,
 * `remove: true` for a view that drops an item): what apply and redact must handle.
 * Types only: TypeBox stays out of the browser.
 */
export type EventsOf<R extends Readonly<Record<string, TSchema>>, Delivered = object> = {
  [K in keyof R & string]: Omit<SessionEvent, 'type' | 'payload'> & {
    type: K;
    payload: K extends keyof Delivered ? Delivered[K] : Static<R[K]>;
  };
}[keyof R & string];

/** A payload as stored, with some fields a redacted copy may leave out. */
export type Lacking<P, K extends keyof P> = Omit<P, K> & Partial<Pick<P, K>>;

/** A kind's step: the common fields and the kind's own, derived from its `stepSchema`. */
export type StepOf<S extends TSchema> = StepDef & Static<S>;

/**
 * Who receives an event besides the facilitator (who receives all of them).
 * `participants`: everybody, nobody, or these participant ids.
 */
export interface Audience {
  screen: boolean;
  participants: 'all' | 'none' | string[];
}

/**
 * One item an earlier step offers a later one (`from:`): a vote's ballot line, a
 * questions step's inspiration. `size`: how many contributions it stands for.
 */
export interface SourceItem {
  id: string;
  text: string;
  size: number;
}

/** The step an event or a projection is about. */
export interface StepContext<S extends StepDef = StepDef> {
  step: S;
  revealed: boolean;
  /**
   * *Bijdragen eerst goedkeuren* is on as the event arrives (`apply`, `audience`). The core
   * holds a kind's `contribution` events itself; a kind that keeps a queue of its own (the
   * photo, which the facilitator must see to approve) holds its participants' items there.
   */
  moderated?: boolean;
}

/**
 * `E` is the union of the kind's events (`EventsOf`) and `S` its step, so the methods
 * narrow on `event.type` without casts. Declared as methods on purpose: the session
 * reducer holds every kind as a `KindModel<any>` and hands each only its own steps' events.
 */
export interface KindModel<D = unknown, E extends SessionEvent = SessionEvent, S extends StepDef = StepDef> {
  kind: string;
  /** The data of a step of this kind before anything happened. */
  init(step: S): D;
  /** Apply one of this kind's events to the step's data, in place. Deterministic, no I/O. */
  apply(data: D, event: E, ctx: StepContext<S>): void;
  /** A copy of the data with only what this viewer may see (the facilitator only if `guardsFacilitator`). Privacy is decided here, on the server. */
  project(data: D, viewer: Viewer, ctx: StepContext<S>): D;
  /** Who receives this event besides the facilitator (asked before it is applied). */
  audience(event: E, data: D, ctx: StepContext<S>): Audience;
  /** The event as a viewer in the audience receives it; by default unchanged. */
  redact?(event: E, viewer: Viewer, ctx: StepContext<S>): E;
  /**
   * True when even the facilitator may not see everything of this kind (interview
   * notes belong to the pair until the one interviewed shares them): `project` and
   * `redact` are then asked for the facilitator too. Otherwise the facilitator sees all.
   */
  guardsFacilitator?: boolean;
  /**
   * What of the kind's arena context (`KindDefinition.arenaContext`) the screen or a
   * phone receives, knowing the session's steps; undefined for none of it. Without it,
   * all of it. Who met whom across an arena is for the server's decisions and the
   * console only (kinds/meetings-arena.ts); the actions a small win may come from go to
   * the phones only where participants register one.
   */
  contextFor?(context: unknown, viewer: Viewer, steps: readonly StepDef[]): unknown;
  /**
   * The free text of an event that is a participant's contribution (a note, a
   * question, an answer, a word, a small win), which the facilitator's moderation
   * may hold back; undefined for every other event. Kinds without free text leave it out.
   */
  contribution?(event: E): string | undefined;
  /**
   * The visible items a step of this kind offers a later step that names it in
   * `from:` (a vote, a questions step's inspiration), in the order the room saw them,
   * from the data as the caller's view holds it. `column`: one part of the step
   * (a wall's column), where the kind has parts. Kinds without it offer nothing.
   */
  items?(data: D, step: S, column?: string): SourceItem[];
  /**
   * The event as it may leave the server in an arena export, after the
   * facilitator's redaction, knowing the step's data at the end of the log: a
   * kind leaves out what the facilitator saw once but may not see any more (an
   * interview note shared and then withdrawn). The log must still replay to the
   * same harvest. By default the facilitator's redaction alone.
   */
  exported?(event: E, final: D): E;
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

/**
 * A session's steps of one kind, each with its data, typed as that kind's: a session
 * holds the steps of every kind erased, and the step's `kind` says which model made its
 * data. The one cast a kind's reading of whole sessions needs (its arena hooks), here.
 */
export function stepsOfKind<D, S extends StepDef>(
  state: { steps: readonly StepDef[]; stepStates: Readonly<Record<string, { data: unknown } | undefined>> },
  model: Pick<KindModel<D, never, S>, 'kind' | 'init'>,
): { step: S; data: D }[] {
  return state.steps.flatMap((step) => {
    const data = step.kind === model.kind ? state.stepStates[step.id]?.data : undefined;
    return data === undefined ? [] : [{ step: step as S, data: data as D }];
  });
}
