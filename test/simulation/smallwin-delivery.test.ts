/**
 * The delivery property for small-wins steps, in seeded random sessions: every view,
 * kept by snapshot plus routed events, equals a fresh projection of the log.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../core/protocol.js';
import { project, reduce } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import { smallwinContext } from '../../kinds/smallwin/arena.js';
import { SMALLWIN_EVENTS, type SmallwinData, type WinFields } from '../../kinds/smallwin/model.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { arenaOf, asAlice, asBob, fields, sessionState, step } from '../helpers/smallwin-session.js';
import { seeded } from '../helpers/random.js';
import { deliverToViews, joinNext, simulatedSession, type SimView } from '../helpers/simulated-views.js';

const SIM_STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Hallo' },
  { ...step, id: 'wins', maxWins: 3 },
  { id: 'wins-begeleider', kind: 'smallwin', title: 'Door de begeleider', whoRegisters: 'facilitator' },
];
const PHASE_IDS = ['oplaadfase', 'definitiefase', 'actiefase', 'reflectie-en-borging'] as const;


async function simulate(seed: number, commands: number) {
  const { next: random, pick } = seeded(seed);
  const earlier = sessionState('vorige', 500, [
    [SMALLWIN_EVENTS.registered, fields('Koffie-uur'), asAlice, 'old1'],
    [SMALLWIN_EVENTS.registered, fields('Buurtkamer'), asBob, 'old2'],
  ]);
  const context = smallwinContext(arenaOf([earlier]));
  const { store, row, created } = await simulatedSession(SIM_STEPS, { smallwin: context });

  const views: SimView[] = [];
  const violations: string[] = [];
  const outcomes = new Map<string, number>();
  const check = (v: SimView, when: string) => {
    if (v.viewer.role === 'facilitator') return;
    for (const s of v.state.steps) {
      if (s.kind !== 'smallwin') continue;
      const data = v.state.stepStates[s.id]!.data as SmallwinData;
      for (const item of [...data.wins, ...data.updates]) {
        if (v.viewer.role === 'screen' && (item.author !== undefined || item.hidden)) violations.push(`${when}: screen holds ${JSON.stringify(item)}`);
        if (v.viewer.role === 'participant' && item.author !== v.viewer.participantId) violations.push(`${when}: phone holds another's ${item.id}`);
      }
    }
  };
  const runtime = new SessionRuntime(row, reduce([created], 's', models), store, (rt, event, audience) => {
    deliverToViews(views, rt.state, event, audience, (v) => check(v, event.type));
  });
  const connect = (viewer: Viewer) => views.push({ viewer, state: project(runtime.state, viewer, models) });
  connect({ role: 'facilitator' });
  connect({ role: 'screen' });
  const people: Viewer[] = [];
  const send = async (type: string, stepId: string | undefined, payload: unknown, viewer: Viewer, i: number) => {
    const ack = await runtime.handle({ id: `c${i}`, type, ...(stepId ? { stepId } : {}), payload }, viewer);
    const key = `${type} ${ack.ok ? 'ok' : ack.error}`;
    outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    // Between commands, no smallwin view has drifted from its projection: every change that concerns it reached it.
    for (const v of views)
      for (const s of runtime.state.steps.filter((x) => x.kind === 'smallwin')) {
        const server = runtime.state.stepStates[s.id]!;
        const fresh = v.viewer.role === 'facilitator' ? server.data : models.smallwin!.project(server.data, v.viewer, { step: s, revealed: server.revealed });
        if (!isDeepStrictEqual(v.state.stepStates[s.id]!.data, fresh)) violations.push(`${v.viewer.role} ${v.viewer.participantId ?? ''} drifted on ${s.id} after ${key}`);
      }
  };
  const randomWin = (i: number): Partial<WinFields> => ({
    title: random() < 0.03 ? '   ' : `Win ${i}`,
    ...(random() < 0.7 ? { result: `Resultaat ${i}` } : {}),
    ...(random() < 0.5 ? { characteristics: { concreet: random() < 0.5 ? '' : 'ja', diep: 'zeker' } } : {}),
    mechanisms: ['energizing', 'experimenteren', 'olievlek'].filter(() => random() < 0.4) as WinFields['mechanisms'],
    paths: ['verspreiden', 'verdiepen'].filter(() => random() < 0.4) as WinFields['paths'],
    ...(random() < 0.6 ? { phase: pick(PHASE_IDS) } : {}),
    ...(random() < 0.3 ? { answers: { nodig: `antwoord ${i}` } } : {}),
  });

  for (let i = 0; i < commands; i++) {
    const state = runtime.state;
    const current = state.steps[state.current]!;
    const roll = random();
    if (roll < 0.08 || !people.length) {
      await joinNext(runtime, people, connect, i);
    } else if (roll < 0.14) {
      await send('session.goto', undefined, { stepId: pick(state.steps).id }, { role: 'facilitator' }, i);
    } else if (roll < 0.17) {
      await send('step.reveal', pick(state.steps).id, { revealed: random() < 0.5 }, { role: 'facilitator' }, i);
    } else if (roll < 0.25) {
      // A late screen or a phone reconnecting: it starts from a fresh projection.
      connect(random() < 0.5 ? { role: 'screen' } : pick(people));
    } else {
      // Mostly the step the room is on; sometimes another (participants are then refused).
      const s = random() < 0.85 && current.kind === 'smallwin' ? current : pick(state.steps.filter((x) => x.kind === 'smallwin'));
      const data = state.stepStates[s.id]!.data as SmallwinData;
      const who = (): Viewer => (random() < 0.25 ? { role: 'facilitator' } : pick(people));
      if (roll < 0.55) {
        await send('smallwin.register', s.id, randomWin(i), who(), i);
      } else if (roll < 0.68 && data.wins.length) {
        const win = pick(data.wins);
        const author = people.find((p) => p.participantId === win.author);
        // The author, the facilitator, or (refused) someone else.
        const editor = random() < 0.4 && author ? author : random() < 0.7 ? { role: 'facilitator' as const } : pick(people);
        await send('smallwin.edit', s.id, { winId: win.id, ...randomWin(i) }, editor, i);
      } else if (roll < 0.8 && data.wins.length) {
        await send('smallwin.hide', s.id, { winId: pick(data.wins).id, hidden: random() < 0.6 }, { role: 'facilitator' }, i);
      } else if (roll < 0.92) {
        const target = pick(context.wins);
        const ref = random() < 0.05 ? { sessionId: 'elders', winId: target.id } : { sessionId: target.session.id, winId: target.id };
        await send('smallwin.progress', s.id, { ...ref, ...(random() < 0.7 ? { phase: pick(PHASE_IDS) } : {}), ...(random() < 0.6 ? { note: `notitie ${i}` } : {}) }, who(), i);
      } else if (data.updates.length) {
        await send('smallwin.hide-progress', s.id, { updateId: pick(data.updates).id, hidden: random() < 0.6 }, { role: 'facilitator' }, i);
      }
    }
  }
  await store.close();
  return { runtime, views, violations, outcomes };
}

describe('small wins: snapshot plus routed events equals a fresh projection', () => {
  for (const seed of [7, 11, 2024, 31337]) {
    it(`holds for random session ${seed}`, async () => {
      const { runtime, views, violations, outcomes } = await simulate(seed, 400);
      expect(violations).toEqual([]);
      // The simulation really exercised the kind: accepted and refused commands of every sort.
      for (const key of ['smallwin.register ok', 'smallwin.edit ok', 'smallwin.hide ok', 'smallwin.progress ok', 'smallwin.hide-progress ok', 'smallwin.register forbidden'])
        expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(0);
      expect(runtime.state.seq).toBeGreaterThan(150);
      for (const v of views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
      }
    });
  }
});
