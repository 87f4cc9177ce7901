/** The recap: each kind's part of where the arena stands, composed in order, bounded, shown part by part, and in the harvest. */
import { describe, expect, it } from 'vitest';
import { CORE_EVENTS, project } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { by, facilitator, meeting, meetingAfter } from '../../test/helpers/arena-meeting.js';
import { withMarkdown } from '../../test/helpers/harvest.js';
import { arenaOf } from '../../test/helpers/smallwin-session.js';
import { dataOf } from '../../test/helpers/step-data.js';
import { models } from '../registry.js';
import { check } from '../../server/validation.js';
import { composeRecap, lastMeeting } from '../../server/sessions/recap-parts.js';
import { recap, recapContext } from './index.js';
import { recapOf, type RecapData } from './model.js';

const DAY = 86_400_000;
const recapStep: StepDef = { id: 'waar', kind: 'recap', title: 'Waar staan we?' };
const actions: StepDef = { id: 'acties', kind: 'action', title: 'Acties' };
const kiesActies: StepDef = { id: 'kies-acties', kind: 'vote', title: 'Kies', from: 'acties', choose: 2, dots: 2 };
const vragen: StepDef = { id: 'vragen', kind: 'questions', title: 'Ontwerpvragen' };
const kiesVragen: StepDef = { id: 'kies-vragen', kind: 'vote', title: 'Kies vragen', from: 'vragen', choose: 1, dots: 1 };
const wins: StepDef = { id: 'wins', kind: 'smallwin', title: 'Small wins' };
const progress: StepDef = { id: 'voortgang', kind: 'action', title: 'Voortgang', mode: 'update' };
const terugblik: StepDef = {
  id: 'terugblik',
  kind: 'open',
  title: 'Terugblik',
  questions: [
    { id: 'waarde', text: 'Wat was voor jou van waarde vandaag?' },
    { id: 'morgen', text: 'Wat ga je morgen anders doen?' },
  ],
};
const win = (title: string, extra: object = {}) => ({ title, result: `${title}: het draait`, candidate: false, ...extra });

/** Meeting 1: three actions proposed, two chosen; two ontwerpvragen, one chosen; a small win; answers to "morgen anders". */
function first() {
  const m = meeting('s1', 10 * DAY, [actions, kiesActies, vragen, kiesVragen, wins, terugblik]);
  m.push(CORE_EVENTS.joined, { participantId: 'alice', pseudonym: 'Vrolijke Vos' });
  m.send(by('alice'), 'action.propose', { what: 'Koffie-ochtend voor mantelzorgers', target: 'Ze komen eerder' }, 'acties', 'koffie');
  m.send(by('bob'), 'action.propose', { what: 'Spreekuur in de bibliotheek' }, 'acties', 'spreekuur');
  m.send(by('carol'), 'action.propose', { what: 'Nog een folder' }, 'acties', 'folder');
  m.push(CORE_EVENTS.revealed, { revealed: true }, 'acties');
  for (const p of ['alice', 'bob']) for (const item of ['koffie', 'spreekuur']) m.send(by(p), 'vote.place', { itemId: item, dots: 1 }, 'kies-acties');
  m.send(by('alice'), 'questions.ask', { text: 'Hoe kunnen we mantelzorgers eerder bereiken?' }, 'vragen', 'v1');
  m.send(by('bob'), 'questions.ask', { text: 'Hoe kunnen we de wijk betrekken?' }, 'vragen', 'v2');
  m.push(CORE_EVENTS.revealed, { revealed: true }, 'vragen');
  m.send(by('alice'), 'vote.place', { itemId: 'v1', dots: 1 }, 'kies-vragen');
  m.send(by('alice'), 'smallwin.register', win('Buurtkamer open'), 'wins', 'buurtkamer');
  m.send(by('alice'), 'open.answer', { questionId: 'morgen', text: 'Ik bel mijn buurvrouw' }, 'terugblik');
  m.send(by('bob'), 'open.answer', { questionId: 'morgen', text: 'Eerder vragen wat iemand nodig heeft' }, 'terugblik');
  m.send(by('bob'), 'open.answer', { questionId: 'waarde', text: 'De gesprekken' }, 'terugblik');
  return m;
}

