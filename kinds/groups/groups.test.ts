/**
 * Small groups with a reporter, through the real command pipeline with an in-memory
 * store: groups at random, by choice and mixed; numbers and places; the reporter, the
 * notes and the summary; what the screen and each phone hold (and that a view fed only
 * its deliveries holds its fresh projection); late arrivals, drops and leaves; the
 * harvest; and who met whom across an arena, by pseudonymous member id only.
 */
import { describe, expect, it } from 'vitest';
import type { Ack, Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, project } from '../../core/session.js';
import type { StepDef } from '../../core/state.js';
import { models } from '../registry.js';
import { earlierMeetings, meetingsContext } from '../meetings-arena.js';
import { pairKey, repeats } from '../meetings.js';
import { withMarkdown } from '../../test/helpers/harvest.js';
import { FAC, start } from '../../test/helpers/interview-session.js';
import { dataOf } from '../../test/helpers/step-data.js';
import { checkGroupsStep, groups } from './index.js';
import { activeMembers, currentGroups, type GroupsData, type GroupsStep } from './model.js';

const result = (ack: Ack | undefined) => (ack === undefined ? 'nothing' : ack.ok ? 'accepted' : ack.error);
const SCREEN: Viewer = { role: 'screen' };

const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Pak je telefoon.' },
  { id: 'vragen', kind: 'questions', title: 'Ontwerpvragen' },
  { id: 'groepjes', kind: 'groups', title: 'Vertalen naar eigen praktijk', places: ['tafel bij het raam', 'bij de koffie'] } satisfies GroupsStep,
  { id: 'kiezen', kind: 'groups', title: 'Uitwerken', by: 'choice', from: 'vragen', size: 3 } satisfies GroupsStep,
  { id: 'mengen', kind: 'groups', title: 'Netwerken', by: 'mix' } satisfies GroupsStep,
];

type Session = Awaited<ReturnType<typeof start>>;
const dataIn = (s: Session, stepId = 'groepjes') => dataOf<GroupsData>(s.runtime.state.stepStates[stepId]);
const groupOf = (data: GroupsData, id: string) => currentGroups(data).find((g) => g.members.some((m) => m.id === id && m.status === 'active'));
const ids = (data: GroupsData) => currentGroups(data).map((g) => activeMembers(g).map((m) => m.id!));

/** Every view fed only what was routed to it holds what a fresh projection gives it. */
function expectViewsWhole(s: Session, stepId = 'groepjes') {
  for (const view of s.views)
    expect(view.state.stepStates[stepId]!.data, `${view.viewer.role} ${view.viewer.participantId ?? ''}`).toEqual(
      project(s.runtime.state, view.viewer, models).stepStates[stepId]!.data,
    );
}

const fac = (s: Session, type: string, payload: unknown = {}, stepId = 'groepjes', id?: string) => s.fac(type, payload, stepId, id);
const as = (s: Session, who: string, type: string, payload: unknown, stepId = 'groepjes') => s.as(who, type, payload, stepId);

async function withPeople(count: number, stepId = 'groepjes') {
  const s = await start(STEPS);
  s.connect(SCREEN);
  s.connect(FAC);
  await s.goto(stepId);
  for (let i = 0; i < count; i++) await s.join(`p${i + 1}`);
  return s;
}

