/** Presence: distinct people, and a phone that drops for a moment never "left" (it dropped, then came back). */
import { describe, expect, it, vi } from 'vitest';
import { Presence } from '../../server/realtime/presence.js';

describe('presence', () => {
  it('counts people rather than tabs, in the order they came', () => {
    const presence = new Presence(() => {}, () => {}, 1000);
    presence.joined('s', 'anna');
    presence.joined('s', 'bram');
    presence.joined('s', 'anna');
    expect(presence.count('s')).toBe(2);
    expect(presence.ids('s')).toEqual(['anna', 'bram']);
    presence.left('s', 'anna');
    expect(presence.count('s')).toBe(2);
  });

  it('reports a leave only after the grace period, and a quick return as back rather than a leave', () => {
    vi.useFakeTimers();
    const changes: unknown[] = [];
    const presence = new Presence(() => {}, (_s, change) => changes.push(change), 1000);
    presence.joined('s', 'anna');
    presence.left('s', 'anna');
    vi.advanceTimersByTime(500);
    presence.joined('s', 'anna'); // back within the grace period
    vi.advanceTimersByTime(5000);
    presence.joined('s', 'bram');
    presence.left('s', 'bram');
    vi.advanceTimersByTime(1001);
    expect(changes).toEqual([{ joined: 'anna' }, { dropped: 'anna' }, { back: 'anna' }, { joined: 'bram' }, { dropped: 'bram' }, { left: 'bram' }]);
    expect(presence.ids('s')).toEqual(['anna']);
    vi.useRealTimers();
  });

  it('works out the whole room once per change, here or on another server, however often a kind asks', () => {
    vi.useFakeTimers();
    let remote = ['cas'];
    let walks = 0;
    const elsewhere = { ids: () => (walks++, remote), has: (_s: string, id: string) => remote.includes(id), publish: () => {} };
    const presence = new Presence(() => {}, () => {}, 1000, elsewhere);
    presence.joined('s', 'anna');
    presence.joined('s', 'cas');
    for (let i = 0; i < 100; i++) expect(presence.ids('s')).toEqual(['anna', 'cas']);
    expect(presence.count('s')).toBe(2);
    expect(walks).toBe(1);
    remote = ['cas', 'daan'];
    presence.changedElsewhere('s');
    expect(presence.ids('s')).toEqual(['anna', 'cas', 'daan']);
    presence.left('s', 'anna');
    expect(presence.count('s')).toBe(2);
    expect(walks).toBe(3);
    vi.useRealTimers();
  });
});
