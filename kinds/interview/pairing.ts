/**
 * Who talks with whom: the pairs of a new round, and the changes when someone
 * arrives or leaves during one. Pure and deterministic: the result goes into the
 * event, so every view replays the same pairs.
 *
 * The rules, so that everybody's voice counts and nobody waits longer than needed:
 * - A round pairs everybody present with the grouping engine the groups use too
 *   (kinds/meetings.ts): seeded by the command's id, the fewest partners met in
 *   earlier rounds (or, across an arena, earlier sessions). An odd count makes
 *   one trio; one person alone waits for the next to arrive.
 * - Someone arriving during a round is placed at once: back in their own pair of
 *   this round if it still talks, else with someone whose partner left, else as
 *   the third in a pair, else alone until the next one arrives.
 * - Someone whose connection drops stays in their pair, marked away, for the grace
 *   (server/realtime/presence.ts), so their partners read what is happening; back
 *   within it, nothing changed.
 * - Someone who leaves frees their partner: a partner left alone joins another
 *   person left alone, else becomes the third in a pair, else waits.
 * A trio takes turns: one asks, one tells, one listens; a newcomer listens first.
 */
import { formGroups, meetingsOf, setAway, type Seating } from '../meetings.js';
import { activeCount, nextActive, nextUntold, type InterviewData, type PairState } from './model.js';

/** A participant's pseudonym, or undefined for an id the session does not know. */
export type Names = (id: string) => string | undefined;

/** Who met whom in earlier rounds of this step, and (`earlier`) before it. */
function metBefore(data: InterviewData, earlier?: ReadonlySet<string>): Set<string> {
  return meetingsOf(
    data.pairs.map((pair) => pair.members.flatMap((m) => (m.id ? [m.id] : []))),
    new Set(earlier),
  );
}

/** Settles roles after members came or went: both roles held by active members, different ones. */
export function settle(pair: PairState): void {
  const active = pair.members.flatMap((m, i) => (m.status === 'active' ? [i] : []));
  if (active.length < 2) {
    pair.interviewer = pair.interviewee = -1;
    return;
  }
  const on = (i: number) => active.includes(i);
  if (!on(pair.interviewer)) pair.interviewer = on(pair.interviewee) ? nextActive(pair, pair.interviewee) : active[0]!;
  if (!on(pair.interviewee) || pair.interviewee === pair.interviewer) {
    // Whoever has not told yet goes first, as a swap would choose.
    const untold = nextUntold(pair, pair.interviewer);
    pair.interviewee = untold >= 0 ? untold : nextActive(pair, pair.interviewer);
  }
  if (!pair.told.includes(pair.interviewee)) pair.told.push(pair.interviewee);
}

function newPair(id: string, round: number, members: { id: string; pseudonym: string }[]): PairState {
  const pair: PairState = {
    id,
    round,
    members: members.map((m) => ({ id: m.id, pseudonym: m.pseudonym, status: 'active' })),
    interviewer: -1,
    interviewee: -1,
    told: [],
  };
  settle(pair);
  return pair;
}

/** The pairs of round `round`, from the participants present (in the order they connected). */
export function pairUp(data: InterviewData, present: readonly string[], names: Names, seed: string, round: number, earlier?: ReadonlySet<string>): PairState[] {
  const people = [...new Set(present)].filter((id) => names(id) !== undefined);
  const best = formGroups(people, 2, seed, { met: metBefore(data, earlier) });
  return best.map((group, i) => newPair(`r${round}-${i + 1}`, round, group.map((id) => ({ id, pseudonym: names(id)! }))));
}

/** The current round's pairs as a working copy; `changed()` gives what the event must carry. */
export class Regrouping implements Seating {
  private readonly pairs: PairState[];
  private readonly touched = new Set<string>();

  constructor(
    private readonly data: InterviewData,
    private readonly names: Names,
  ) {
    this.pairs = data.pairs
      .filter((p) => p.round === data.round)
      .map((p) => ({ ...p, members: p.members.map((m) => ({ ...m })), told: [...p.told] }));
  }

  changed(): PairState[] {
    return this.pairs.filter((p) => this.touched.has(p.id));
  }

  /** The pair this participant talks in now. */
  pairOf(id: string): PairState | undefined {
    return this.pairs.find((p) => p.members.some((m) => m.id === id && m.status === 'active'));
  }

  /** Active members of this round, in pair order. */
  active(): string[] {
    return this.pairs.flatMap((p) => p.members.filter((m) => m.status === 'active').map((m) => m.id!));
  }

  lonePairs(): PairState[] {
    return this.pairs.filter((p) => activeCount(p) === 1);
  }

  private touch(pair: PairState) {
    settle(pair);
    this.touched.add(pair.id);
  }

  private add(pair: PairState, id: string) {
    const entry = pair.members.find((m) => m.id === id);
    if (entry) {
      entry.status = 'active';
      delete entry.away;
    }
    else pair.members.push({ id, pseudonym: this.names(id)!, status: 'active' });
    this.touch(pair);
  }

  /** Another pair to go to: someone alone first, else a pair of two (the first, for a stable result). */
  private target(except?: PairState): PairState | undefined {
    const others = this.pairs.filter((p) => p !== except);
    return others.find((p) => activeCount(p) === 1) ?? others.find((p) => activeCount(p) === 2);
  }

  /** Someone arrives (or asks for a partner). Returns false when they already talk in a pair. */
  place(id: string): boolean {
    if (this.names(id) === undefined || this.pairOf(id)) return false;
    const own = this.pairs.find((p) => p.members.some((m) => m.id === id && m.status === 'left'));
    const to = own && activeCount(own) >= 1 && activeCount(own) <= 2 ? own : this.target();
    if (to) this.add(to, id);
    else {
      const pair = newPair(`r${this.data.round}-${this.pairs.length + 1}`, this.data.round, [{ id, pseudonym: this.names(id)! }]);
      this.pairs.push(pair);
      this.touched.add(pair.id);
    }
    return true;
  }

  /** Someone left the session. Returns false when they were not talking in a pair. */
  leave(id: string): boolean {
    const pair = this.pairOf(id);
    if (!pair) return false;
    const member = pair.members.find((m) => m.id === id)!;
    member.status = 'left';
    delete member.away;
    this.touch(pair);
    if (activeCount(pair) === 1) this.rehome(pair);
    return true;
  }

  /** Their phone's connection dropped: their partners see it during the grace, nothing moves yet. False when not talking in a pair. */
  drop(id: string): boolean {
    const pair = this.pairOf(id);
    if (!setAway(pair, id, true)) return false;
    this.touch(pair!);
    return true;
  }

  /** Connected again within the grace: back in the conversation as it was. */
  back(id: string): boolean {
    const pair = this.pairOf(id);
    if (!setAway(pair, id, false)) return false;
    this.touch(pair!);
    return true;
  }

  /** The one left alone in `pair` goes to someone else alone or becomes a third; else waits here. */
  rehome(pair: PairState): boolean {
    if (activeCount(pair) !== 1) return false;
    const lone = pair.members.find((m) => m.status === 'active')!;
    const to = this.target(pair);
    if (!to) return false;
    lone.status = 'moved';
    this.touch(pair);
    this.add(to, lone.id!);
    return true;
  }
}