describe('groups: making them', () => {
  it('puts everybody present in numbered groups of the size, within one, with the script’s places', async () => {
    const s = await withPeople(10);
    expect(result(await fac(s, 'groups.form', {}, 'groepjes', 'form-1'))).toBe('accepted');
    const data = dataIn(s);
    expect(data.round).toBe(1);
    expect(currentGroups(data).map((g) => [g.n, g.place, activeMembers(g).length])).toEqual([
      [1, 'tafel bij het raam', 4],
      [2, 'bij de koffie', 3],
      [3, undefined, 3],
    ]);
    expect(ids(data).flat().sort()).toEqual(Array.from({ length: 10 }, (_, i) => `p${i + 1}`).sort());
    expectViewsWhole(s);
  });

  it('takes the size the console gives, and refuses when nobody is connected', async () => {
    const empty = await withPeople(0);
    expect(result(await fac(empty, 'groups.form', {}))).toBe('not-found');
    const s = await withPeople(6);
    expect(result(await fac(s, 'groups.form', { size: 9 }))).toBe('invalid');
    expect(result(await fac(s, 'groups.form', { size: 2 }))).toBe('accepted');
    expect(ids(dataIn(s)).map((g) => g.length)).toEqual([2, 2, 2]);
  });

  it('shows a phone its own group by pseudonym, and the screen groups without names', async () => {
    const s = await withPeople(5);
    await fac(s, 'groups.form', { size: 3 });
    const mine = groupOf(dataIn(s), 'p1')!;
    const phone = dataOf<GroupsData>(s.phones.get('p1')!.state.stepStates.groepjes);
    expect(phone.groups).toHaveLength(1);
    expect(phone.groups[0]!.members.map((m) => m.id).filter(Boolean)).toEqual(['p1']);
    expect(phone.groups[0]!.members.map((m) => m.pseudonym).sort()).toEqual(mine.members.map((m) => m.pseudonym).sort());
    const screen = dataOf<GroupsData>(s.views[0]!.state.stepStates.groepjes);
    expect(screen.groups).toHaveLength(2);
    expect(JSON.stringify(screen)).not.toMatch(/Deelnemer p|"p\d"/);
    expectViewsWhole(s);
  });

  it('mixes people by the organisation they give, ignoring case and spaces', async () => {
    const s = await withPeople(12, 'mengen');
    const orgs = ['Gemeente', 'school ', 'zorg', 'bewoners'];
    for (let i = 0; i < 12; i++) expect(result(await as(s, `p${i + 1}`, 'groups.describe', { tag: orgs[i % 4]! }, 'mengen'))).toBe('accepted');
    expect(result(await as(s, 'p1', 'groups.describe', { tag: 'x' }, 'groepjes'))).toBe('step-not-active');
    await fac(s, 'groups.form', {}, 'mengen');
    for (const group of ids(dataIn(s, 'mengen'))) expect(new Set(group.map((id) => orgs[(Number(id.slice(1)) - 1) % 4]!.trim().toLowerCase())).size).toBe(4);
    expectViewsWhole(s, 'mengen');
  });

  it('refuses an organisation where the step does not mix', async () => {
    const s = await withPeople(1);
    expect(result(await as(s, 'p1', 'groups.describe', { tag: 'gemeente' }))).toBe('invalid');
  });

  it('groups by choice: the facilitator offers items of the earlier step, each group works on one, who chose nothing fills up', async () => {
    const s = await start(STEPS);
    s.connect(SCREEN);
    await s.goto('vragen');
    for (const [id, text] of [['q-a', 'Hoe kunnen we buren betrekken?'], ['q-b', 'Hoe kunnen we de school meenemen?'], ['q-c', 'Hoe kunnen we kleiner beginnen?']])
      await s.runtime.handle({ id, type: 'questions.ask', stepId: 'vragen', payload: { text } }, FAC);
    await s.goto('kiezen');
    for (let i = 0; i < 7; i++) await s.join(`p${i + 1}`);
    expect(result(await as(s, 'p1', 'groups.choose', { itemId: 'q-a' }, 'kiezen'))).toBe('not-found');
    expect(result(await fac(s, 'groups.offer', { itemIds: ['q-a', 'nope'] }, 'kiezen'))).toBe('not-found');
    expect(result(await fac(s, 'groups.offer', { itemIds: ['q-a', 'q-b'] }, 'kiezen'))).toBe('accepted');
    expect(dataOf<GroupsData>(s.phones.get('p1')!.state.stepStates.kiezen).offered.map((i) => i.id)).toEqual(['q-a', 'q-b']);
    for (const id of ['p1', 'p2', 'p3']) await as(s, id, 'groups.choose', { itemId: 'q-a' }, 'kiezen');
    for (const id of ['p4', 'p5']) await as(s, id, 'groups.choose', { itemId: 'q-b' }, 'kiezen');
    expect(result(await as(s, 'p6', 'groups.choose', { itemId: 'q-c' }, 'kiezen'))).toBe('not-found');
    expect(dataOf<GroupsData>(s.phones.get('p1')!.state.stepStates.kiezen).choices).toEqual({ p1: 'q-a' });
    expect(result(await fac(s, 'groups.form', {}, 'kiezen'))).toBe('accepted');
    const made = currentGroups(dataIn(s, 'kiezen'));
    expect(made.map((g) => g.itemId)).toEqual(['q-a', 'q-b']);
    expect(activeMembers(made[0]!).map((m) => m.id)).toEqual(expect.arrayContaining(['p1', 'p2', 'p3']));
    expect(activeMembers(made[1]!).map((m) => m.id)).toEqual(expect.arrayContaining(['p4', 'p5']));
    // p6 and p7 chose nothing: the group of two has room for one, the other one joins the smallest.
    expect(made.flatMap((g) => activeMembers(g)).length).toBe(7);
    expectViewsWhole(s, 'kiezen');
  });

  it('checks the script: by choice needs an earlier step with items', () => {
    const steps = STEPS;
    expect(checkGroupsStep({ id: 'g', kind: 'groups', title: 'G', by: 'choice' }, steps)).toEqual([['/from', expect.stringContaining('needs "from"')]]);
    expect(checkGroupsStep({ id: 'g', kind: 'groups', title: 'G', from: 'vragen' }, steps)).toEqual([['/by', expect.any(String)]]);
    expect(checkGroupsStep({ id: 'kiezen', kind: 'groups', title: 'G', by: 'choice', from: 'welkom' }, steps)[0]![0]).toBe('/from');
    expect(checkGroupsStep(STEPS[3] as GroupsStep, steps)).toEqual([]);
  });
});

