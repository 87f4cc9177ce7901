/**
 * The delivery invariant (see delivery-invariant.test.ts) for sessions with a
 * wall, ontwerpvragen and dot votes: a view that got a snapshot and then only
 * the events routed to it holds exactly what a fresh projection gives it, and
 * at no moment does the screen hold an author, a hidden question or anyone's
 * dots, or a phone another participant's question before the list is shared,
 * or anyone's dots but its own. Random sessions, seeded so a failure replays.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/random.js';
import { deliverToViews, joinNext, type SimView } from '../helpers/simulated-views.js';
import type { Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, project, reduce } from '../../core/session.js';
import { itemsOf } from '../../kinds/questions/items.js';
import type { QuestionsData } from '../../kinds/questions/model.js';
import { models } from '../../kinds/registry.js';
import type { VoteData, VoteStep } from '../../kinds/vote/model.js';
import type { WallData, WallStep } from '../../kinds/wall/model.js';
import { parseScript } from '../../server/scripts/load-scripts.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const SCRIPT = `
id: sim
title: Muur, ontwerpvragen en stemmen
steps:
  - { id: welkom, kind: slide, title: Welkom, body: Hallo }
  - id: muur
    kind: wall
    title: Klaag- en jubelmuur
    columns: [{ id: klaagmuur, title: Klaagmuur }, { id: jubelmuur, title: Jubelmuur }]
  - { id: vragen, kind: questions, title: Ontwerpvragen, from: muur, fromColumn: klaagmuur }
  - { id: stem, kind: vote, title: Stemmen, from: vragen, dots: 3, maxPerItem: 2, choose: 3 }
  - { id: stem-muur, kind: vote, title: Stemmen op de muur, from: muur, fromColumn: klaagmuur }
`;



/** What the screen and a phone may never hold, checked after every delivery. */
function leaks(v: SimView): string[] {
  const found: string[] = [];
  const me = v.viewer.participantId;
  for (const step of v.state.steps) {
    const { data, revealed } = v.state.stepStates[step.id]!;
    if (step.kind === 'questions')
      for (const q of (data as QuestionsData).questions) {
        if (v.viewer.role === 'screen' && (q.author !== undefined || q.hidden)) found.push(`screen holds ${JSON.stringify(q)}`);
        if (v.viewer.role === 'participant' && q.author !== me && (q.author !== undefined || q.hidden || !revealed))
          found.push(`phone ${me} holds ${JSON.stringify(q)}`);
      }
    if (step.kind === 'vote') {
      const vote = data as VoteData;
      if (v.viewer.role === 'screen' && (Object.keys(vote.dots).length || (!revealed && Object.keys(vote.totals).length)))
        found.push(`screen holds dots ${JSON.stringify(vote)}`);
      if (v.viewer.role === 'participant' && (Object.keys(vote.totals).length || vote.voters || Object.values(vote.dots).some((d) => Object.keys(d).some((p) => p !== me))))
        found.push(`phone ${me} holds ${JSON.stringify(vote)}`);
    }
    if (step.kind === 'wall')
      for (const n of (data as WallData).notes)
        if ((v.viewer.role === 'screen' && (n.author !== undefined || n.hidden)) || (v.viewer.role === 'participant' && n.author !== me))
          found.push(`${v.viewer.role} holds ${JSON.stringify(n)}`);
  }
  return found;
}

