/**
 * The delivery property for the recap, in seeded random sessions through a real
 * SessionRuntime: the facilitator shows parts (and parts that do not exist), moves between
 * steps, phones join and views connect late; every view, kept by snapshot plus routed
 * events, equals a fresh projection of the log, and every phone and the screen follow
 * the part on the screen.
 */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../core/protocol.js';
import { project, reduce } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { seeded } from '../../test/helpers/random.js';
import { deliverToViews, joinNext, simulatedSession, type SimView } from '../../test/helpers/simulated-views.js';
import { dataOf } from '../../test/helpers/step-data.js';
import { models } from '../registry.js';
import type { RecapContext, RecapData } from './model.js';

const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom' },
  { id: 'waar', kind: 'recap', title: 'Waar staan we?' },
];
const RECAP: RecapContext = {
  since: { id: 'eerder', title: 'Bijeenkomst 1', date: 0 },
  parts: ['action', 'vote', 'smallwin', 'open'].map((id) => ({ id, title: `Deel ${id}`, items: [{ text: `Regel van ${id}`, badge: 'Loopt', tone: 'open' as const }] })),
};
const facilitator: Viewer = { role: 'facilitator' };
const screen: Viewer = { role: 'screen' };

async function simulate(seed: number, commands: number) {
  const { next: random, pick } = seeded(seed);
  const { store, row, created } = await simulatedSession(STEPS, { recap: RECAP });
  const views: SimView[] = [];
  const outcomes = new Map<string, number>();
  const runtime = new SessionRuntime(row, reduce([created], 's', models), store, (rt, event, audience) => deliverToViews(views, rt.state, event, audience, () => {}));
  const connect = (viewer: Viewer) => views.push({ viewer, state: project(runtime.state, viewer, models) });
  connect(facilitator);
  connect(screen);
  const people: Viewer[] = [];
  for (let i = 0; i < commands; i++) {
    const roll = random();
    if (roll < 0.1 || !people.length) await joinNext(runtime, people, connect, i);
    else if (roll < 0.2) connect(random() < 0.4 ? screen : pick(people));
    else {
      const [type, payload, viewer] =
        roll < 0.3
          ? (['session.goto', { stepId: pick(STEPS).id }, facilitator] as const)
          : (['recap.show', { partId: random() < 0.9 ? pick(RECAP.parts).id : 'logbook' }, random() < 0.9 ? facilitator : pick(people)] as const);
      const ack = await runtime.handle({ id: `c${i}`, type, ...(type === 'recap.show' ? { stepId: 'waar' } : {}), payload }, viewer);
      const key = `${type} ${ack.ok ? 'ok' : ack.error}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
  }
  await store.close();
  return { runtime, views, outcomes };
}

describe('the recap: snapshot plus routed events equals a fresh projection', () => {
  for (const seed of [5, 21, 2026]) {
    it(`holds for random session ${seed}`, async () => {
      const { runtime, views, outcomes } = await simulate(seed, 200);
      for (const key of ['recap.show ok', 'recap.show not-found', 'recap.show forbidden']) expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(0);
      const current = dataOf<RecapData>(runtime.state.stepStates.waar).current;
      expect(current).toBeDefined();
      for (const v of views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
        expect(dataOf<RecapData>(v.state.stepStates.waar).current).toBe(current);
      }
    });
  }
});
