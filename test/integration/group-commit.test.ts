/**
 * Group commit, on each store: the commands that wait for a session are decided in
 * the order they came, stored in one transaction, and only then acknowledged and
 * delivered, one by one. A spy on the store counts the transactions and records
 * what was stored when each ack and each delivery went out.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, SessionEvent, Viewer } from '../../core/protocol.js';
import { CORE_EVENTS, reduce } from '../../core/session.js';
import type { SessionCreated } from '../../core/state.js';
import { models } from '../../kinds/registry.js';
import type { WallData } from '../../kinds/wall/model.js';
import { commitCounts, SessionRuntime } from '../../server/sessions/session-runtime.js';
import { PgStore } from '../../server/store/pg-store.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';
import type { Store } from '../../server/store/store.js';
import { dropSchema, freshSchema, POSTGRES_URL, requirePostgres, skipPostgres } from '../helpers/services.js';

const created: SessionEvent<SessionCreated> = {
  id: 'c',
  seq: 1,
  type: CORE_EVENTS.created,
  actor: { role: 'facilitator' },
  payload: {
    title: 'T',
    arena: { id: 'a', title: 'A' },
    script: { id: 's', title: 'S' },
    steps: [{ id: 'muur', kind: 'wall', title: 'Muur', columns: [{ id: 'k', title: 'Klaag' }] }],
  },
  at: 0,
};
const row = { id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: 's', createdAt: 0 };
const facilitator: Viewer = { role: 'facilitator' };
const phone = (i: number): Viewer => ({ role: 'participant', participantId: `p${i}`, pseudonym: `P${i}` });
const post = (id: string, text: string) => ({ id, type: 'wall.post', stepId: 'muur', payload: { column: 'k', text } });
const notes = (runtime: SessionRuntime) => (runtime.state.stepStates.muur!.data as WallData).notes;

/** The store, watched: how many group commits it made, and the highest seq stored so far. */
function spied(store: Store, fail?: () => boolean) {
  const spy = { transactions: 0, storedUpTo: 1 };
  const appendEvents = store.appendEvents.bind(store);
  store.appendEvents = async (sessionId, afterSeq, decide) => {
    spy.transactions++;
    let last = 0;
    await appendEvents(sessionId, afterSeq, (missed) => {
      const batch = decide(missed);
      last = batch.at(-1)?.event.seq ?? 0;
      // A failure of the commit itself, after everything was decided (a full disk, a lost connection).
      if (fail?.()) throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return batch;
    });
    spy.storedUpTo = Math.max(spy.storedUpTo, last);
  };
  return spy;
}

interface Opened {
  store: Store;
  /** Another server's connection to the same data. */
  other?: () => Promise<Store>;
  cleanup(): Promise<void> | void;
}

const stores: { name: string; skip?: boolean; ready?: () => Promise<void>; make(): Promise<Opened> }[] = [
  { name: 'sqlite', make: async () => ({ store: new SqliteStore(':memory:'), cleanup: () => undefined }) },
  {
    name: 'postgres',
    skip: skipPostgres,
    ready: requirePostgres,
    make: async () => {
      const schema = freshSchema();
      return { store: await PgStore.open(POSTGRES_URL, { schema }), other: () => PgStore.open(POSTGRES_URL, { schema }), cleanup: () => dropSchema(schema) };
    },
  },
];

