/** The poll kind: votes through decide and the reducer as the server runs them, projections by role, validation and harvest. */
import { withMarkdown } from '../../test/helpers/harvest.js';
import { describe, expect, it } from 'vitest';
import type { Actor, SessionEvent, Viewer } from '../../core/protocol.js';
import { poll } from './index.js';
import { pollModel as typedPollModel, type PollData, type PollStep } from './model.js';
import { pollResults } from './results.js';
import { parseScript, formatProblem } from '../../server/scripts/load-scripts.js';
import { erased } from '../../test/helpers/erased.js';

const pollModel = erased(typedPollModel);

const choice: PollStep = {
  id: 'kies',
  kind: 'poll',
  title: 'Kiezen',
  question: 'Waar beginnen we mee?',
  mode: 'single',
  options: [
    { id: 'tijd', text: 'Meer tijd' },
    { id: 'geld', text: 'Meer geld' },
    { id: 'rust', text: 'Rust | regelmaat' },
  ],
};
const multiple: PollStep = { ...choice, mode: 'multiple', maxChoices: 2 };
const scale: PollStep = {
  id: 'schaal',
  kind: 'poll',
  title: 'Stelling',
  question: 'We werken echt samen.',
  mode: 'scale',
  scale: { min: 1, max: 5, minLabel: 'helemaal oneens', maxLabel: 'helemaal eens' },
};

const alice: Viewer = { role: 'participant', participantId: 'alice' };
const bob: Viewer = { role: 'participant', participantId: 'bob' };
const screen: Viewer = { role: 'screen' };
const as = (id: string): Actor => ({ role: 'participant', id });
const facilitator: Actor = { role: 'facilitator' };

/** A step's data and log, driven the way the server does: decide, then append and apply the event. */
function run(step: PollStep) {
  const data: PollData = pollModel.init(step);
  const log: SessionEvent[] = [];
  let seq = 1;
  const send = (actor: Actor, type: string, payload: unknown, revealed = false) => {
    const id = `c${seq}`;
    const decision = poll.commands[type]!.decide({ state: {} as never, step, data, revealed, actor, id, present: [] }, payload as never);
    if (!decision.ok) return decision;
    const event: SessionEvent = { id, seq: ++seq, type: decision.type, stepId: step.id, actor, payload: decision.payload, at: 1000 + seq };
    pollModel.apply(data, event, { step, revealed });
    log.push(event);
    return decision;
  };
  return { data, log, send };
}

