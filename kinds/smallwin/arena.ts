/**
 * Small wins across an arena: every visible win of every session, merged with the
 * progress other sessions recorded on it: its trajectory (latest phase, betekenisvolle
 * stap, plek der moeite, the wins it is coupled to, and the dated history of updates).
 * Pure: the server builds a session's arena context with it, and the arena's list of
 * small wins (`GET /api/arenas/:arenaId/smallwins`).
 */
import { stepsOfKind } from '../../core/kind.js';
import type { SessionState } from '../../core/state.js';
import { inMeetingOrder, type ArenaSessions, type Offer } from '../arena-contract.js';
import type { WinOrigin } from './schema.js';
import { logbookProgress } from './logbook.js';
import {
  CHARACTERISTICS,
  isCandidate,
  type CharacteristicId,
  type EarlierWin,
  type PhaseId,
  type ProgressUpdate,
  type SessionRef,
  type SmallWin,
  type SmallwinContext,
  type SmallwinStep,
  smallwinModel,
} from './model.js';

/** One update of a win, as the arena remembers it: the session that recorded it, with that session's one date. */
export interface WinHistoryEntry extends Omit<ProgressUpdate, 'sessionId' | 'winId' | 'author' | 'hidden' | 'seq'> {
  /** The session that recorded it, or the logbook between meetings (`source`), dated. */
  session: SessionRef;
  source?: 'logboek';
}

export interface WinRef {
  sessionId: string;
  winId: string;
}

/** A win with where it came from and everything that happened to it since. */
export interface ArenaWin {
  win: SmallWin;
  session: SessionRef;
  step: SmallwinStep;
  candidate: boolean;
  /** The latest phase: the last update that set one, else the registration's (an achieved win may have none). */
  phase?: PhaseId;
  /** The latest of each, from the registration or an update. */
  meaningfulStep?: string;
  chafes?: string;
  /** The wins it is coupled to (*verbinden*), in the order they were coupled. */
  links: WinRef[];
  /** Updates in the order the sessions met, then of their logs. */
  history: WinHistoryEntry[];
}

const keyOf = (sessionId: string, winId: string) => `${sessionId}/${winId}`;

/** A session's small-wins steps with their data. */
function smallwinSteps(state: SessionState) {
  return stepsOfKind(state, smallwinModel);
}

/**
 * The visible wins of the arena's sessions, in the order the sessions met (their one
 * date, `metOn`), within a session in the order of its log; each with the visible
 * updates any session recorded on it, in the same order.
 */
export function arenaWins({ sessions, metOn, logbook = [] }: Pick<ArenaSessions, 'sessions' | 'metOn' | 'logbook'>): ArenaWin[] {
  const ordered = inMeetingOrder(sessions, metOn);
  const refOf = (state: SessionState): SessionRef => ({ id: state.id, title: state.title, date: metOn(state) });
  const wins = new Map<string, ArenaWin>();
  const updates: { update: ProgressUpdate; session: SessionRef; source?: 'logboek' }[] = [];
  for (const state of ordered) {
    const session = refOf(state);
    for (const { step, data } of smallwinSteps(state)) {
      for (const win of data.wins)
        if (!win.hidden)
          wins.set(keyOf(state.id, win.id), {
            win,
            session,
            step,
            candidate: isCandidate(win),
            ...(win.phase ? { phase: win.phase } : {}),
            ...(win.meaningfulStep ? { meaningfulStep: win.meaningfulStep } : {}),
            ...(win.chafes ? { chafes: win.chafes } : {}),
            links: [],
            history: [],
          });
      for (const update of data.updates) if (!update.hidden) updates.push({ update, session });
    }
  }
  updates.push(...logbookProgress(logbook));
  // By their day: sessions in the order they met, within one in the order of its log; the logbook's after a session of the same day, as written.
  const rank = new Map(ordered.map((s, i) => [s.id, i]));
  const order = (u: (typeof updates)[number]) => rank.get(u.session.id) ?? ordered.length;
  updates.sort((a, b) => a.session.date - b.session.date || order(a) - order(b) || a.update.seq - b.update.seq || a.update.at - b.update.at);
  for (const { update, session, source } of updates) {
    const target = wins.get(keyOf(update.sessionId, update.winId));
    if (!target) continue;
    const { sessionId: _s, winId: _w, author: _a, hidden: _h, seq: _q, ...entry } = update;
    target.history.push({ ...entry, session, ...(source ? { source } : {}) });
    if (update.phase) target.phase = update.phase;
    // A candidate that moves past the oplaadfase is a small win in the making, no longer a candidate.
    if (update.phase && update.phase !== 'oplaadfase') target.candidate = false;
    if (update.meaningfulStep) target.meaningfulStep = update.meaningfulStep;
    if (update.chafes) target.chafes = update.chafes;
    for (const link of update.links ?? [])
      if (wins.has(keyOf(link.sessionId, link.winId)) && !target.links.some((l) => l.sessionId === link.sessionId && l.winId === link.winId)) target.links.push(link);
  }
  return [...wins.values()];
}

