/**
 * Who meets whom: the one grouping engine of the kinds that put people together
 * (the interview's pairs, the groups' small groups). Pure and deterministic: the
 * result goes into an event, so every view replays the same groups.
 *
 * The rules, so that everybody's voice counts and people meet someone new:
 * - Everybody is placed, once, in groups of at most `size` whose sizes differ by at
 *   most one; nobody is alone while two could talk (5 people in pairs: a pair and a trio).
 * - People who met before (`met`: pair keys, from earlier rounds or the arena's earlier
 *   sessions) are not put together again while others are available, and people who
 *   share a tag (an organisation or role, for `by: mix`) are spread over the groups:
 *   each such pair costs (`MET_COST`, `TAG_COST`) and the cheapest of a few seeded
 *   tries is kept, after swapping people between groups while that lowers the cost.
 * - A seed (the command's id) shuffles the order, so groups are not simply the ones
 *   who connected one after the other; the same seed gives the same groups.
 * - A late arrival joins the smallest group, among those the one where they know fewest.
 */
import type { PresenceChange } from './definition.js';

/** Meeting again weighs more than sharing an organisation: new contacts first, then variety. */
export const MET_COST = 2;
export const TAG_COST = 1;
/** Seeded tries for one grouping: enough to avoid most repeats, cheap for a hall. */
const ATTEMPTS = 8;
/** Above this many people the swapping pass (quadratic) is left out; the tries still avoid repeats. */
const SWAP_LIMIT = 240;
const SWAP_PASSES = 4;

/** The key of two people who met, the same whichever comes first. */
export const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/** Adds the pairs of every group to `into`: everybody in a group met everybody else in it. */
export function meetingsOf(groups: Iterable<readonly string[]>, into = new Set<string>()): Set<string> {
  for (const group of groups) for (const a of group) for (const b of group) if (a < b) into.add(pairKey(a, b));
  return into;
}

