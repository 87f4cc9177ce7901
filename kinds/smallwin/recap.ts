/**
 * The small wins' part of the recap at the start of a meeting: the wins registered at
 * the last meeting (new) and the earlier ones that moved on since (a new phase or a
 * note), each with where it stands now. At a first meeting there is nothing "since".
 */
import type { KindArena, RecapItem } from '../arena-contract.js';
import { arenaWins, type ArenaWin } from './arena.js';
import { stageText } from './arena-part.js';
import { labelOf, PHASES, type SmallwinData } from './model.js';

function item(w: ArenaWin, isNew: boolean, since: number): RecapItem {
  const changes = w.history.filter((h) => h.session.date >= since && (h.phase || h.note));
  const moved = changes[changes.length - 1];
  const said = moved ? [moved.phase ? `Nieuwe fase: ${labelOf(PHASES, moved.phase)}` : '', moved.note ?? ''].filter(Boolean).join(' · ') : '';
  const note = isNew ? w.win.result : said;
  return { text: w.win.title, badge: isNew ? `Nieuw · ${stageText(w)}` : stageText(w), tone: isNew ? 'new' : 'open', ...(note ? { note } : {}) };
}

export const smallwinRecap: NonNullable<KindArena<SmallwinData>['recap']> = {
  order: 30,
  part(arena, since) {
    if (!since) return undefined;
    const wins = arenaWins(arena);
    const isNew = (w: ArenaWin) => w.session.date >= since.date;
    const progressed = (w: ArenaWin) => !isNew(w) && w.history.some((h) => h.session.date >= since.date && (h.phase || h.note));
    const items = [...wins.filter(isNew).map((w) => item(w, true, since.date)), ...wins.filter(progressed).map((w) => item(w, false, since.date))];
    return items.length ? { title: 'Small wins: nieuw en verder gekomen', items } : undefined;
  },
};
