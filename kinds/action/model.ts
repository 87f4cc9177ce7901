/**
 * Actions and experiments: the room proposes what it will do, each action one
 * record (*wat gaan we doen*, *wie doet mee*, *wanneer kijken we terug*, *wat
 * merkt de doelgroep ervan*), so its fields stay together in every view and
 * harvest. The screen shows every visible action as it comes in, without its
 * author; a phone holds its own, and once the facilitator puts the list on the
 * phones (the reveal) everybody's, so a later vote can put them on its ballot.
 *
 * Chosen actions become the arena's actions (`arena.ts`): a later session carries
 * the open ones in `state.arenaContext.action`, and a step records updates on them
 * (status, what we did, noticed, learned, adjust) as events of its own session
 * that name the action by session id and action id.
 *
 * Loaded by a phone only when its session has an action step.
 */
import type { KindModel } from '../../core/kind.js';
import { insertBySeq } from '../order.js';
import type { ActionContext, ActionEvent, ActionFields, ActionStep, UpdateFields } from './schema.js';

export type { ActionContext, ActionEvent, ActionFields, ActionStep, CarriedAction, UpdateFields } from './schema.js';

export type StatusId = 'voorgesteld' | 'loopt' | 'gelukt' | 'bijgesteld' | 'gestopt';
/** The statuses an arena's action goes through; the last two close it (METHODS.md). */
export const STATUSES: readonly StatusId[] = ['voorgesteld', 'loopt', 'gelukt', 'bijgesteld', 'gestopt'];
export const isOpen = (status: StatusId) => status !== 'gelukt' && status !== 'gestopt';
/** The fields of an update, in the order the method asks them. */
export const UPDATE_FIELDS = ['did', 'noticed', 'learned', 'adjust'] as const;

export interface Action extends ActionFields {
  id: string;
  /** Participant id; only the facilitator and the author see it. */
  author?: string;
  at: number;
  seq: number;
  hidden: boolean;
}

/** An update on an action of an earlier session of the arena, recorded in this one. */
export interface ActionUpdate extends UpdateFields {
  id: string;
  author?: string;
  at: number;
  seq: number;
  hidden: boolean;
}

export interface ActionData {
  actions: Action[];
  updates: ActionUpdate[];
}

export const ACTION_EVENTS = {
  proposed: 'action.proposed',
  hidden: 'action.hidden',
  updated: 'action.updated',
  updateHidden: 'action.update-hidden',
} as const;

/** The open actions of the arena a session carries, or none. */
export const carriedActions = (arenaContext: Record<string, unknown> | undefined) => (arenaContext?.action as ActionContext | undefined)?.actions ?? [];
export const participantsPropose = (step: ActionStep) => step.by !== 'facilitator';

/** An action as one text, its fields together: a ballot line, a CSV cell, a moderation queue entry. */
export function actionText(a: ActionFields): string {
  return [a.what, a.who && `Wie: ${a.who}`, a.when && `Terugkijken: ${a.when}`, a.target && `Doelgroep merkt: ${a.target}`].filter(Boolean).join('\n');
}
export function updateText(u: Partial<UpdateFields>): string {
  const labels = { did: 'Deden', noticed: 'Merkten', learned: 'Leerden', adjust: 'Passen aan' } as const;
  return UPDATE_FIELDS.flatMap((f) => (u[f] ? [`${labels[f]}: ${u[f]}`] : [])).join('\n');
}

const own = <T extends { author?: string }>(x: T, me: string | undefined) => me !== undefined && x.author === me;
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
function withoutAuthor<T extends { author?: string }>({ author: _a, ...x }: T): Omit<T, 'author'> {
  return x;
}

export const actionModel: KindModel<ActionData, ActionEvent, ActionStep> = {
  kind: 'action',
  /** The reveal puts everybody's actions on the phones, for a vote on them. */
  revealable: true,
  init: () => ({ actions: [], updates: [] }),

  items: (data) => data.actions.filter((a) => !a.hidden).map((a) => ({ id: a.id, text: actionText(a), size: 1 })),

  apply(data, event) {
    switch (event.type) {
      case ACTION_EVENTS.proposed:
        insertBySeq(data.actions, { ...event.payload, id: event.id, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      case ACTION_EVENTS.updated:
        insertBySeq(data.updates, { ...event.payload, id: event.id, ...(event.actor.id ? { author: event.actor.id } : {}), at: event.at, seq: event.seq, hidden: false });
        break;
      case ACTION_EVENTS.hidden: {
        const { actionId, hidden, action, remove } = event.payload;
        const existing = data.actions.find((a) => a.id === actionId);
        // A view drops a hidden action unless it holds it as its own (only the author's phone holds an author).
        if (remove && !existing?.author) data.actions = data.actions.filter((a) => a.id !== actionId);
        else if (existing) existing.hidden = hidden;
        else if (action && !hidden) insertBySeq(data.actions, { ...action, hidden: false });
        break;
      }
      case ACTION_EVENTS.updateHidden: {
        const { updateId, hidden, update, remove } = event.payload;
        const existing = data.updates.find((u) => u.id === updateId);
        if (remove && !existing?.author) data.updates = data.updates.filter((u) => u.id !== updateId);
        else if (existing) existing.hidden = hidden;
        else if (update && !hidden) insertBySeq(data.updates, { ...update, hidden: false });
        break;
      }
    }
  },

  project(data, viewer, { revealed }) {
    if (viewer.role === 'facilitator') return copy(data);
    const me = viewer.role === 'participant' ? (viewer.participantId ?? '') : undefined;
    const others = me === undefined || revealed;
    return {
      actions: data.actions.filter((a) => own(a, me) || (others && !a.hidden)).map((a) => copy(own(a, me) ? a : withoutAuthor(a))),
      updates: data.updates.filter((u) => own(u, me) || (me === undefined && !u.hidden)).map((u) => copy(own(u, me) ? u : withoutAuthor(u))),
    };
  },

  contribution(event) {
    if (event.type === ACTION_EVENTS.proposed) return actionText(event.payload);
    return event.type === ACTION_EVENTS.updated ? updateText(event.payload) || undefined : undefined;
  },

  audience(event, data, { revealed }) {
    const to = (id: string | undefined) => (id ? [id] : ('none' as const));
    switch (event.type) {
      case ACTION_EVENTS.proposed:
        return { screen: true, participants: revealed ? 'all' : to(event.actor.id) };
      case ACTION_EVENTS.hidden:
        return { screen: true, participants: revealed ? 'all' : to(data.actions.find((a) => a.id === event.payload.actionId)?.author) };
      case ACTION_EVENTS.updated:
        return { screen: true, participants: to(event.actor.id) };
      case ACTION_EVENTS.updateHidden:
        return { screen: true, participants: to(data.updates.find((u) => u.id === event.payload.updateId)?.author) };
      default:
        return { screen: false, participants: 'none' };
    }
  },

  redact(event) {
    if (event.type === ACTION_EVENTS.hidden && event.payload.hidden) return { ...event, payload: { ...event.payload, remove: true } };
    if (event.type === ACTION_EVENTS.updateHidden && event.payload.hidden) return { ...event, payload: { ...event.payload, remove: true } };
    return event;
  },
};
