/**
 * Small wins across an arena: every visible win of every session, merged with the
 * progress later sessions recorded on it (latest phase, history of updates).
 * Pure: the server builds a new session's arena context with it, and the arena's
 * list of small wins (`GET /api/arenas/:arenaId/smallwins`).
 */
import type { SessionState } from '../../core/state.js';
import {
  CHARACTERISTICS,
  type CharacteristicId,
  type EarlierWin,
  type PhaseId,
  type SessionRef,
  type SmallWin,
  type SmallwinContext,
  type SmallwinData,
  type SmallwinStep,
} from './model.js';

/** One update of a win, as the arena remembers it. */
export interface WinHistoryEntry {
  id: string;
  session: SessionRef;
  phase?: PhaseId;
  note?: string;
  at: number;
}

/** A win with where it came from and everything that happened to it since. */
export interface ArenaWin {
  win: SmallWin;
  session: SessionRef;
  step: SmallwinStep;
  /** The latest phase: the last update that set one, else the registration's. */
  phase: PhaseId;
  history: WinHistoryEntry[];
}

const refOf = (state: SessionState): SessionRef => ({ id: state.id, title: state.title, date: state.createdAt });
const keyOf = (sessionId: string, winId: string) => `${sessionId}/${winId}`;

/**
 * The visible wins of these sessions, oldest first, each with the visible updates
 * that later sessions recorded on it. Sessions are taken in the order they were
 * made; within a session, in the order of its log.
 */
export function arenaWins(sessions: readonly SessionState[]): ArenaWin[] {
  const ordered = [...sessions].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  const wins = new Map<string, ArenaWin>();
  for (const state of ordered) {
    const session = refOf(state);
    const steps = state.steps.flatMap((step) => {
      // A session's steps are of every kind, erased: the kind name says which step and data this is.
      const data = step.kind === 'smallwin' ? (state.stepStates[step.id]?.data as SmallwinData | undefined) : undefined;
      return data ? [{ step: step as SmallwinStep, data }] : [];
    });
    // Updates name wins of earlier sessions only, so every win they name is already in the map.
    const updates = steps.flatMap(({ data }) => data.updates).sort((a, b) => a.seq - b.seq);
    for (const update of updates) {
      const target = wins.get(keyOf(update.sessionId, update.winId));
      if (!target || update.hidden) continue;
      target.history.push({ id: update.id, session, ...(update.phase ? { phase: update.phase } : {}), ...(update.note ? { note: update.note } : {}), at: update.at });
      if (update.phase) target.phase = update.phase;
    }
    for (const { step, data } of steps)
      for (const win of data.wins) if (!win.hidden) wins.set(keyOf(state.id, win.id), { win, session, step, phase: win.phase, history: [] });
  }
  return [...wins.values()];
}

/** How much of the arena a new session carries: it reaches every phone in every snapshot, so it stays small. */
export const CONTEXT_LIMITS = { wins: 60, history: 5, text: 280 } as const;

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** What a new session carries of the arena's small wins: the most recent visible wins, shortened. */
export function smallwinContext(earlier: readonly SessionState[]): SmallwinContext {
  const { wins: maxWins, history: maxHistory, text } = CONTEXT_LIMITS;
  const all = arenaWins(earlier);
  return {
    wins: all.slice(-maxWins).map(
      ({ win, session, phase, history }): EarlierWin => ({
        id: win.id,
        session,
        title: win.title,
        result: shorten(win.result, text),
        characteristics: CHARACTERISTICS.map((c) => c.id).filter((id): id is CharacteristicId => win.characteristics[id] !== undefined),
        mechanisms: [...win.mechanisms],
        paths: [...win.paths],
        phase,
        history: history.slice(-maxHistory).map(({ id: _id, note, ...h }) => ({ ...h, ...(note ? { note: shorten(note, text) } : {}) })),
      }),
    ),
  };
}
