/**
 * A kind's part of its arena, declared on its definition (`arena` in
 * kinds/definition.ts) and its model (`revealable`): the arena harvest, the
 * monitoring trend, the arena APIs and the ambition picker ask each kind, so a
 * kind that declares a hook is heard without a line elsewhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isRevealable } from '../../core/kind.js';
import type { Actor } from '../../core/protocol.js';
import { applyEvent, CORE_EVENTS } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import type { KindArena } from '../../kinds/arena-contract.js';
import { kindByName, kinds, models } from '../../kinds/registry.js';
import { arenaSessions } from '../../server/harvest/arena-sessions.js';
import { arenaHarvest } from '../../server/harvest/document.js';
import { monitoringTrend } from '../../server/harvest/monitoring.js';
import { createdSession } from '../helpers/created-session.js';
import { ARENA_ROUTE_PATH } from '../../server/routes/arena-parts.js';

const FACILITATOR: Actor = { role: 'facilitator' };
const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Welkom' },
  { id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'klaag', title: 'Klaagmuur' }, { id: 'jubel', title: 'Jubelmuur' }] },
  { id: 'slot', kind: 'open', title: 'Slot', questions: [{ id: 'morgen', text: 'Wat ga je morgen anders doen?' }, { id: 'eigen', text: 'Nog iets?' }] },
];

/** A session made at `createdAt`, then these commands decided and applied as the server would. */
function session(id: string, createdAt: number, commands: [type: string, stepId: string, payload: unknown, who?: string][]): SessionState {
  const state = createdSession(id, createdAt, STEPS);
  for (const [i, [type, stepId, payload, who]] of commands.entries()) {
    const actor: Actor = who ? { role: 'participant', id: who } : FACILITATOR;
    const step = state.steps.find((s) => s.id === stepId)!;
    if (actor.id) applyEvent(state, { id: `j-${who}-${i}`, seq: state.seq + 1, type: CORE_EVENTS.joined, actor, payload: { participantId: who, pseudonym: who }, at: createdAt }, models);
    const decision = kindByName.get(step.kind)!.commands[type]!.decide(
      { state, step, data: state.stepStates[stepId]!.data, revealed: false, actor, id: `${id}-c${i}`, present: [] },
      payload,
    );
    if (!decision.ok) throw new Error(`${type}: ${decision.message}`);
    applyEvent(state, { id: `${id}-c${i}`, seq: state.seq + 1, type: decision.type, stepId, actor, payload: decision.payload, at: createdAt + i + 1 }, models);
  }
  return state;
}

const first = session('s1', 1000, [
  ['wall.post', 'muur', { column: 'klaag', text: 'Wachtlijst' }, 'ann'],
  ['wall.post', 'muur', { column: 'klaag', text: 'Niet netjes' }, 'bob'],
  ['wall.post', 'muur', { column: 'jubel', text: 'Fijn team' }, 'ann'],
  ['wall.hide', 'muur', { noteId: 's1-c1', hidden: true }],
  ['wall.cluster', 'muur', { column: 'klaag', title: 'Wachten', noteIds: ['s1-c0'] }],
  ['open.answer', 'slot', { questionId: 'morgen', text: 'Eerder bellen' }, 'ann'],
  ['open.answer', 'slot', { questionId: 'morgen', text: 'Weg ermee' }, 'bob'],
  ['open.answer', 'slot', { questionId: 'eigen', text: 'Dank' }, 'ann'],
  ['open.hide', 'slot', { answerId: 's1-c6', hidden: true }],
]);
const second = session('s2', 2000, [['open.answer', 'slot', { questionId: 'morgen', text: 'Samen koken' }, 'cas']]);

