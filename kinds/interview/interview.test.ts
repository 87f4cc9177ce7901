/**
 * Waarderende interviews: pairing (1, 2, 3 and 7 people, late joins, leaves mid-interview),
 * role swaps, notes private to the pair until the one interviewed shares them, refused
 * commands and the harvest (the delivery property for random sessions is in
 * test/simulation/interview-delivery.test.ts). Commands go through the real command
 * pipeline with an in-memory store.
 */
import { withMarkdown } from '../../test/helpers/harvest.js';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import { project } from '../../core/session.js';
import { interview } from './index.js';
import { interviewModel, INTERVIEW_EVENTS, noteIdOf, type InterviewData, type Pair } from './model.js';
import { models } from '../../kinds/registry.js';
import { FAC, start, STEPS } from '../../test/helpers/interview-session.js';
import { dataOf } from '../../test/helpers/step-data.js';

const result = (ack: Ack | undefined) => (ack === undefined ? 'nothing' : ack.ok ? 'accepted' : ack.error);

type Session = Awaited<ReturnType<typeof start>>;

const active = (pair: Pair) => pair.members.filter((m) => m.status === 'active').map((m) => m.id);
const current = (data: InterviewData) => data.pairs.filter((p) => p.round === data.round);
const pairOf = (data: InterviewData, id: string) => current(data).find((p) => p.members.some((m) => m.id === id && m.status === 'active'));
const roleOf = (pair: Pair, id: string) => {
  const i = pair.members.findIndex((m) => m.id === id);
  return i === pair.interviewer ? 'asks' : i === pair.interviewee ? 'tells' : 'listens';
};

async function withPeople(count: number, pairNow = true, pairId = 'ronde-1') {
  const s = await start();
  await s.goto('interview');
  for (let i = 0; i < count; i++) await s.join(`p${i + 1}`);
  if (pairNow) expect(result(await s.fac('interview.pair', {}, 'interview', pairId))).toBe('accepted');
  return s;
}

/** Writes notes as the interviewer of `pair` about the one telling now. */
async function note(s: Session, pair: Pair, texts: Partial<Record<'story' | 'strengths' | 'conditions', string>>) {
  const by = pair.members[pair.interviewer]!.id!;
  return s.as(by, 'interview.note', { pairId: pair.id, about: pair.interviewee, story: '', strengths: '', conditions: '', ...texts });
}

