/**
 * The storage contract every store must keep. Runs against each store Oogst has
 * (SQLite today); a new store adds one line to `stores`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import { SeqConflictError, type Store } from '../../server/store/store.js';

const stores: [string, () => { store: Store; reopen(): Store; cleanup(): void }][] = [
  [
    'sqlite',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'oogst-store-'));
      const file = join(dir, 'oogst.sqlite');
      return { store: new SqliteStore(file), reopen: () => new SqliteStore(file), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
  ],
];

const event = (seq: number, id = `e${seq}`): SessionEvent => ({
  id,
  seq,
  type: seq === 1 ? 'session.created' : 'wall.note-posted',
  ...(seq === 1 ? {} : { stepId: 'muur' }),
  actor: seq === 1 ? { role: 'facilitator' } : { role: 'participant', id: 'p1' },
  payload: { text: `nummer ${seq} — “quotes” & emoji 🌱` },
  at: 1_700_000_000_000 + seq,
});

for (const [name, make] of stores) {
  describe(`${name} store`, () => {
    let opened: ReturnType<typeof make> | undefined;
    const cleanups: (() => Promise<void> | void)[] = [];
    afterEach(async () => {
      for (const c of cleanups.splice(0)) await c();
    });
    async function withSession() {
      opened = make();
      const { store } = opened;
      cleanups.push(() => opened!.cleanup());
      await store.createArena({ id: 'a1', title: 'Arena', theme: null, keyHash: 'h', createdAt: 1 });
      await store.createSession({ id: 's1', arenaId: 'a1', code: 'ABC234', title: 'Sessie', scriptId: 'x', createdAt: 2 }, event(1));
      return store;
    }

    it('keeps arenas, sessions and the first event together', async () => {
      const store = await withSession();
      expect(await store.getArena('a1')).toEqual({ id: 'a1', title: 'Arena', theme: null, keyHash: 'h', createdAt: 1, locale: 'nl' });
      expect(await store.getSessionByCode('ABC234')).toMatchObject({ id: 's1', arenaId: 'a1' });
      expect(await store.listSessions('a1')).toHaveLength(1);
      expect(await store.loadEvents('s1')).toEqual([event(1)]);
      expect(await store.getSession('nope')).toBeUndefined();
      await store.close();
    });

    it("keeps an arena's screen language across a reopen", async () => {
      const store = await withSession();
      expect(await store.setArenaLocale('a1', 'en')).toBe(true);
      expect(await store.setArenaLocale('nope', 'en')).toBe(false);
      await store.createArena({ id: 'a2', title: 'Engelstalig', theme: null, keyHash: 'h', createdAt: 3, locale: 'en' });
      await store.close();
      const reopened = opened!.reopen();
      expect((await reopened.getArena('a1'))?.locale).toBe('en');
      expect((await reopened.getArena('a2'))?.locale).toBe('en');
      expect(await reopened.setArenaLocale('a1', 'nl')).toBe(true);
      expect((await reopened.getArena('a1'))?.locale).toBe('nl');
      await reopened.close();
    });

    it('appends in order, answers a repeated id with its first seq, and refuses a taken seq', async () => {
      const store = await withSession();
      expect(await store.appendEvent('s1', event(2))).toEqual({ stored: true, seq: 2 });
      expect(await store.appendEvent('s1', event(3))).toEqual({ stored: true, seq: 3 });
      expect(await store.appendEvent('s1', { ...event(4), id: 'e2' })).toEqual({ stored: false, seq: 2 });
      await expect(store.appendEvent('s1', event(3, 'other'))).rejects.toBeInstanceOf(SeqConflictError);
      expect((await store.loadEvents('s1')).map((e) => e.seq)).toEqual([1, 2, 3]);
      expect((await store.loadEvents('s1', 2)).map((e) => e.id)).toEqual(['e3']);
      expect(await store.eventSeq('s1', 'e3')).toBe(3);
      expect(await store.eventSeq('s1', 'nope')).toBeUndefined();
      await store.close();
    });

    it('stores a participant with their join event, atomically', async () => {
      const store = await withSession();
      const participant = { id: 'p1', sessionId: 's1', tokenHash: 't1', pseudonym: 'Blauwe Reiger', createdAt: 3 };
      await store.appendEvent('s1', event(2), participant);
      expect(await store.getParticipantByToken('s1', 't1')).toEqual(participant);
      // A conflicting seq writes neither the event nor the participant.
      await expect(store.appendEvent('s1', event(2, 'x'), { ...participant, id: 'p2', tokenHash: 't2' })).rejects.toBeInstanceOf(SeqConflictError);
      expect(await store.getParticipantByToken('s1', 't2')).toBeUndefined();
      await store.close();
    });

    it("keeps an arena's own scripts, replaced by id and removed with the arena's key", async () => {
      const store = await withSession();
      await store.saveArenaScript({ arenaId: 'a1', id: 'mijn', yaml: 'een', updatedAt: 1 });
      await store.saveArenaScript({ arenaId: 'a1', id: 'mijn', yaml: 'twee', updatedAt: 2 });
      await store.saveArenaScript({ arenaId: 'a1', id: 'ander', yaml: 'drie', updatedAt: 3 });
      expect((await store.listArenaScripts('a1')).map((r) => `${r.id}=${r.yaml}`)).toEqual(['ander=drie', 'mijn=twee']);
      expect(await store.deleteArenaScript('a1', 'mijn')).toBe(true);
      expect(await store.deleteArenaScript('a1', 'mijn')).toBe(false);
      expect(await store.listArenaScripts('nope')).toEqual([]);
      await store.close();
    });

    it("keeps a session's feed keys by hash, and revokes each once", async () => {
      const store = await withSession();
      await store.createSession({ id: 's2', arenaId: 'a1', code: 'XYZ234', title: 'Andere', scriptId: 'x', createdAt: 3 }, event(1));
      const overlay = { id: 'k1', sessionId: 's1', keyHash: 'hash-1', label: 'Overlay', createdAt: 10, revokedAt: null };
      await store.createFeedKey(overlay);
      await store.createFeedKey({ ...overlay, id: 'k2', keyHash: 'hash-2', label: 'Archief', createdAt: 11 });
      expect(await store.getFeedKeyByHash('s1', 'hash-1')).toEqual(overlay);
      // A key of one session opens nothing of another.
      expect(await store.getFeedKeyByHash('s2', 'hash-1')).toBeUndefined();
      expect(await store.revokeFeedKey('s2', 'k1', 20)).toBe(false);
      expect(await store.revokeFeedKey('s1', 'k1', 20)).toBe(true);
      expect(await store.revokeFeedKey('s1', 'k1', 21)).toBe(false);
      expect(await store.revokeFeedKey('s1', 'nope', 21)).toBe(false);
      expect(await store.getFeedKeyByHash('s1', 'hash-1')).toEqual({ ...overlay, revokedAt: 20 });
      expect((await store.listFeedKeys('s1')).map((k) => [k.id, k.revokedAt])).toEqual([
        ['k1', 20],
        ['k2', null],
      ]);
      expect(await store.listFeedKeys('s2')).toEqual([]);
      await store.close();
    });

    it('keeps everything across a reopen', async () => {
      const store = await withSession();
      await store.appendEvent('s1', event(2));
      await store.close();
      const again = opened!.reopen();
      expect(await again.loadEvents('s1')).toEqual([event(1), event(2)]);
      await again.close();
    });
  });
}
