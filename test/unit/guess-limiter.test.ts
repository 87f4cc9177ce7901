/** The join-code guess bucket: what one address may look up, counted before any lookup, and what a right code gives back. */
import { describe, expect, it } from 'vitest';
import { GuessLimiter } from '../../server/routes/guess-limiter.js';

describe('GuessLimiter', () => {
  const limits = { burst: 50, intervalMs: 10_000, waiting: 6 };

  it('lets requests that arrive together look up the burst and six waiting codes, no more', () => {
    const guesses = new GuessLimiter(limits);
    const taken = Array.from({ length: 80 }, () => guesses.take('203.0.113.7', 0));
    expect(taken.filter(Boolean)).toHaveLength(56);
    expect(guesses.refused('203.0.113.7', 0)).toBe(true);
    expect(guesses.retryAfter('203.0.113.7', 0)).toBe(10);
    // Another address is untouched.
    expect(guesses.take('203.0.113.8', 0)).not.toBeNull();
    // One interval later, one more code may be looked up: 360 an hour.
    expect(guesses.take('203.0.113.7', 10_000)).not.toBeNull();
    expect(guesses.take('203.0.113.7', 10_000)).toBeNull();
  });

  it('gives a right code its guess back, so a room joining never spends the budget', () => {
    const guesses = new GuessLimiter(limits);
    for (let i = 0; i < 1000; i++) guesses.take('198.51.100.1', 0)!.right(0);
    expect(guesses.refused('198.51.100.1', 0)).toBe(false);
    const all = Array.from({ length: 56 }, () => guesses.take('198.51.100.1', 0));
    expect(all.every(Boolean)).toBe(true);
  });

  it('forgets the least recently used address first when full', () => {
    const guesses = new GuessLimiter({ ...limits, burst: 1, waiting: 1 }, 2);
    guesses.take('a', 0);
    guesses.take('b', 0);
    guesses.take('a', 0); // a is now refused, and the most recent
    guesses.take('c', 0); // b goes
    expect(guesses.refused('a', 0)).toBe(true);
    expect(guesses.take('b', 0)).not.toBeNull();
  });
});