describe('the hooks the kinds declare', () => {
  it('give the open answers to the monitoring questions by id, visible ones only', () => {
    const step = STEPS[2]!;
    expect(kindByName.get('open')!.arena!.monitoring!(first.stepStates.slot!.data, step)).toEqual({
      morgen: [{ id: 's1-c5', text: 'Eerder bellen', author: 'ann' }],
      eigen: [{ id: 's1-c7', text: 'Dank', author: 'ann' }],
    });
    const trend = monitoringTrend([second, first]);
    expect(trend.questions.map((q) => q.id)).toEqual(['morgen']);
    expect(trend.sessions.map((s) => [s.id, s.counts, s.answers.morgen!.map((a) => a.text)])).toEqual([
      ['s1', { morgen: 1 }, ['Eerder bellen']],
      ['s2', { morgen: 1 }, ['Samen koken']],
    ]);
  });

  it('offer the texts an arena can adopt as its ambition: clusters before their notes, nothing hidden', () => {
    const texts = first.steps.flatMap((step) => kindByName.get(step.kind)!.arena?.ambition?.(first.stepStates[step.id]!.data, step, first) ?? []);
    expect(texts).toEqual(['Wachten', 'Wachtlijst', 'Fijn team', 'Eerder bellen', 'Dank']);
  });

  it('fit the server: one section name and one path segment each, clear of the harvest and routes of the core', () => {
    const from = arenaSessions({ id: 'a', title: 'Arena' }, [first, second]);
    const names = kinds.flatMap((k) => k.arena?.harvest?.(from)?.name ?? []);
    const paths = kinds.flatMap((k) => [...(k.arena?.routes ?? []).map((r) => r.path), ...(k.arena?.keeps ? [k.arena.keeps.path] : [])]);
    expect(names).toContain('smallwins');
    expect(paths).toContain('smallwins');
    expect(paths).toContain('checklist');
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(paths).size).toBe(paths.length);
    for (const name of names) expect(['arena', 'monitoring', 'logbook', 'sessions']).not.toContain(name);
    for (const path of paths) {
      expect(path).toMatch(ARENA_ROUTE_PATH);
      expect(['sessions', 'scripts', 'monitoring', 'contacts', 'export', 'logbook', 'logbook-links']).not.toContain(path);
    }
  });

  it('orders the arena oldest first, each session on the day it met', () => {
    const from = arenaSessions({ id: 'a', title: 'Arena' }, [second, first], new Map([['s2', 5000]]));
    expect(from.sessions.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(from.sessions.map((s) => from.metOn(s))).toEqual([1000, 5000]);
  });
});

describe('a kind that declares an arena part is heard', () => {
  const slide = kindByName.get('slide')!;
  afterEach(() => {
    delete slide.arena;
  });

  it('in the arena harvest, before the monitoring trend, and in its trend', () => {
    const asked: string[][] = [];
    slide.arena = {
      harvest: ({ sessions }) => {
        asked.push(sessions.map((s) => s.id));
        return { name: 'welkom', data: { sessions: sessions.length }, title: 'Welkomstwoorden', blocks: [{ type: 'paragraph', text: ['Iedereen welkom'] }] };
      },
      monitoring: () => ({ morgen: [{ id: 'w', text: 'Welkom gezegd' }], waarde: [] }),
    } satisfies KindArena<unknown>;
    const { json, document } = arenaHarvest({ id: 'a', title: 'Arena', theme: null, ambition: null }, [second, first]);
    expect(asked).toEqual([['s1', 's2']]);
    // Actions, then small wins, then the other kinds in the registry's order; the logbook after them.
    expect(Object.keys(json)).toEqual(['arena', 'synthesis', 'monitoring', 'actions', 'smallwins', 'welkom', 'logbook', 'sessions']);
    expect(json.welkom).toEqual({ sessions: 2 });
    expect(document.parts[0]!.sections.map((s) => s.title)).toEqual(['Acties en experimenten', 'Small wins', 'Welkomstwoorden', 'Logboek', 'Monitoring over de bijeenkomsten', 'Wat was voor jou van waarde vandaag?', 'Wat ga je morgen anders doen?']);
    expect(json.monitoring.questions.map((q) => q.id)).toEqual(['waarde', 'morgen']);
    expect(json.monitoring.sessions[0]!.answers.morgen!.map((a) => a.text)).toEqual(['Welkom gezegd', 'Eerder bellen']);
  });
});

describe('revealing', () => {
  const step = (kind: string, extra: object = {}) => ({ id: 's', kind, title: 'S', ...extra }) as StepDef;
  it('means something only where a kind holds results back', () => {
    const revealable = kinds.filter((k) => isRevealable(k, step(k.kind))).map((k) => k.kind);
    expect(revealable.sort()).toEqual(['action', 'checklist', 'groups', 'open', 'poll', 'questions', 'vote']);
    expect(isRevealable(kindByName.get('wordcloud'), step('wordcloud', { live: false }))).toBe(true);
    expect(isRevealable(kindByName.get('wordcloud'), step('wordcloud', { live: true }))).toBe(false);
    expect(isRevealable(undefined, step('gone'))).toBe(false);
    // The design questions' console has its own button for it.
    expect(kinds.filter((k) => k.revealControl === 'view').map((k) => k.kind)).toEqual(['questions']);
  });
});