/** FNV-1a of the seed, then mulberry32: a small, well-spread generator. */
export function random(seed: string): () => number {
  let h = 2166136261;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function shuffled<T>(list: readonly T[], next: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** How many groups `people` make at `size`: none larger than `size`, unless that would leave someone alone. */
export function groupCount(people: number, size: number): number {
  if (people <= 0) return 0;
  let count = Math.ceil(people / Math.max(1, size));
  while (count > 1 && Math.floor(people / count) < 2) count--;
  return count;
}

/** The sizes of the groups, largest first, differing by at most one. */
export function sizesOf(people: number, size: number): number[] {
  const count = groupCount(people, size);
  return Array.from({ length: count }, (_, i) => Math.floor(people / count) + (i < people % count ? 1 : 0));
}

/** What makes two people a poor match: having met before, sharing a tag. */
export interface Mixing {
  met?: ReadonlySet<string>;
  tag?: (id: string) => string | undefined;
}

export function cost(a: string, b: string, mixing: Mixing): number {
  let c = mixing.met?.has(pairKey(a, b)) ? MET_COST : 0;
  const tag = mixing.tag?.(a);
  if (tag !== undefined && tag === mixing.tag?.(b)) c += TAG_COST;
  return c;
}

const costWith = (id: string, group: readonly string[], mixing: Mixing, except?: string) =>
  group.reduce((sum, other) => (other === id || other === except ? sum : sum + cost(id, other, mixing)), 0);

/** The cost of a grouping: every pair that met before or shares a tag, weighed. */
export function totalCost(groups: readonly (readonly string[])[], mixing: Mixing): number {
  let sum = 0;
  for (const group of groups) for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) sum += cost(group[i]!, group[j]!, mixing);
  return sum;
}

/** How many pairs in these groups met before. */
export const repeats = (groups: readonly (readonly string[])[], met: ReadonlySet<string>) => totalCost(groups, { met }) / MET_COST;

/** Swaps two people of different groups while that lowers the cost. */
function improve(groups: string[][], mixing: Mixing): void {
  for (let pass = 0; pass < SWAP_PASSES; pass++) {
    let better = false;
    for (let gi = 0; gi < groups.length; gi++)
      for (let gj = gi + 1; gj < groups.length; gj++)
        for (let i = 0; i < groups[gi]!.length; i++)
          for (let j = 0; j < groups[gj]!.length; j++) {
            const a = groups[gi]![i]!;
            const b = groups[gj]![j]!;
            const now = costWith(a, groups[gi]!, mixing) + costWith(b, groups[gj]!, mixing);
            const swapped = costWith(a, groups[gj]!, mixing, b) + costWith(b, groups[gi]!, mixing, a);
            if (swapped < now) {
              groups[gi]![i] = b;
              groups[gj]![j] = a;
              better = true;
            }
          }
    if (!better) return;
  }
}

/** Everybody in `people` in groups of at most `size` (see the rules above). */
export function formGroups(people: readonly string[], size: number, seed: string, mixing: Mixing = {}): string[][] {
  const unique = [...new Set(people)];
  const sizes = sizesOf(unique.length, size);
  const weighed = mixing.met?.size || mixing.tag;
  let best: string[][] = [];
  let lowest = Infinity;
  for (let attempt = 0; attempt < (weighed ? ATTEMPTS : 1) && lowest > 0; attempt++) {
    const groups: string[][] = sizes.map(() => []);
    for (const id of shuffled(unique, random(`${seed}:${attempt}`))) {
      let at = -1;
      let atCost = Infinity;
      for (let g = 0; g < groups.length; g++) {
        if (groups[g]!.length >= sizes[g]!) continue;
        const c = weighed ? costWith(id, groups[g]!, mixing) : 0;
        if (c < atCost || (c === atCost && groups[g]!.length < groups[at]!.length)) [at, atCost] = [g, c];
      }
      groups[at]!.push(id);
    }
    if (weighed && unique.length <= SWAP_LIMIT) improve(groups, mixing);
    const total = weighed ? totalCost(groups, mixing) : 0;
    if (total < lowest) [best, lowest] = [groups, total];
  }
  return best;
}

/** Where a late arrival goes: the index of the smallest group, the one where they know fewest among those; -1 for none. */
export function placeLate(groups: readonly (readonly string[])[], id: string, mixing: Mixing = {}): number {
  let at = -1;
  for (let g = 0; g < groups.length; g++) {
    if (at < 0) at = g;
    else {
      const size = groups[g]!.length - groups[at]!.length;
      if (size < 0 || (size === 0 && costWith(id, groups[g]!, mixing) < costWith(id, groups[at]!, mixing))) at = g;
    }
  }
  return at;
}

export type SeatStatus = 'active' | 'left' | 'moved';

/** Someone's seat in a pair or group, as a model holds it. */
export interface Seat {
  /** Participant id: the facilitator has every one, a phone only its own. */
  id?: string;
  /** Left out on the screen. */
  pseudonym?: string;
  /** `left`: gone from the session; `moved`: left alone here, so seated elsewhere. */
  status: SeatStatus;
  /** Seq of the event that seated them here: they see the notes begun from then on. */
  since: number;
  /** Their phone's connection dropped: still seated during the grace, back or gone after it. */
  away?: true;
}

/** What a seating (the interview's pairs, the groups) does when someone comes or goes; each says whether anything changed. */
export interface Seating {
  place(id: string): boolean;
  leave(id: string): boolean;
  drop(id: string): boolean;
  back(id: string): boolean;
}

/** A presence change (`KindDefinition.onPresence`) put to a seating: whether it changed anything. */
export function seatingChanged(seating: Seating, change: PresenceChange): boolean {
  if (change.left !== undefined) return seating.leave(change.left);
  if (change.dropped !== undefined) return seating.drop(change.dropped);
  if (change.back !== undefined) return seating.back(change.back);
  return change.joined !== undefined && seating.place(change.joined);
}

/** Marks `id` in `group` away (their connection dropped, during the grace) or back; false when nothing changes. */
export function setAway(group: { members: { id?: string; away?: true }[] } | undefined, id: string, away: boolean): boolean {
  const member = group?.members.find((m) => m.id === id);
  if (!member || !!member.away === away) return false;
  if (away) member.away = true;
  else delete member.away;
  return true;
}
