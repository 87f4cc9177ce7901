/**
 * Who holds a token: a live session knows the participants who joined through this
 * server, so a phone's handshake right after its join does not ask the store; a
 * token it does not know is asked of the store every time, and a participant found
 * there is known from then on. Another server's session asks the store.
 */
import { describe, expect, it } from 'vitest';
import { CORE_EVENTS } from '../../core/session.js';
import { SessionHub } from '../../server/sessions/session-hub.js';
import { SqliteStore } from '../../server/store/sqlite-store.js';

async function session() {
  const store = new SqliteStore(':memory:');
  await store.createArena({ id: 'a', title: 'Arena', theme: null, keyHash: 'x', createdAt: 0 });
  const payload = { title: 'T', arena: { id: 'a', title: 'Arena' }, script: { id: 's', title: 'S' }, steps: [{ id: 'w', kind: 'slide', title: 'Welkom' }] };
  await store.createSession({ id: 's', arenaId: 'a', code: 'ABCDEF', title: 'T', scriptId: 's', createdAt: 0 }, { id: 'c', seq: 1, type: CORE_EVENTS.created, actor: { role: 'facilitator' }, payload, at: 0 });
  const asked: string[] = [];
  const lookUp = store.getParticipantByToken.bind(store);
  store.getParticipantByToken = (sessionId, tokenHash) => (asked.push(tokenHash), lookUp(sessionId, tokenHash));
  const log = { error: (obj: unknown) => expect.unreachable(String(obj)) };
  return { store, asked, hub: () => new SessionHub({ store, log }) };
}

const anna = { id: 'p-anna', sessionId: 's', tokenHash: 'hash-anna', pseudonym: 'Blauwe Reiger', createdAt: 5 };

describe('participants by token', () => {
  it('answers a participant who joined here without asking the store, and asks it for any other token', async () => {
    const { hub: make, asked } = await session();
    const hub = make();
    expect(await (await hub.get('s'))!.join(anna)).toEqual({ ok: true, seq: 2 });
    expect(await hub.participantByToken('s', 'hash-anna')).toEqual(anna);
    expect(asked).toEqual([]);
    expect(await hub.participantByToken('s', 'hash-nobody')).toBeUndefined();
    expect(await hub.participantByToken('s', 'hash-nobody')).toBeUndefined();
    expect(asked).toEqual(['hash-nobody', 'hash-nobody']);
  });

  it('asks the store on a server that did not see the join, once, and for a session not loaded every time', async () => {
    const { hub: make, asked } = await session();
    await (await make().get('s'))!.join(anna);
    const other = make();
    expect(await other.participantByToken('s', 'hash-anna')).toEqual(anna);
    expect(asked).toEqual(['hash-anna']);
    await other.get('s');
    expect(await other.participantByToken('s', 'hash-anna')).toEqual(anna);
    expect(await other.participantByToken('s', 'hash-anna')).toEqual(anna);
    expect(asked).toEqual(['hash-anna', 'hash-anna']);
  });
});
