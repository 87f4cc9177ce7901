/**
 * The small wins' part of their arena: the arena's list of wins with their trajectories
 * (`GET /api/arenas/:arenaId/smallwins`, read by `Arena.svelte` on the arena page) and
 * its section of the arena harvest. Both are rebuilt from the sessions' logs, and date
 * each session by its one date (`metOn`: the planned date where there is one).
 */
import { getOwn } from '../../core/records.js';
import { lineBreak, note, paragraph, strong, type HarvestBlock, type Inline } from '../definition.js';
import { type ArenaSessions, type KindArena } from '../arena-contract.js';
import { arenaWins, type ArenaWin, type WinHistoryEntry } from './arena.js';
import { smallwinLogbook } from './logbook.js';
import { CHARACTERISTICS, labelOf, MECHANISMS, originHead, PATHS, PHASES, type SmallwinData, type WinOrigin } from './model.js';
import { TRAJECTORY_QUESTIONS } from './werkboekje.js';

const iso = (ms: number) => new Date(ms).toISOString();
const session = (s: { id: string; title: string; date: number }) => ({ id: s.id, title: s.title, date: iso(s.date) });
const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });
const key = (sessionId: string, winId: string) => `${sessionId}/${winId}`;

/** A win's origin for the API and the harvest's JSON: the action's history dated as ISO text. */
export const originOf = (origin: WinOrigin) => ({ ...origin, history: origin.history.map((h) => ({ date: iso(h.date), text: h.text })) });

/** A history entry for the API and the harvest's JSON: dates as ISO text, answers with their questions. */
function entryOf(h: WinHistoryEntry) {
  const answers = TRAJECTORY_QUESTIONS.filter((q) => h.answers && getOwn(h.answers, q.id)).map((q) => ({ questionId: q.id, question: q.nl, answer: getOwn(h.answers!, q.id)! }));
  return {
    id: h.id,
    session: session(h.session),
    ...(h.phase ? { phase: h.phase } : {}),
    ...(h.note ? { note: h.note } : {}),
    ...(h.meaningfulStep ? { meaningfulStep: h.meaningfulStep } : {}),
    ...(h.chafes ? { chafes: h.chafes } : {}),
    ...(h.source ? { source: h.source } : {}),
    ...(answers.length ? { answers } : {}),
    ...(h.links?.length ? { links: h.links.map((l) => ({ sessionId: l.sessionId, winId: l.winId })) } : {}),
    at: iso(h.at),
  };
}

/** The wins with their trajectories, in the order the sessions met. */
function trajectories(wins: ArenaWin[]) {
  const titles = new Map(wins.map((w) => [key(w.session.id, w.win.id), w.win.title]));
  return wins.map(({ win, session: from, step, candidate, phase, meaningfulStep, chafes, links, history }) => ({
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
    /** A candidate (oplaadfase) rather than a win achieved. */
    candidate,
    ...(win.phase ? { registeredPhase: win.phase } : {}),
    ...(phase ? { phase } : {}),
    ...(meaningfulStep ? { meaningfulStep } : {}),
    ...(chafes ? { chafes } : {}),
    links: links.map((l) => ({ ...l, title: titles.get(key(l.sessionId, l.winId)) ?? '' })),
    answers: (step.questions ?? []).filter((q) => getOwn(win.answers, q.id)).map((q) => ({ questionId: q.id, question: q.text, answer: getOwn(win.answers, q.id)! })),
    registeredAt: iso(win.at),
    ...(win.origin ? { origin: originOf(win.origin) } : {}),
    history: history.map(entryOf),
  }));
}

/** The arena's list of small wins: every visible win, with its trajectory. */
export function arenaSmallwins({ arena, sessions, metOn, logbook }: ArenaSessions) {
  return { arena: { id: arena.id, title: arena.title }, wins: trajectories(arenaWins({ sessions, metOn, logbook })) };
}

/** One small win as the arena page shows it (`GET /api/arenas/:arenaId/smallwins`). */
export type ArenaSmallwin = ReturnType<typeof arenaSmallwins>['wins'][number];

/** What a win is now: a candidate or achieved, with its phase. */
export const stageText = (w: { candidate: boolean; phase?: string }) =>
  w.candidate ? 'Kandidaat (oplaadfase)' : ['Behaald', w.phase ? labelOf(PHASES, w.phase) : ''].filter(Boolean).join(' · ');

