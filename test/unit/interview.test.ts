/**
 * Waarderende interviews: pairing (1, 2, 3 and 7 people, late joins, leaves mid-interview),
 * role swaps, notes private to the pair until the one interviewed shares them, refused
 * commands, the harvest, and the delivery property for interview steps: views that got a
 * snapshot and then the events routed to them equal a fresh projection, and never hold
 * another pair's notes. Commands go through the real command pipeline with an in-memory store.
 */
import { withMarkdown } from '../helpers/harvest.js';
import { seeded } from '../helpers/random.js';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { deliverToViews } from '../helpers/simulated-views.js';
import type { Ack, Viewer } from '../../core/protocol.js';
import { exportedEvents } from '../../core/exported.js';
import { applyEvent, CORE_EVENTS, project, reduce } from '../../core/session.js';
import type { SessionState, StepDef } from '../../core/state.js';
import { interview } from '../../kinds/interview/index.js';
import { FIELDS, interviewModel, INTERVIEW_EVENTS, noteIdOf, type InterviewData, type InterviewStep, type Pair } from '../../kinds/interview/model.js';
import { models } from '../../kinds/registry.js';
import { buildSession } from '../../server/harvest/document.js';
import { SessionRuntime } from '../../server/sessions/session-runtime.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const STEPS: StepDef[] = [
  { id: 'welkom', kind: 'slide', title: 'Welkom', body: 'Pak je telefoon.' },
  { id: 'interview', kind: 'interview', title: 'Waarderende interviews' } satisfies InterviewStep,
  { id: 'tweede', kind: 'interview', title: 'Tweede ronde', guide: ['Wat ging er goed?'], wallTitle: 'Krachten' } satisfies InterviewStep,
];

interface View {
  viewer: Viewer;
  state: SessionState;
}

const FAC: Viewer = { role: 'facilitator' };
const result = (ack: Ack | undefined) => (ack === undefined ? 'nothing' : ack.ok ? 'accepted' : ack.error);

/** One session with the real runtime; views are kept as the browser keeps them. */
async function start(steps: StepDef[] = STEPS) {
  const store = new SqliteStore(':memory:');
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: 'interviews', createdAt: 0 };
  const created = {
    id: 'c',
    seq: 1,
    type: CORE_EVENTS.created,
    actor: { role: 'facilitator' as const },
    payload: { title: 'T', arena: { id: 'a', title: 'Arena' }, script: { id: 'interviews', title: 'Interviews' }, steps },
    at: 0,
  };
  await store.createSession(row, created);
  const present: string[] = [];
  const views: View[] = [];
  /**
   * The facilitator as a core that asks kinds about the facilitator too would keep it: the
   * interview's events redacted by the kind for the facilitator (today the core sends them as stored).
   */
  const privateFacilitator: View = { viewer: FAC, state: reduce([created], 's', models) };
  const runtime: SessionRuntime = new SessionRuntime(
    row,
    reduce([created], 's', models),
    store,
    (rt, event, audience) => {
      const step = rt.state.steps.find((st) => st.id === event.stepId);
      const ctx = { step: step!, revealed: false };
      applyEvent(privateFacilitator.state, step?.kind === 'interview' ? interviewModel.redact!(event, FAC, ctx) : event, models);
      afterDelivery(privateFacilitator);
      deliverToViews(views, rt.state, event, audience, (v) => afterDelivery(v));
    },
    () => present,
  );
  let afterDelivery = (_v: View) => {};
  const connect = (viewer: Viewer): View => {
    const view = { viewer, state: project(runtime.state, viewer, models) };
    views.push(view);
    return view;
  };
  const phones = new Map<string, View>();
  let n = 0;
  const s = {
    runtime,
    store,
    present,
    views,
    privateFacilitator,
    phones,
    connect,
    onDelivery(check: (v: View) => void) {
      afterDelivery = check;
    },
    data: (stepId = 'interview') => runtime.state.stepStates[stepId]!.data as InterviewData,
    viewer: (id: string): Viewer => ({ role: 'participant', participantId: id, pseudonym: `Deelnemer ${id}` }),
    async join(id: string, pseudonym = `Deelnemer ${id}`) {
      if (!runtime.state.participants[id]) await runtime.join({ id, sessionId: 's', tokenHash: id, pseudonym, createdAt: n++ });
      phones.set(id, connect({ role: 'participant', participantId: id, pseudonym }));
      present.push(id);
      return runtime.presenceChanged({ joined: id });
    },
    /** Gone for longer than the grace period: the phone's view goes away, then the runtime hears of it. */
    async leave(id: string) {
      present.splice(present.indexOf(id), 1);
      for (let i = views.length - 1; i >= 0; i--) if (views[i]!.viewer.participantId === id) views.splice(i, 1);
      phones.delete(id);
      return runtime.presenceChanged({ left: id });
    },
    fac: (type: string, payload: unknown = {}, stepId = 'interview', id?: string) =>
      runtime.handle({ id: id ?? `f${n++}`, type, stepId, payload }, FAC),
    as: (who: string, type: string, payload: unknown, stepId = 'interview') =>
      runtime.handle({ id: `p${n++}`, type, stepId, payload }, { role: 'participant', participantId: who }),
    goto: (stepId: string) => runtime.handle({ id: `g${n++}`, type: 'session.goto', payload: { stepId } }, FAC),
  };
  return s;
}

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
    expect((s.phones.get(partner)!.state.stepStates.interview!.data as InterviewData).notes.map((n) => n.story)).toEqual(['Het buurtteam kwam binnen een dag']);
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
    const phone = s.phones.get(a)!.state.stepStates.interview!.data as InterviewData;
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
    const phonePair = (s.phones.get(tells)!.state.stepStates.interview!.data as InterviewData).pairs[0]!;
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
    expect((late.state.stepStates.interview!.data as InterviewData).notes).toEqual([]);
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
    const wall = () => (screen.state.stepStates.interview!.data as InterviewData).notes;
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
    const third = s.phones.get('p3')!.state.stepStates.interview!.data as InterviewData;
    expect(third.pairs).toHaveLength(1);
    expect(third.notes).toEqual([]);
    expect(result(await s.as('p3', 'interview.note', { pairId: pair!.id, about: pair!.interviewee, story: 'erbij', strengths: '', conditions: '' }))).toBe('forbidden');
  });
});