describe('poll', () => {
  it('counts one vote per participant, and moves it when they change their mind', () => {
    const { data, send } = run(choice);
    send(as('alice'), 'poll.vote', { choices: ['tijd'] });
    send(as('bob'), 'poll.vote', { choices: ['tijd'] });
    expect(data.counts).toEqual({ tijd: 2, geld: 0, rust: 0 });
    expect(send(as('alice'), 'poll.vote', { choices: ['rust'] })).toMatchObject({ ok: true, payload: { first: false, previous: ['tijd'], choices: ['rust'] } });
    expect(data.voters).toBe(2);
    expect(data.counts).toEqual({ tijd: 1, geld: 0, rust: 1 });
    expect(data.votes.map((v) => [v.author, v.choices])).toEqual([
      ['alice', ['rust']],
      ['bob', ['tijd']],
    ]);
  });

  it('keeps several choices in the order of the options, and a scale value as its key', () => {
    const m = run(multiple);
    expect(m.send(as('alice'), 'poll.vote', { choices: ['rust', 'tijd'] })).toMatchObject({ ok: true, payload: { choices: ['tijd', 'rust'] } });
    expect(m.data.counts).toEqual({ tijd: 1, geld: 0, rust: 1 });
    const s = run(scale);
    s.send(as('alice'), 'poll.vote', { value: 4 });
    s.send(as('bob'), 'poll.vote', { value: 2 });
    s.send(as('bob'), 'poll.vote', { value: 5 });
    expect(s.data.counts).toEqual({ 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 });
    expect(pollResults(scale, s.data.counts!, s.data.voters).mean).toBe(4.5);
  });

  it('shows the screen how many voted but not how until revealed, and a phone only its own vote', () => {
    const { data, log, send } = run(choice);
    send(as('alice'), 'poll.vote', { choices: ['geld'] });
    send(as('bob'), 'poll.vote', { choices: ['tijd'] });
    const ctx = (revealed: boolean) => ({ step: choice, revealed });

    expect(pollModel.project(data, screen, ctx(false))).toEqual({ votes: [], voters: 2, counts: null, closed: false });
    expect(pollModel.project(data, screen, ctx(true))).toEqual({ votes: [], voters: 2, counts: { tijd: 1, geld: 1, rust: 0 }, closed: false });
    expect(pollModel.project(data, alice, ctx(true))).toEqual({
      votes: [expect.objectContaining({ author: 'alice', choices: ['geld'] })],
      voters: 1,
      counts: null,
      closed: false,
    });
    expect(JSON.stringify(pollModel.project(data, bob, ctx(true)))).not.toContain('geld');

    // The events themselves: the screen learns of a vote but not its choice until revealed; the voter gets it whole.
    const bobs = log[1]!;
    expect(pollModel.audience(bobs, data, ctx(false))).toEqual({ screen: true, participants: ['bob'] });
    expect(pollModel.redact!(bobs, screen, ctx(false)).payload).toEqual({ first: true });
    expect(pollModel.redact!(bobs, screen, ctx(true)).payload).toEqual({ first: true, choices: ['tijd'] });
    expect(pollModel.redact!(bobs, bob, ctx(false))).toBe(bobs);
  });

  it('keeps a revealed screen in step by applying what it is sent', () => {
    const { data, log, send } = run(choice);
    send(as('alice'), 'poll.vote', { choices: ['geld'] });
    const revealedScreen = pollModel.project(data, screen, { step: choice, revealed: true });
    send(as('alice'), 'poll.vote', { choices: ['rust'] }, true);
    send(as('bob'), 'poll.vote', { choices: ['rust'] }, true);
    for (const event of log.slice(1)) pollModel.apply(revealedScreen, pollModel.redact!(event, screen, { step: choice, revealed: true }), { step: choice, revealed: true });
    expect(revealedScreen).toEqual(pollModel.project(data, screen, { step: choice, revealed: true }));
    expect(revealedScreen.votes).toEqual([]);
  });

  it('closes and reopens, and tells every phone', () => {
    const { data, log, send } = run(choice);
    expect(send(facilitator, 'poll.close', { closed: true })).toMatchObject({ ok: true });
    expect(pollModel.audience(log[0]!, data, { step: choice, revealed: false })).toEqual({ screen: true, participants: 'all' });
    expect(send(as('alice'), 'poll.vote', { choices: ['tijd'] })).toMatchObject({ ok: false, error: 'closed' });
    send(facilitator, 'poll.close', { closed: false });
    expect(send(as('alice'), 'poll.vote', { choices: ['tijd'] })).toMatchObject({ ok: true });
    expect(poll.commands['poll.close']!.roles).toEqual(['facilitator']);
    expect(poll.commands['poll.vote']!.roles).toEqual(['participant']);
  });

  it('refuses votes the poll cannot take', () => {
    const refusal = (step: PollStep, payload: unknown) => {
      const result = run(step).send(as('alice'), 'poll.vote', payload);
      return result.ok ? 'accepted' : result.error;
    };
    expect(refusal(choice, { choices: ['tijd', 'geld'] })).toBe('invalid');
    expect(refusal(choice, { choices: ['koffie'] })).toBe('not-found');
    expect(refusal(choice, { value: 3 })).toBe('invalid');
    expect(refusal(multiple, { choices: ['tijd', 'tijd'] })).toBe('invalid');
    expect(refusal(multiple, { choices: ['tijd', 'geld', 'rust'] })).toBe('limit-reached');
    expect(refusal({ ...multiple, maxChoices: undefined }, { choices: ['tijd', 'geld', 'rust'] })).toBe('accepted');
    expect(refusal(scale, { value: 6 })).toBe('invalid');
    expect(refusal(scale, { choices: ['3'] })).toBe('invalid');
    expect(refusal(scale, { value: 1 })).toBe('accepted');
  });

  it('checks a poll step in a script, by field', () => {
    const script = (step: string) => {
      const parsed = parseScript(`id: t\ntitle: T\nsteps:\n  - id: p\n    kind: poll\n    title: Peiling\n${step}`, 't.yaml');
      return parsed.ok ? [] : parsed.problems.map(formatProblem);
    };
    expect(script('    question: Eens?\n    mode: scale\n    scale: { min: 1, max: 5, minLabel: oneens, maxLabel: eens }\n')).toEqual([]);
    expect(script('    question: Wat?\n    mode: multiple\n    maxChoices: 2\n    options: [{ id: a, text: A }, { id: b, text: B }]\n')).toEqual([]);
    expect(script('    question: Wat?\n    mode: single\n')).toEqual(['t.yaml:4: steps[0].options: is needed for a single choice poll']);
    expect(script('    question: Wat?\n    mode: ranking\n')[0]).toContain('steps[0].mode: must be one of "single", "multiple", "scale"');
    expect(script('    question: Eens?\n    mode: scale\n    scale: { min: 5, max: 1 }\n')).toEqual(['t.yaml:9: steps[0].scale.max: must be higher than min']);
    expect(script('    question: Eens?\n    mode: scale\n    scale: { min: -10, max: 10 }\n')[0]).toContain('more than 11 points');
    expect(script('    question: Wat?\n    mode: single\n    maxChoices: 1\n    options: [{ id: a, text: A }, { id: a, text: B }]\n')).toEqual([
      't.yaml:10: steps[0].options[1].id: option id "a" is used twice',
      't.yaml:9: steps[0].maxChoices: is only for multiple choice polls',
    ]);
  });

  it('harvests counts per option as data and a Markdown table, with a mean on a scale and nobody named', () => {
    const c = run(choice);
    c.send(as('alice'), 'poll.vote', { choices: ['tijd'] });
    c.send(as('bob'), 'poll.vote', { choices: ['rust'] });
    c.send(as('carol'), 'poll.vote', { choices: ['tijd'] });
    const { data, markdown } = withMarkdown(poll.harvest(c.data, choice, {} as never));
    expect(data).toMatchObject({
      question: 'Waar beginnen we mee?',
      voters: 3,
      results: [
        { id: 'tijd', text: 'Meer tijd', count: 2 },
        { id: 'geld', text: 'Meer geld', count: 0 },
        { id: 'rust', text: 'Rust | regelmaat', count: 1 },
      ],
    });
    expect(markdown).toContain('| Antwoord | Stemmen | Aandeel |');
    expect(markdown).toContain('| Meer tijd | 2 | 67% |');
    expect(markdown).toContain('| Rust \\| regelmaat | 1 | 33% |');
    expect(markdown).toContain('3 deelnemers stemden');
    expect(markdown + JSON.stringify(data)).not.toMatch(/alice|bob|carol/);

    const s = run(scale);
    s.send(as('alice'), 'poll.vote', { value: 4 });
    s.send(as('bob'), 'poll.vote', { value: 5 });
    s.send(as('carol'), 'poll.vote', { value: 4 });
    const harvested = withMarkdown(poll.harvest(s.data, scale, {} as never));
    expect(harvested.data).toMatchObject({ mean: 4.33, scale: { min: 1, max: 5 } });
    expect(harvested.markdown).toContain('| 1 (helemaal oneens) | 0 | 0% |');
    expect(harvested.markdown).toContain('| 5 (helemaal eens) | 1 | 33% |');
    expect(harvested.markdown).toContain('**Gemiddelde:** 4,3');
    expect(withMarkdown(poll.harvest(run(scale).data, scale, {} as never)).markdown).toContain('_Geen stemmen._');
  });
});
