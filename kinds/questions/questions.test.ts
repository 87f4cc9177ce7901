/** Ontwerpvragen: the reducer, what each role sees, the prefix rule, merging, and the harvest. */
import { withMarkdown } from '../../test/helpers/harvest.js';
import { describe, expect, it } from 'vitest';
import type { SessionEvent, Viewer } from '../../core/protocol.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { questions } from './index.js';
import { checkFrom, itemsOf } from './items.js';
import { questionsModel as typedQuestionsModel, QUESTIONS_EVENTS, type QuestionsData, type QuestionsStep } from './model.js';
import { wallModel as typedWallModel, WALL_EVENTS, type WallStep } from '../../kinds/wall/model.js';
import { validator } from '../../server/validation.js';
import { erased } from '../../test/helpers/erased.js';

const questionsModel = erased(typedQuestionsModel);
const wallModel = erased(typedWallModel);

let seq = 1;
const ev = (type: string, payload: unknown, actor: SessionEvent['actor'] = { role: 'facilitator' }, id = `e${seq + 1}`): SessionEvent => ({
  id,
  seq: ++seq,
  type,
  stepId: 'vragen',
  actor,
  payload,
  at: 1000 + seq,
});
const by = (id: string): SessionEvent['actor'] => ({ role: 'participant', id });
const alice: Viewer = { role: 'participant', participantId: 'alice' };
const bob: Viewer = { role: 'participant', participantId: 'bob' };
const screen: Viewer = { role: 'screen' };
const step: QuestionsStep = { id: 'vragen', kind: 'questions', title: 'Ontwerpvragen' };
const ctx = (revealed = false) => ({ step, revealed });

/** q1 (alice), q2 (bob), q3 (alice), q4 (carol). */
function asked(): QuestionsData {
  const data = questionsModel.init(step);
  const ask = (who: string, id: string, text: string) => questionsModel.apply(data, ev(QUESTIONS_EVENTS.asked, { text }, by(who), id), ctx());
  ask('alice', 'q1', 'Hoe kunnen we mantelzorgers eerder bereiken?');
  ask('bob', 'q2', 'Hoe kunnen we mantelzorgers sneller bereiken?');
  ask('alice', 'q3', 'Hoe kunnen we wachtlijsten korter maken?');
  ask('carol', 'q4', 'Hoe kunnen we respijtzorg bekender maken?');
  return data;
}
const apply = (data: QuestionsData, type: string, payload: unknown, revealed = false) => questionsModel.apply(data, ev(type, payload), ctx(revealed));
const decide = (type: string, payload: any, data = asked(), actor: SessionEvent['actor'] = by('alice'), s: QuestionsStep = step) =>
  questions.commands[type]!.decide({ state: {} as never, step: s, data, revealed: false, actor, id: 'new', present: [] }, payload);

describe('questions: reducer', () => {
  it('keeps questions in order with their author, for the facilitator', () => {
    expect(asked().questions.map((q) => [q.id, q.author, q.hidden])).toEqual([
      ['q1', 'alice', false],
      ['q2', 'bob', false],
      ['q3', 'alice', false],
      ['q4', 'carol', false],
    ]);
  });

  it('merges duplicates into one question, flattens chains, and unmerges', () => {
    const data = asked();
    apply(data, QUESTIONS_EVENTS.merged, { targetId: 'q2', questionIds: ['q1'] });
    // q2 (with q1 in it) is absorbed by q4: q1 follows, so no chain of merges is left.
    apply(data, QUESTIONS_EVENTS.merged, { targetId: 'q4', questionIds: ['q2'] });
    expect(data.questions.map((q) => [q.id, q.mergedInto])).toEqual([
      ['q1', 'q4'],
      ['q2', 'q4'],
      ['q3', undefined],
      ['q4', undefined],
    ]);
    apply(data, QUESTIONS_EVENTS.unmerged, { questionId: 'q1' });
    expect(data.questions[0]!.mergedInto).toBeUndefined();
  });

  it('edits wording and keeps the author, who stays anonymous to the room', () => {
    const data = asked();
    apply(data, QUESTIONS_EVENTS.edited, { questionId: 'q2', text: 'Hoe kunnen we mantelzorgers om tien uur op de koffie krijgen?' });
    expect(data.questions[1]).toMatchObject({ author: 'bob', edited: true, text: 'Hoe kunnen we mantelzorgers om tien uur op de koffie krijgen?' });
    expect(questionsModel.project(data, screen, ctx()).questions[1]).toEqual(
      expect.not.objectContaining({ author: expect.anything() }),
    );
  });
});

