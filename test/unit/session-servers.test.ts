/**
 * Two servers' copies of one session, as two SessionHubs on one store: a seq the
 * other took first is caught up and decided again, events learned from the other
 * reach the hub's `applied` listeners, and a command retried through the server that has
 * not learned it yet is still answered with its first seq. And the hub's events:
 * every listener hears an event in the order listeners came; one that throws is
 * logged and hurts neither the command that stored the event nor the listeners
 * after it; one that unsubscribed hears nothing more.
 */
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../core/protocol.js';
import { CORE_EVENTS } from '../../core/session.js';
import { loadScriptDir } from '../../server/scripts/load-scripts.js';
import { SessionHub } from '../../server/sessions/session-hub.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

const FAC = { role: 'facilitator' } as const;

/** A store holding one wall session, 's', created and not started. */
async function wallSession() {
  const store = new SqliteStore(':memory:');
  const script = loadScriptDir('facilitation-scripts').scripts.get('klaag-en-jubelmuur')!;
  const { steps, ...info } = script;
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const created = { id: 'c', seq: 1, type: CORE_EVENTS.created, actor: FAC, payload: { title: 'T', arena: { id: 'a', title: 'Arena' }, script: info, steps }, at: 0 };
  await store.createSession({ id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: script.id, createdAt: 0 }, created);
  return store;
}

async function twoServers() {
  const store = await wallSession();
  const log = { error: (obj: unknown) => expect.unreachable(String(obj)) };
  const servers = [new SessionHub({ store, log }), new SessionHub({ store, log })].map((hub) => {
    const announced: SessionEvent[] = [];
    hub.on('stored', (_runtime, event) => announced.push(event));
    return { hub, announced };
  });
  const [a, b] = await Promise.all(servers.map(async (s) => ({ ...s, runtime: (await s.hub.get('s'))! })));
  const heard = { a: [] as number[], b: [] as number[] };
  a!.hub.on('applied', (_runtime, event) => heard.a.push(event.seq));
  const stopB = b!.hub.on('applied', (_runtime, event) => heard.b.push(event.seq));
  return { store, a: a!, b: b!, heard, stopB };
}

describe('one session on two servers', () => {
  it('decides again after the other server took the seq, and both end in the same state', async () => {
    const { store, a, b, heard } = await twoServers();
    expect(await a.runtime.handle({ id: 'goto', type: 'session.goto', payload: { stepId: 'muur' } }, FAC)).toEqual({ ok: true, seq: 2 });
    // B has not heard of seq 2: it decides seq 2 too, is refused, catches up, and stores seq 3 on the wall A opened.
    expect(await b.runtime.handle({ id: 'n1', type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: 'eerste' } }, FAC)).toEqual({ ok: true, seq: 3 });
    expect(heard.b).toEqual([2, 3]);
    expect(b.announced.map((e) => e.seq)).toEqual([3]);
    // A learns B's event as the announcement brings it; an old or repeated announcement changes nothing.
    for (const event of [...b.announced, ...b.announced]) await a.hub.learn('s', event);
    expect(heard.a).toEqual([2, 3]);
    expect(a.runtime.state).toEqual(b.runtime.state);
    expect((await store.loadEvents('s')).map((e) => e.seq)).toEqual([1, 2, 3]);
    await store.close();
  });

  it('answers a command retried through the server that has not learned it with its first seq', async () => {
    const { store, a, b, heard, stopB } = await twoServers();
    const post = { id: 'n1', type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: 'eerste' } };
    await b.runtime.handle({ id: 'goto', type: 'session.goto', payload: { stepId: 'muur' } }, FAC);
    await b.runtime.handle(post, FAC);
    // A missed both announcements: the gap is read from the log.
    await a.hub.learn('s', b.announced[1]);
    expect(heard.a).toEqual([2, 3]);
    await b.runtime.handle({ ...post, id: 'n2', payload: { column: 'klaagmuur', text: 'tweede' } }, FAC);
    // The phone resends n2 through A, which has not learned seq 4 yet: the store knows the id.
    expect(await a.runtime.handle({ ...post, id: 'n2', payload: { column: 'klaagmuur', text: 'tweede' } }, FAC)).toEqual({ ok: true, seq: 4, duplicate: true });
    // And through B, from its own memory of command ids.
    expect(await b.runtime.handle(post, FAC)).toEqual({ ok: true, seq: 3, duplicate: true });
    stopB();
    await a.runtime.handle({ id: 'n3', type: 'wall.post', stepId: 'muur', payload: { column: 'jubelmuur', text: 'derde' } }, FAC);
    // Nothing announced: reading the session for a harvest brings it up to date from the log.
    expect(await b.hub.caughtUp('s')).toBe(b.runtime);
    expect(b.runtime.state.seq).toBe(5);
    expect(heard.b).toEqual([2, 3, 4]);
    expect((await store.loadEvents('s')).map((e) => e.id)).toEqual(['c', 'goto', 'n1', 'n2', 'n3']);
    await store.close();
  });
});

async function oneServer() {
  const store = await wallSession();
  const logged: { obj: unknown; msg?: string }[] = [];
  const hub = new SessionHub({ store, log: { error: (obj, msg) => logged.push({ obj, msg }) } });
  return { store, hub, logged };
}

describe('the hub tells its listeners', () => {
  it('keeps storing and telling the others when a listener throws', async () => {
    const { store, hub, logged } = await oneServer();
    const heard: string[] = [];
    hub.on('applied', (_runtime, event) => heard.push(`first ${event.seq}`));
    hub.on('applied', () => {
      throw new Error('a view that broke');
    });
    hub.on('applied', (_runtime, event) => heard.push(`last ${event.seq}`));
    hub.on('stored', (_runtime, event) => heard.push(`stored ${event.seq}`));
    const runtime = (await hub.get('s'))!;

    expect(await runtime.handle({ id: 'goto', type: 'session.goto', payload: { stepId: 'muur' } }, FAC)).toEqual({ ok: true, seq: 2 });
    expect(heard).toEqual(['first 2', 'last 2', 'stored 2']);
    expect(logged).toEqual([{ obj: { err: new Error('a view that broke'), event: 'applied' }, msg: 'a listener of the live sessions failed' }]);
    expect((await store.loadEvents('s')).map((e) => e.seq)).toEqual([1, 2]);
    await store.close();
  });

  it('stops telling a listener that unsubscribed, and tells evictions and new languages', async () => {
    const { store, hub } = await oneServer();
    const heard: unknown[] = [];
    const stop = hub.on('applied', (_runtime, event) => heard.push(event.seq));
    hub.on('evicted', (sessionId) => heard.push(`evicted ${sessionId}`));
    hub.on('localeChanged', (sessionIds, locale) => heard.push(`${sessionIds.join()} ${locale}`));
    const runtime = (await hub.get('s'))!;
    await runtime.handle({ id: 'goto', type: 'session.goto', payload: { stepId: 'muur' } }, FAC);
    stop();
    await runtime.handle({ id: 'n1', type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: 'eerste' } }, FAC);
    hub.arenaLocaleChanged(['s'], 'en');
    hub.evict('s');
    expect(heard).toEqual([2, 's en', 'evicted s']);
    expect(hub.has('s')).toBe(false);
    await store.close();
  });
});
