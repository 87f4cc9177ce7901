/**
 * The delivery design in one property: a view that got a snapshot and then only
 * the events routed to it ends in exactly the state a fresh projection gives —
 * and the screen and phones never hold what they may not see, at any moment.
 * Random sessions, seeded so a failure can be replayed.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { seeded } from '../helpers/random.js';
import { deliverToViews, joinNext, type SimView } from '../helpers/simulated-views.js';
import type { Viewer } from '../../core/protocol.js';
import { project } from '../../core/session.js';
import { scaleOf, type ChecklistData, type ChecklistStep } from '../../kinds/checklist/model.js';
import type { OpenData, OpenStep } from '../../kinds/open/model.js';
import type { PollData, PollStep } from '../../kinds/poll/model.js';
import { showsWords, type WordcloudData, type WordcloudStep } from '../../kinds/wordcloud/model.js';
import { models } from '../../kinds/registry.js';
import type { WallData, WallStep } from '../../kinds/wall/model.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { loadScriptDir } from '../../server/scripts/load-scripts.js';
import { CORE_EVENTS } from '../../core/session.js';
import { reduce } from '../../core/session.js';


/** Steps of the poll, word cloud and checklist kinds, added to the shipped script so the simulation runs them too. */
const POLL_AND_WORDCLOUD: (PollStep | WordcloudStep | ChecklistStep)[] = [
  { id: 'een-keuze', kind: 'poll', title: 'Eén keuze', question: 'Waar beginnen we?', mode: 'single', options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }] },
  { id: 'meer-keuzes', kind: 'poll', title: 'Meer keuzes', question: 'Wat werkt?', mode: 'multiple', maxChoices: 2, options: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }] },
  { id: 'stelling', kind: 'poll', title: 'Stelling', question: 'Eens?', mode: 'scale', scale: { min: 1, max: 5 } },
  { id: 'wolk', kind: 'wordcloud', title: 'Woordwolk' },
  { id: 'wolk-later', kind: 'wordcloud', title: 'Woordwolk, later getoond', maxWords: 2, live: false },
  { id: 'wat-werkt', kind: 'checklist', title: 'Wat werkt', items: [{ id: 'a', text: 'A' }, { id: 'b', text: 'B' }, { id: 'c', text: 'C' }] },
];
const WORDS = ['Samen', 'samen ', 'SAMEN', 'rust', 'Rust', 'tijd voor elkaar', 'Tijd  voor elkaar', 'vertrouwen', 'lef'];


