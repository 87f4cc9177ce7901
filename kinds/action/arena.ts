/**
 * Actions across an arena: the chosen actions of every session, each with the
 * updates later sessions recorded on it (status, what we did, noticed, learned,
 * adjust). Pure: the server builds a new session's arena context with it, the
 * arena's list of actions and the arena harvest.
 *
 * Which actions are chosen: where a vote of the session reads the action step
 * (`from:`), the ones the vote chose; otherwise every visible action of the step
 * (a facilitator who records the agreed actions needs no vote).
 */
import { stepsOfKind } from '../../core/kind.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { inMeetingOrder, type ArenaSessions, type LogbookUpdate } from '../arena-contract.js';
import { withLogbook } from './logbook.js';
import { ballot, ranking } from '../vote/ballot.js';
import { voteRules, type VoteData, type VoteStep } from '../vote/model.js';
import { actionModel, isOpen, type Action, type ActionData, type ActionStep, type StatusId } from './model.js';
import { CONTEXT_LIMITS, type ActionContext, type UpdateFields } from './schema.js';

export interface SessionRef {
  id: string;
  title: string;
  date: number;
}
export interface HistoryEntry extends Omit<UpdateFields, 'sessionId' | 'actionId'> {
  id: string;
  /** The session that recorded it, or the logbook between meetings (`source`), dated. */
  session: SessionRef;
  at: number;
  source?: 'logboek';
}
export interface ArenaAction {
  action: Action;
  session: SessionRef;
  stepId: string;
  status: StatusId;
  history: HistoryEntry[];
}

const actionSteps = (state: SessionState) => stepsOfKind(state, actionModel);
const isVote = (step: StepDef): step is VoteStep => step.kind === 'vote' && typeof step.from === 'string';

/** The visible actions of an action step that became the group's: the vote's choice where a vote reads the step, else all. */
export function chosenActions(state: SessionState, step: ActionStep, data: ActionData): Action[] {
  const visible = data.actions.filter((a) => !a.hidden);
  const votes = state.steps.filter(isVote).filter((v) => v.from === step.id);
  if (!votes.length) return visible;
  const chosen = new Set(
    votes.flatMap((v) => {
      const result = ranking(ballot(state, v) ?? [], state.stepStates[v.id]?.data as VoteData, voteRules(v).choose);
      return result.filter((r) => r.chosen).map((r) => r.id);
    }),
  );
  return visible.filter((a) => chosen.has(a.id));
}

const keyOf = (sessionId: string, actionId: string) => `${sessionId}/${actionId}`;

/** The arena's actions, in the order they were chosen, each with its history in the order it happened, the logbook's approved updates among them. */
export function arenaActions(
  sessions: readonly SessionState[],
  metOn: (s: SessionState) => number = (s) => s.createdAt,
  logbook: readonly LogbookUpdate[] = [],
): ArenaAction[] {
  const ordered = inMeetingOrder(sessions, metOn);
  const all = new Map<string, ArenaAction>();
  for (const state of ordered) {
    const session = { id: state.id, title: state.title, date: metOn(state) };
    const steps = actionSteps(state);
    // Updates name actions of earlier sessions only, so every action they name is already here.
    for (const update of steps.flatMap(({ data }) => data.updates).sort((a, b) => a.seq - b.seq)) {
      const target = all.get(keyOf(update.sessionId, update.actionId));
      if (!target || update.hidden) continue;
      const { sessionId: _s, actionId: _a, author: _w, hidden: _h, seq: _q, ...said } = update;
      target.history.push({ ...said, session });
      if (update.status) target.status = update.status;
    }
    for (const { step, data } of steps)
      for (const action of chosenActions(state, step, data)) all.set(keyOf(state.id, action.id), { action, session, stepId: step.id, status: 'voorgesteld', history: [] });
  }
  withLogbook(all, logbook, keyOf);
  return [...all.values()];
}

/** Open ones first, each group in the order chosen. */
export const openFirst = (actions: ArenaAction[]) => [...actions.filter((a) => isOpen(a.status)), ...actions.filter((a) => !isOpen(a.status))];

const shorten = (text: string, max = CONTEXT_LIMITS.text) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

/** What a new session carries of the arena's actions: the open ones, the latest first kept, texts shortened. */
export function actionContext(arena: ArenaSessions): ActionContext {
  const open = arenaActions(arena.sessions, arena.metOn, arena.logbook).filter((a) => isOpen(a.status));
  return {
    actions: open.slice(-CONTEXT_LIMITS.actions).map(({ action, session, status, history }) => ({
      id: action.id,
      session,
      what: action.what,
      who: shorten(action.who),
      when: shorten(action.when),
      target: shorten(action.target),
      status,
      history: history.slice(-CONTEXT_LIMITS.history).map(({ id: _id, session: s, at, status: st, source: _source, ...said }) => ({
        session: s,
        at,
        ...(st ? { status: st } : {}),
        ...Object.fromEntries(Object.entries(said).map(([k, v]) => [k, shorten(v)])),
      })),
    })),
  };
}
