/**
 * The actions in the harvests: a step's section (every visible action with its
 * fields together, and the updates recorded on earlier actions), its line on the
 * first page (the chosen actions), and the arena's part: the list of actions
 * (`GET /api/arenas/:arenaId/actions`, read by `Arena.svelte`) and its section of
 * the arena harvest, each action with its history in order.
 */
import type { SessionState } from '../../core/state.js';
import { note, paragraph, type HarvestBlock, type HarvestSection, type Inline, type ListItem } from '../definition.js';
import { type ArenaSessions, type KindArena, type Offer } from '../arena-contract.js';
import { arenaActions, chosenActions, openFirst, type HistoryEntry } from './arena.js';
import { actionLogbook } from './logbook.js';
import { actionText, carriedActions, updateText, type Action, type ActionData, type ActionStep, type StatusId } from './model.js';

export const STATUS_LABEL: Readonly<Record<StatusId, string>> = { voorgesteld: 'Voorgesteld', loopt: 'Loopt', gelukt: 'Gelukt', bijgesteld: 'Bijgesteld', gestopt: 'Gestopt' };
const iso = (ms: number) => new Date(ms).toISOString();
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An action as a list item: what we do, the other fields below it, together. */
function actionItem(a: Pick<Action, 'what' | 'who' | 'when' | 'target'>, extra: Inline[][] = []): ListItem {
  const sub: Inline[][] = [];
  if (a.who) sub.push([note('Wie doet mee: '), a.who]);
  if (a.when) sub.push([note('Wanneer kijken we terug: '), a.when]);
  if (a.target) sub.push([note('Wat merkt de doelgroep ervan: '), a.target]);
  return { text: [a.what], ...(sub.length || extra.length ? { sub: [...sub, ...extra] } : {}) };
}

const historyLine = (h: HistoryEntry): Inline[] => [note(`${day(h.session.date)}, ${h.session.title}${h.status ? ` — ${STATUS_LABEL[h.status]}` : ''}: `), updateText(h).replace(/\n/g, '; ')];

export function harvestActions(data: ActionData, step: ActionStep, state: SessionState): HarvestSection {
  const visible = data.actions.filter((a) => !a.hidden);
  const chosen = new Set(chosenActions(state, step, data).map((a) => a.id));
  const carried = carriedActions(state.arenaContext);
  const updates = data.updates.filter((u) => !u.hidden);
  const blocks: HarvestBlock[] = [];
  if (visible.length)
    blocks.push({ type: 'list', items: visible.map((a) => actionItem(a, chosen.has(a.id) && chosen.size < visible.length ? [[note('✓ gekozen')]] : [])) });
  if (updates.length) {
    blocks.push({ type: 'heading', text: 'Voortgang op eerdere acties' });
    blocks.push({
      type: 'list',
      items: updates.map((u) => {
        const target = carried.find((a) => a.id === u.actionId && a.session.id === u.sessionId);
        return { text: [target?.what ?? u.actionId, ...(u.status ? [' ', note(`(${STATUS_LABEL[u.status]})`)] : [])], sub: updateText(u).split('\n').filter(Boolean).map((l) => [l]) };
      }),
    });
  }
  return {
    data: {
      actions: visible.map((a) => ({ id: a.id, what: a.what, who: a.who, when: a.when, target: a.target, chosen: chosen.has(a.id), at: iso(a.at) })),
      updates: updates.map(({ author: _a, hidden: _h, seq: _s, at, ...u }) => ({ ...u, at: iso(at) })),
    },
    blocks,
    rows: [
      ...visible.map((a) => ({ group: 'Actie', text: actionText(a).replace(/\n/g, ' | '), ...(chosen.has(a.id) ? { outcome: 'gekozen' } : {}), at: iso(a.at) })),
      ...updates.map((u) => ({
        group: 'Voortgang',
        text: [carried.find((a) => a.id === u.actionId)?.what ?? u.actionId, updateText(u)].join(' | ').replace(/\n/g, ' | '),
        ...(u.status ? { outcome: STATUS_LABEL[u.status] } : {}),
        at: iso(u.at),
      })),
    ],
  };
}

/** The chosen actions, each with its fields, on the harvest's first page. */
export function glanceActions(data: ActionData, step: ActionStep, state: SessionState): HarvestBlock[] {
  const chosen = chosenActions(state, step, data);
  const updated = data.updates.filter((u) => !u.hidden).length;
  const blocks: HarvestBlock[] = chosen.length ? [{ type: 'list', items: chosen.map((a) => actionItem(a)) }] : [];
  if (updated) blocks.push(paragraph(note(`${updated} ${updated === 1 ? 'update' : 'updates'} op eerdere acties.`)));
  return blocks;
}

/** The arena's actions (`GET /api/arenas/:arenaId/actions`): every chosen action with its status and history, open ones first. */
export function arenaActionList({ arena, sessions, metOn, logbook }: ArenaSessions) {
  const session = (s: { id: string; title: string; date: number }) => ({ id: s.id, title: s.title, date: iso(s.date) });
  const actions = openFirst(arenaActions(sessions, metOn, logbook)).map(({ action, session: from, stepId, status, history }) => ({
    id: action.id,
    session: session(from),
    stepId,
    what: action.what,
    who: action.who,
    when: action.when,
    target: action.target,
    status,
    proposedAt: iso(action.at),
    history: history.map(({ session: s, at, ...h }) => ({ ...h, session: session(s), at: iso(at) })),
  }));
  return { arena: { id: arena.id, title: arena.title }, actions };
}
export type ArenaActionItem = ReturnType<typeof arenaActionList>['actions'][number];

/** The arena's actions, open and finished, as items a small win may come from: chosen, then each update, dated. */
function actionOffers({ sessions, metOn, logbook }: ArenaSessions): Offer[] {
  return arenaActions(sessions, metOn, logbook).map(({ action, session, history }) => ({
    kind: 'action',
    sessionId: session.id,
    id: action.id,
    title: action.what,
    history: [
      { date: session.date, text: `Gekozen in ${session.title}` },
      ...history.map((h) => ({ date: h.session.date, text: `${h.session.title}${h.status ? ` — ${STATUS_LABEL[h.status]}` : ''}: ${updateText(h).replace(/\n/g, '; ')}` })),
    ],
  }));
}

export const actionArena: KindArena<ActionData, ActionStep> = {
  routes: [{ path: 'actions', answer: arenaActionList }],
  logbook: actionLogbook,
  offers: actionOffers,
  harvest({ sessions, metOn, logbook }) {
    const actions = openFirst(arenaActions(sessions, metOn, logbook));
    return {
      name: 'actions',
      order: 10,
      data: arenaActionList({ arena: { id: '', title: '' }, sessions, metOn, logbook }).actions,
      title: 'Acties en experimenten',
      blocks: actions.length
        ? [
            {
              type: 'list',
              items: actions.map(({ action, session, status, history }) =>
                actionItem(action, [[note(`Status: ${STATUS_LABEL[status]} · gekozen in ${session.title} (${day(session.date)})`)], ...history.map(historyLine)]),
              ),
            },
          ]
        : [paragraph(note('Nog geen acties gekozen.'))],
    };
  },
};