describe('questions: what each role sees', () => {
  it('shows the screen every visible question, merged ones flagged, without authors', () => {
    const data = asked();
    apply(data, QUESTIONS_EVENTS.hidden, { questionId: 'q3', hidden: true });
    apply(data, QUESTIONS_EVENTS.merged, { targetId: 'q2', questionIds: ['q1'] });
    const seen = questionsModel.project(data, screen, ctx()).questions;
    expect(seen.map((q) => [q.id, q.mergedInto])).toEqual([
      ['q1', 'q2'],
      ['q2', undefined],
      ['q4', undefined],
    ]);
    expect(JSON.stringify(seen)).not.toMatch(/alice|bob|carol/);
  });

  it('gives a phone its own questions only until the list is put on the phones', () => {
    const data = asked();
    apply(data, QUESTIONS_EVENTS.hidden, { questionId: 'q3', hidden: true });
    expect(questionsModel.project(data, alice, ctx()).questions.map((q) => [q.id, q.hidden])).toEqual([
      ['q1', false],
      ['q3', true],
    ]);
    expect(questionsModel.project(data, bob, ctx()).questions.map((q) => q.id)).toEqual(['q2']);
    // Shared: everybody's visible questions, others' without their author; own hidden ones still flagged.
    const shared = questionsModel.project(data, bob, ctx(true)).questions;
    expect(shared.map((q) => [q.id, q.author])).toEqual([
      ['q1', undefined],
      ['q2', 'bob'],
      ['q4', undefined],
    ]);
    expect(questionsModel.project(data, alice, ctx(true)).questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
  });

  it('routes a question to its author only, or to every phone once shared', () => {
    const data = asked();
    const ask = ev(QUESTIONS_EVENTS.asked, { text: 'Hoe kunnen we x?' }, by('dave'));
    expect(questionsModel.audience(ask, data, ctx())).toEqual({ screen: true, participants: ['dave'] });
    expect(questionsModel.audience(ask, data, ctx(true))).toEqual({ screen: true, participants: 'all' });
    apply(data, QUESTIONS_EVENTS.merged, { targetId: 'q2', questionIds: ['q1'] });
    // Absorbing q2 moves q1 too: both authors hear of it.
    const merge = ev(QUESTIONS_EVENTS.merged, { targetId: 'q4', questionIds: ['q2'] });
    expect((questionsModel.audience(merge, data, ctx()).participants as string[]).sort()).toEqual(['alice', 'bob']);
    const edit = ev(QUESTIONS_EVENTS.edited, { questionId: 'q4', text: 'Hoe kunnen we y?' });
    expect(questionsModel.audience(edit, data, ctx())).toEqual({ screen: true, participants: ['carol'] });
  });

  it('makes views that keep no hidden question drop it, and the author keep it flagged', () => {
    const data = asked();
    const onScreen = questionsModel.project(data, screen, ctx());
    const onPhone = questionsModel.project(data, alice, ctx());
    const hide = ev(QUESTIONS_EVENTS.hidden, { questionId: 'q1', hidden: true });
    const redacted = questionsModel.redact!(hide, screen, ctx());
    expect(redacted.payload).toMatchObject({ drop: true });
    questionsModel.apply(data, hide, ctx());
    questionsModel.apply(onScreen, redacted, ctx());
    questionsModel.apply(onPhone, redacted, ctx());
    expect(onScreen.questions.map((q) => q.id)).toEqual(['q2', 'q3', 'q4']);
    expect(onPhone.questions.map((q) => [q.id, q.hidden])).toEqual([
      ['q1', true],
      ['q3', false],
    ]);
    // Shown again: a view that dropped it puts it back in its place, still without its author.
    const show = questions.commands['questions.hide']!.decide({ state: {} as never, step, data, revealed: false, actor: { role: 'facilitator' }, id: 'x', present: [] }, { questionId: 'q1', hidden: false });
    expect(show.ok && JSON.stringify(show.payload)).not.toContain('alice');
    questionsModel.apply(onScreen, ev(QUESTIONS_EVENTS.hidden, show.ok ? show.payload : {}), ctx());
    expect(onScreen.questions.map((q) => q.id)).toEqual(['q1', 'q2', 'q3', 'q4']);
  });
});

describe('questions: commands', () => {
  it('takes a question that starts with the prefix, in any case', () => {
    expect(decide('questions.ask', { text: '  hoe kunnen we samen eten?\r\n' })).toEqual({
      ok: true,
      type: QUESTIONS_EVENTS.asked,
      payload: { text: 'hoe kunnen we samen eten?' },
    });
    expect(decide('questions.ask', { text: 'HOE KUNNEN WE, met weinig geld, meer doen?' })).toMatchObject({ ok: true });
  });

  it('refuses a question without the prefix, or with nothing after it', () => {
    for (const text of ['Waarom is er een wachtlijst?', 'Hoe kunnen wezen helpen?', 'Hoe kunnen we', 'Hoe kunnen we …?', '   '])
      expect(decide('questions.ask', { text }), text).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('questions.ask', { text: 'Waarom?' })).toMatchObject({ message: 'A question here starts with "Hoe kunnen we".' });
    const custom: QuestionsStep = { ...step, prefix: 'Wat als' };
    expect(decide('questions.ask', { text: 'Wat als we het omdraaien?' }, asked(), by('x'), custom)).toMatchObject({ ok: true });
    expect(decide('questions.ask', { text: 'Hoe kunnen we het omdraaien?' }, asked(), by('x'), custom)).toMatchObject({ ok: false, error: 'invalid' });
  });

  it('closes writing for participants once the list is on the phones, but not for the facilitator', () => {
    const ask = (actor: SessionEvent['actor']) =>
      questions.commands['questions.ask']!.decide({ state: {} as never, step, data: asked(), revealed: true, actor, id: 'n', present: [] }, { text: 'Hoe kunnen we nog iets?' });
    expect(ask(by('alice'))).toMatchObject({ ok: false, error: 'step-not-active', message: 'The list is on the phones now: writing new questions is closed.' });
    expect(ask({ role: 'facilitator' })).toMatchObject({ ok: true });
  });

  it('limits the length to 300 characters and the questions per participant', () => {
    const schema = validator(questions.commands['questions.ask']!.payload);
    expect(schema.Check({ text: `Hoe kunnen we ${'x'.repeat(286)}` })).toBe(true);
    expect(schema.Check({ text: `Hoe kunnen we ${'x'.repeat(287)}` })).toBe(false);
    const two: QuestionsStep = { ...step, maxQuestions: 2 };
    expect(decide('questions.ask', { text: 'Hoe kunnen we nog één?' }, asked(), by('alice'), two)).toMatchObject({ ok: false, error: 'limit-reached' });
    expect(decide('questions.ask', { text: 'Hoe kunnen we nog één?' }, asked(), by('bob'), two)).toMatchObject({ ok: true });
  });

  it('merges only into a question on the list, and only visible questions', () => {
    const data = asked();
    apply(data, QUESTIONS_EVENTS.hidden, { questionId: 'q3', hidden: true });
    apply(data, QUESTIONS_EVENTS.merged, { targetId: 'q2', questionIds: ['q1'] });
    const merge = (targetId: string, questionIds: string[]) => decide('questions.merge', { targetId, questionIds }, data, { role: 'facilitator' });
    expect(merge('q4', ['q2', 'q2'])).toEqual({ ok: true, type: QUESTIONS_EVENTS.merged, payload: { targetId: 'q4', questionIds: ['q2'] } });
    expect(merge('q1', ['q4'])).toMatchObject({ ok: false, error: 'not-found' });
    expect(merge('q3', ['q4'])).toMatchObject({ ok: false, error: 'not-found' });
    expect(merge('q4', ['q3'])).toMatchObject({ ok: false, error: 'not-found' });
    expect(merge('q4', ['q4'])).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('questions.unmerge', { questionId: 'q4' }, data, { role: 'facilitator' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(decide('questions.unmerge', { questionId: 'q1' }, data, { role: 'facilitator' })).toMatchObject({ ok: true });
  });

  it('keeps the prefix rule for the facilitator’s edits too', () => {
    expect(decide('questions.edit', { questionId: 'q1', text: 'Hoe kunnen we het beter?' }, asked(), { role: 'facilitator' })).toMatchObject({ ok: true });
    expect(decide('questions.edit', { questionId: 'q1', text: 'Beter worden' }, asked(), { role: 'facilitator' })).toMatchObject({ error: 'invalid' });
    expect(decide('questions.edit', { questionId: 'nope', text: 'Hoe kunnen we x?' }, asked(), { role: 'facilitator' })).toMatchObject({ error: 'not-found' });
  });

  it('allows only the facilitator to hide, merge, unmerge and edit', () => {
    for (const type of ['questions.hide', 'questions.merge', 'questions.unmerge', 'questions.edit']) expect(questions.commands[type]!.roles).toEqual(['facilitator']);
  });
});

describe('questions: reading an earlier step', () => {
  const wallStep: WallStep = { id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'klaagmuur', title: 'Klaagmuur' }, { id: 'jubelmuur', title: 'Jubelmuur' }] };
  const sourced: QuestionsStep = { ...step, from: 'muur', fromColumn: 'klaagmuur' };

  it('checks from and fromColumn against the script', () => {
    const steps: StepDef[] = [wallStep, { id: 'droom', kind: 'open', title: 'Droom', questions: [] }, sourced, { id: 'later', kind: 'wall', title: 'Later', columns: [] }];
    const kinds = ['wall', 'open'];
    expect(checkFrom(sourced, kinds, steps)).toEqual([]);
    expect(checkFrom({ ...sourced, from: 'droom', fromColumn: undefined }, kinds, steps)).toEqual([]);
    expect(checkFrom({ ...sourced, fromColumn: 'zeurmuur' }, kinds, steps)).toEqual([['/fromColumn', '"zeurmuur" is not a column of the wall "muur"']]);
    expect(checkFrom({ ...sourced, from: 'droom' }, kinds, steps)[0]![0]).toBe('/fromColumn');
    expect(checkFrom({ ...sourced, from: 'later', fromColumn: undefined }, kinds, steps)[0]![1]).toContain('earlier step');
    expect(checkFrom({ ...sourced, from: 'nergens' }, kinds, steps)[0]![1]).toContain('no step');
    expect(checkFrom({ ...sourced, from: 'droom', fromColumn: undefined }, ['wall'], steps)[0]![1]).toContain('must be a wall step');
    // What the step alone shows is checked even without the script (script loading today).
    expect(questions.checkStep!({ ...step, fromColumn: 'klaagmuur' })).toEqual([['/fromColumn', 'needs "from": the wall step whose column it names']]);
    expect(questions.checkStep!({ ...step, from: 'vragen' })[0]![0]).toBe('/from');
    expect(questions.checkStep!(sourced)).toEqual([]);
  });

  it('gives a wall’s visible clusters and loose notes of one column as items', () => {
    const wall = wallModel.init(wallStep);
    const post = (id: string, column: string, text: string) =>
      wallModel.apply(wall, { ...ev(WALL_EVENTS.posted, { column, text }, by('x'), id), stepId: 'muur' }, { step: wallStep, revealed: false });
    post('n1', 'klaagmuur', 'Wachtlijst dagbesteding');
    post('n2', 'klaagmuur', 'Wachtlijst respijtzorg');
    post('n3', 'klaagmuur', 'Niemand weet de weg');
    post('n4', 'jubelmuur', 'Fijn mantelzorgcafé');
    post('n5', 'klaagmuur', 'Onzin');
    wallModel.apply(wall, ev(WALL_EVENTS.clustered, { column: 'klaagmuur', title: 'Wachtlijsten', noteIds: ['n1', 'n2'] }, { role: 'facilitator' }, 'c1'), { step: wallStep, revealed: false });
    wallModel.apply(wall, ev(WALL_EVENTS.hidden, { noteId: 'n5', hidden: true }), { step: wallStep, revealed: false });
    const state = { steps: [wallStep, sourced], stepStates: { muur: { revealed: false, data: wall } } } as unknown as SessionState;
    expect(itemsOf(state, wallStep, 'klaagmuur')).toEqual([
      { id: 'c1', text: 'Wachtlijsten', size: 2 },
      { id: 'n3', text: 'Niemand weet de weg', size: 1 },
    ]);
    expect(itemsOf(state, wallStep).map((i) => i.id)).toEqual(['c1', 'n3', 'n4']);
  });
});

describe('questions: harvest', () => {
  it('lists the questions with their merged variants under each, without hidden ones or names', () => {
    const data = asked();
    apply(data, QUESTIONS_EVENTS.merged, { targetId: 'q2', questionIds: ['q1'] });
    apply(data, QUESTIONS_EVENTS.hidden, { questionId: 'q4', hidden: true });
    const { markdown, data: out } = withMarkdown(questions.harvest(data, step, {} as never));
    expect(markdown).toContain('### Ontwerpvragen (2)');
    expect(markdown).toContain('1. Hoe kunnen we mantelzorgers sneller bereiken?\n   - _samengevoegd:_ Hoe kunnen we mantelzorgers eerder bereiken?\n2. Hoe kunnen we wachtlijsten korter maken?');
    expect(markdown).not.toContain('respijtzorg');
    expect(JSON.stringify(out)).not.toMatch(/alice|bob|carol/);
    expect((out as { questions: { merged: unknown[] }[] }).questions[0]!.merged).toHaveLength(1);
  });
});