describe('recap: the parts', () => {
  it('at a first meeting has no "since" and no parts, and the harvest leaves the step out', () => {
    const m = meetingAfter('s1', 10 * DAY, [recapStep], []);
    expect(m.state.arenaContext.recap).toEqual({ parts: [] });
    expect(recapOf(m.state.arenaContext)).toEqual({ parts: [] });
    expect(recap.harvest(dataOf<RecapData>(m.state.stepStates.waar), recapStep, m.state).blocks).toEqual([]);
    expect(m.send(facilitator, 'recap.show', { partId: 'action' }, 'waar')).toBe('not-found');
  });

  it('shows the chosen actions with their status, the chosen ontwerpvragen, the new small win and the answers to "morgen anders", in that order', () => {
    const one = first();
    const two = meetingAfter('s2', 20 * DAY, [recapStep], [one.state]);
    const context = recapOf(two.state.arenaContext);
    expect(context.since).toEqual({ id: 's1', title: 'Bijeenkomst s1', date: 10 * DAY });
    expect(context.parts.map((p) => p.id)).toEqual(['action', 'vote', 'smallwin', 'open']);
    const [acts, questions, smallwins, tomorrow] = context.parts;
    expect(acts!.items.map((i) => [i.text, i.badge, i.tone])).toEqual([
      ['Koffie-ochtend voor mantelzorgers', 'Voorgesteld', 'open'],
      ['Spreekuur in de bibliotheek', 'Voorgesteld', 'open'],
    ]);
    expect(questions!.items.map((i) => i.text)).toEqual(['Hoe kunnen we mantelzorgers eerder bereiken?']);
    expect(questions!.items[0]!.note).toMatch(/^Bijeenkomst s1, /);
    expect(smallwins!.items.map((i) => [i.text, i.tone])).toEqual([['Buurtkamer open', 'new']]);
    expect(smallwins!.items[0]!.badge).toMatch(/^Nieuw/);
    expect(tomorrow!.title).toBe('Wat ga je morgen anders doen? (vorige keer)');
    expect(tomorrow!.items.map((i) => i.text)).toEqual(['Ik bel mijn buurvrouw', 'Eerder vragen wat iemand nodig heeft']);
    expect(check(recap.contextSchema!, context).ok).toBe(true);
  });

  it('a meeting later shows the status the actions got, the win that moved on, and only the last meeting’s answers', () => {
    const one = first();
    const two = meetingAfter('s2', 20 * DAY, [progress, { ...wins, id: 'wins2' }, terugblik], [one.state]);
    two.push(CORE_EVENTS.joined, { participantId: 'dave', pseudonym: 'Stille Uil' });
    expect(two.send(by('dave'), 'action.update', { sessionId: 's1', actionId: 'koffie', status: 'gelukt', did: 'Drie ochtenden' }, 'voortgang')).toBe('ok');
    expect(two.send(by('dave'), 'action.update', { sessionId: 's1', actionId: 'spreekuur', status: 'loopt', noticed: 'Weinig bezoek' }, 'voortgang')).toBe('ok');
    expect(two.send(by('dave'), 'smallwin.progress', { sessionId: 's1', winId: 'buurtkamer', phase: 'actiefase', note: 'Nu twee dagen open' }, 'wins2')).toBe('ok');
    two.send(by('dave'), 'open.answer', { questionId: 'morgen', text: 'Het spreekuur aankondigen' }, 'terugblik');
    const three = meetingAfter('s3', 30 * DAY, [recapStep], [one.state, two.state]);
    const context = recapOf(three.state.arenaContext);
    expect(context.since?.id).toBe('s2');
    const part = (id: string) => context.parts.find((p) => p.id === id)!;
    expect(part('action').items.map((i) => [i.text, i.badge, i.tone, i.note])).toEqual([
      ['Spreekuur in de bibliotheek', 'Loopt', 'open', 'Merkten: Weinig bezoek'],
      ['Koffie-ochtend voor mantelzorgers', 'Gelukt', 'done', 'Deden: Drie ochtenden'],
    ]);
    expect(part('smallwin').items.map((i) => [i.text, i.tone, i.note])).toEqual([['Buurtkamer open', 'open', 'Nieuwe fase: Actiefase · Nu twee dagen open']]);
    expect(part('open').items.map((i) => i.text)).toEqual(['Het spreekuur aankondigen']);
    // The ontwerpvragen chosen at any earlier meeting stay in view.
    expect(part('vote').items.map((i) => i.text)).toEqual(['Hoe kunnen we mantelzorgers eerder bereiken?']);
  });

  it('takes the last meeting that met: not one only planned, nor one after now', () => {
    const one = first();
    const planned = meeting('s2', 40 * DAY, [terugblik]);
    const arena = arenaOf([one.state, planned.state]);
    expect(lastMeeting(arena, 50 * DAY)?.id).toBe('s1');
    expect(lastMeeting(arenaOf([one.state]), 5 * DAY)).toBeUndefined();
    // Without a last meeting there is nothing "since": no new wins, no answers.
    expect(composeRecap(arenaOf([one.state]), 5 * DAY).parts.map((p) => p.id)).toEqual(['action', 'vote']);
  });

  it('puts the logbook’s highlights between the small wins and the answers', () => {
    const two = meetingAfter('s2', 20 * DAY, [recapStep], [first().state], { title: 'Uit het logboek', items: [{ text: 'Weerstand bij de balie', badge: 'reflecteren' }] });
    expect(recapOf(two.state.arenaContext).parts.map((p) => p.id)).toEqual(['action', 'vote', 'smallwin', 'logbook', 'open']);
  });

  it('keeps what reaches every phone small: at most 20 lines a part, texts shortened, the rest counted', () => {
    const long = 'Een heel lang verhaal '.repeat(30);
    const bounded = recapContext({ parts: [{ id: 'action', title: 'Acties', items: Array.from({ length: 25 }, (_, i) => ({ text: `${i} ${long}`, note: long, badge: long })) }] });
    const [part] = bounded.parts;
    expect(part!.items).toHaveLength(20);
    expect(part!.more).toBe(5);
    expect(Math.max(...part!.items.map((i) => i.text.length))).toBeLessThanOrEqual(200);
    expect(part!.items[0]!.text.endsWith('…')).toBe(true);
    expect(check(recap.contextSchema!, bounded).ok).toBe(true);
  });
});

