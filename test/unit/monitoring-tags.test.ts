/**
 * Themes on monitoring answers (core/monitoring-tags.ts): the `monitoring.tag`
 * command, its event in the session's log, who sees it, and the trend's themes
 * per session (server/harvest/monitoring.ts).
 */
import { describe, expect, it } from 'vitest';
import type { Actor, SessionEvent } from '../../core/protocol.js';
import { applyEvent, audienceOf, project } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { kindByName, models } from '../../kinds/registry.js';
import { monitoringTrend } from '../../server/harvest/monitoring.js';
import { monitoringSections } from '../../server/harvest/monitoring-doc.js';
import { createdSession } from '../helpers/created-session.js';
import { coreCommands } from '../../server/sessions/core-commands.js';

const FACILITATOR: Actor = { role: 'facilitator' };
const STEPS: StepDef[] = [
  {
    id: 'terugblik',
    kind: 'open',
    title: 'Terugblik',
    questions: [
      { id: 'waarde', text: 'Wat was voor jou van waarde vandaag?' },
      { id: 'morgen', text: 'Wat ga je morgen anders doen?' },
    ],
  },
];

type Step = [type: string, payload: unknown, who?: string];

/** A session whose commands are decided and applied as the server would; a refusal throws with its code. */
function session(id: string, createdAt: number, commands: Step[]): SessionState {
  const state = createdSession(id, createdAt, STEPS);
  for (const step of commands) run(state, step);
  return state;
}

function run(state: SessionState, [type, payload, who]: Step) {
  const actor: Actor = who ? { role: 'participant', id: who } : FACILITATOR;
  const step = state.steps[0]!;
  const spec = kindByName.get(type.split('.')[0]!)?.commands[type] ?? coreCommands[type]!;
  const id = `${state.id}-c${state.seq}`;
  const decision = spec.decide({ state, step, data: state.stepStates[step.id]!.data, revealed: false, actor, id, present: [] }, payload);
  if (!decision.ok) throw new Error(decision.error);
  applyEvent(state, { id, seq: state.seq + 1, type: decision.type, stepId: step.id, actor, payload: decision.payload, at: state.seq }, models);
  return id;
}

const answer = (questionId: string, text: string, who: string): Step => ['open.answer', { questionId, text }, who];
const tag = (answerId: string, ...themes: string[]): Step => ['monitoring.tag', { answerId, themes }];