/** How much of the arena a session carries: it reaches every phone in every snapshot, so it stays small. */
export const CONTEXT_LIMITS = { wins: 60, history: 5, text: 280, links: 10, offers: 40, offerHistory: 8, offerTitle: 120, originHistory: 2 } as const;

const shorten = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** An offer as the context carries it and a win keeps it: the title and texts shortened, its first and latest history (empty texts dropped). */
function originOf({ kind, sessionId, id, title, history }: Offer): WinOrigin {
  const said = history.filter((h) => h.text.trim());
  const kept = said.length <= CONTEXT_LIMITS.offerHistory ? said : [said[0]!, ...said.slice(-(CONTEXT_LIMITS.offerHistory - 1))];
  return {
    kind,
    sessionId,
    id,
    title: shorten(title.replace(/\s+/g, ' ').trim() || id, CONTEXT_LIMITS.offerTitle),
    history: kept.map((h) => ({ date: h.date, text: shorten(h.text.trim(), CONTEXT_LIMITS.text) })),
  };
}

/** An earlier win's origin as a later session carries it: the action's first line (when it was chosen) and its latest, as the win kept them. */
function carriedOrigin(origin: WinOrigin): WinOrigin {
  const { history } = origin;
  return history.length <= CONTEXT_LIMITS.originHistory ? origin : { ...origin, history: [history[0]!, ...history.slice(-(CONTEXT_LIMITS.originHistory - 1))] };
}

/** What a session carries of the arena's small wins: the most recent visible wins with their trajectory, shortened. */
export function smallwinContext(arena: ArenaSessions, offers: readonly Offer[] = []): SmallwinContext {
  const { wins: maxWins, history: maxHistory, text, links: maxLinks } = CONTEXT_LIMITS;
  const all = arenaWins(arena);
  return {
    ...(offers.length ? { offers: offers.slice(-CONTEXT_LIMITS.offers).map((o) => originOf(o)) } : {}),
    wins: all.slice(-maxWins).map(
      ({ win, session, candidate, phase, meaningfulStep, chafes, links, history }): EarlierWin => ({
        id: win.id,
        session,
        title: win.title,
        result: shorten(win.result, text),
        characteristics: CHARACTERISTICS.map((c) => c.id).filter((id): id is CharacteristicId => win.characteristics[id] !== undefined),
        mechanisms: [...win.mechanisms],
        paths: [...win.paths],
        candidate,
        ...(phase ? { phase } : {}),
        ...(meaningfulStep ? { meaningfulStep: shorten(meaningfulStep, text) } : {}),
        ...(chafes ? { chafes: shorten(chafes, text) } : {}),
        ...(links.length ? { links: links.slice(-maxLinks) } : {}),
        ...(win.origin ? { origin: carriedOrigin(win.origin) } : {}),
        history: history.filter((h) => h.phase || h.note).slice(-maxHistory).map(({ session: from, phase: p, note, at }) => ({
          session: from,
          ...(p ? { phase: p } : {}),
          ...(note ? { note: shorten(note, text) } : {}),
          at,
        })),
      }),
    ),
  };
}