describe('recap: in the room', () => {
  it('lets only the facilitator put a part on the screen, one after the other, and every view follows', () => {
    const two = meetingAfter('s2', 20 * DAY, [recapStep], [first().state]);
    expect(recap.commands['recap.show']!.roles).toEqual(['facilitator']);
    expect(two.send(facilitator, 'recap.show', { partId: 'nope' }, 'waar')).toBe('not-found');
    expect(two.send(facilitator, 'recap.show', { partId: 'vote' }, 'waar')).toBe('ok');
    expect(two.send(facilitator, 'recap.show', { partId: 'action' }, 'waar')).toBe('ok');
    expect(two.send(facilitator, 'recap.show', { partId: 'vote' }, 'waar')).toBe('ok');
    const data = dataOf<RecapData>(two.state.stepStates.waar);
    expect(data).toEqual({ shown: ['vote', 'action'], current: 'vote' });
    expect(dataOf<RecapData>(project(two.state, { role: 'participant', participantId: 'x' }, models).stepStates.waar)).toEqual(data);
    expect(recap.audience({ type: 'recap.shown', payload: { partId: 'vote' } } as never, data, { step: recapStep, revealed: false })).toEqual({ screen: true, participants: 'all' });
  });

  it('writes into the harvest what the room was shown, in the order shown, and where it started from', () => {
    const two = meetingAfter('s2', 20 * DAY, [recapStep], [first().state]);
    two.send(facilitator, 'recap.show', { partId: 'smallwin' }, 'waar');
    two.send(facilitator, 'recap.show', { partId: 'action' }, 'waar');
    const section = recap.harvest(dataOf<RecapData>(two.state.stepStates.waar), recapStep, two.state);
    const { markdown } = withMarkdown(section);
    expect(markdown).toMatch(/Sinds de vorige bijeenkomst: Bijeenkomst s1/);
    expect(markdown.indexOf('Buurtkamer open')).toBeLessThan(markdown.indexOf('Koffie-ochtend'));
    expect(markdown).not.toMatch(/Ik bel mijn buurvrouw/);
    expect(section.rows.map((r) => [r.group, r.outcome])).toContainEqual(['Onze acties en experimenten', 'Voorgesteld']);
  });
});
