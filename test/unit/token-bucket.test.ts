/** Token buckets: per address (a budget each, a wait to tell, bounded memory, an IPv6 /64 as one address) and per participant (shared by their connections). */
import { describe, expect, it } from 'vitest';
import { addressKey } from '../../server/admission.js';
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


describe('KeyedBuckets for participants', () => {
  it('gives every connection of one participant the same budget, and another participant their own', () => {
    const buckets = new KeyedBuckets(5, 1);
    const t = 1_000_000;
    // Two sockets of one phone take turns: the phone still has five at once, not ten.
    const taken = Array.from({ length: 10 }, () => buckets.take('s:p1', t)).filter((wait) => wait === 0).length;
    expect(taken).toBe(5);
    expect(buckets.take('s:p2', t)).toBe(0);
  });

  it('keeps at most maxKeys buckets, forgetting the least recently used first', () => {
    const buckets = new KeyedBuckets(1, 0.001, 2);
    const t = 1_000_000;
    expect(buckets.take('a', t)).toBe(0);
    expect(buckets.take('b', t)).toBe(0);
    expect(buckets.take('a', t)).toBeGreaterThan(0); // 'a' spent, and now the most recent
    expect(buckets.take('c', t)).toBe(0); // pushes out 'b', the least recent
    expect(buckets.take('a', t)).toBeGreaterThan(0); // still spent: it was kept
    expect(buckets.take('b', t)).toBe(0); // forgotten, so full again
  });
});