describe('groups: reporter, notes and summary', () => {
  it('lets a member take on reporting, the facilitator rotate it, and only the reporter summarise', async () => {
    const s = await withPeople(4);
    await fac(s, 'groups.form', {});
    const group = currentGroups(dataIn(s))[0]!;
    const [a, b] = group.members.map((m) => m.id!);
    expect(result(await as(s, a!, 'groups.summarise', { groupId: group.id, text: 'Wij vonden…' }))).toBe('forbidden');
    expect(result(await as(s, a!, 'groups.report', { groupId: group.id }))).toBe('accepted');
    expect(result(await as(s, a!, 'groups.report', { groupId: group.id }))).toBe('invalid');
    expect(result(await as(s, a!, 'groups.report', { groupId: 'r9-1' }))).toBe('forbidden');
    expect(result(await as(s, a!, 'groups.summarise', { groupId: group.id, text: ' Wij willen klein beginnen. ' }))).toBe('accepted');
    expect(result(await fac(s, 'groups.rotate'))).toBe('accepted');
    expect(currentGroups(dataIn(s))[0]!.members[currentGroups(dataIn(s))[0]!.reporter]!.id).toBe(b);
    expect(result(await as(s, a!, 'groups.summarise', { groupId: group.id, text: 'Nu niet meer' }))).toBe('forbidden');
    expect(dataIn(s).summaries).toMatchObject([{ groupId: group.id, text: 'Wij willen klein beginnen.' }]);
    expectViewsWhole(s);
  });

  it('keeps notes within the group, bounded per participant, and the summary off the screen until the reveal', async () => {
    const s = await withPeople(8);
    await fac(s, 'groups.form', {});
    const [one, two] = currentGroups(dataIn(s));
    const writer = one!.members[0]!.id!;
    const outsider = two!.members[0]!.id!;
    expect(result(await as(s, outsider, 'groups.note', { groupId: one!.id, text: 'Stiekem' }))).toBe('forbidden');
    expect(result(await as(s, writer, 'groups.note', { groupId: one!.id, text: ' \u0007 ' }))).toBe('invalid');
    for (let i = 0; i < 10; i++) expect(result(await as(s, writer, 'groups.note', { groupId: one!.id, text: `Punt ${i}` }))).toBe('accepted');
    expect(result(await as(s, writer, 'groups.note', { groupId: one!.id, text: 'Elf' }))).toBe('limit-reached');
    expect(dataOf<GroupsData>(s.phones.get(one!.members[1]!.id!)!.state.stepStates.groepjes).notes).toHaveLength(10);
    expect(dataOf<GroupsData>(s.phones.get(outsider)!.state.stepStates.groepjes).notes).toHaveLength(0);
    await as(s, writer, 'groups.report', { groupId: one!.id });
    await as(s, writer, 'groups.summarise', { groupId: one!.id, text: 'De kern: samen beginnen.' });
    const screen = () => dataOf<GroupsData>(s.views[0]!.state.stepStates.groepjes);
    expect(screen().summaries).toMatchObject([{ groupId: one!.id, text: '' }]);
    expect(screen().notes).toEqual([]);
    expectViewsWhole(s);
    await fac(s, 'step.reveal', { revealed: true });
    expect(screen().summaries).toMatchObject([{ groupId: one!.id, text: 'De kern: samen beginnen.' }]);
    await as(s, writer, 'groups.summarise', { groupId: one!.id, text: 'De kern: samen en klein beginnen.' });
    expect(screen().summaries).toMatchObject([{ text: 'De kern: samen en klein beginnen.' }]);
    expectViewsWhole(s);
  });

  it('gives a group a place from the console, and takes it away again', async () => {
    const s = await withPeople(3);
    await fac(s, 'groups.form', {});
    const id = currentGroups(dataIn(s))[0]!.id;
    expect(result(await fac(s, 'groups.place', { groupId: id, place: 'zaal 2' }))).toBe('accepted');
    expect(dataOf<GroupsData>(s.views[0]!.state.stepStates.groepjes).groups[0]!.place).toBe('zaal 2');
    expect(result(await fac(s, 'groups.place', { groupId: id, place: '' }))).toBe('accepted');
    expect(currentGroups(dataIn(s))[0]!.place).toBeUndefined();
    expect(result(await fac(s, 'groups.place', { groupId: 'r5-5', place: 'x' }))).toBe('not-found');
    expectViewsWhole(s);
  });
});

