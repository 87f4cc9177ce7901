/** A session on a vote step over design questions, for the vote's unit tests and its simulation. */
import type { Actor, SessionEvent } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS, reduce } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { QUESTIONS_EVENTS, type QuestionsStep } from '../../kinds/questions/model.js';
import { models } from '../../kinds/registry.js';
import { vote } from '../../kinds/vote/index.js';
import type { VoteData, VoteStep } from '../../kinds/vote/model.js';
import type { WallStep } from '../../kinds/wall/model.js';

export const wallStep: WallStep = { id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'klaagmuur', title: 'Klaagmuur' }, { id: 'jubelmuur', title: 'Jubelmuur' }] };
export const questionsStep: QuestionsStep = { id: 'vragen', kind: 'questions', title: 'Ontwerpvragen' };
export const voteStep: VoteStep = { id: 'stem', kind: 'vote', title: 'Stemmen', from: 'vragen', dots: 3, maxPerItem: 2, choose: 2 };
export const facilitator: Actor = { role: 'facilitator' };
export const by = (id: string): Actor => ({ role: 'participant', id });

/** A session on the vote step, with questions q1–q4 on the list. */
export function session(step: VoteStep = voteStep) {
  const steps: StepDef[] = [wallStep, questionsStep, step];
  const created: SessionEvent = {
    id: 'c',
    seq: 1,
    type: CORE_EVENTS.created,
    actor: facilitator,
    payload: { title: 'T', arena: { id: 'a', title: 'A' }, script: { id: 's', title: 'S' }, steps },
    at: 0,
  };
  const state = reduce([created], 's', models);
  const push = (type: string, payload: unknown, actor: Actor, stepId?: string, id = `e${state.seq + 1}`) => {
    const event: SessionEvent = { id, seq: state.seq + 1, type, ...(stepId ? { stepId } : {}), actor, payload, at: 1000 + state.seq };
    applyEvent(state, event, models);
    return event;
  };
  for (const [id, who, text] of [
    ['q1', 'alice', 'Hoe kunnen we mantelzorgers eerder bereiken?'],
    ['q2', 'bob', 'Hoe kunnen we wachtlijsten korter maken?'],
    ['q3', 'carol', 'Hoe kunnen we respijtzorg bekender maken?'],
    ['q4', 'dave', 'Hoe kunnen we mantelzorgers sneller bereiken?'],
  ] as const)
    push(QUESTIONS_EVENTS.asked, { text }, by(who), 'vragen', id);
  push(CORE_EVENTS.opened, { stepId: step.id }, facilitator);
  const data = () => state.stepStates[step.id]!.data as VoteData;
  const decide = (actor: Actor, payload: unknown, type = 'vote.place') =>
    vote.commands[type]!.decide({ state, step, data: data(), revealed: state.stepStates[step.id]!.revealed, actor, id: 'x', present: [] }, payload);
  /** Decide and, when accepted, apply as the server does. */
  const place = (who: string, itemId: string, dots: number) => {
    const decision = decide(by(who), { itemId, dots });
    if (decision.ok) push(decision.type, decision.payload, by(who), step.id);
    return decision.ok ? 'ok' : decision.error;
  };
  return { state, push, data, decide, place };
}

/** The facilitator hides question `q` (or shows it again). */
export const hide = (s: ReturnType<typeof session>, q: string, hidden: boolean) =>
  s.push(QUESTIONS_EVENTS.hidden, { questionId: q, hidden }, facilitator, 'vragen');

/** Every voter's dots on every item, on the ballot or not. */
export const held = (data: VoteData) => {
  const byVoter = new Map<string, number>();
  for (const byItem of Object.values(data.dots)) for (const [who, n] of Object.entries(byItem)) byVoter.set(who, (byVoter.get(who) ?? 0) + n);
  return byVoter;
};
