/** The state of a session, as reduced from its event log. Plain JSON: it travels in snapshots. */

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
}

export interface StepState<D = unknown> {
  /** Whether the facilitator has revealed the results to the room. */
  revealed: boolean;
  data: D;
}

export interface ParticipantInfo {
  pseudonym: string;
  joinedAt: number;
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
  /** What kinds carried over from the arena's earlier sessions, by kind (see KindDefinition.arenaContext). */
  arenaContext: Record<string, unknown>;
  /**
   * Whether the phones offer to leave a name and email address for an invitation to
   * the next meeting, with the consent text shown. Absent until the facilitator asks.
   * What people leave is not in the log: it goes to the store's contacts, apart.
   */
  contacts?: ContactsAsked;
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