describe('interview: harvest', () => {
  it('holds only shared fields, grouped per field, with nobody named, and counts rounds and pairs', async () => {
    const s = await withPeople(3);
    const [trio] = current(s.data());
    const teller = trio!.members[trio!.interviewee]!.id!;
    await note(s, trio!, { story: 'De buurvrouw kookte mee', strengths: 'Zorgzaamheid', conditions: 'Tijd' });
    await s.as(teller, 'interview.share', { noteId: noteIdOf(trio!.id, trio!.interviewee), fields: ['strengths'] });
    await s.fac('interview.swap');
    const swapped = s.data().pairs[0]!;
    await note(s, swapped, { story: 'Niet gedeeld verhaal', strengths: 'Geheim talent' });
    const { data, markdown } = withMarkdown(interview.harvest(s.data(), STEPS[1]!, s.runtime.state));
    expect(markdown).toContain('#### Krachten en talenten (1)\n\n- Zorgzaamheid');
    expect(markdown).toContain('#### Het verhaal (0)');
    expect(markdown).toContain('**Gedeeld:** 1 van 2 interviews');
    expect(markdown).toContain('(waarvan 1 met drie)');
    for (const hidden of ['De buurvrouw', 'Tijd', 'Geheim talent', 'Niet gedeeld', 'Deelnemer', 'p1', 'p2', 'p3']) expect(markdown).not.toContain(hidden);
    expect(JSON.stringify(data)).not.toMatch(/Deelnemer|"p\d"|Geheim|buurvrouw/);
    expect(data).toMatchObject({ rounds: 1, pairs: 1, trios: 1, interviews: 2, shared: 1 });
  });
});

