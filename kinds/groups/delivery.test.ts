/**
 * The delivery property for the small groups, in seeded random sessions through a real
 * SessionRuntime, with people arriving, dropping, coming back and leaving, moderation on
 * and off, and reveals: every view, kept by snapshot plus routed events, equals a fresh
 * projection of the log; the screen never holds a name, a note or an unrevealed summary,
 * and a phone never a group it does not sit in nor another participant's id.
 */
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../core/protocol.js';
import { project } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import type { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { start } from '../../test/helpers/interview-session.js';
import { seeded } from '../../test/helpers/random.js';
import { dataOf } from '../../test/helpers/step-data.js';
import { models } from '../registry.js';
import { currentGroups, type GroupsData, type GroupsStep } from './model.js';

const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Hallo' },
  { id: 'groepjes', kind: 'groups', title: 'Groepjes', size: 3, maxNotes: 3, places: ['raam', 'deur'] } satisfies GroupsStep,
  { id: 'mengen', kind: 'groups', title: 'Mengen', by: 'mix' } satisfies GroupsStep,
];
const GROUP_STEPS = STEPS.filter((s) => s.kind === 'groups');
const facilitator: Viewer = { role: 'facilitator' };
const screen: Viewer = { role: 'screen' };

async function simulate(seed: number, commands: number) {
  const { next: random, pick } = seeded(seed);
  const session = await start(STEPS);
  const { runtime, views, present, connect } = session;
  const violations: string[] = [];
  const outcomes = new Map<string, number>();
  session.onDelivery((v) => {
    if (v.viewer.role === 'facilitator') return;
    for (const s of GROUP_STEPS) {
      const { data, revealed } = v.state.stepStates[s.id]! as { data: GroupsData; revealed: boolean };
      const me = v.viewer.participantId;
      for (const g of data.groups)
        for (const m of g.members) {
          if (m.id !== undefined && m.id !== me) violations.push(`${v.viewer.role} ${me ?? ''} holds the id ${m.id}`);
          if (v.viewer.role === 'screen' && m.pseudonym) violations.push('the screen holds a pseudonym');
        }
      if (v.viewer.role === 'screen') {
        if (data.notes.length) violations.push('the screen holds notes');
        if (!revealed && data.summaries.some((x) => x.text)) violations.push('the screen holds a summary before the reveal');
      } else if (data.groups.some((g) => !g.members.some((m) => m.id === me))) violations.push(`${me} holds a group it does not sit in`);
    }
  });
  connect(facilitator);
  connect(screen);
  const people: Viewer[] = [];
  const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
  const compare = (key: string) => {
    for (const v of views) {
      const fresh = project(runtime.state, v.viewer, models);
      for (const s of GROUP_STEPS)
        if (!isDeepStrictEqual(v.state.stepStates[s.id]!.data, fresh.stepStates[s.id]!.data))
          violations.push(`${v.viewer.role} ${v.viewer.participantId ?? ''} drifted on ${s.id} after ${key}`);
    }
  };
  const send = async (type: string, stepId: string | undefined, payload: unknown, viewer: Viewer, i: number) => {
    const ack = await runtime.handle({ id: `c${i}`, type, ...(stepId ? { stepId } : {}), payload }, viewer);
    const key = `${type} ${ack.ok ? 'ok' : ack.error}`;
    count(key);
    compare(key);
  };
  const presence = async (change: Parameters<SessionRuntime['presenceChanged']>[0]) => {
    const ack = await runtime.presenceChanged(change);
    const key = `presence ${Object.keys(change)[0]} ${ack === undefined ? 'nothing' : ack.ok ? 'ok' : ack.error}`;
    count(key);
    compare(key);
  };

  for (let i = 0; i < commands; i++) {
    const state = runtime.state;
    const roll = random();
    const s = state.steps[state.current]!.kind === 'groups' ? state.steps[state.current]! : pick(GROUP_STEPS);
    const data = dataOf<GroupsData>(state.stepStates[s.id]);
    const groups = currentGroups(data);
    const away = people.filter((p) => !present.includes(p.participantId!));
    const member = () => {
      const g = groups.length ? pick(groups) : undefined;
      const m = g && pick(g.members);
      const inside = m?.id && random() < 0.8 ? people.find((p) => p.participantId === m.id) : undefined;
      return { groupId: g?.id ?? 'r9-9', who: inside ?? pick(people), reporter: g && g.reporter >= 0 ? g.members[g.reporter]?.id : undefined };
    };
    if (roll < 0.08 || !people.length) {
      const id = `p${people.length}`;
      people.push(session.viewer(id));
      const ack = await session.join(id);
      count(`presence joined ${ack === undefined ? 'nothing' : ack.ok ? 'ok' : ack.error}`);
      compare('a join');
    } else if (roll < 0.12 && present.length) {
      const id = pick(present);
      present.splice(present.indexOf(id), 1);
      await presence(random() < 0.5 ? { dropped: id } : { left: id });
    } else if (roll < 0.15 && away.length) {
      const id = pick(away).participantId!;
      present.push(id);
      await presence(random() < 0.5 ? { back: id } : { joined: id });
    } else if (roll < 0.18) await send('session.goto', undefined, { stepId: pick(STEPS).id }, facilitator, i);
    else if (roll < 0.21) await send('moderation.set', undefined, { on: random() < 0.4 }, facilitator, i);
    else if (roll < 0.25 && state.moderation.held.length) {
      const ids = state.moderation.held.filter(() => random() < 0.7).map((e) => e.id);
      if (ids.length) await send(random() < 0.75 ? 'moderation.approve' : 'moderation.reject', undefined, { ids }, facilitator, i);
    } else if (roll < 0.29) connect(random() < 0.4 ? screen : pick(people));
    else if (roll < 0.36) await send('groups.form', s.id, random() < 0.5 ? {} : { size: 2 + Math.floor(random() * 4) }, facilitator, i);
    else if (roll < 0.39) await send('step.reveal', s.id, { revealed: random() < 0.7 }, facilitator, i);
    else if (roll < 0.42) await send('groups.rotate', s.id, {}, facilitator, i);
    else if (roll < 0.45) await send('groups.place', s.id, { groupId: member().groupId, place: random() < 0.8 ? `tafel ${i}` : '' }, facilitator, i);
    else if (roll < 0.5) await send('groups.describe', s.id, { tag: pick(['gemeente', 'school', '']) }, pick(people), i);
    else if (roll < 0.62) {
      const { groupId, who } = member();
      await send('groups.report', s.id, { groupId }, who, i);
    } else if (roll < 0.85) {
      const { groupId, who } = member();
      await send('groups.note', s.id, { groupId, text: random() < 0.03 ? ' ' : `Aantekening ${i}` }, who, i);
    } else {
      const { groupId, who, reporter } = member();
      const by = reporter && random() < 0.85 ? people.find((p) => p.participantId === reporter)! : who;
      await send('groups.summarise', s.id, { groupId, text: random() < 0.1 ? '' : `Samenvatting ${i}` }, by, i);
    }
  }
  await session.store.close();
  return { runtime, views, violations, outcomes };
}

describe('groups: snapshot plus routed events equals a fresh projection', () => {
  for (const seed of [5, 23, 2026]) {
    it(`holds for random session ${seed}`, { timeout: 120_000 }, async () => {
      const { runtime, views, violations, outcomes } = await simulate(seed, 300);
      expect(violations).toEqual([]);
      // The simulation really exercised the kind: accepted and refused commands, and every presence change.
      for (const key of [
        'groups.form ok',
        'groups.note ok',
        'groups.note forbidden',
        'groups.report ok',
        'groups.summarise ok',
        'groups.summarise forbidden',
        'groups.rotate ok',
        'presence joined ok',
        'presence left ok',
        'presence dropped ok',
      ])
        expect(outcomes.get(key) ?? 0, key).toBeGreaterThan(0);
      for (const v of views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
      }
    });
  }
});
