/** The open questions' reducer and role projections, driven by events as the log holds them. */
import { describe, expect, it } from 'vitest';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import { erased } from '../../test/helpers/erased.js';
import { open } from './index.js';
import { openModel as typedOpenModel, OPEN_EVENTS, type OpenStep } from './model.js';

const openModel = erased(typedOpenModel);

let seq = 1;
const ev = (type: string, payload: unknown, actor: SessionEvent['actor'] = { role: 'facilitator' }, id = `e${seq}`): SessionEvent => ({
  id,
  seq: ++seq,
  type,
  stepId: 's',
  actor,
  payload,
  at: 1000 + seq,
});
const bob: Viewer = { role: 'participant', participantId: 'bob' };
const screen: Viewer = { role: 'screen' };
const openStep: OpenStep = { id: 's', kind: 'open', title: 'Vragen', questions: [{ id: 'q1', text: 'Wat?' }, { id: 'q2', text: 'Hoe?' }] };
const ctx = (step: OpenStep, revealed = false) => ({ step, revealed });

describe('open questions', () => {
  it('keeps one answer per participant and question, rewritten in place', () => {
    const data = openModel.init(openStep);
    const answer = (id: string, answerId: string, text: string, first: boolean) =>
      openModel.apply(data, ev(OPEN_EVENTS.answered, { answerId, questionId: 'q1', text, first }, { role: 'participant', id }), ctx(openStep));
    answer('alice', 'a1', 'Eerst', true);
    answer('bob', 'b1', 'Bob', true);
    answer('alice', 'a1', 'Beter', false);
    expect(data.answers.map((a) => [a.id, a.text])).toEqual([
      ['a1', 'Beter'],
      ['b1', 'Bob'],
    ]);
    expect(data.counts).toEqual({ q1: 2, q2: 0 });
  });

  it('keeps answers from the screen until revealed, but tells it how many', () => {
    const data = openModel.init(openStep);
    openModel.apply(data, ev(OPEN_EVENTS.answered, { answerId: 'a1', questionId: 'q1', text: 'Geheim', first: true }, { role: 'participant', id: 'alice' }), ctx(openStep));
    expect(openModel.project(data, screen, ctx(openStep))).toEqual({ answers: [], counts: { q1: 1, q2: 0 } });
    expect(openModel.project(data, screen, ctx(openStep, true)).answers.map((a) => a.text)).toEqual(['Geheim']);
    const event = ev(OPEN_EVENTS.answered, { answerId: 'b1', questionId: 'q1', text: 'Ook geheim', first: true }, { role: 'participant', id: 'bob' });
    expect(JSON.stringify(openModel.redact!(event, screen, ctx(openStep)))).not.toContain('Ook geheim');
    expect(openModel.redact!(event, bob, ctx(openStep))).toBe(event);
  });

  it('decides a rewrite onto the same answer id', () => {
    const data = openModel.init(openStep);
    openModel.apply(data, ev(OPEN_EVENTS.answered, { answerId: 'a1', questionId: 'q1', text: 'x', first: true }, { role: 'participant', id: 'alice' }), ctx(openStep));
    const decide = (questionId: string) =>
      open.commands['open.answer']!.decide({ state: {} as never, step: openStep, data, revealed: false, actor: { role: 'participant', id: 'alice' }, id: 'new', present: [] }, { questionId, text: 'y' });
    expect(decide('q1')).toMatchObject({ ok: true, payload: { answerId: 'a1', first: false } });
    expect(decide('q2')).toMatchObject({ ok: true, payload: { answerId: 'new', first: true } });
    expect(decide('q9')).toMatchObject({ ok: false, error: 'not-found' });
  });
});