describe('themes on monitoring answers', () => {
  it('counts per session how many visible answers carry each theme, beside how many answered', () => {
    const first = session('s1', 1000, [
      answer('waarde', 'De rust', 'ann'), // s1-c1
      answer('morgen', 'Eerder bellen', 'ann'), // s1-c2
      answer('waarde', 'Elkaar zien', 'bob'), // s1-c3
      answer('morgen', 'Niets', 'cas'), // s1-c4
      tag('s1-c1', 'Rust'),
      tag('s1-c2', 'Samenwerking', 'Tijd'),
      tag('s1-c3', 'Samenwerking'),
    ]);
    const second = session('s2', 2000, [answer('waarde', 'Samen koken', 'dirk'), tag('s2-c1', ' Samenwerking  ')]);
    const trend = monitoringTrend([second, first]);
    expect(trend.themes).toEqual(['Samenwerking', 'Rust', 'Tijd']);
    expect(trend.sessions.map((s) => [s.id, s.answered, s.themes])).toEqual([
      ['s1', 3, { Rust: 1, Samenwerking: 2, Tijd: 1 }],
      ['s2', 1, { Samenwerking: 1 }],
    ]);
    // Each answer with its step, id and themes; an untagged answer has none.
    expect(trend.sessions[0]!.answers.morgen).toEqual([
      { stepId: 'terugblik', id: 's1-c2', text: 'Eerder bellen', themes: ['Samenwerking', 'Tijd'] },
      { stepId: 'terugblik', id: 's1-c4', text: 'Niets', themes: [] },
    ]);
  });

  it('follows a theme renamed or taken off: the latest tagging of an answer is what counts', () => {
    const state = session('s1', 1000, [answer('waarde', 'De rust', 'ann'), answer('waarde', 'Ruimte', 'bob'), tag('s1-c1', 'Rust', 'Tijd'), tag('s1-c2', 'Rust')]);
    run(state, tag('s1-c1', 'Kalmte', 'Tijd'));
    run(state, tag('s1-c2'));
    const trend = monitoringTrend([state]);
    expect(trend.themes).toEqual(['Kalmte', 'Tijd']);
    expect(trend.sessions[0]!.themes).toEqual({ Kalmte: 1, Tijd: 1 });
    expect(state.tags).toEqual({ terugblik: { 's1-c1': ['Kalmte', 'Tijd'] } });
  });

  it('counts no hidden answer, and keeps its themes for when it comes back', () => {
    const state = session('s1', 1000, [answer('waarde', 'De rust', 'ann'), tag('s1-c1', 'Rust'), ['open.hide', { answerId: 's1-c1', hidden: true }]]);
    let trend = monitoringTrend([state]);
    expect(trend.sessions[0]!.answers.waarde ?? []).toEqual([]);
    expect(trend.themes).toEqual([]);
    // A theme on a hidden, tagged answer can still be renamed (the arena-wide rename reaches it)...
    run(state, tag('s1-c1', 'Kalmte'));
    run(state, ['open.hide', { answerId: 's1-c1', hidden: false }]);
    trend = monitoringTrend([state]);
    expect(trend.sessions[0]!.themes).toEqual({ Kalmte: 1 });
  });

  it('refuses to tag what is no visible answer to a monitoring question, and cleans the names', () => {
    const state = session('s1', 1000, [answer('waarde', 'De rust', 'ann'), ['open.hide', { answerId: 's1-c1', hidden: true }]]);
    expect(() => run(state, tag('s1-c1', 'Rust'))).toThrow('not-found');
    expect(() => run(state, tag('nope', 'Rust'))).toThrow('not-found');
    const visible = session('s2', 1000, [answer('waarde', 'De rust', 'ann')]);
    expect(() => run(visible, tag('s2-c1', '   '))).toThrow('invalid');
    run(visible, tag('s2-c1', 'Rust', ' Rust '));
    expect(visible.tags).toEqual({ terugblik: { 's2-c1': ['Rust'] } });
  });

  it('is the facilitator’s only: no screen or phone receives the event or sees the tags', () => {
    const state = session('s1', 1000, [answer('waarde', 'De rust', 'ann')]);
    const event: SessionEvent = { id: 't', seq: state.seq + 1, type: 'monitoring.tagged', stepId: 'terugblik', actor: FACILITATOR, payload: { answerId: 's1-c1', themes: ['Rust'] }, at: 5 };
    expect(audienceOf(state, event, models)).toEqual({ screen: false, participants: 'none' });
    applyEvent(state, event, models);
    expect(project(state, { role: 'facilitator' }, models).tags).toEqual({ terugblik: { 's1-c1': ['Rust'] } });
    expect(project(state, { role: 'screen' }, models).tags).toBeUndefined();
    expect(project(state, { role: 'participant', participantId: 'ann' }, models).tags).toBeUndefined();
  });

  it('counts a theme named like a member of Object.prototype as any other, in the trend and the harvest', () => {
    const state = session('s1', 1000, [answer('waarde', 'De rust', 'ann'), answer('morgen', 'Bellen', 'ann'), tag('s1-c1', 'constructor', '__proto__'), tag('s1-c2', 'constructor')]);
    const trend = monitoringTrend([state]);
    expect(trend.themes).toEqual(['constructor', '__proto__']);
    expect(Object.entries(trend.sessions[0]!.themes)).toEqual([['constructor', 2], ['__proto__', 1]]);
    const [overview] = monitoringSections(trend, () => '1 december 2026');
    expect(overview!.blocks[0]).toMatchObject({ rows: [['Bijeenkomst s1 (1 december 2026)', '1', 'constructor (2), __proto__ (1)']] });
    expect(overview!.blocks[1]).toMatchObject({ type: 'chart', bars: [{ label: 'Bijeenkomst s1 (1 antwoordde)', value: 2 }] });
  });

  it('counts a session with nothing tagged as having no themes', () => {
    const trend = monitoringTrend([session('s1', 1000, [answer('waarde', 'De rust', 'ann')])]);
    expect(trend.themes).toEqual([]);
    expect(trend.sessions[0]!.themes).toEqual({});
    expect(trend.sessions[0]!.answered).toBe(1);
  });
});