for (const { name, skip, ready, make } of stores) {
  describe.skipIf(skip)(`group commit on ${name}`, () => {
    let opened: Opened;
    const closing: Store[] = [];
    beforeAll(async () => ready?.());
    afterEach(async () => {
      for (const s of closing.splice(0)) await s.close();
      await opened.cleanup();
    });

    /** A session on the wall with `phones` participants, and its runtime; `delivered` records each delivery with what was stored by then. */
    async function session(phones: number, store?: Store) {
      if (!store) {
        opened = await make();
        store = opened.store;
        closing.push(store);
        await store.createArena({ id: 'a', title: 'A', theme: null, keyHash: 'x', createdAt: 0 });
        await store.createSession(row, created);
      }
      const delivered: { seq: number; storedUpTo: number }[] = [];
      const state = reduce(await store.loadEvents('s'), 's', models);
      const spy = spied(store);
      let reloaded = 0;
      const runtime = new SessionRuntime(row, state, store, (_rt, event) => delivered.push({ seq: event.seq, storedUpTo: spy.storedUpTo }), undefined, undefined, undefined, (_rt, lost) => (reloaded += lost ? 100 : 1));
      for (let i = 0; i < phones; i++) await runtime.join({ id: `p${i}`, sessionId: 's', tokenHash: `t${i}`, pseudonym: `P${i}`, createdAt: 1 });
      if (phones) expect((await runtime.handle({ id: 'goto', type: 'session.goto', payload: { stepId: 'muur' } }, facilitator)).ok).toBe(true);
      return { store, runtime, spy, delivered, reloaded: () => reloaded };
    }

    it('stores a burst in one transaction, then acks and delivers each note in order, every one already stored', async () => {
      const { runtime, spy, delivered } = await session(40);
      const before = { transactions: spy.transactions, seq: runtime.state.seq };
      delivered.length = 0;
      const acks: { ack: Ack; storedUpTo: number }[] = [];
      await Promise.all(
        Array.from({ length: 40 }, (_, i) => runtime.handle(post(`n${i}`, `briefje ${i}`), phone(i)).then((ack) => acks.push({ ack, storedUpTo: spy.storedUpTo }))),
      );
      expect(spy.transactions - before.transactions).toBe(1);
      // Decided and numbered in the order they came, without a gap.
      expect(acks.map((a) => a.ack)).toEqual(Array.from({ length: 40 }, (_, i) => ({ ok: true, seq: before.seq + 1 + i })));
      // Acknowledged means stored; delivered only once stored, one by one in seq order.
      for (const { ack, storedUpTo } of acks) expect(storedUpTo).toBeGreaterThanOrEqual((ack as { seq: number }).seq);
      expect(delivered.map((d) => d.seq)).toEqual(acks.map((a) => (a.ack as { seq: number }).seq));
      for (const d of delivered) expect(d.storedUpTo).toBeGreaterThanOrEqual(d.seq);
      expect((await runtime['store'].loadEvents('s', before.seq)).map((e) => e.id)).toEqual(acks.map((_, i) => `n${i}`));
    });

    it('decides each command on the state holding the ones before it: a command sent twice in one batch is stored once', async () => {
      const { runtime, spy } = await session(2);
      const t = spy.transactions;
      const [first, again, other] = await Promise.all([
        runtime.handle(post('same', 'een'), phone(0)),
        runtime.handle(post('same', 'een'), phone(0)),
        runtime.handle(post('other', 'twee'), phone(1)),
      ]);
      expect(spy.transactions - t).toBe(1);
      expect(first).toEqual({ ok: true, seq: runtime.state.seq - 1 });
      expect(again).toEqual({ ok: true, seq: runtime.state.seq - 1, duplicate: true });
      expect(other).toEqual({ ok: true, seq: runtime.state.seq });
      expect(notes(runtime).map((n) => n.text)).toEqual(['een', 'twee']);
    });

    it('when the transaction fails, answers every command of the batch with the failure and keeps none of them in the state', async () => {
      const { store, runtime, delivered, reloaded } = await session(3);
      let failing = true;
      const spy = spied(store, () => failing);
      const seq = runtime.state.seq;
      delivered.length = 0;
      const answers = await Promise.allSettled([0, 1, 2].map((i) => runtime.handle(post(`f${i}`, `mislukt ${i}`), phone(i))));
      expect(answers.map((a) => a.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(spy.transactions).toBe(1);
      expect(runtime.state.seq).toBe(seq);
      expect(notes(runtime)).toEqual([]);
      expect(delivered).toEqual([]);
      expect(reloaded()).toBe(1);
      // The same commands sent again once the store works: stored, in order, without a gap.
      failing = false;
      const acks = await Promise.all([0, 1, 2].map((i) => runtime.handle(post(`f${i}`, `mislukt ${i}`), phone(i))));
      expect(acks).toEqual([1, 2, 3].map((k) => ({ ok: true, seq: seq + k })));
      expect(delivered.map((d) => d.seq)).toEqual([seq + 1, seq + 2, seq + 3]);
    });

    it.skipIf(name !== 'postgres')('lets two servers take turns on one session: one gap-free order, no refused seq', async () => {
      const a = await session(20);
      const otherStore = await opened.other!();
      closing.push(otherStore);
      const b = await session(0, otherStore);
      const retries = commitCounts.retries;
      const caughtUp = commitCounts.caughtUp;
      const acks: Ack[] = [];
      for (let round = 0; round < 5; round++) {
        const bursts = [a.runtime, b.runtime].map((runtime, s) =>
          Promise.all(Array.from({ length: 10 }, (_, i) => runtime.handle(post(`s${s}-${round}-${i}`, `server ${s} briefje ${i}`), phone(s * 10 + i)))),
        );
        acks.push(...(await Promise.all(bursts)).flat());
      }
      expect(acks.every((ack) => ack.ok && !ack.duplicate)).toBe(true);
      // Each server found the other's events in the log before deciding, rather than having its own refused.
      expect(commitCounts.retries).toBe(retries);
      expect(commitCounts.caughtUp).toBeGreaterThan(caughtUp);
      const log = await a.store.loadEvents('s');
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      await a.runtime.learn();
      await b.runtime.learn();
      expect(b.runtime.state).toEqual(a.runtime.state);
      expect(notes(a.runtime)).toHaveLength(100);
    });
  });
}
