/**
 * Interviews when people come and go: a dropped connection during the grace, what the
 * partners' phones and the console hold then and afterwards, a pair that stopped keeping
 * its notes, and turns that stay right when a trio forms mid-round, also in a log
 * written before the turn order was named (interview.swapped version 1).
 */
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import { reduce } from '../../core/session.js';
import { models } from '../../kinds/registry.js';
import type { EventRecord } from '../../server/store/event-record.js';
import { toEvents } from '../../server/store/event-record.js';
import { eventVersions } from '../../server/store/event-versions.js';
import { start } from '../../test/helpers/interview-session.js';
import { INTERVIEW_EVENTS, type InterviewData, type Pair } from './model.js';
import { dataOf } from '../../test/helpers/step-data.js';

const result = (ack: Ack | undefined) => (ack === undefined ? 'nothing' : ack.ok ? 'accepted' : ack.error);
type Session = Awaited<ReturnType<typeof start>>;

const current = (data: InterviewData) => data.pairs.filter((p) => p.round === data.round);
const pairOf = (data: InterviewData, id: string) => current(data).find((p) => p.members.some((m) => m.id === id && m.status === 'active'));
const idAt = (pair: Pair, i: number) => pair.members[i]?.id;
const phoneData = (s: Session, id: string) => dataOf<InterviewData>(s.phones.get(id)!.state.stepStates.interview);

async function withPeople(ids: string[]) {
  const s = await start();
  await s.goto('interview');
  for (const id of ids) await s.join(id);
  expect(result(await s.fac('interview.pair', {}, 'interview', 'ronde-1'))).toBe('accepted');
  return s;
}

/** The connection drops: presence says so at once, and only after the grace that they left. */
function drop(s: Session, id: string) {
  s.present.splice(s.present.indexOf(id), 1);
  return s.runtime.presenceChanged({ dropped: id });
}

describe('interview: a connection that drops during a round', () => {
  it('marks the member away in their pair for the grace, and the partner’s phone and the console see it', async () => {
    const s = await withPeople(['p1', 'p2']);
    const [pair] = current(s.data());
    expect(result(await drop(s, 'p2'))).toBe('accepted');
    const now = pairOf(s.data(), 'p1')!;
    expect(now.id).toBe(pair!.id);
    expect(now.members.find((m) => m.id === 'p2')).toMatchObject({ status: 'active', away: true });
    // Roles stand during the grace: nothing moves until they are gone for good.
    expect([now.interviewer, now.interviewee]).toEqual([pair!.interviewer, pair!.interviewee]);
    const seen = phoneData(s, 'p1').pairs.find((p) => p.id === pair!.id)!;
    expect(seen.members.find((m) => m.pseudonym === 'Deelnemer p2')).toMatchObject({ away: true });
    expect(s.privateFacilitator.state.stepStates.interview!.data).toMatchObject({ pairs: [{ members: expect.arrayContaining([expect.objectContaining({ id: 'p2', away: true })]) }] });
    // A second drop of the same phone changes nothing more.
    expect(result(await drop(s, 'p2'))).toBe('nothing');
  });

  it('takes the mark away when the phone is back within the grace', async () => {
    const s = await withPeople(['p1', 'p2']);
    await drop(s, 'p2');
    s.present.push('p2');
    expect(result(await s.runtime.presenceChanged({ back: 'p2' }))).toBe('accepted');
    expect(pairOf(s.data(), 'p1')!.members.every((m) => m.status === 'active' && !m.away)).toBe(true);
    expect(result(await s.runtime.presenceChanged({ back: 'p2' }))).toBe('nothing');
  });

  it('after the grace, the partner moves on: their phone holds the pair they came from, with who left', async () => {
    const s = await withPeople(['p1', 'p2', 'p3', 'p4']);
    const [first] = current(s.data());
    const [leaver, partner] = [idAt(first!, 0)!, idAt(first!, 1)!];
    await drop(s, leaver);
    expect(result(await s.leave(leaver))).toBe('accepted');
    const old = s.data().pairs.find((p) => p.id === first!.id)!;
    expect(old.members.map((m) => [m.status, m.away])).toEqual([
      ['left', undefined],
      ['moved', undefined],
    ]);
    const mine = phoneData(s, partner).pairs;
    expect(mine.map((p) => p.id)).toEqual([first!.id, pairOf(s.data(), partner)!.id]);
    expect(mine[0]!.members.map((m) => m.status)).toEqual(['left', 'moved']);
    expect(mine[0]!.members[0]!.pseudonym).toBe(`Deelnemer ${leaver}`);
  });

  it('keeps a pair that stopped, with its notes, so the counts still add up', async () => {
    const s = await withPeople(['p1', 'p2', 'p3', 'p4']);
    const [first] = current(s.data());
    const asker = idAt(first!, first!.interviewer)!;
    await s.as(asker, 'interview.note', { pairId: first!.id, about: first!.interviewee, story: 'Samen de wijk rond', strengths: '', conditions: '' });
    await s.leave(idAt(first!, first!.interviewee)!);
    const data = s.data();
    const stopped = current(data).filter((p) => p.members.every((m) => m.status !== 'active'));
    expect(stopped.map((p) => p.id)).toEqual([first!.id]);
    // Every note belongs to a pair of the round the console lists: talking or stopped.
    expect(data.notes.every((n) => current(data).some((p) => p.id === n.pairId))).toBe(true);
    expect(data.notes).toHaveLength(1);
  });
});