describe('interview: delivery property for random sessions', () => {
  const WORDS = ['Samen zorgen', 'Lef', 'Korte lijnen', 'Tijd', 'Vertrouwen', 'De huisarts belde terug'];

  async function simulate(seed: number, rounds: number) {
    const { next: random, pick } = seeded(seed);
    const s = await start();
    const violations: string[] = [];
    const check = (v: View) => {
      if (v === s.privateFacilitator) {
        for (const step of v.state.steps.filter((st) => st.kind === 'interview'))
          for (const n of (v.state.stepStates[step.id]!.data as InterviewData).notes) {
            const real = s.data(step.id).notes.find((r) => r.id === n.id)!;
            for (const f of FIELDS) if (n[f] !== undefined && !real.shared.includes(f)) violations.push(`facilitator holds unshared ${f} of ${n.id}`);
          }
        return;
      }
      if (v.viewer.role === 'facilitator') return;
      for (const step of v.state.steps) {
        if (step.kind !== 'interview') continue;
        const held = v.state.stepStates[step.id]!.data as InterviewData;
        const server = s.data(step.id);
        for (const n of held.notes) {
          const real = server.notes.find((r) => r.id === n.id);
          if (!real) {
            violations.push(`${v.viewer.role} holds a note the server does not have`);
            continue;
          }
          if (v.viewer.role === 'screen') {
            for (const f of FIELDS) if (n[f] !== undefined && (!real.shared.includes(f) || n[f] !== real[f])) violations.push(`screen holds unshared ${f} of ${n.id}`);
            if (n.pairId !== undefined || n.about !== undefined) violations.push('screen knows whose note it is');
          } else {
            const pair = server.pairs.find((p) => p.id === real.pairId)!;
            const me = pair.members.find((m) => m.id === v.viewer.participantId);
            if (!me || me.since > real.seq!) violations.push(`${v.viewer.participantId} holds a note of another pair`);
          }
        }
        for (const pair of held.pairs)
          for (const m of pair.members) {
            if (v.viewer.role === 'screen' && (m.id !== undefined || m.pseudonym !== undefined)) violations.push('screen holds a name');
            if (v.viewer.role === 'participant' && m.id !== undefined && m.id !== v.viewer.participantId) violations.push('phone holds another id');
          }
      }
    };
    s.onDelivery(check);
    s.connect(FAC);
    s.connect({ role: 'screen' });
    let people = 0;
    for (let i = 0; i < rounds; i++) {
      const state = s.runtime.state;
      const step = state.steps[state.current]!;
      const data = step.kind === 'interview' ? s.data(step.id) : undefined;
      const roll = random();
      if (roll < 0.1 || s.present.length < 2) await s.join(`p${people++}`);
      else if (roll < 0.15) {
        // Somebody gone for good, or somebody back after a while.
        const gone = Object.keys(state.participants).filter((id) => !s.present.includes(id));
        if (random() < 0.6 || !gone.length) await s.leave(pick(s.present));
        else await s.join(pick(gone));
      } else if (roll < 0.19) await s.goto(pick(state.steps).id);
      else if (roll < 0.24) s.connect(random() < 0.5 ? { role: 'screen' } : s.viewer(pick(s.present)));
      else if (!data) await s.goto(pick(['interview', 'tweede']));
      else if (roll < 0.3 || !data.round) await s.fac('interview.pair', {}, step.id);
      else if (roll < 0.36) await s.fac('interview.swap', {}, step.id);
      else if (roll < 0.39) await s.fac('interview.regroup', {}, step.id);
      else if (roll < 0.41) await s.as(pick(s.present), 'interview.join', {}, step.id);
      else if (roll < 0.75) {
        // Mostly the one asking writes about the one telling; sometimes anyone tries anything.
        const pair = pick(data.pairs);
        const by = random() < 0.8 && pair.interviewer >= 0 ? pair.members[pair.interviewer]!.id! : pick(s.present);
        const about = random() < 0.85 && pair.interviewee >= 0 ? pair.interviewee : Math.floor(random() * 3);
        await s.as(by, 'interview.note', { pairId: pair.id, about, story: random() < 0.7 ? `${pick(WORDS)} ${i}` : '', strengths: pick(WORDS), conditions: random() < 0.5 ? pick(WORDS) : '' }, step.id);
      } else if (data.notes.length) {
        const target = pick(data.notes);
        const pair = data.pairs.find((p) => p.id === target.pairId)!;
        const by = random() < 0.85 ? pair.members[target.about!]!.id! : pick(s.present);
        const fields = FIELDS.filter((f) => target[f] && random() < 0.6);
        if (s.present.includes(by)) await s.as(by, 'interview.share', { noteId: target.id, fields }, step.id);
      }
    }
    const log = await s.store.loadEvents('s', 0);
    await s.store.close();
    return { s, violations, log };
  }

  for (const seed of [7, 11, 2024, 31337]) {
    it(`holds for random session ${seed}: no view holds another pair's unshared notes, each equals a fresh projection`, async () => {
      const { s, violations, log } = await simulate(seed, 500);
      expect(violations).toEqual([]);
      const data = s.data();
      expect(data.round).toBeGreaterThan(1);
      expect(data.notes.length).toBeGreaterThan(3);
      expect(data.notes.some((n) => n.shared.length)).toBe(true);
      expect(data.pairs.some((p) => p.members.some((m) => m.status === 'left'))).toBe(true);
      for (const v of s.views) {
        const { seq: _a, ...held } = v.state;
        const { seq: _b, ...fresh } = project(s.runtime.state, v.viewer, models);
        expect(held, `${v.viewer.role} ${v.viewer.participantId ?? ''}`).toEqual(fresh);
        expect(isDeepStrictEqual(held, fresh), `${v.viewer.role} ${v.viewer.participantId ?? ''} strictly`).toBe(true);
      }
      // The kind's facilitator projection and redaction agree: ready for a core that applies them.
      for (const step of s.runtime.state.steps.filter((st) => st.kind === 'interview')) {
        const held = s.privateFacilitator.state.stepStates[step.id]!.data;
        expect(held).toEqual(interviewModel.project(s.data(step.id), FAC, { step, revealed: false }));
      }
      // The arena export's log holds no unshared text, and replays to the same harvest.
      const exported = exportedEvents(log, 's', models);
      const notes = s.runtime.state.steps.filter((st) => st.kind === 'interview').flatMap((st) => s.data(st.id).notes);
      const texts = (shared: boolean) => notes.flatMap((n) => FIELDS.filter((f) => n[f] && n.shared.includes(f) === shared).map((f) => n[f]!));
      // The words repeat between notes: a text on the wall in one note may stand unshared in another.
      const unshared = texts(false).filter((t) => !texts(true).includes(t));
      expect(unshared.length).toBeGreaterThan(0);
      const file = JSON.stringify(exported);
      for (const text of unshared) expect(file).not.toContain(JSON.stringify(text));
      const { json, part, rows } = buildSession(reduce(exported, 's', models));
      expect({ json, part, rows }).toEqual(buildSession(s.runtime.state));
    });
  }
});
