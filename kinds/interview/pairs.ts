/**
 * The pairs and notes of an interview step as data: who is active in a pair,
 * how roles turn, and how a pair or a note looks to someone inside or outside
 * it. The model applies, projects and redacts with these.
 */
import type { InterviewData, InterviewNote, Member, MemberStatus, Pair, Paired, PairState } from './model.js';

export const noteIdOf = (pairId: string, about: number) => `${pairId}-m${about}`;
type Membered = { members: readonly { status: MemberStatus }[] };
const isActive = (pair: Membered, i: number) => pair.members[i]?.status === 'active';
export const activeCount = (pair: Membered) => pair.members.filter((m) => m.status === 'active').length;

/** The first active member after `from`, going round; -1 when there is none but `from`. */
export function nextActive(pair: Membered, from: number): number {
  const n = pair.members.length;
  for (let step = 1; step <= n; step++) {
    const i = (((from + step) % n) + n) % n;
    if (i !== from && isActive(pair, i)) return i;
  }
  return -1;
}

/** The first active member after `from`, going round, who has not told in this pair yet; -1 when everybody active has. */
export function nextUntold(pair: Membered & { told: readonly number[] }, from: number): number {
  const n = pair.members.length;
  for (let step = 1; step < n; step++) {
    const i = (from + step) % n;
    if (isActive(pair, i) && !pair.told.includes(i)) return i;
  }
  return -1;
}

/**
 * Swap roles: who told now asks, and the next one tells. `each-once`: the next who has not told yet, so that
 * someone who joined mid-round gets their turn before anyone tells twice; `round` (logs from before it): the
 * next one round.
 */
export function rotate(pair: Pair, turns: 'round' | 'each-once'): void {
  if (activeCount(pair) < 2 || pair.interviewee < 0) return;
  pair.interviewer = pair.interviewee;
  const untold = turns === 'each-once' ? nextUntold(pair, pair.interviewer) : -1;
  pair.interviewee = untold >= 0 ? untold : nextActive(pair, pair.interviewer);
  if (!pair.told.includes(pair.interviewee)) pair.told.push(pair.interviewee);
}

/** Pair ids are `r<round>-<n>`, made in that order. */
export const madeAfter = (a: Pair, b: Pair) => a.round > b.round || (a.round === b.round && Number(a.id.split('-')[1]) > Number(b.id.split('-')[1]));

export const copyPair = (pair: Pair): Pair => ({ ...pair, members: pair.members.map((m) => ({ ...m })), told: [...pair.told] });

/** A pair as someone outside it may see it: who is in it stays unnamed. */
export const nameless = (pair: PairState): PairState => ({
  ...pair,
  members: pair.members.map(({ id: _i, pseudonym: _p, ...m }) => m),
  told: [...pair.told],
});

/** A pair as one of its members sees it: partners by pseudonym, only their own id. */
export const seenBy = (pair: PairState, me: string | undefined): PairState => ({
  ...pair,
  members: pair.members.map(({ id, ...m }) => (id === me ? { id, ...m } : { ...m })),
  told: [...pair.told],
});

export const hasMember = (pair: PairState, id: string | undefined) => id !== undefined && pair.members.some((m) => m.id === id);

/** Whether a member may read a note of their pair: they were in it when it was begun (a new note: all of them). */
export const mayRead = (member: Pick<Member, 'since'>, note: Pick<InterviewNote, 'seq'> | undefined) => !note || member.since <= note.seq!;

/** Members who may read a note: those in its pair since it was begun (a new note: all of them). */
export function readers(data: InterviewData, noteId: string, pairId: string | undefined): string[] {
  const pair = data.pairs.find((p) => p.id === pairId);
  const note = data.notes.find((n) => n.id === noteId);
  if (!pair) return [];
  return pair.members.filter((m) => m.id && mayRead(m, note)).map((m) => m.id!);
}

/** The note with only the text of its shared fields (what the wall may show). */
export function sharedOnly(note: InterviewNote): InterviewNote {
  const { story: _s, strengths: _t, conditions: _c, ...rest } = note;
  const out: InterviewNote = { ...rest, shared: [...note.shared], ...(note.filled ? { filled: [...note.filled] } : {}) };
  for (const f of note.shared) if (note[f] !== undefined) out[f] = note[f];
  return out;
}

export const bySharedSeq = (a: InterviewNote, b: InterviewNote) => (a.sharedSeq ?? 0) - (b.sharedSeq ?? 0);

/** Redacting a pairing for each phone would scan every pair per phone; index the payload once. */
const pairsByMember = new WeakMap<object, Map<string, PairState[]>>();
export function pairsOf(payload: Paired, me: string): PairState[] {
  let index = pairsByMember.get(payload);
  if (!index) {
    index = new Map();
    for (const pair of payload.pairs)
      for (const m of pair.members) if (m.id) index.set(m.id, [...(index.get(m.id) ?? []), pair]);
    pairsByMember.set(payload, index);
  }
  return index.get(me) ?? [];
}