describe('interview: turns when a trio forms mid-round', () => {
  /** Two talk and swap once; a third arrives and joins them; then the facilitator swaps again. */
  async function lateThird(s: Session) {
    const [pair] = current(s.data());
    const [first, second] = [idAt(pair!, pair!.interviewee)!, idAt(pair!, pair!.interviewer)!];
    expect(result(await s.fac('interview.swap'))).toBe('accepted');
    expect(idAt(pairOf(s.data(), 'p1')!, pairOf(s.data(), 'p1')!.interviewee)).toBe(second);
    expect(result(await s.join('p3'))).toBe('accepted');
    expect(result(await s.fac('interview.swap'))).toBe('accepted');
    return { first, second };
  }

  it('gives the newcomer the next turn, so nobody tells twice before everybody told once', async () => {
    const s = await withPeople(['p1', 'p2']);
    const { second } = await lateThird(s);
    const trio = pairOf(s.data(), 'p3')!;
    expect(idAt(trio, trio.interviewee)).toBe('p3');
    expect(idAt(trio, trio.interviewer)).toBe(second);
    expect(trio.told.map((i) => idAt(trio, i)).sort()).toEqual(['p1', 'p2', 'p3']);
    // And then round again.
    await s.fac('interview.swap');
    const after = pairOf(s.data(), 'p3')!;
    expect(idAt(after, after.interviewer)).toBe('p3');
  });

  it('writes the swap at version 2, and replays a version 1 log with the turns it had', async () => {
    const s = await withPeople(['p1', 'p2']);
    const { first, second } = await lateThird(s);
    expect(eventVersions.latest(INTERVIEW_EVENTS.swapped)).toBe(2);
    const log = await s.store.loadEvents('s');
    expect(log.filter((e) => e.type === INTERVIEW_EVENTS.swapped).map((e) => e.payload)).toEqual([
      { swaps: 1, turns: 'each-once' },
      { swaps: 2, turns: 'each-once' },
    ]);
    // The same log as an Oogst before version 2 wrote it: a swap was `{ swaps }` only.
    const records: EventRecord[] = log.map((e) => {
      const v1 = e.type === INTERVIEW_EVENTS.swapped;
      const { turns: _t, ...payload } = e.payload as { turns?: string };
      return {
        seq: e.seq,
        id: e.id,
        type: e.type,
        step_id: e.stepId ?? null,
        actor: JSON.stringify(e.actor),
        payload: JSON.stringify(v1 ? payload : e.payload),
        at: e.at,
        v: v1 ? 1 : eventVersions.latest(e.type),
      };
    });
    const lifted = toEvents(records, eventVersions);
    expect(lifted.filter((e) => e.type === INTERVIEW_EVENTS.swapped).map((e) => e.payload)).toEqual([
      { swaps: 1, turns: 'round' },
      { swaps: 2, turns: 'round' },
    ]);
    const old = dataOf<InterviewData>(reduce(lifted, 's', models).stepStates.interview);
    // Version 1's rule, as that session ran: the next one round, who had told already.
    const trio = old.pairs[0]!;
    expect(idAt(trio, trio.interviewee)).toBe(first);
    expect(idAt(trio, trio.interviewer)).toBe(second);
    expect({ ...old, pairs: [] }).toEqual({ ...s.data(), pairs: [] });
  });
});
