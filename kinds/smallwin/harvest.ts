/**
 * The small wins' part of the harvest: the wins first, celebrated, with their
 * characteristics, mechanisms, paths, phase and answers; then the progress this
 * session recorded on earlier wins. Hidden items are left out, nobody is named.
 */
import type { SessionState, StepDef } from '../../core/state.js';
import type { HarvestSection } from '../definition.js';
import { mdInline } from '../markdown.js';
import { CHARACTERISTICS, earlierWins, labelOf, MECHANISMS, PATHS, PHASES, type SmallwinData, type SmallwinStep } from './model.js';

const iso = (ms: number) => new Date(ms).toISOString();
const day = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeZone: 'Europe/Amsterdam' });

export function harvestSmallwins(data: SmallwinData, step: StepDef, state: SessionState): HarvestSection {
  const questions = (step as SmallwinStep).questions ?? [];
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
      answers: questions.filter((q) => w.answers[q.id]).map((q) => ({ questionId: q.id, question: q.text, answer: w.answers[q.id]! })),
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

  const lines: string[] = [];
  if (!wins.length) lines.push('_Nog geen small wins vastgelegd._', '');
  else lines.push(`**${wins.length === 1 ? '1 small win' : `${wins.length} small wins`} om te vieren!**`, '');
  wins.forEach((w, i) => {
    lines.push(`#### ${i + 1}. ${mdInline(w.title)}`, '');
    const facts: string[] = [];
    if (w.result) facts.push(`**Resultaat:** ${mdInline(w.result)}`);
    if (w.visibleFor) facts.push(`**Zichtbaar voor:** ${mdInline(w.visibleFor)}`);
    facts.push(`**Fase:** ${labelOf(PHASES, w.phase)}`);
    if (w.mechanisms.length) facts.push(`**Aanjaagmechanismen:** ${w.mechanisms.map((m) => labelOf(MECHANISMS, m)).join(', ')}`);
    if (w.paths.length) facts.push(`**Route:** ${w.paths.map((p) => labelOf(PATHS, p)).join(', ')}`);
    lines.push(facts.join('  \n'), '', '**Kenmerken:**', '');
    for (const c of w.characteristics) lines.push(`- ${c.ticked ? '[x]' : '[ ]'} ${c.label}${c.explanation ? `: ${mdInline(c.explanation)}` : ''}`);
    lines.push('');
    for (const a of w.answers) lines.push(`**${mdInline(a.question)}**  `, mdInline(a.answer), '');
  });

  if (progress.length) {
    lines.push('#### Voortgang van eerdere small wins', '');
    for (const u of progress) {
      const what = u.win.title ? `**${mdInline(u.win.title)}**${u.win.session ? ` (${mdInline(u.win.session.title)}, ${day.format(new Date(u.win.session.date))})` : ''}` : '**Eerdere small win**';
      const change = [u.phase ? `nieuwe fase: ${labelOf(PHASES, u.phase)}` : '', u.note ? mdInline(u.note) : ''].filter(Boolean).join('. ');
      lines.push(`- ${what}: ${change}`);
    }
    lines.push('');
  }
  return { data: { wins, progress }, markdown: lines.join('\n') };
}
