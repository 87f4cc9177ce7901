/** Actions: proposals kept as one record, the vote's choice, and the arena's actions with their history in order. */
import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, project } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { withMarkdown } from '../../test/helpers/harvest.js';
import { models } from '../registry.js';
import { arenaOf } from '../../test/helpers/smallwin-session.js';
import { actionContext, arenaActions, openFirst } from './arena.js';
import { action } from './index.js';
import { actionLogbook } from './logbook.js';
import { actionArena } from './harvest.js';
import { ACTION_EVENTS, type ActionData } from './model.js';
import { dataOf } from '../../test/helpers/step-data.js';
import { by, facilitator, meeting } from '../../test/helpers/arena-meeting.js';

const phone = (id: string): Viewer => ({ role: 'participant', participantId: id });

const proposeStep: StepDef = { id: 'acties', kind: 'action', title: 'Acties' };
const voteStep: StepDef = { id: 'kiezen', kind: 'vote', title: 'Kiezen', from: 'acties', choose: 1, dots: 1 };
const updateStep: StepDef = { id: 'voortgang', kind: 'action', title: 'Voortgang', mode: 'update' };

function firstMeeting() {
  const m = meeting('s1', 1000, [proposeStep, voteStep]);
  expect(m.send(by('alice'), 'action.propose', { what: 'Koffie-ochtend', who: 'Wijkteam', when: 'maart', target: 'Mantelzorgers komen eerder' }, 'acties', 'koffie')).toBe('ok');
  expect(m.send(by('bob'), 'action.propose', { what: 'Spreekuur in de bibliotheek' }, 'acties', 'spreekuur')).toBe('ok');
  expect(m.send(by('carol'), 'action.propose', { what: '  ' }, 'acties')).toBe('invalid');
  m.push(CORE_EVENTS.revealed, { revealed: true }, 'acties');
  expect(m.send(by('alice'), 'vote.place', { itemId: 'koffie', dots: 1 }, 'kiezen')).toBe('ok');
  expect(m.send(by('bob'), 'vote.place', { itemId: 'koffie', dots: 1 }, 'kiezen')).toBe('ok');
  return m;
}

describe('action: proposing', () => {
  it('keeps an action one record, its fields together, and holds a phone to its own until the list is shared', () => {
    const m = meeting('s1', 1000, [proposeStep]);
    m.send(by('alice'), 'action.propose', { what: 'Koffie-ochtend', target: 'Eerder contact' }, 'acties', 'koffie');
    m.send(by('bob'), 'action.propose', { what: 'Spreekuur' }, 'acties', 'spreekuur');
    const bob = () => dataOf<ActionData>(project(m.state, phone('bob'), models).stepStates.acties);
    expect(bob().actions.map((a) => a.what)).toEqual(['Spreekuur']);
    m.push(CORE_EVENTS.revealed, { revealed: true }, 'acties');
    expect(bob().actions.map((a) => [a.what, a.author])).toEqual([
      ['Koffie-ochtend', undefined],
      ['Spreekuur', 'bob'],
    ]);
    const { markdown } = withMarkdown(action.harvest(dataOf<ActionData>(m.state.stepStates.acties), proposeStep, m.state));
    expect(markdown).toMatch(/Koffie-ochtend\n.*Wat merkt de doelgroep ervan:.*Eerder contact/);
  });

  it('refuses more than the step allows, and proposals from phones when the facilitator records them', () => {
    const m = meeting('s1', 1000, [{ ...proposeStep, maxActions: 1 }, { ...proposeStep, id: 'begeleider', by: 'facilitator' }, updateStep]);
    expect(m.send(by('alice'), 'action.propose', { what: 'Een' }, 'acties')).toBe('ok');
    expect(m.send(by('alice'), 'action.propose', { what: 'Twee' }, 'acties')).toBe('limit-reached');
    expect(m.send(by('alice'), 'action.propose', { what: 'Drie' }, 'begeleider')).toBe('forbidden');
    expect(m.send(facilitator, 'action.propose', { what: 'Drie' }, 'begeleider')).toBe('ok');
    expect(m.send(facilitator, 'action.propose', { what: 'Vier' }, 'voortgang')).toBe('forbidden');
  });

  it('takes a hidden action off the screen and the ballot, and the author keeps it flagged', () => {
    const m = firstMeeting();
    m.push(ACTION_EVENTS.hidden, { actionId: 'spreekuur', hidden: true }, 'acties');
    expect((dataOf<ActionData>(project(m.state, { role: 'screen' }, models).stepStates.acties)).actions.map((a) => a.id)).toEqual(['koffie']);
    expect((dataOf<ActionData>(project(m.state, phone('bob'), models).stepStates.acties)).actions.find((a) => a.id === 'spreekuur')?.hidden).toBe(true);
  });
});

