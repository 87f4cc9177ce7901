/** Token buckets: per address (a budget each, a wait to tell, bounded memory, an IPv6 /64 as one address) and per participant (shared by their connections, forgotten once nobody holds it and it is full again). */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addressKey } from '../../server/admission.js';
import { KeyedBuckets, TokenBuckets } from '../../server/realtime/token-bucket.js';

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

describe('addressKey', () => {
  it('counts an IPv4 address as itself, also written as IPv6', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts a whole IPv6 /64 as one visitor, however it is written', () => {
    const key = addressKey('2001:db8:0:1::1');
    expect(key).toBe('2001:db8:0:1::/64');
    for (const ip of ['2001:db8:0:1:ffff:ffff:ffff:ffff', '2001:0DB8:0000:0001:abcd::9', '2001:db8:0:1::1%eth0']) expect(addressKey(ip)).toBe(key);
    expect(addressKey('2001:db8:0:2::1')).not.toBe(key);
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});


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
