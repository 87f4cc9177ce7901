/**
 * The small wins' part of the harvest: the wins first, celebrated, with their
 * characteristics, mechanisms, paths, phase and answers; then the progress this
 * session recorded on earlier wins. Hidden items are left out, nobody is named.
 */
import { getOwn } from '../../core/records.js';
import type { SessionState } from '../../core/state.js';
import { lineBreak, note, paragraph, strong, type HarvestBlock, type HarvestSection, type Inline } from '../definition.js';
import { changeLines, originBlocks, originOf, stageText } from './arena-part.js';
import { CHARACTERISTICS, earlierWins, isCandidate, labelOf, MECHANISMS, originHead, PATHS, PHASES, type EarlierWin, type ProgressUpdate, type SmallwinData, type SmallwinStep } from './model.js';
import { TRAJECTORY_QUESTIONS } from './werkboekje.js';

const iso = (ms: number) => new Date(ms).toISOString();
/** The CSV's text of a win or of progress on one, with the action it came from. */
const withOrigin = (text: string, origin: { title: string } | undefined) => [text, origin ? originHead(origin.title) : ''].filter(Boolean).join(' · ');
const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

export function harvestSmallwins(data: SmallwinData, step: SmallwinStep, state: SessionState): HarvestSection {
  const questions = step.questions ?? [];
  const earlier = earlierWins(state?.arenaContext);

  const wins = data.wins
    .filter((w) => !w.hidden)
    .map((w) => ({
      id: w.id,
      title: w.title,
      result: w.result,
      visibleFor: w.visibleFor,
      characteristics: CHARACTERISTICS.map((c) => ({
        id: c.id,
        label: c.label,
        ticked: w.characteristics[c.id] !== undefined,
        ...(w.characteristics[c.id] ? { explanation: w.characteristics[c.id] } : {}),
      })),
      mechanisms: [...w.mechanisms],
      paths: [...w.paths],
      candidate: isCandidate(w),
      ...(w.phase ? { phase: w.phase } : {}),
      ...(w.meaningfulStep ? { meaningfulStep: w.meaningfulStep } : {}),
      ...(w.chafes ? { chafes: w.chafes } : {}),
      answers: questions.filter((q) => getOwn(w.answers, q.id)).map((q) => ({ questionId: q.id, question: q.text, answer: getOwn(w.answers, q.id)! })),
      ...(w.origin ? { origin: originOf(w.origin) } : {}),
      at: iso(w.at),
    }));

  const progress = data.updates.filter((u) => !u.hidden).map((u) => progressOf(u, earlier));

  const blocks: HarvestBlock[] = [paragraph(wins.length ? strong(`${wins.length === 1 ? '1 small win' : `${wins.length} small wins`} om te vieren!`) : note('Nog geen small wins vastgelegd.'))];
  wins.forEach((w, i) => {
    const facts: [string, string][] = [];
    if (w.result) facts.push(['Resultaat', w.result]);
    if (w.visibleFor) facts.push(['Zichtbaar voor', w.visibleFor]);
    facts.push(['Stand', stageText(w)]);
    if (w.chafes) facts.push(['Plek der moeite', w.chafes]);
    if (w.meaningfulStep) facts.push(['Betekenisvolle stap', w.meaningfulStep]);
    if (w.mechanisms.length) facts.push(['Aanjaagmechanismen', w.mechanisms.map((m) => labelOf(MECHANISMS, m)).join(', ')]);
    if (w.paths.length) facts.push(['Route', w.paths.map((p) => labelOf(PATHS, p)).join(', ')]);
    blocks.push(
      { type: 'heading', text: `${i + 1}. ${w.title}` },
      ...(w.origin ? originBlocks(w.origin) : []),
      paragraph(...facts.flatMap(([label, value], n): Inline[] => [...(n ? [lineBreak] : []), strong(`${label}:`), ` ${value}`])),
      paragraph(strong('Kenmerken:')),
      { type: 'list', items: w.characteristics.map((c) => ({ checked: c.ticked, text: [`${c.label}${c.explanation ? `: ${c.explanation}` : ''}`] })) },
      ...w.answers.map((a) => paragraph(strong(a.question), lineBreak, a.answer)),
    );
  });

  if (progress.length) blocks.push({ type: 'heading', text: 'Voortgang van eerdere small wins' }, ...trajectoryBlocks(progress, earlier));
  const rows = [
    ...wins.map((w) => ({ group: 'Small win', text: withOrigin([w.title, w.result].filter(Boolean).join(': '), w.origin), at: w.at })),
    ...progress.map((u) => ({ group: 'Voortgang', ...(u.win.title ? { cluster: u.win.title } : {}), text: withOrigin(changeText(u), u.win.origin), at: u.at })),
  ];
  return { data: { wins, progress }, blocks, rows };
}

