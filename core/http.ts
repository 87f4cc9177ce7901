/** The HTTP API's answers, shared by the routes that send them and the pages that read them (docs/PROTOCOL.md). */
import type { Locale, Snapshot } from './protocol.js';
import type { ArenaMethod, Synthesis } from './synthesis.js';

export interface ArenaCreated {
  id: string;
  title: string;
  theme: string | null;
  /** The language of the arena's screen. */
  locale: Locale;
  method: ArenaMethod | null;
  key: string;
}

export interface SessionLinks {
  id: string;
  code: string;
  consoleUrl: string;
  screenUrl: string;
  joinUrl: string;
}

export interface SessionSummary extends SessionLinks {
  title: string;
  scriptId: string;
  createdAt: number;
  /** When the session is planned to meet (ms); null when no date was given. */
  plannedAt?: number | null;
}

/**
 * What an arena says about where it goes and what it came to, beside its title and
 * theme: the ambition, the way of working it follows (which decides the fields its
 * page asks: a kernthema, an onderzoeksvraag), and the facilitator's synthesis.
 */
export interface ArenaWork {
  ambition: string | null;
  method: ArenaMethod | null;
  coreTheme: string | null;
  researchQuestion: string | null;
  synthesis: Synthesis | null;
}

export interface ArenaDetails extends ArenaWork {
  id: string;
  title: string;
  theme: string | null;
  locale: Locale;
  createdAt: number;
  sessions: SessionSummary[];
}

/** The answer to `POST /api/arenas/:id/sessions` (the `session.created` event's payload is `SessionCreated` in `core/state.ts`). */
export interface SessionCreatedReply extends SessionLinks {
  title: string;
}

export interface SessionInfo extends SessionSummary {
  arenaId: string;
}

export interface ScriptSummary {
  id: string;
  title: string;
  description?: string;
  language?: string;
  duration?: number;
  steps: { id: string; kind: string; title: string; duration?: number }[];
}

/** A script as an arena's list shows it: shipped with Oogst, or the arena's own. */
export interface ArenaScript extends ScriptSummary {
  source: 'shipped' | 'arena';
  updatedAt?: number;
  /** After a save: why this arena cannot start a session of it yet (a step takes what the arena keeps, e.g. its own checklist, and it has none). */
  warning?: string;
}

/** Why a script was refused: each problem with its line and field. */
export interface ScriptProblemInfo {
  line?: number;
  field: string;
  message: string;
}

export interface Joined {
  sessionId: string;
  participantId: string;
  token: string;
  pseudonym: string;
  /** The session as this participant sees it, so the phone can draw before its socket is up (the socket sends a fresh one). */
  snapshot?: Snapshot;
}

/** A live-feed key as the console lists it; the key itself is only in the answer that creates it. */
export interface FeedKeyInfo {
  id: string;
  label: string;
  createdAt: number;
  revokedAt: number | null;
}

export interface FeedKeyCreated extends FeedKeyInfo {
  key: string;
  /** The WebSocket address with the key in it, ready to paste into an overlay or bot. */
  url: string;
}

/** The arena's monitoring trend (`GET /api/arenas/:id/monitoring`): the three questions' answers per session, and their themes. */
export interface MonitoringTrend {
  questions: { id: string; text: string }[];
  /** Every theme the facilitator gave a visible answer, the most used first. */
  themes: string[];
  /** Only sessions that asked at least one of the questions, oldest first. */
  sessions: MonitoringSession[];
}

/** One session of the trend: its one date, its visible answers per question with their themes. */
export interface MonitoringSession {
  id: string;
  title: string;
  date: string;
  counts: Record<string, number>;
  answers: Record<string, MonitoringAnswerTagged[]>;
  /** How many answered any of the questions (each participant once). */
  answered: number;
  /** How many of its visible answers carry each theme. */
  themes: Record<string, number>;
}

/** A visible answer as the trend shows it: `stepId` and `id` name it for tagging (`PUT …/monitoring/tags`). */
export interface MonitoringAnswerTagged {
  stepId: string;
  id: string;
  text: string;
  themes: string[];
}

/** An arena's editable fields, as `PATCH /api/arenas/:id` answers. */
export interface ArenaFields extends ArenaWork {
  id: string;
  title: string;
  theme: string | null;
  locale: Locale;
}

/** A session's synthesis, as `GET` and `PUT /api/sessions/:id/synthesis` answer (null: none written). */
export interface SessionSynthesis {
  synthesis: Synthesis | null;
}
