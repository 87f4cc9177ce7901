/**
 * The actions' part of the recap at the start of a meeting: every open action of the
 * arena with its status, and the ones that closed since the last meeting; under each
 * the latest update.
 */
import type { KindArena, RecapItem } from '../arena-contract.js';
import { arenaActions, openFirst, type ArenaAction } from './arena.js';
import { STATUS_LABEL } from './harvest.js';
import { isOpen, updateText, type ActionData, type ActionStep, type StatusId } from './model.js';

const TONE: Readonly<Record<StatusId, RecapItem['tone']>> = { voorgesteld: 'open', loopt: 'open', bijgesteld: 'open', gelukt: 'done', gestopt: 'stopped' };

function item({ action, status, history }: ArenaAction): RecapItem {
  const latest = history[history.length - 1];
  const said = latest ? updateText(latest).replace(/\n/g, ' · ') : '';
  return { text: action.what, badge: STATUS_LABEL[status], tone: TONE[status], ...(said ? { note: said } : {}) };
}

export const actionRecap: NonNullable<KindArena<ActionData, ActionStep>['recap']> = {
  order: 10,
  part({ sessions, metOn, logbook }, since) {
    const closedSince = (a: ArenaAction) => !!since && a.history.some((h) => h.status && h.session.date >= since.date);
    const shown = openFirst(arenaActions(sessions, metOn, logbook)).filter((a) => isOpen(a.status) || closedSince(a));
    return shown.length ? { title: 'Onze acties en experimenten', items: shown.map(item) } : undefined;
  },
};