describe('action: across the arena', () => {
  it('makes the vote’s choice the arena’s action, carries it, and records updates in order with open ones first', () => {
    const one = firstMeeting();
    expect(arenaActions([one.state]).map((a) => a.action.what)).toEqual(['Koffie-ochtend']);
    const context = actionContext(arenaOf([one.state]));
    expect(context.actions.map((a) => [a.what, a.status, a.target])).toEqual([['Koffie-ochtend', 'voorgesteld', 'Mantelzorgers komen eerder']]);
    const two = meeting('s2', 5000, [updateStep, proposeStep], { action: context });
    expect(two.send(by('dave'), 'action.update', { sessionId: 's1', actionId: 'koffie', status: 'loopt', did: 'Twee ochtenden' }, 'voortgang')).toBe('ok');
    expect(two.send(by('erin'), 'action.update', { sessionId: 's1', actionId: 'koffie', status: 'gelukt', learned: 'Vroeg uitnodigen' }, 'voortgang')).toBe('ok');
    expect(two.send(by('erin'), 'action.update', { sessionId: 's1', actionId: 'nope' }, 'voortgang')).toBe('not-found');
    expect(two.send(by('erin'), 'action.update', { sessionId: 's1', actionId: 'koffie' }, 'voortgang')).toBe('invalid');
    two.send(by('dave'), 'action.propose', { what: 'Nieuwe actie' }, 'acties');
    const all = openFirst(arenaActions([two.state, one.state] as SessionState[]));
    expect(all.map((a) => [a.action.what, a.status])).toEqual([
      ['Nieuwe actie', 'voorgesteld'],
      ['Koffie-ochtend', 'gelukt'],
    ]);
    expect(all[1]!.history.map((h) => [h.session.id, h.status, h.did ?? h.learned])).toEqual([
      ['s2', 'loopt', 'Twee ochtenden'],
      ['s2', 'gelukt', 'Vroeg uitnodigen'],
    ]);
    // A finished action is no longer carried.
    expect(actionContext(arenaOf([one.state, two.state])).actions.map((a) => a.what)).toEqual(['Nieuwe actie']);
  });

  it('leaves a hidden update out of the history', () => {
    const one = firstMeeting();
    const two = meeting('s2', 5000, [updateStep], { action: actionContext(arenaOf([one.state])) });
    two.send(by('dave'), 'action.update', { sessionId: 's1', actionId: 'koffie', did: 'Iets ongepasts' }, 'voortgang', 'u1');
    two.push(ACTION_EVENTS.updateHidden, { updateId: 'u1', hidden: true }, 'voortgang');
    expect(arenaActions([one.state, two.state])[0]!.history).toEqual([]);
  });

  it('takes the logbook’s approved updates into the history in the order they were written, the last status given winning', () => {
    const one = firstMeeting();
    const two = meeting('s2', 5000, [updateStep], { action: actionContext(arenaOf([one.state])) });
    expect(two.send(by('dave'), 'action.update', { sessionId: 's1', actionId: 'koffie', status: 'loopt', did: 'Twee ochtenden' }, 'voortgang')).toBe('ok');
    const update = (id: string, at: number, fields: Record<string, string>, text = 'Uit het logboek') => ({ id, kind: 'action', sessionId: 's1', itemId: 'koffie', fields, text, date: at, at });
    const logbook = [
      update('l1', 3000, {}, 'Eerste gesprek met het wijkteam'),
      update('l2', 9000, { status: 'bijgesteld', adjust: 'Ook op zaterdag' }),
      { ...update('l3', 9500, { status: 'gestopt' }), kind: 'smallwin' },
      { ...update('l4', 9600, { status: 'gestopt' }), itemId: 'onbekend' },
    ];
    const [koffie] = arenaActions([one.state, two.state], undefined, logbook);
    expect(koffie!.history.map((h) => [h.source ?? h.session.id, h.status, h.did ?? h.adjust])).toEqual([
      ['logboek', undefined, 'Eerste gesprek met het wijkteam'],
      ['s2', 'loopt', 'Twee ochtenden'],
      ['logboek', 'bijgesteld', 'Ook op zaterdag'],
    ]);
    expect(koffie!.status).toBe('bijgesteld');
    expect(koffie!.history[0]!.session).toEqual({ id: 'logboek', title: 'Logboek', date: 3000 });
    // A session carries it without saying where it came from: the context's schema has no `source`.
    const carried = actionContext({ ...arenaOf([one.state, two.state]), logbook }).actions[0]!;
    expect(carried.history.map((h) => [h.session.title, h.status])).toEqual([
      ['Logboek', undefined],
      [carried.history[1]!.session.title, 'loopt'],
      ['Logboek', 'bijgesteld'],
    ]);
    expect(carried.history.some((h) => 'source' in h)).toBe(false);
    // Offered to a small win with the same history, worded as the harvest words it, dated.
    const [offer] = actionArena.offers!({ ...arenaOf([one.state, two.state]), logbook });
    expect(offer).toMatchObject({ kind: 'action', sessionId: 's1', id: 'koffie', title: 'Koffie-ochtend' });
    expect(offer!.history.map((h) => [h.date, h.text])).toEqual([
      [one.state.createdAt, `Gekozen in ${one.state.title}`],
      [3000, 'Logboek: Deden: Eerste gesprek met het wijkteam'],
      [5000, `${two.state.title} — Loopt: Deden: Twee ochtenden`],
      [9000, 'Logboek — Bijgesteld: Passen aan: Ook op zaterdag'],
    ]);
    // A finished action is still offered.
    expect(actionArena.offers!({ ...arenaOf([one.state, two.state]), logbook: [...logbook, update('l5', 9900, { status: 'gelukt' })] })).toHaveLength(1);
  });

  it('offers its open actions to the logbook, with its own update fields and statuses, and refuses others', () => {
    const one = firstMeeting();
    expect(actionLogbook.subjects(arenaOf([one.state]))).toEqual([{ sessionId: 's1', itemId: 'koffie', title: 'Koffie-ochtend' }]);
    expect(actionLogbook.form('en').fields.map((f) => f.label)).toEqual(['What did we do?', 'What did we (and the target group) notice?', 'What did we learn?', 'What do we adjust?']);
    expect(actionLogbook.fields({ did: '  Gebeld ', noticed: '', status: 'loopt' })).toEqual({ did: 'Gebeld', status: 'loopt' });
    expect(actionLogbook.fields({ status: 'klaar' })).toBeUndefined();
    expect(actionLogbook.fields({ wie: 'x' })).toBeUndefined();
    expect(actionLogbook.fields({ did: 'x'.repeat(1001) })).toBeUndefined();
  });
});
