/**
 * The small wins' part of their arena: the arena's list of wins
 * (`GET /api/arenas/:arenaId/smallwins`, read by `Arena.svelte` on the arena page)
 * and the overview of the arena harvest. Both are rebuilt from the sessions' logs.
 */
import { getOwn } from '../../core/records.js';
import type { ArenaSessions, KindArena } from '../definition.js';
import { arenaWins } from './arena.js';
import { CHARACTERISTICS, labelOf, MECHANISMS, PATHS, PHASES, type SmallwinData } from './model.js';

const iso = (ms: number) => new Date(ms).toISOString();
const session = (s: { id: string; title: string; date: number }) => ({ id: s.id, title: s.title, date: iso(s.date) });

/** The arena's list of small wins: every visible win, with its latest phase and the updates later sessions recorded. */
export function arenaSmallwins({ arena, sessions }: ArenaSessions) {
  const wins = arenaWins(sessions).map(({ win, session: from, step, phase, history }) => ({
    id: win.id,
    session: session(from),
    stepId: step.id,
    title: win.title,
    result: win.result,
    visibleFor: win.visibleFor,
    characteristics: CHARACTERISTICS.filter((c) => win.characteristics[c.id] !== undefined).map((c) => ({
      id: c.id,
      ...(win.characteristics[c.id] ? { explanation: win.characteristics[c.id] } : {}),
    })),
    mechanisms: win.mechanisms,
    paths: win.paths,
    registeredPhase: win.phase,
    phase,
    answers: (step.questions ?? []).filter((q) => getOwn(win.answers, q.id)).map((q) => ({ questionId: q.id, question: q.text, answer: getOwn(win.answers, q.id)! })),
    registeredAt: iso(win.at),
    history: history.map((h) => ({ id: h.id, session: session(h.session), ...(h.phase ? { phase: h.phase } : {}), ...(h.note ? { note: h.note } : {}), at: iso(h.at) })),
  }));
  return { arena: { id: arena.id, title: arena.title }, wins };
}

/** One small win as the arena page shows it (`GET /api/arenas/:arenaId/smallwins`). */
export type ArenaSmallwin = ReturnType<typeof arenaSmallwins>['wins'][number];

export const smallwinArena: KindArena<SmallwinData> = {
  routes: [{ path: 'smallwins', answer: arenaSmallwins }],

  harvest({ sessions }) {
    const wins = arenaWins(sessions).map(({ win, session, phase }) => ({
      title: win.title,
      result: win.result,
      session: session.title,
      date: iso(session.date),
      phase: labelOf(PHASES, phase),
      mechanisms: win.mechanisms.map((m) => labelOf(MECHANISMS, m)),
      paths: win.paths.map((p) => labelOf(PATHS, p)),
    }));
    return {
      name: 'smallwins',
      data: wins,
      title: 'Small wins',
      blocks: wins.length
        ? [
            {
              type: 'table',
              head: ['Small win', 'Fase', 'Aanjaagmechanismen', 'Route', 'Bijeenkomst'],
              rows: wins.map((w) => [w.result ? `${w.title}: ${w.result}` : w.title, w.phase, w.mechanisms.join(', '), w.paths.join(', '), w.session]),
            },
          ]
        : [{ type: 'paragraph', text: [{ text: 'Nog geen small wins vastgelegd.', note: true }] }],
    };
  },
};
