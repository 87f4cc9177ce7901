import { describe, expect, it } from 'vitest';
import { ADJECTIVES, ANIMALS, pseudonym } from '../../server/sessions/pseudonyms.js';
import { seeded } from '../helpers/random.js';

/** A room filling up: each newcomer's name drawn against the names already given. */
function room(size: number, random: () => number) {
  const taken = new Set<string>();
  for (let i = 0; i < size; i++) taken.add(pseudonym(random, taken));
  return taken;
}

describe('pseudonyms', () => {
  it('has thousands of distinct names', () => {
    expect(new Set(ADJECTIVES).size).toBe(ADJECTIVES.length);
    expect(new Set(ANIMALS).size).toBe(ANIMALS.length);
    expect(ADJECTIVES.length * ANIMALS.length).toBeGreaterThanOrEqual(2000);
  });

  it('draws again on a clash, so rooms of 40 never see a numbered name', () => {
    const random = seeded(17);
    for (let r = 0; r < 500; r++) {
      const names = room(40, random.next);
      expect(names.size).toBe(40);
      expect([...names].filter((n) => /\d/.test(n))).toEqual([]);
    }
  });

  it('numbers a name only when drawing again keeps hitting taken ones', () => {
    const always = () => 0; // every draw the same name
    expect(pseudonym(always, new Set())).toBe('Blauwe Reiger');
    expect(pseudonym(always, new Set(['Blauwe Reiger']))).toBe('Blauwe Reiger 2');
    expect(pseudonym(always, new Set(['Blauwe Reiger', 'Blauwe Reiger 2']))).toBe('Blauwe Reiger 3');
    // Even a session that has given out every name still gives a distinct one.
    const full = room(ADJECTIVES.length * ANIMALS.length + 10, seeded(3).next);
    expect(full.size).toBe(ADJECTIVES.length * ANIMALS.length + 10);
  });
});