describe('groups: comings and goings', () => {
  it('puts a late arrival in the smallest group', async () => {
    const s = await withPeople(7);
    await fac(s, 'groups.form', {});
    expect(ids(dataIn(s)).map((g) => g.length)).toEqual([4, 3]);
    expect(result(await s.join('p8'))).toBe('accepted');
    expect(ids(dataIn(s)).map((g) => g.length)).toEqual([4, 4]);
    expect(groupOf(dataIn(s), 'p8')!.n).toBe(2);
    expect(dataOf<GroupsData>(s.phones.get('p8')!.state.stepStates.groepjes).groups).toHaveLength(1);
    expectViewsWhole(s);
  });

  it('marks a dropped member away during the grace, and a reporter who leaves leaves the group without one', async () => {
    const s = await withPeople(6);
    await fac(s, 'groups.form', { size: 3 });
    const group = currentGroups(dataIn(s))[0]!;
    const [a, b] = group.members.map((m) => m.id!);
    await as(s, a!, 'groups.report', { groupId: group.id });
    s.present.splice(s.present.indexOf(a!), 1);
    expect(result(await s.runtime.presenceChanged({ dropped: a! }))).toBe('accepted');
    const seen = dataOf<GroupsData>(s.phones.get(b!)!.state.stepStates.groepjes).groups[0]!;
    expect(seen.members.find((m) => m.away)).toMatchObject({ status: 'active', away: true });
    s.present.push(a!);
    expect(result(await s.runtime.presenceChanged({ back: a! }))).toBe('accepted');
    await s.leave(a!);
    const after = currentGroups(dataIn(s))[0]!;
    expect(after.reporter).toBe(-1);
    expect(after.members.find((m) => m.id === a)!.status).toBe('left');
    const phone = dataOf<GroupsData>(s.phones.get(b!)!.state.stepStates.groepjes).groups[0]!;
    expect(phone.members.find((m) => m.status === 'left')!.pseudonym).toBe(`Deelnemer ${a}`);
    expectViewsWhole(s);
  });

  it('moves someone left alone to the smallest other group and tells them, leaving the others as they were', async () => {
    const s = await withPeople(5);
    await fac(s, 'groups.form', { size: 2 });
    const [trio, pair] = currentGroups(dataIn(s));
    const [stays, goes] = activeMembers(pair!).map((m) => m.id!);
    const trioBefore = activeMembers(trio!).map((m) => m.id);
    await s.leave(goes!);
    const now = currentGroups(dataIn(s));
    expect(now[1]!.members.find((m) => m.id === stays)!.status).toBe('moved');
    expect(activeMembers(now[0]!).map((m) => m.id)).toEqual([...trioBefore, stays]);
    const phone = dataOf<GroupsData>(s.phones.get(stays!)!.state.stepStates.groepjes);
    expect(phone.groups.map((g) => [g.n, g.members.find((m) => m.id === stays)!.status])).toEqual([
      [1, 'active'],
      [2, 'moved'],
    ]);
    expectViewsWhole(s);
  });

  it('seats a late arrival, among the smallest groups, where they met nobody before', async () => {
    const s = await start(STEPS);
    await s.goto('groepjes');
    const member = (i: number) => `member${String(i).padStart(10, '0')}`;
    const arrive = async (i: number) => {
      const id = `p${i}`;
      await s.runtime.join({ id, sessionId: 's', tokenHash: id, pseudonym: `Deelnemer ${id}`, createdAt: i }, member(i));
      s.phones.set(id, s.connect({ role: 'participant', participantId: id }));
      s.present.push(id);
      return s.runtime.presenceChanged({ joined: id });
    };
    for (let i = 1; i <= 6; i++) await arrive(i);
    await fac(s, 'groups.form', { size: 3 });
    const [one, two] = currentGroups(dataIn(s));
    const metBefore = Number(one!.members[0]!.id!.slice(1));
    await s.runtime.record(() => ({ type: CORE_EVENTS.context, payload: { arenaContext: { groups: { met: [[member(metBefore), member(7)]] } } } }));
    expect(result(await arrive(7))).toBe('accepted');
    expect(groupOf(dataIn(s), 'p7')!.id).toBe(two!.id);
    expectViewsWhole(s);
  });

  it('does nothing before the first grouping', async () => {
    const s = await withPeople(2);
    expect(result(await s.join('p3'))).toBe('nothing');
  });
});

