/**
 * The delivery property for "vragen aan de spreker", in seeded random sessions through a
 * real SessionRuntime, with moderation switched on and off: every view, kept by snapshot
 * plus routed events, equals a fresh projection of the log; the screen never holds an
 * author, a voter or a hidden question, and a phone never another's vote.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../core/protocol.js';
import { project, reduce } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { seeded } from '../../test/helpers/random.js';
import { deliverToViews, joinNext, simulatedSession, type SimView } from '../../test/helpers/simulated-views.js';
import { models } from '../registry.js';
import type { QnaData } from './model.js';
import { dataOf } from '../../test/helpers/step-data.js';

const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Hallo' },
  { id: 'vragen', kind: 'qna', title: 'Vragen aan de spreker', maxQuestions: 2 },
  { id: 'nog-meer', kind: 'qna', title: 'Nog meer vragen' },
];
const facilitator: Viewer = { role: 'facilitator' };
const screen: Viewer = { role: 'screen' };

async function simulate(seed: number, commands: number) {
  const { next: random, pick } = seeded(seed);
  const { store, row, created } = await simulatedSession(STEPS);

  const views: SimView[] = [];
  const violations: string[] = [];
  const outcomes = new Map<string, number>();
  const check = (v: SimView, when: string) => {
    if (v.viewer.role === 'facilitator') return;
    for (const s of v.state.steps.filter((x) => x.kind === 'qna')) {
      const data = dataOf<QnaData>(v.state.stepStates[s.id]);
      for (const q of data.questions) {
        if (q.hidden) violations.push(`${when}: ${v.viewer.role} holds hidden ${q.id}`);
        if (q.author !== undefined && q.author !== v.viewer.participantId) violations.push(`${when}: ${v.viewer.role} holds the author of ${q.id}`);
      }
      for (const b of data.ballots)
        if (v.viewer.role === 'screen' ? b.voter !== '' : b.voter !== v.viewer.participantId) violations.push(`${when}: ${v.viewer.role} holds a vote of ${b.voter}`);
    }
  };
  const runtime = new SessionRuntime(row, reduce([created], 's', models), store, (rt, event, audience) => {
    deliverToViews(views, rt.state, event, audience, (v) => check(v, event.type));
  });
  const connect = (viewer: Viewer) => views.push({ viewer, state: project(runtime.state, viewer, models) });
  connect(facilitator);
  connect(screen);
  const people: Viewer[] = [];
  const send = async (type: string, stepId: string | undefined, payload: unknown, viewer: Viewer, i: number) => {
    const ack = await runtime.handle({ id: `c${i}`, type, ...(stepId ? { stepId } : {}), payload }, viewer);
    const key = `${type} ${ack.ok ? 'ok' : ack.error}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    for (const v of views) {
      const fresh = project(runtime.state, v.viewer, models);
      for (const s of STEPS.filter((x) => x.kind === 'qna'))
        if (!isDeepStrictEqual(v.state.stepStates[s.id]!.data, fresh.stepStates[s.id]!.data))
          violations.push(`${v.viewer.role} ${v.viewer.participantId ?? ''} drifted on ${s.id} after ${key}`);
    }
  };

  for (let i = 0; i < commands; i++) {
    const state = runtime.state;
    const roll = random();
    const s = random() < 0.85 && state.steps[state.current]!.kind === 'qna' ? state.steps[state.current]! : pick(STEPS.slice(1));
    const data = dataOf<QnaData>(state.stepStates[s.id]);
    const question = () => (data.questions.length && random() < 0.95 ? pick(data.questions).id : 'verzonnen');
    if (roll < 0.08 || !people.length) await joinNext(runtime, people, connect, i);
    else if (roll < 0.12) await send('session.goto', undefined, { stepId: pick(STEPS).id }, facilitator, i);
    else if (roll < 0.15) await send('moderation.set', undefined, { on: random() < 0.5 }, facilitator, i);
    else if (roll < 0.2 && state.moderation.held.length) {
      const ids = state.moderation.held.filter(() => random() < 0.7).map((e) => e.id);
      if (ids.length) await send(random() < 0.75 ? 'moderation.approve' : 'moderation.reject', undefined, { ids }, facilitator, i);
    } else if (roll < 0.26) connect(random() < 0.4 ? screen : pick(people));
    else if (roll < 0.5) await send('qna.ask', s.id, { text: random() < 0.03 ? '  ' : `Vraag ${i}` }, random() < 0.1 ? facilitator : pick(people), i);
    else if (roll < 0.8) await send('qna.vote', s.id, { questionId: question(), up: random() < 0.75 }, pick(people), i);
    else if (roll < 0.9) await send('qna.hide', s.id, { questionId: question(), hidden: random() < 0.6 }, facilitator, i);
    else await send('qna.answer', s.id, { questionId: question(), answered: random() < 0.7 }, random() < 0.5 ? screen : facilitator, i);
  }
  await store.close();
  return { runtime, views, violations, outcomes };
}

describe('vragen aan de spreker: snapshot plus routed events equals a fresh projection', () => {
  for (const seed of [3, 17, 2026]) {
    it(`holds for random session ${seed}`, async () => {
      const { runtime, views, violations, outcomes } = await simulate(seed, 300);
      expect(violations).toEqual([]);
      // The simulation really exercised the kind: accepted and refused commands of every sort.
      for (const key of ['qna.ask ok', 'qna.ask limit-reached', 'qna.vote ok', 'qna.vote limit-reached', 'qna.vote not-found', 'qna.hide ok', 'qna.answer ok', 'moderation.approve ok'])
        expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(0);
      for (const v of views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
      }
    });
  }
});