async function simulate(seed: number, commands: number) {
  const { next: random, pick } = seeded(seed);
  const store = new SqliteStore(':memory:');
  const script = loadScriptDir('facilitation-scripts').scripts.get('klaag-en-jubelmuur')!;
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: script.id, createdAt: 0 };
  const { steps: shipped, ...info } = script;
  const steps = [...shipped, ...POLL_AND_WORDCLOUD];
  const created = { id: 'c', seq: 1, type: CORE_EVENTS.created, actor: { role: 'facilitator' as const }, payload: { title: 'T', arena: { id: 'a', title: 'Arena' }, script: info, steps }, at: 0 };
  await store.createSession(row, created);

  const views: SimView[] = [];
  const violations: string[] = [];
  let runtime!: SessionRuntime;
  const check = (v: SimView) => {
    if (v.viewer.role === 'facilitator') return;
    for (const held of v.state.moderation.held)
      if (v.viewer.role === 'screen' || held.actor.id !== v.viewer.participantId) violations.push(`${v.viewer.role} holds another's held ${held.id}`);
    if (v.state.steps.some((s) => s.notes !== undefined)) violations.push(`${v.viewer.role} holds presenter notes`);
    for (const step of v.state.steps) {
      const { data: stepData, revealed } = v.state.stepStates[step.id]!;
      const data = stepData as Partial<WallData & OpenData & PollData & WordcloudData & ChecklistData>;
      if ((step.kind === 'poll' || step.kind === 'checklist') && (v.viewer.role === 'participant' || !revealed) && data.counts !== null)
        violations.push(`${v.viewer.role} holds ${step.kind} counts`);
      if (step.kind === 'poll' || step.kind === 'wordcloud' || step.kind === 'checklist') {
        // Every event of these kinds that changes a view's projection is routed to it: it never drifts, even between resyncs.
        const server = runtime.state.stepStates[step.id]!;
        if (!isDeepStrictEqual(data, models[step.kind]!.project(server.data, v.viewer, { step, revealed: server.revealed })))
          violations.push(`${v.viewer.role} ${v.viewer.participantId ?? ''} drifted from its projection of ${step.id}`);
      }
      if (step.kind === 'wordcloud' && v.viewer.role === 'screen') {
        // Checked against the server, not against the flag the screen holds.
        const server = runtime.state.stepStates[step.id]!.data as WordcloudData;
        if (!showsWords(step, revealed) && data.words?.length) violations.push('screen holds unrevealed words');
        for (const w of data.words ?? []) if (!server.words.some((s) => s.id === w.id && !s.hidden)) violations.push(`screen holds hidden word ${w.text}`);
      }
      // A held contribution is nowhere in a view's step data but the facilitator's queue (and its author's own list).
      const heldIds = new Set(runtime.state.moderation.held.map((e) => e.id));
      const heldTexts = new Set(runtime.state.moderation.held.map((e) => (e.payload as { text?: string }).text));
      for (const item of [...(data.notes ?? []), ...(data.words ?? [])]) if (heldIds.has(item.id)) violations.push(`${v.viewer.role} holds held ${item.id}`);
      for (const answer of data.answers ?? []) if (heldTexts.has(answer.text)) violations.push(`${v.viewer.role} holds a held answer`);
      const items: { author?: string; hidden?: boolean }[] = [...(data.notes ?? []), ...(data.answers ?? []), ...(data.votes ?? []), ...(data.words ?? []), ...(data.ratings ?? [])];
      for (const item of items) {
        if (v.viewer.role === 'screen' && (item.author !== undefined || item.hidden)) violations.push(`screen holds ${JSON.stringify(item)}`);
        // Once an open step is revealed, every phone holds the room's visible answers, without author (for a vote on them).
        const shownToAll = step.kind === 'open' && runtime.state.stepStates[step.id]!.revealed && item.author === undefined && !item.hidden;
        if (v.viewer.role === 'participant' && item.author !== v.viewer.participantId && !shownToAll) violations.push(`phone holds another's ${JSON.stringify(item)}`);
      }
    }
  };
  const types = new Set<string>();
  runtime = new SessionRuntime(row, reduce([created], 's', models), store, (rt, event, audience) => {
    types.add(event.type);
    deliverToViews(views, rt.state, event, audience, (v) => check(v));
  });
  const connect = (viewer: Viewer) => views.push({ viewer, state: project(runtime.state, viewer, models) });
  connect({ role: 'facilitator' });
  connect({ role: 'screen' });
  const people: Viewer[] = [];

  for (let i = 0; i < commands; i++) {
    const state = runtime.state;
    const step = state.steps[state.current]!;
    const roll = random();
    if (roll < 0.08 || !people.length) {
      await joinNext(runtime, people, connect, i);
    } else if (roll < 0.15) {
      await runtime.handle({ id: `c${i}`, type: 'session.goto', payload: { stepId: pick(state.steps)!.id } }, { role: 'facilitator' });
    } else if (roll < 0.2) {
      await runtime.handle({ id: `c${i}`, type: 'step.reveal', stepId: pick(state.steps)!.id, payload: { revealed: random() < 0.6 } }, { role: 'facilitator' });
    } else if (roll < 0.3) {
      // A late screen or a phone reconnecting: it starts from a fresh projection.
      connect(random() < 0.5 ? { role: 'screen' } : pick(people)!);
    } else if (roll < 0.36) {
      // "Approve before showing" goes on and off, and held contributions are approved or rejected, a few at a time.
      const held = state.moderation.held.filter(() => random() < 0.5).map((e) => e.id);
      const type = random() < 0.3 || !held.length ? 'moderation.set' : random() < 0.7 ? 'moderation.approve' : 'moderation.reject';
      const payload = type === 'moderation.set' ? { on: random() < 0.7 } : { ids: held };
      await runtime.handle({ id: `c${i}`, type, payload }, { role: 'facilitator' });
    } else if (step.kind === 'wall') {
      const wall = state.stepStates[step.id]!.data as WallData;
      const notes = wall.notes;
      if (roll < 0.6) {
        await runtime.handle({ id: `c${i}`, type: 'wall.post', stepId: step.id, payload: { column: pick((step as WallStep).columns)!.id, text: `note ${i}` } }, pick(people)!);
      } else if (roll < 0.75 && notes.length) {
        await runtime.handle({ id: `c${i}`, type: 'wall.hide', stepId: step.id, payload: { noteId: pick(notes)!.id, hidden: random() < 0.6 } }, { role: 'facilitator' });
      } else if (roll < 0.85 && notes.length) {
        const column = pick(notes)!.column;
        const noteIds = notes.filter((n) => n.column === column && random() < 0.5).map((n) => n.id);
        await runtime.handle({ id: `c${i}`, type: 'wall.cluster', stepId: step.id, payload: { column, title: `groep ${i}`, noteIds } }, { role: 'facilitator' });
      } else if (roll < 0.92 && notes.length && wall.clusters.length) {
        await runtime.handle({ id: `c${i}`, type: 'wall.move', stepId: step.id, payload: { noteId: pick(notes)!.id, clusterId: random() < 0.3 ? null : pick(wall.clusters)!.id } }, { role: 'facilitator' });
      } else if (wall.clusters.length) {
        const clusterId = pick(wall.clusters)!.id;
        await runtime.handle(
          random() < 0.5
            ? { id: `c${i}`, type: 'wall.rename-cluster', stepId: step.id, payload: { clusterId, title: `naam ${i}` } }
            : { id: `c${i}`, type: 'wall.dissolve', stepId: step.id, payload: { clusterId } },
          { role: 'facilitator' },
        );
      }
    } else if (step.kind === 'open') {
      const answers = (state.stepStates[step.id]!.data as OpenData).answers;
      if (roll < 0.75 || !answers.length) {
        await runtime.handle({ id: `c${i}`, type: 'open.answer', stepId: step.id, payload: { questionId: pick((step as OpenStep).questions)!.id, text: `answer ${i}` } }, pick(people)!);
      } else {
        await runtime.handle({ id: `c${i}`, type: 'open.hide', stepId: step.id, payload: { answerId: pick(answers)!.id, hidden: random() < 0.6 } }, { role: 'facilitator' });
      }
    } else if (step.kind === 'poll') {
      const { mode, options = [], scale } = step as PollStep;
      const ids = options.map((o) => o.id);
      // Changed votes, too many choices (refused) and votes on a closed poll (refused) all happen.
      const payload =
        mode === 'scale'
          ? { value: scale!.min + Math.floor(random() * (scale!.max - scale!.min + 1)) }
          : { choices: mode === 'single' ? [pick(ids)!] : ids.filter(() => random() < 0.5).concat(pick(ids)!).filter((id, n, all) => all.indexOf(id) === n) };
      if (roll < 0.85) await runtime.handle({ id: `c${i}`, type: 'poll.vote', stepId: step.id, payload }, pick(people)!);
      else await runtime.handle({ id: `c${i}`, type: 'poll.close', stepId: step.id, payload: { closed: random() < 0.5 } }, { role: 'facilitator' });
    } else if (step.kind === 'checklist') {
      // Ratings changed, comments added and removed, and the same rating again (refused).
      const checklist = step as ChecklistStep;
      const comment = random() < 0.3 ? { comment: random() < 0.5 ? `comment ${i}` : '' } : {};
      const payload = { itemId: pick(checklist.items)!.id, point: pick(scaleOf(checklist))!.id, ...comment };
      await runtime.handle({ id: `c${i}`, type: 'checklist.rate', stepId: step.id, payload }, pick(people)!);
    } else if (step.kind === 'wordcloud') {
      const words = (state.stepStates[step.id]!.data as WordcloudData).words;
      if (roll < 0.7 || !words.length) {
        await runtime.handle({ id: `c${i}`, type: 'wordcloud.add', stepId: step.id, payload: { text: pick(WORDS)! } }, pick(people)!);
      } else if (roll < 0.8) {
        const word = pick(words)!;
        await runtime.handle({ id: `c${i}`, type: 'wordcloud.remove', stepId: step.id, payload: { wordId: word.id } }, people.find((p) => p.participantId === word.author)!);
      } else {
        await runtime.handle({ id: `c${i}`, type: 'wordcloud.hide', stepId: step.id, payload: { key: pick(words)!.key, hidden: random() < 0.6 } }, { role: 'facilitator' });
      }
    }
  }
  // Judging held contributions on copies never touched the real state: the log replays to it.
  if (!isDeepStrictEqual(reduce(await store.loadEvents('s'), 's', models), runtime.state)) violations.push('the state differs from its log');
  await store.close();
  return { runtime, views, violations, types };
}

describe('delivery: snapshot plus routed events equals a fresh projection', () => {
  for (const seed of [1, 2, 3, 42, 1234, 99991]) {
    it(`holds for random session ${seed}`, async () => {
      const { runtime, views, violations, types } = await simulate(seed, 400);
      expect(violations).toEqual([]);
      expect(runtime.state.seq).toBeGreaterThan(150);
      // The simulation really moderated: contributions were held, and some approved and some rejected.
      expect([...types]).toEqual(expect.arrayContaining(['moderation.set', 'moderation.approved', 'moderation.rejected', 'checklist.rated']));
      for (const v of views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
      }
    });
  }
});