describe('groups: the harvest', () => {
  it('has each group with number, place, summary and notes, and never a name', async () => {
    const s = await withPeople(5);
    await fac(s, 'groups.form', { size: 3 });
    const [one] = currentGroups(dataIn(s));
    const who = one!.members[0]!.id!;
    await as(s, who, 'groups.note', { groupId: one!.id, text: 'Begin bij de buurt' });
    await as(s, who, 'groups.report', { groupId: one!.id });
    await as(s, who, 'groups.summarise', { groupId: one!.id, text: 'Samen klein beginnen' });
    const step = s.runtime.state.steps[2] as GroupsStep;
    const section = withMarkdown(groups.harvest(dataIn(s), step, s.runtime.state));
    expect(section.markdown).toContain('Groep 1 — tafel bij het raam');
    expect(section.markdown).toContain('Samen klein beginnen');
    expect(section.markdown).toContain('Begin bij de buurt');
    expect(section.markdown).toContain('Geen samenvatting');
    expect(JSON.stringify(section)).not.toMatch(/Deelnemer p|"p\d"/);
    expect(section.rows).toEqual([
      { group: 'Groep 1 — tafel bij het raam', cluster: 'Samenvatting', text: 'Samen klein beginnen' },
      expect.objectContaining({ group: 'Groep 1 — tafel bij het raam', cluster: 'Aantekening', text: 'Begin bij de buurt' }),
    ]);
    expect(groups.glance!(dataIn(s), step, s.runtime.state)).toHaveLength(1);
  });
});

describe('groups: who met whom across an arena', () => {
  it('does not seat people together again whom an earlier session grouped, by member id only, and keeps that off the phones and the screen', async () => {
    const members = Array.from({ length: 16 }, (_, i) => `member${String(i).padStart(10, '0')}`);
    async function session() {
      const s = await start(STEPS);
      s.connect(SCREEN);
      await s.goto('groepjes');
      return s;
    }
    async function joinAll(s: Session) {
      for (let i = 0; i < 16; i++) {
        const id = `p${i + 1}`;
        await s.runtime.join({ id, sessionId: 's', tokenHash: id, pseudonym: `Deelnemer ${id}`, createdAt: i }, members[i]);
        s.phones.set(id, s.connect({ role: 'participant', participantId: id }));
        s.present.push(id);
      }
    }
    const first = await session();
    await joinAll(first);
    await fac(first, 'groups.form', {}, 'groepjes', 'eerste');
    expect(first.runtime.state.participants.p1!.member).toBe(members[0]);
    const context = meetingsContext({ arena: { id: 'a', title: 'A' }, sessions: [first.runtime.state], metOn: (st) => st.createdAt });
    expect(context.met).toHaveLength(4);
    expect(context.met.flat().every((m) => members.includes(m))).toBe(true);

    const second = await session();
    await second.runtime.record(() => ({ type: CORE_EVENTS.context, payload: { arenaContext: { groups: context } } }));
    // Other participant ids, the same members: p1 here is the member p16 was.
    for (let i = 0; i < 16; i++) {
      const id = `p${i + 1}`;
      await second.runtime.join({ id, sessionId: 's', tokenHash: id, pseudonym: `Deelnemer ${id}`, createdAt: i }, members[15 - i]);
      second.present.push(id);
    }
    const met = earlierMeetings(second.runtime.state, 'groups');
    expect(met.size).toBe(4 * 6);
    expect(met.has(pairKey('p16', 'p15')) === dataIn(first).groups.some((g) => ['p1', 'p2'].every((id) => g.members.some((m) => m.id === id)))).toBe(true);
    await fac(second, 'groups.form', {}, 'groepjes', 'tweede');
    expect(repeats(ids(dataIn(second)), met)).toBe(0);
    for (const view of second.views) expect(view.state.arenaContext).toEqual({});
    expect(project(second.runtime.state, FAC, models).arenaContext).toEqual({ groups: context });
    expect(project(second.runtime.state, SCREEN, models).arenaContext).toEqual({});
  });
});
