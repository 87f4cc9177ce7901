/** The state of a session, as reduced from its event log. Plain JSON: it travels in snapshots. */
import type { SessionEvent } from './protocol.js';
import type { Synthesis } from './synthesis.js';

/** A step as the facilitation script describes it; the kind's own settings sit beside the common fields. */
export interface StepDef {
  id: string;
  kind: string;
  title: string;
  prompt?: string;
  /** Presenter notes: shown on the console only. */
  notes?: string;
  /** Estimated minutes, for the agenda. */
  duration?: number;
  [setting: string]: unknown;
}

export interface ScriptInfo {
  id: string;
  title: string;
  description?: string;
  language?: string;
  duration?: number;
  /** Hold contributions from phones for the facilitator's approval from the start (see Moderation). */
  moderation?: boolean;
}

export interface StepState<D = unknown> {
  /** Whether the facilitator has revealed the results to the room. */
  revealed: boolean;
  data: D;
}

export interface ParticipantInfo {
  pseudonym: string;
  joinedAt: number;
  /** Their pseudonymous arena member id, when the phone sent its member secret (server/arena-member.ts): who met whom across an arena. */
  member?: string;
}

/**
 * A countdown for a step, in server time. Running when `startedAt` is set:
 * remaining = remainingMs − (now − startedAt). Paused when it is null.
 * At zero nothing happens by itself: the facilitator decides.
 */
export interface Timer {
  stepId: string;
  durationMs: number;
  remainingMs: number;
  startedAt: number | null;
}

/**
 * "Approve before showing": while `on`, a participant's contribution (an event its
 * kind names as one, see KindModel.contribution) is kept here instead of being
 * applied to its step, until the facilitator approves (then it is applied) or
 * rejects it (then it is dropped, its id kept in `rejected`). The facilitator
 * sees every held and rejected one, a phone its own, the screen none.
 */
export interface Moderation {
  on: boolean;
  held: SessionEvent[];
  /** What was rejected, so its author's phone can say so (their own only; the screen none). */
  rejected: { id: string; author?: string }[];
}

export interface SessionState {
  id: string;
  title: string;
  arena: { id: string; title: string };
  script: ScriptInfo;
  createdAt: number;
  steps: StepDef[];
  /** Index into `steps` of the step the room is on. */
  current: number;
  timer: Timer | null;
  stepStates: Record<string, StepState>;
  /** Facilitator: everybody; participant: only themselves; screen: nobody. */
  participants: Record<string, ParticipantInfo>;
  /** How many joined: for the facilitator and the screen; 0 on phones, which get no one else's joins. */
  participantCount: number;
  /** Whether the facilitator put the full-screen join slide (QR code and code) over the screen's step. */
  joinShown: boolean;
  /** What kinds carried over from the arena's earlier sessions, by kind (see KindDefinition.arenaContext). */
  arenaContext: Record<string, unknown>;
  /** When the arena context was worked out again as the session opened (`session.context`); absent: as it was created. */
  contextAt?: number;
  moderation: Moderation;
  /**
   * Whether the phones offer to leave a name and email address for an invitation to
   * the next meeting, with the consent text shown. Absent until the facilitator asks.
   * What people leave is not in the log: it goes to the store's contacts, apart.
   */
  contacts?: ContactsAsked;
  /**
   * The facilitator's themes on the answers to the monitoring questions, by step and
   * answer id (`monitoring.tagged`, core/monitoring-tags.ts). The facilitator's only:
   * absent in every other view.
   */
  tags?: Record<string, Record<string, string[]>>;
  /** The facilitator's synthesis of the session (`session.synthesis`, core/synthesis.ts); the facilitator's only until the harvest. */
  synthesis?: Synthesis;
  seq: number;
}

export interface ContactsAsked {
  open: boolean;
  consent: string;
}

/** The payload of `session.created`, the first event of every session. */
export interface SessionCreated {
  title: string;
  arena: { id: string; title: string };
  script: ScriptInfo;
  steps: StepDef[];
  arenaContext?: Record<string, unknown>;
}