/** The first page's lines: the new wins with their result, and the earlier wins that moved on. */
export function glanceSmallwins(data: SmallwinData, _step: SmallwinStep, state: SessionState): HarvestBlock[] {
  const earlier = earlierWins(state?.arenaContext);
  const wins = data.wins.filter((w) => !w.hidden);
  const moved = data.updates.filter((u) => !u.hidden);
  const blocks: HarvestBlock[] = [];
  if (wins.length)
    blocks.push(
      paragraph(strong(wins.length === 1 ? 'Nieuwe small win' : `${wins.length} nieuwe small wins`)),
      { type: 'list', items: wins.map((w) => ({ text: [strong(w.title), ...(w.result ? [`: ${w.result}`] : []), ...originLine(w.origin)] })) },
    );
  if (moved.length)
    blocks.push(
      paragraph(strong(moved.length === 1 ? 'Voortgang op een eerdere small win' : `Voortgang op ${moved.length} eerdere small wins`)),
      {
        type: 'list',
        items: moved.map((u) => {
          const win = earlier.find((w) => w.id === u.winId && w.session.id === u.sessionId);
          return { text: [strong(win?.title ?? 'Eerdere small win'), u.phase ? `: nu in de ${labelOf(PHASES, u.phase).toLowerCase()}` : u.note ? `: ${u.note}` : '', ...originLine(win?.origin)] };
        }),
      },
    );
  return blocks;
}

/** The first page's line under a win from an action. */
const originLine = (origin: { title: string } | undefined): Inline[] => (origin ? [lineBreak, note(originHead(origin.title))] : []);

const winKey = (w: { sessionId: string; winId: string }) => `${w.sessionId}/${w.winId}`;

/** An update of this session on an earlier win, for the harvest's JSON: answers with their questions, the win named. */
function progressOf(u: ProgressUpdate, earlier: readonly EarlierWin[]) {
  const win = earlier.find((w) => w.id === u.winId && w.session.id === u.sessionId);
  const title = (ref: { sessionId: string; winId: string }) => earlier.find((w) => w.id === ref.winId && w.session.id === ref.sessionId)?.title;
  const answers = TRAJECTORY_QUESTIONS.filter((q) => u.answers && getOwn(u.answers, q.id)).map((q) => ({ questionId: q.id, question: q.nl, answer: getOwn(u.answers!, q.id)! }));
  return {
    id: u.id,
    win: {
      id: u.winId,
      sessionId: u.sessionId,
      ...(win ? { title: win.title, session: { title: win.session.title, date: iso(win.session.date) } } : {}),
      ...(win?.origin ? { origin: originOf(win.origin) } : {}),
    },
    ...(u.phase ? { phase: u.phase } : {}),
    ...(u.note ? { note: u.note } : {}),
    ...(u.meaningfulStep ? { meaningfulStep: u.meaningfulStep } : {}),
    ...(u.chafes ? { chafes: u.chafes } : {}),
    ...(answers.length ? { answers } : {}),
    ...(u.links?.length ? { links: u.links.map((l) => ({ sessionId: l.sessionId, winId: l.winId, ...(title(l) ? { title: title(l) } : {}) })) } : {}),
    at: iso(u.at),
  };
}
type Progress = ReturnType<typeof progressOf>;

/** What an update changed, in one line: the CSV's text. */
const changeText = (u: Progress) =>
  [u.phase ? labelOf(PHASES, u.phase) : '', u.note ?? '', u.meaningfulStep ? `Betekenisvolle stap: ${u.meaningfulStep}` : '', u.chafes ? `Plek der moeite: ${u.chafes}` : '']
    .concat((u.answers ?? []).map((a) => `${a.question} ${a.answer}`), u.links?.length ? [`Verbonden met: ${u.links.map((l) => l.title ?? 'een eerdere small win').join(', ')}`] : [])
    .filter(Boolean)
    .join(' · ');

/**
 * Per earlier win this session moved on: where it came from (the session that
 * registered it, and the action it came from with that action's dated history), its trajectory so far as
 * the session found it (dated by the sessions that recorded it), then this session's updates.
 */
function trajectoryBlocks(progress: Progress[], earlier: readonly EarlierWin[]): HarvestBlock[] {
  const touched = [...new Map(progress.map((u) => [winKey({ sessionId: u.win.sessionId, winId: u.win.id }), u.win])).values()];
  return touched.flatMap((ref): HarvestBlock[] => {
    const win = earlier.find((w) => w.id === ref.id && w.session.id === ref.sessionId);
    const mine = progress.filter((u) => u.win.id === ref.id && u.win.sessionId === ref.sessionId);
    const before = (win?.history ?? []).map((h) => ({
      text: [strong(`${day.format(new Date(h.session.date))}, ${h.session.title}`), ...(h.phase ? [`: nieuwe fase ${labelOf(PHASES, h.phase)}`] : []), ...(h.note ? [`. ${h.note}`] : [])] as Inline[],
    }));
    const now = mine.map((u) => ({ text: changeLines('Deze bijeenkomst', u, (u.links ?? []).map((l) => l.title ?? 'een eerdere small win')) }));
    const from = win ? ` (vastgelegd in ${win.session.title}, ${day.format(new Date(win.session.date))})` : '';
    return [
      paragraph(strong(win?.title ?? 'Eerdere small win'), from),
      ...(win?.origin ? originBlocks(win.origin) : []),
      { type: 'list', ordered: true, items: [...before, ...now] },
    ];
  });
}
