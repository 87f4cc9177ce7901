/** A budget per key shared by its connections, and forgotten once nobody holds it and it is full again. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TokenBuckets } from '../../server/realtime/token-bucket.js';

describe('token buckets per key', () => {
  beforeEach(() => void vi.useFakeTimers({ now: 0 }));
  afterEach(() => void vi.useRealTimers());

  it('gives every connection of one key the same budget', () => {
    const buckets = new TokenBuckets(5, 1);
    const [a, b] = [buckets.hold('s:p1'), buckets.hold('s:p1')];
    const taken = Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).take()).filter(Boolean).length;
    expect(taken).toBe(5);
    expect(buckets.hold('s:p2').take()).toBe(true);
  });

  it('keeps a spent bucket after the last connection closes until it is full, so reconnecting gains nothing', () => {
    const buckets = new TokenBuckets(5, 1);
    const bucket = buckets.hold('s:p1');
    for (let i = 0; i < 5; i++) bucket.take();
    buckets.release('s:p1');
    expect(buckets.size).toBe(1);
    expect(buckets.hold('s:p1').take()).toBe(false); // the same, empty bucket
    buckets.release('s:p1');
    vi.advanceTimersByTime(5_000);
    expect(buckets.size).toBe(0);
  });

  it('forgets a full bucket at once and never one a connection still holds', () => {
    const buckets = new TokenBuckets(5, 1);
    buckets.hold('s:p1');
    buckets.hold('s:p1').take();
    buckets.release('s:p1');
    vi.advanceTimersByTime(60_000);
    expect(buckets.size).toBe(1);
    buckets.release('s:p1');
    expect(buckets.size).toBe(0);
  });
});
