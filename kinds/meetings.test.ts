/**
 * The grouping engine the interview and the groups share: everybody placed once,
 * sizes within one, nobody alone while two could talk, no repeat meeting while one is
 * avoidable, organisations spread, the same seed the same groups, late arrivals to the
 * smallest group.
 */
import { describe, expect, it } from 'vitest';
import { formGroups, groupCount, meetingsOf, pairKey, placeLate, repeats, sizesOf, totalCost } from './meetings.js';

const people = (n: number) => Array.from({ length: n }, (_, i) => `p${String(i + 1).padStart(3, '0')}`);
const sizes = (groups: string[][]) => groups.map((g) => g.length);

describe('meetings: sizes', () => {
  it('makes groups of at most the size, within one of each other', () => {
    expect(sizesOf(10, 4)).toEqual([4, 3, 3]);
    expect(sizesOf(12, 4)).toEqual([4, 4, 4]);
    expect(sizesOf(13, 5)).toEqual([5, 4, 4]);
    expect(sizesOf(3, 4)).toEqual([3]);
    expect(sizesOf(0, 4)).toEqual([]);
  });

  it('leaves nobody alone while two could talk: pairs with one trio', () => {
    expect(sizesOf(5, 2)).toEqual([3, 2]);
    expect(sizesOf(7, 2)).toEqual([3, 2, 2]);
    expect(sizesOf(1, 2)).toEqual([1]);
    expect(groupCount(9, 8)).toBe(2);
  });

  for (const [n, size] of [[1, 4], [2, 2], [7, 3], [10, 4], [23, 5], [40, 8], [101, 4]] as const)
    it(`places each of ${n} people once at size ${size}`, () => {
      const groups = formGroups(people(n), size, 'seed');
      expect(groups.flat().sort()).toEqual(people(n));
      expect(sizes(groups)).toEqual(sizesOf(n, size));
    });

  it('counts someone connected twice once', () => {
    expect(formGroups(['a', 'b', 'a', 'c'], 4, 's').flat().sort()).toEqual(['a', 'b', 'c']);
  });
});

describe('meetings: who meets whom', () => {
  it('gives the same groups for the same seed and other groups for another', () => {
    expect(formGroups(people(20), 4, 'cmd-1')).toEqual(formGroups(people(20), 4, 'cmd-1'));
    expect(formGroups(people(20), 4, 'cmd-1')).not.toEqual(formGroups(people(20), 4, 'cmd-2'));
  });

  it('puts nobody together again while it can be avoided', () => {
    const all = people(16);
    const first = formGroups(all, 4, 'round-1');
    const met = meetingsOf(first);
    expect(met.size).toBe(4 * 6);
    const second = formGroups(all, 4, 'round-2', { met });
    expect(repeats(second, met)).toBe(0);
    // Pairs: three rounds of 8 people without meeting anyone twice.
    const pairsMet = new Set<string>();
    for (const round of ['a', 'b', 'c']) {
      const pairs = formGroups(people(8), 2, round, { met: pairsMet });
      expect(repeats(pairs, pairsMet)).toBe(0);
      meetingsOf(pairs, pairsMet);
    }
  });

  it('keeps repeats to the fewest when they cannot be avoided', () => {
    // 8 people in two groups of 4, twice: each new group holds at least two who met (4 pairs at least).
    const first = formGroups(people(8), 4, 'one');
    const met = meetingsOf(first);
    expect(repeats(formGroups(people(8), 4, 'two', { met }), met)).toBe(4);
  });

  it('spreads people who share an organisation over the groups', () => {
    const orgs = ['gemeente', 'school', 'zorg', 'bewoners'];
    const tag = (id: string) => orgs[Number(id.slice(1)) % 4];
    const groups = formGroups(people(12), 4, 'mix', { tag });
    expect(totalCost(groups, { tag })).toBe(0);
    for (const group of groups) expect(new Set(group.map(tag)).size).toBe(group.length);
  });

  it('keys a pair the same whichever way round', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
  });
});

describe('meetings: a late arrival', () => {
  it('joins the smallest group, where they know fewest', () => {
    expect(placeLate([['a', 'b', 'c'], ['d', 'e'], ['f', 'g', 'h']], 'x')).toBe(1);
    const met = meetingsOf([['x', 'd']]);
    expect(placeLate([['a', 'b'], ['d', 'e'], ['f', 'g', 'h']], 'x', { met })).toBe(0);
    expect(placeLate([], 'x')).toBe(-1);
  });
});