async function simulate(seed: number, commands: number) {
  const { next: random, pick } = seeded(seed);
  const parsed = parseScript(SCRIPT, 'sim.yaml');
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { steps, ...info } = parsed.script;
  const store = new SqliteStore(':memory:');
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: info.id, createdAt: 0 };
  const created = { id: 'c', seq: 1, type: CORE_EVENTS.created, actor: { role: 'facilitator' as const }, payload: { title: 'T', arena: { id: 'a', title: 'Arena' }, script: info, steps }, at: 0 };
  await store.createSession(row, created);

  const views: SimView[] = [];
  const violations: string[] = [];
  const refusals = new Map<string, number>();
  const drifts: string[] = [];
  const runtime = new SessionRuntime(row, reduce([created], 's', models), store, (rt, event, audience) => {
    // Dots taken back from an item that left the ballot: the views must follow those too.
    if ((event.payload as { released?: unknown }).released) refusals.set('vote.place released', (refusals.get('vote.place released') ?? 0) + 1);
    deliverToViews(views, rt.state, event, audience, (v) => violations.push(...leaks(v)));
  });
  const connect = (viewer: Viewer) => views.push({ viewer, state: project(runtime.state, viewer, models) });
  connect({ role: 'facilitator' });
  connect({ role: 'screen' });
  const people: Viewer[] = [];
  const fac: Viewer = { role: 'facilitator' };
  const send = async (i: number, type: string, stepId: string | undefined, payload: unknown, viewer: Viewer) => {
    const ack = await runtime.handle({ id: `c${i}`, type, ...(stepId ? { stepId } : {}), payload }, viewer);
    const key = ack.ok ? `${type} ok` : `${type} ${ack.error}`;
    refusals.set(key, (refusals.get(key) ?? 0) + 1);
    // Every view equals its fresh projection after every command, not only at the end: a reveal's fresh snapshots would hide a drift.
    for (const v of views) {
      const { seq: _a, ...held } = v.state;
      const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
      if (!isDeepStrictEqual(held, fresh)) drifts.push(`${v.viewer.role} ${v.viewer.participantId ?? ''} after ${type} ${JSON.stringify(payload)}`);
    }
  };

  for (let i = 0; i < commands; i++) {
    const state = runtime.state;
    const step = state.steps[state.current]!;
    const roll = random();
    if (roll < 0.06 || !people.length) {
      await joinNext(runtime, people, connect, i);
    } else if (roll < 0.12) {
      // Through the agenda and round again, with jumps, so every step gets its turns.
      const next = random() < 0.6 ? state.steps[(state.current + 1) % state.steps.length]! : pick(state.steps)!;
      await send(i, 'session.goto', undefined, { stepId: next.id }, fac);
    } else if (roll < 0.18) {
      // Reveals of any step: a questions step's reveal puts its list on the phones.
      await send(i, 'step.reveal', pick(state.steps)!.id, { revealed: random() < 0.65 }, fac);
    } else if (roll < 0.25) {
      connect(random() < 0.4 ? { role: 'screen' } : pick(people)!);
    } else if (step.kind === 'wall') {
      const wall = state.stepStates[step.id]!.data as WallData;
      if (roll < 0.7 || !wall.notes.length)
        await send(i, 'wall.post', step.id, { column: pick((step as WallStep).columns)!.id, text: `note ${i}` }, pick(people)!);
      else if (roll < 0.8) await send(i, 'wall.hide', step.id, { noteId: pick(wall.notes)!.id, hidden: random() < 0.6 }, fac);
      else {
        const column = pick(wall.notes)!.column;
        const noteIds = wall.notes.filter((n) => n.column === column && random() < 0.5).map((n) => n.id);
        await send(i, 'wall.cluster', step.id, { column, title: `groep ${i}`, noteIds }, fac);
      }
    } else if (step.kind === 'questions') {
      const qs = (state.stepStates[step.id]!.data as QuestionsData).questions;
      const any = () => pick(qs)!.id;
      if (roll < 0.6 || !qs.length) {
        const text = random() < 0.8 ? `Hoe kunnen we ${i} doen?` : `Waarom ${i}?`;
        await send(i, 'questions.ask', step.id, { text }, random() < 0.9 ? pick(people)! : fac);
      } else if (roll < 0.7) await send(i, 'questions.hide', step.id, { questionId: any(), hidden: random() < 0.6 }, fac);
      else if (roll < 0.82) await send(i, 'questions.merge', step.id, { targetId: any(), questionIds: [any(), any()] }, fac);
      else if (roll < 0.9) await send(i, 'questions.unmerge', step.id, { questionId: any() }, fac);
      else await send(i, 'questions.edit', step.id, { questionId: any(), text: `Hoe kunnen we ${i} beter doen?` }, fac);
    } else if (step.kind === 'vote') {
      const voteStep = step as VoteStep;
      const source = state.steps.find((s) => s.id === voteStep.from)!;
      const items = itemsOf(state, source, voteStep.fromColumn);
      if (roll < 0.93 && items.length)
        await send(i, 'vote.place', step.id, { itemId: pick(items)!.id, dots: Math.floor(random() * 3) }, pick(people)!);
      else if (items.length) await send(i, 'vote.close', step.id, { closed: random() < 0.3 }, fac);
    }
  }
  await store.close();
  return { runtime, views, violations, refusals, drifts };
}

const SEEDS = [7, 11, 2024, 31337];
/** Each seed's session is simulated once, by whichever test asks first, so every test also runs alone. */
const runs = new Map<number, ReturnType<typeof simulate>>();
function run(seed: number): ReturnType<typeof simulate> {
  let session = runs.get(seed);
  if (!session) runs.set(seed, (session = simulate(seed, 600)));
  return session;
}

describe('delivery with ontwerpvragen and dot votes: snapshot plus routed events equals a fresh projection', () => {
  for (const seed of SEEDS) {
    it(`holds for random session ${seed}`, async () => {
      const { runtime, views, violations, drifts } = await run(seed);
      expect(violations).toEqual([]);
      expect(drifts.slice(0, 3)).toEqual([]);
      expect(runtime.state.seq).toBeGreaterThan(150);
      for (const v of views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
      }
    });
  }

  // Run alone, this test simulates all four sessions itself: the timeout allows for that.
  it('reached every kind of change, accepted and refused', { timeout: 120_000 }, async () => {
    const reached = new Map<string, number>();
    for (const seed of SEEDS) for (const [key, n] of (await run(seed)).refusals) reached.set(key, (reached.get(key) ?? 0) + n);
    for (const key of [
      'questions.ask ok',
      'questions.ask invalid',
      'questions.ask step-not-active',
      'questions.merge ok',
      'questions.unmerge ok',
      'questions.hide ok',
      'questions.edit ok',
      'vote.place ok',
      'vote.place limit-reached',
      'vote.place released',
      'vote.place closed',
      'vote.close ok',
    ])
      expect(reached.get(key) ?? 0, key).toBeGreaterThan(0);
  });
});