describe('interview: pairing the people present', () => {
  it('leaves one person alone, waiting for a partner', async () => {
    const s = await withPeople(1);
    const pairs = current(s.data());
    expect(pairs).toHaveLength(1);
    expect(active(pairs[0]!)).toEqual(['p1']);
    expect([pairs[0]!.interviewer, pairs[0]!.interviewee]).toEqual([-1, -1]);
  });

  it('pairs two people, one asking and one telling', async () => {
    const s = await withPeople(2);
    const [pair] = current(s.data());
    expect(active(pair!).sort()).toEqual(['p1', 'p2']);
    expect([pair!.interviewer, pair!.interviewee]).toEqual([0, 1]);
    expect(pair!.members.map((m) => m.pseudonym).sort()).toEqual(['Deelnemer p1', 'Deelnemer p2']);
  });

  it('makes a trio of three: one asks, one tells, one listens', async () => {
    const s = await withPeople(3);
    const [trio] = current(s.data());
    expect(current(s.data())).toHaveLength(1);
    expect(active(trio!).sort()).toEqual(['p1', 'p2', 'p3']);
    expect(['p1', 'p2', 'p3'].map((id) => roleOf(trio!, id)).sort()).toEqual(['asks', 'listens', 'tells']);
  });

  it('makes two pairs and one trio of seven, everybody exactly once', async () => {
    const s = await withPeople(7);
    const pairs = current(s.data());
    expect(pairs.map((p) => active(p).length).sort()).toEqual([2, 2, 3]);
    expect(pairs.flatMap(active).sort()).toEqual(['p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
    expect(new Set(pairs.map((p) => p.id)).size).toBe(3);
  });

  it('shuffles by the command id: the same id gives the same pairs, and partners are not simply neighbours', async () => {
    const a = await withPeople(8, true, 'same-id');
    const b = await withPeople(8, true, 'same-id');
    const groups = (s: Session) => current(s.data()).map((p) => active(p).join('+'));
    expect(groups(a)).toEqual(groups(b));
    const neighbours = (s: Session) => groups(s).join(' ') === 'p1+p2 p3+p4 p5+p6 p7+p8';
    const seeds = await Promise.all(['x1', 'x2', 'x3'].map((id) => withPeople(8, true, id)));
    expect(seeds.every(neighbours)).toBe(false);
  });

  it('gives new partners in the next round where it can', async () => {
    const s = await withPeople(4);
    const first = new Set(current(s.data()).map((p) => active(p).sort().join('+')));
    expect(result(await s.fac('interview.pair', {}, 'interview', 'ronde-2'))).toBe('accepted');
    expect(s.data().round).toBe(2);
    expect(current(s.data()).some((p) => first.has(active(p).sort().join('+')))).toBe(false);
  });

  it('refuses a round with nobody connected', async () => {
    const s = await start();
    expect(result(await s.fac('interview.pair'))).toBe('not-found');
  });
});

describe('interview: arriving and leaving during a round', () => {
  it('gives a late joiner the person who was alone, else makes a trio', async () => {
    const s = await withPeople(1);
    expect(result(await s.join('p2'))).toBe('accepted');
    expect(active(pairOf(s.data(), 'p2')!).sort()).toEqual(['p1', 'p2']);
    expect(roleOf(pairOf(s.data(), 'p2')!, 'p1')).toBe('asks');
    expect(result(await s.join('p3'))).toBe('accepted');
    const trio = pairOf(s.data(), 'p3')!;
    expect(active(trio).sort()).toEqual(['p1', 'p2', 'p3']);
    // The newcomer listens first; the pair's conversation goes on as it was.
    expect(roleOf(trio, 'p3')).toBe('listens');
    expect(roleOf(trio, 'p1')).toBe('asks');
    // Everybody in trios: the next one waits alone, and the one after that joins them.
    await s.join('p4');
    expect(active(pairOf(s.data(), 'p4')!)).toEqual(['p4']);
    await s.join('p5');
    expect(active(pairOf(s.data(), 'p5')!).sort()).toEqual(['p4', 'p5']);
  });

  it('does nothing on arrival before the first round', async () => {
    const s = await start();
    await s.goto('interview');
    expect(result(await s.join('p1'))).toBe('nothing');
    expect(s.data().pairs).toEqual([]);
  });

  it('frees the partner of someone who leaves mid-interview: they join another pair as third', async () => {
    const s = await withPeople(4);
    const [one, two] = current(s.data());
    const leaver = one!.members[0]!.id!;
    const partner = one!.members[1]!.id!;
    await note(s, one!, { story: 'Het buurtteam kwam binnen een dag' });
    expect(result(await s.leave(leaver))).toBe('accepted');
    const now = pairOf(s.data(), partner)!;
    expect(now.id).toBe(two!.id);
    expect(active(now)).toHaveLength(3);
    expect(roleOf(now, partner)).toBe('listens');
    const old = s.data().pairs.find((p) => p.id === one!.id)!;
    expect(old.members.map((m) => m.status)).toEqual(['left', 'moved']);
    // The partner keeps the notes of the interview they were in.
    expect((dataOf<InterviewData>(s.phones.get(partner)!.state.stepStates.interview)).notes.map((n) => n.story)).toEqual(['Het buurtteam kwam binnen een dag']);
  });

  it('pairs two people left alone with each other', async () => {
    const s = await withPeople(5);
    const pair = current(s.data()).find((p) => active(p).length === 2)!;
    const trio = current(s.data()).find((p) => active(p).length === 3)!;
    // Nobody else is alone and the only other group is a trio: the partner waits alone.
    await s.leave(pair.members[0]!.id!);
    const waiting = pair.members[1]!.id!;
    expect(active(pairOf(s.data(), waiting)!)).toEqual([waiting]);
    // Two of the trio leave; the last one is alone too, and goes to the one waiting.
    await s.leave(trio.members[0]!.id!);
    await s.leave(trio.members[1]!.id!);
    const last = trio.members[2]!.id!;
    const together = pairOf(s.data(), last)!;
    expect(together.id).toBe(pair.id);
    expect(active(together)).toEqual([waiting, last]);
    expect(roleOf(together, waiting)).toBe('asks');
    expect(roleOf(together, last)).toBe('tells');
  });

  it('shows a pair of one when the partner leaves and nobody is free, and reunites them on return', async () => {
    const s = await withPeople(2);
    const [pair] = current(s.data());
    const [a, b] = [pair!.members[0]!.id!, pair!.members[1]!.id!];
    await s.leave(b);
    const alone = pairOf(s.data(), a)!;
    expect(active(alone)).toEqual([a]);
    expect([alone.interviewer, alone.interviewee]).toEqual([-1, -1]);
    const phone = dataOf<InterviewData>(s.phones.get(a)!.state.stepStates.interview);
    expect(phone.pairs[0]!.members.map((m) => [m.pseudonym, m.status])).toEqual([
      [`Deelnemer ${a}`, 'active'],
      [`Deelnemer ${b}`, 'left'],
    ]);
    await s.join(b);
    expect(pairOf(s.data(), b)!.id).toBe(pair!.id);
    expect(active(pairOf(s.data(), b)!)).toEqual([a, b]);
  });

  it('keeps a trio talking as a pair when one of three leaves, with both roles held', async () => {
    const s = await withPeople(3);
    const [trio] = current(s.data());
    const asker = trio!.members[trio!.interviewer]!.id!;
    await s.leave(asker);
    const pair = pairOf(s.data(), trio!.members.find((m) => m.id !== asker)!.id!)!;
    expect(active(pair)).toHaveLength(2);
    expect(pair.interviewer).toBeGreaterThanOrEqual(0);
    expect(pair.interviewee).toBeGreaterThanOrEqual(0);
    expect(pair.interviewer).not.toBe(pair.interviewee);
  });

  it('lets the facilitator bring the round up to date with who is here, and a phone ask for a partner', async () => {
    const s = await withPeople(2);
    // Connected but not placed (e.g. reconnecting when the pairs were made): no presence change reaches the kind.
    await s.runtime.join({ id: 'laat', sessionId: 's', tokenHash: 'laat', pseudonym: 'Late Lijster', createdAt: 99 });
    s.present.push('laat');
    expect(result(await s.fac('interview.regroup'))).toBe('accepted');
    expect(active(pairOf(s.data(), 'laat')!)).toHaveLength(3);
    expect(result(await s.fac('interview.regroup'))).toBe('invalid');
    await s.runtime.join({ id: 'nog', sessionId: 's', tokenHash: 'nog', pseudonym: 'Nog Een', createdAt: 100 });
    s.present.push('nog');
    expect(result(await s.as('nog', 'interview.join', {}))).toBe('accepted');
    expect(active(pairOf(s.data(), 'nog')!)).toEqual(['nog']);
    expect(result(await s.as('nog', 'interview.join', {}))).toBe('invalid');
  });
});

describe('interview: swapping roles', () => {
  it('swaps in a pair, and rotates through a trio so everybody tells once', async () => {
    const s = await withPeople(5);
    const pair = current(s.data()).find((p) => active(p).length === 2)!;
    const trio = current(s.data()).find((p) => active(p).length === 3)!;
    const [asks, tells] = [pair.members[pair.interviewer]!.id!, pair.members[pair.interviewee]!.id!];
    const tellers = [trio.members[trio.interviewee]!.id];
    for (let i = 0; i < 2; i++) {
      expect(result(await s.fac('interview.swap'))).toBe('accepted');
      const t = s.data().pairs.find((p) => p.id === trio.id)!;
      tellers.push(t.members[t.interviewee]!.id);
    }
    expect(new Set(tellers).size).toBe(3);
    expect(s.data().swaps).toBe(2);
    const p = s.data().pairs.find((x) => x.id === pair.id)!;
    expect([p.members[p.interviewer]!.id, p.members[p.interviewee]!.id]).toEqual([asks, tells]);
    // Phones follow: the one who told first now asks (after one swap) and the screen counts swaps.
    expect(result(await s.fac('interview.swap'))).toBe('accepted');
    const phonePair = (dataOf<InterviewData>(s.phones.get(tells)!.state.stepStates.interview)).pairs[0]!;
    expect(phonePair.members[phonePair.interviewer]!.id).toBe(tells);
  });

  it('refuses a swap before the first round, and swaps nothing for someone alone', async () => {
    const s = await start();
    expect(result(await s.fac('interview.swap'))).toBe('not-found');
    const one = await withPeople(1);
    expect(result(await one.fac('interview.swap'))).toBe('accepted');
    expect(current(one.data())[0]!.interviewer).toBe(-1);
  });
});

describe('interview: notes are private to the pair until shared', () => {
  async function interviewed() {
    const s = await withPeople(4);
    const screen = s.connect({ role: 'screen' });
    const facilitator = s.connect(FAC);
    const [mine, other] = current(s.data()) as [Pair, Pair];
    const writer = mine.members[mine.interviewer]!.id!;
    const teller = mine.members[mine.interviewee]!.id!;
    const outsider = other.members[0]!.id!;
    expect(result(await note(s, mine, { story: 'Mevrouw Jansen belde zelf de wijkverpleging', strengths: 'Doorzetten', conditions: 'Korte lijnen' }))).toBe('accepted');
    const held = (id: string) => JSON.stringify(s.phones.get(id)!.state);
    return { s, screen, facilitator, mine, writer, teller, outsider, held, noteId: noteIdOf(mine.id, mine.interviewee) };
  }

  it('shows unshared notes to both of the pair and to nobody else', async () => {
    const { s, screen, writer, teller, outsider, held } = await interviewed();
    expect(held(writer)).toContain('Mevrouw Jansen');
    expect(held(teller)).toContain('Mevrouw Jansen');
    expect(held(outsider)).not.toContain('Mevrouw Jansen');
    expect(JSON.stringify(screen.state)).not.toContain('Mevrouw Jansen');
    expect(JSON.stringify(project(s.runtime.state, { role: 'screen' }, models))).not.toContain('Korte lijnen');
    const late = s.connect({ role: 'screen' });
    expect((dataOf<InterviewData>(late.state.stepStates.interview)).notes).toEqual([]);
    // Partners are named by pseudonym only: no participant id of anyone else reaches a phone, none reaches the screen.
    expect(held(teller)).not.toContain(`"${writer}"`);
    expect(held(teller)).toContain(`Deelnemer ${writer}`);
    expect(JSON.stringify(screen.state)).not.toMatch(/"p\d"|Deelnemer/);
  });

  it('keeps unshared text out of the facilitator projection: counts, not words', async () => {
    const { s } = await interviewed();
    const forFacilitator = interviewModel.project(s.data(), FAC, { step: STEPS[1]!, revealed: false });
    expect(JSON.stringify(forFacilitator)).not.toContain('Mevrouw Jansen');
    expect(forFacilitator.notes).toEqual([expect.objectContaining({ filled: ['story', 'strengths', 'conditions'], shared: [] })]);
    const event = { id: 'e', seq: 99, type: INTERVIEW_EVENTS.noted, stepId: 'interview', actor: { role: 'participant' as const, id: 'p1' }, payload: { pairId: 'r1-1', about: 1, story: 'geheim' }, at: 0 };
    expect(JSON.stringify(interviewModel.redact!(event, FAC, { step: STEPS[1]!, revealed: false }))).not.toContain('geheim');
  });

  it('puts shared fields on the screen live, without names, and takes them off when sharing stops', async () => {
    const { s, screen, facilitator, writer, teller, outsider, held, noteId } = await interviewed();
    expect(result(await s.as(teller, 'interview.share', { noteId, fields: ['strengths', 'conditions'] }))).toBe('accepted');
    const wall = () => (dataOf<InterviewData>(screen.state.stepStates.interview)).notes;
    expect(wall()).toEqual([{ id: noteId, shared: ['strengths', 'conditions'], sharedSeq: expect.any(Number), strengths: 'Doorzetten', conditions: 'Korte lijnen' }]);
    expect(JSON.stringify(screen.state)).not.toContain('Mevrouw Jansen');
    expect(held(outsider)).not.toContain('Doorzetten');
    expect(held(writer)).toContain('"shared":["strengths","conditions"]');
    // Shared notes are locked; the one interviewed can stop sharing, after which they can be changed again.
    const mine = s.data().pairs.find((p) => p.members.some((m) => m.id === teller))!;
    expect(result(await note(s, mine, { story: 'anders' }))).toBe('forbidden');
    expect(result(await s.as(teller, 'interview.share', { noteId, fields: [] }))).toBe('accepted');
    expect(wall()).toEqual([]);
    expect(result(await note(s, mine, { story: 'Mevrouw Jansen', strengths: 'Lef' }))).toBe('accepted');
    expect(result(await s.as(teller, 'interview.share', { noteId, fields: ['strengths'] }))).toBe('accepted');
    expect(wall().map((n) => n.strengths)).toEqual(['Lef']);
    for (const v of [screen, facilitator]) {
      const { seq: _a, ...held } = v.state;
      const { seq: _b, ...fresh } = project(s.runtime.state, v.viewer, models);
      expect(held).toEqual(fresh);
    }
  });
});

describe('interview: refused commands change nothing', () => {
  it('refuses notes by outsiders, about oneself, and shares by anyone but the one interviewed', async () => {
    const s = await withPeople(4);
    const [mine, other] = current(s.data()) as [Pair, Pair];
    const writer = mine.members[mine.interviewer]!.id!;
    const teller = mine.members[mine.interviewee]!.id!;
    const outsider = other.members[0]!.id!;
    const fields = { story: 'Verhaal', strengths: '', conditions: '' };
    const before = s.runtime.state.seq;
    expect(result(await s.as(outsider, 'interview.note', { pairId: mine.id, about: mine.interviewee, ...fields }))).toBe('forbidden');
    expect(result(await s.as(teller, 'interview.note', { pairId: mine.id, about: mine.interviewee, ...fields }))).toBe('forbidden');
    expect(result(await s.as(writer, 'interview.note', { pairId: mine.id, about: mine.interviewer, ...fields }))).toBe('forbidden');
    expect(result(await s.as(writer, 'interview.note', { pairId: 'r9-9', about: 1, ...fields }))).toBe('not-found');
    expect(result(await s.as(writer, 'interview.note', { pairId: mine.id, about: mine.interviewee, story: ' \n ', strengths: '', conditions: '' }))).toBe('invalid');
    expect(result(await s.as(writer, 'interview.note', { pairId: mine.id, about: mine.interviewee, ...fields, story: 'x'.repeat(1001) }))).toBe('too-large');
    expect(result(await s.as(writer, 'interview.note', { pairId: mine.id, about: mine.interviewee, story: 'hoi' }))).toBe('invalid');
    expect(result(await s.as(writer, 'interview.note', { pairId: mine.id, about: mine.interviewee, ...fields, author: 'x' }))).toBe('invalid');
    expect(result(await s.fac('interview.note', { pairId: mine.id, about: mine.interviewee, ...fields }))).toBe('forbidden');
    expect(result(await s.as(writer, 'interview.pair', {}))).toBe('forbidden');
    expect(result(await s.as(writer, 'interview.swap', {}))).toBe('forbidden');
    expect(s.runtime.state.seq).toBe(before);

    expect(result(await s.as(writer, 'interview.note', { pairId: mine.id, about: mine.interviewee, ...fields, story: 'x'.repeat(1000) }))).toBe('accepted');
    const noteId = noteIdOf(mine.id, mine.interviewee);
    const after = s.runtime.state.seq;
    expect(result(await s.as(writer, 'interview.share', { noteId, fields: ['story'] }))).toBe('forbidden');
    expect(result(await s.as(outsider, 'interview.share', { noteId, fields: ['story'] }))).toBe('forbidden');
    expect(result(await s.fac('interview.share', { noteId, fields: ['story'] }))).toBe('forbidden');
    expect(result(await s.as(teller, 'interview.share', { noteId, fields: ['strengths'] }))).toBe('invalid');
    expect(result(await s.as(teller, 'interview.share', { noteId, fields: ['feelings'] }))).toBe('invalid');
    expect(result(await s.as(teller, 'interview.share', { noteId: 'nope', fields: ['story'] }))).toBe('not-found');
    expect(s.runtime.state.seq).toBe(after);
    // A participant acts on the step the room is on only.
    await s.goto('tweede');
    expect(result(await s.as(teller, 'interview.share', { noteId, fields: ['story'] }))).toBe('step-not-active');
  });

  it('keeps notes begun before a third joined away from that third', async () => {
    const s = await withPeople(2);
    const [pair] = current(s.data());
    expect(result(await note(s, pair!, { story: 'Voor de derde kwam' }))).toBe('accepted');
    await s.join('p3');
    const third = dataOf<InterviewData>(s.phones.get('p3')!.state.stepStates.interview);
    expect(third.pairs).toHaveLength(1);
    expect(third.notes).toEqual([]);
    expect(result(await s.as('p3', 'interview.note', { pairId: pair!.id, about: pair!.interviewee, story: 'erbij', strengths: '', conditions: '' }))).toBe('forbidden');
  });
});

describe('interview: harvest', () => {
  it('holds only shared fields, each story whole, with nobody named, and counts rounds and pairs', async () => {
    const s = await withPeople(3);
    const [trio] = current(s.data());
    const teller = trio!.members[trio!.interviewee]!.id!;
    await note(s, trio!, { story: 'De buurvrouw kookte mee', strengths: 'Zorgzaamheid', conditions: 'Tijd' });
    await s.as(teller, 'interview.share', { noteId: noteIdOf(trio!.id, trio!.interviewee), fields: ['strengths'] });
    await s.fac('interview.swap');
    const swapped = s.data().pairs[0]!;
    await note(s, swapped, { story: 'Niet gedeeld verhaal', strengths: 'Geheim talent' });
    const { data, markdown } = withMarkdown(interview.harvest(s.data(), STEPS[1]!, s.runtime.state));
    expect(markdown).toContain('1. **Krachten en talenten:** Zorgzaamheid');
    expect(markdown).toContain('**Gedeeld:** 1 van 2 interviews');
    expect(markdown).toContain('(waarvan 1 met drie)');
    for (const hidden of ['De buurvrouw', 'Tijd', 'Geheim talent', 'Niet gedeeld', 'Deelnemer', 'p1', 'p2', 'p3']) expect(markdown).not.toContain(hidden);
    expect(JSON.stringify(data)).not.toMatch(/Deelnemer|"p\d"|Geheim|buurvrouw/);
    expect(data).toMatchObject({ rounds: 1, pairs: 1, trios: 1, interviews: 2, shared: 1 });
  });

  it('keeps a story together with its strengths and what made it possible, lines as typed', async () => {
    const s = await withPeople(2);
    const [pair] = current(s.data());
    const teller = pair!.members[pair!.interviewee]!.id!;
    await note(s, pair!, { story: 'De buurvrouw kookte mee\nelke dinsdag', strengths: 'Zorgzaamheid', conditions: 'Tijd' });
    await s.as(teller, 'interview.share', { noteId: noteIdOf(pair!.id, pair!.interviewee), fields: ['story', 'strengths', 'conditions'] });
    const { markdown, rows } = withMarkdown(interview.harvest(s.data(), STEPS[1]!, s.runtime.state));
    expect(markdown).toContain(
      '1. De buurvrouw kookte mee  \n   elke dinsdag\n   - **Krachten en talenten:** Zorgzaamheid\n   - **Wat het mogelijk maakte:** Tijd',
    );
    expect(rows.map((r) => [r.group, r.cluster])).toEqual([
      ['Het verhaal', 'Verhaal 1'],
      ['Krachten en talenten', 'Verhaal 1'],
      ['Wat het mogelijk maakte', 'Verhaal 1'],
    ]);
    expect(interview.glance!(s.data(), STEPS[1]!, s.runtime.state)).toEqual([{ type: 'paragraph', text: ['1 interview in 1 gesprek; 1 verhaal gedeeld.'] }]);
  });
});
