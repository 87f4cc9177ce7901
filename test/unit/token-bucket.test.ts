/** Per-address buckets: each address its own budget, a wait to tell, and memory bounded however many addresses come. */
import { describe, expect, it } from 'vitest';
import { KeyedBuckets } from '../../server/realtime/token-bucket.js';

describe('KeyedBuckets', () => {
  it('gives each address its own burst, then the seconds until its next token', () => {
    const buckets = new KeyedBuckets(3, 0.5);
    const t = 1_000_000;
    expect([1, 2, 3, 4].map(() => buckets.take('10.0.0.1', t))).toEqual([0, 0, 0, 2]);
    expect(buckets.take('10.0.0.2', t)).toBe(0);
    expect(buckets.take('10.0.0.1', t + 1000)).toBe(1);
    expect(buckets.take('10.0.0.1', t + 2000)).toBe(0);
  });

  it('forgets the least recently seen address past its capacity, never the one in use', () => {
    const buckets = new KeyedBuckets(1, 1 / 3600, 2);
    const t = 1_000_000;
    buckets.take('a', t);
    buckets.take('b', t);
    expect(buckets.take('a', t)).toBeGreaterThan(0); // a is now the most recent
    buckets.take('c', t); // b goes
    expect(buckets.take('a', t)).toBeGreaterThan(0);
    expect(buckets.take('b', t)).toBe(0); // forgotten: a full bucket again
  });
});