interface Change {
  phase?: string;
  note?: string;
  meaningfulStep?: string;
  chafes?: string;
  answers?: { question: string; answer: string }[];
}

/** What one update changed, as the documents show it under `head`: a line per field, the coupled wins by title. */
export function changeLines(head: string, h: Change, linked: string[]): Inline[] {
  const parts: Inline[] = [strong(head)];
  const add = (label: string, text: string) => parts.push(lineBreak, strong(`${label}:`), ` ${text}`);
  if (h.phase) add('Nieuwe fase', labelOf(PHASES, h.phase));
  if (h.note) add('Wat er gebeurde', h.note);
  if (h.meaningfulStep) add('Betekenisvolle stap', h.meaningfulStep);
  if (h.chafes) add('Plek der moeite', h.chafes);
  for (const a of h.answers ?? []) add(a.question, a.answer);
  if (linked.length) add('Verbonden met', linked.join(', '));
  return parts;
}

/** One dated line of a trajectory. */
const historyLine = (h: ReturnType<typeof entryOf>, titles: Map<string, string>) =>
  changeLines(`${day.format(new Date(h.session.date))}, ${h.session.title}`, h, (h.links ?? []).map((l) => titles.get(key(l.sessionId, l.winId)) ?? 'een eerdere small win'));

/** The action a win came from, with that action's dated history, before the win's own trajectory. */
export function originBlocks(origin: { title: string; history: readonly { date: number | string; text: string }[] }): HarvestBlock[] {
  return [
    paragraph(strong(originHead(origin.title))),
    ...(origin.history.length
      ? [{ type: 'list', items: origin.history.map((h) => ({ text: [note(`${day.format(new Date(h.date))}: `), h.text] })) } satisfies HarvestBlock]
      : []),
  ];
}

export const smallwinArena: KindArena<SmallwinData> = {
  routes: [{ path: 'smallwins', answer: arenaSmallwins }],

  logbook: smallwinLogbook,
  harvest({ sessions, metOn, logbook }) {
    const wins = trajectories(arenaWins({ sessions, metOn, logbook }));
    const titles = new Map(wins.map((w) => [key(w.session.id, w.id), w.title]));
    const blocks: HarvestBlock[] = wins.length
      ? [
          {
            type: 'table',
            head: ['Small win', 'Stand', 'Aanjaagmechanismen', 'Route', 'Bijeenkomst'],
            rows: wins.map((w) => [
              w.result ? `${w.title}: ${w.result}` : w.title,
              stageText(w),
              w.mechanisms.map((m) => labelOf(MECHANISMS, m)).join(', '),
              w.paths.map((p) => labelOf(PATHS, p)).join(', '),
              `${w.session.title}, ${day.format(new Date(w.session.date))}`,
            ]),
          },
        ]
      : [paragraph({ text: 'Nog geen small wins vastgelegd.', note: true })];
    for (const w of wins) {
      if (!w.history.length && !w.meaningfulStep && !w.chafes && !w.origin) continue;
      const facts: Inline[] = [strong('Vastgelegd:'), ` ${w.session.title}, ${day.format(new Date(w.session.date))}`];
      if (w.meaningfulStep) facts.push(lineBreak, strong('Betekenisvolle stap:'), ` ${w.meaningfulStep}`);
      if (w.chafes) facts.push(lineBreak, strong('Plek der moeite:'), ` ${w.chafes}`);
      if (w.links.length) facts.push(lineBreak, strong('Verbonden met:'), ` ${w.links.map((l) => l.title).join(', ')}`);
      blocks.push({ type: 'heading', text: `Traject: ${w.title}` });
      if (w.origin) blocks.push(...originBlocks(w.origin));
      blocks.push(paragraph(...facts));
      if (w.history.length) blocks.push({ type: 'list', ordered: true, items: w.history.map((h) => ({ text: historyLine(h, titles) })) });
    }
    // The report's JSON names mechanisms, paths and phases as the documents do.
    const data = wins.map((w) => ({
      ...w,
      stage: stageText(w),
      ...(w.phase ? { phase: labelOf(PHASES, w.phase) } : {}),
      mechanisms: w.mechanisms.map((m) => labelOf(MECHANISMS, m)),
      paths: w.paths.map((p) => labelOf(PATHS, p)),
    }));
    return { name: 'smallwins', order: 20, data, title: 'Small wins', blocks };
  },
};

