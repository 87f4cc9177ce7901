/**
 * The small wins' part of the harvest: the wins first, celebrated, with their
 * characteristics, mechanisms, paths, phase and answers; then the progress this
 * session recorded on earlier wins. Hidden items are left out, nobody is named.
 */
import { getOwn } from '../../core/records.js';
import type { SessionState } from '../../core/state.js';
import { lineBreak, note, paragraph, strong, type HarvestBlock, type HarvestSection, type Inline } from '../definition.js';
import { CHARACTERISTICS, earlierWins, labelOf, MECHANISMS, PATHS, PHASES, type SmallwinData, type SmallwinStep } from './model.js';

const iso = (ms: number) => new Date(ms).toISOString();
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
      phase: w.phase,
      answers: questions.filter((q) => getOwn(w.answers, q.id)).map((q) => ({ questionId: q.id, question: q.text, answer: getOwn(w.answers, q.id)! })),
      at: iso(w.at),
    }));

  const progress = data.updates
    .filter((u) => !u.hidden)
    .map((u) => {
      const win = earlier.find((w) => w.id === u.winId && w.session.id === u.sessionId);
      return {
        id: u.id,
        win: { id: u.winId, sessionId: u.sessionId, ...(win ? { title: win.title, session: { title: win.session.title, date: iso(win.session.date) } } : {}) },
        ...(u.phase ? { phase: u.phase } : {}),
        ...(u.note ? { note: u.note } : {}),
        at: iso(u.at),
      };
    });

  const blocks: HarvestBlock[] = [paragraph(wins.length ? strong(`${wins.length === 1 ? '1 small win' : `${wins.length} small wins`} om te vieren!`) : note('Nog geen small wins vastgelegd.'))];
  wins.forEach((w, i) => {
    const facts: [string, string][] = [];
    if (w.result) facts.push(['Resultaat', w.result]);
    if (w.visibleFor) facts.push(['Zichtbaar voor', w.visibleFor]);
    facts.push(['Fase', labelOf(PHASES, w.phase)]);
    if (w.mechanisms.length) facts.push(['Aanjaagmechanismen', w.mechanisms.map((m) => labelOf(MECHANISMS, m)).join(', ')]);
    if (w.paths.length) facts.push(['Route', w.paths.map((p) => labelOf(PATHS, p)).join(', ')]);
    blocks.push(
      { type: 'heading', text: `${i + 1}. ${w.title}` },
      paragraph(...facts.flatMap(([label, value], n): Inline[] => [...(n ? [lineBreak] : []), strong(`${label}:`), ` ${value}`])),
      paragraph(strong('Kenmerken:')),
      { type: 'list', items: w.characteristics.map((c) => ({ checked: c.ticked, text: [`${c.label}${c.explanation ? `: ${c.explanation}` : ''}`] })) },
      ...w.answers.map((a) => paragraph(strong(a.question), lineBreak, a.answer)),
    );
  });

  if (progress.length)
    blocks.push(
      { type: 'heading', text: 'Voortgang van eerdere small wins' },
      {
        type: 'list',
        items: progress.map((u) => {
          const what: Inline[] = u.win.title
            ? [strong(u.win.title), u.win.session ? ` (${u.win.session.title}, ${day.format(new Date(u.win.session.date))})` : '']
            : [strong('Eerdere small win')];
          const change = [u.phase ? `nieuwe fase: ${labelOf(PHASES, u.phase)}` : '', u.note ?? ''].filter(Boolean).join('. ');
          return { text: [...what, `: ${change}`] };
        }),
      },
    );
  const rows = [
    ...wins.map((w) => ({ group: 'Small win', text: [w.title, w.result].filter(Boolean).join(': '), at: w.at })),
    ...progress.map((u) => ({ group: 'Voortgang', ...(u.win.title ? { cluster: u.win.title } : {}), text: [u.phase ? labelOf(PHASES, u.phase) : '', u.note ?? ''].filter(Boolean).join(': '), at: u.at })),
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
      { type: 'list', items: wins.map((w) => ({ text: w.result ? [strong(w.title), `: ${w.result}`] : [strong(w.title)] })) },
    );
  if (moved.length)
    blocks.push(
      paragraph(strong(moved.length === 1 ? 'Voortgang op een eerdere small win' : `Voortgang op ${moved.length} eerdere small wins`)),
      {
        type: 'list',
        items: moved.map((u) => {
          const win = earlier.find((w) => w.id === u.winId && w.session.id === u.sessionId);
          return { text: [strong(win?.title ?? 'Eerdere small win'), u.phase ? `: nu in de ${labelOf(PHASES, u.phase).toLowerCase()}` : u.note ? `: ${u.note}` : ''] };
        }),
      },
    );
  return blocks;
}
