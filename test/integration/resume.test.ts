/**
 * A phone that connects with the seq of the view it holds (its join answer's
 * snapshot, or what it had before its network dropped) gets `current` instead of
 * the same snapshot again, but only when nothing it may see was sent since; in
 * every other case, a snapshot. Real server, real sockets.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Joined } from '../../core/http.js';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents, type Snapshot } from '../../core/protocol.js';
import type { WallData } from '../../kinds/wall/model.js';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';

type First = { kind: 'current'; seq: number; serverTime: number } | { kind: 'snapshot'; snapshot: Snapshot };

/** Connects as the participant holding `seq`, and tells what came first: `current` or a snapshot. */
async function reconnect(base: string, s: StartedSession, token: string, seq?: number): Promise<{ first: First; socket: Socket<ServerToClientEvents, ClientToServerEvents> }> {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(base, {
    auth: { protocol: PROTOCOL_VERSION, role: 'participant', sessionId: s.session.id, token, ...(seq === undefined ? {} : { seq }) },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const first = await new Promise<First>((resolve, reject) => {
    socket.once('current', (current) => resolve({ kind: 'current', ...current }));
    socket.once('snapshot', (snapshot) => resolve({ kind: 'snapshot', snapshot }));
    socket.once('connect_error', reject);
    setTimeout(() => reject(new Error('neither current nor a snapshot within 5 s')), 5_000);
  });
  return { first, socket };
}

async function join(base: string, s: StartedSession): Promise<Joined & { snapshot: Snapshot }> {
  const joined = await api(base, 'POST', '/api/join', { code: s.session.code });
  expect(joined.status).toBe(200);
  return joined.body;
}

/** A session on the wall with its console, and a phone that joined and connected holding its join's snapshot. */
async function phoneOnTheWall(base: string) {
  const s = await startSession(base);
  const fac = await facilitator(base, s);
  expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
  const joined = await join(base, s);
  const { first, socket } = await reconnect(base, s, joined.token, joined.snapshot.seq);
  /** What the phone received after that, in order. */
  const received: string[] = [];
  socket.on('snapshot', (snapshot) => received.push(`snapshot ${snapshot.seq}`));
  socket.on('event', (event) => received.push(`${event.type} ${event.seq}`));
  return { s, fac, joined, first, socket, received };
}

describe('a phone that already holds its view', () => {
  let oogst: Running;
  beforeAll(async () => {
    oogst = await startOogst();
  });
  afterAll(async () => {
    await oogst?.stop();
  });

  it('gets `current` after its join answer, however many others joined since, and then works as usual', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    const joined = await join(oogst.url, s);
    // Others joining and posting on the wall is nothing this phone sees.
    const other = await participant(oogst.url, s);
    expect((await other.send('wall.post', { column: 'klaagmuur', text: 'Van een ander' }, 'muur')).ok).toBe(true);

    const before = Date.now();
    const { first, socket } = await reconnect(oogst.url, s, joined.token, joined.snapshot.seq);
    expect(first).toMatchObject({ kind: 'current', seq: joined.snapshot.seq });
    expect((first as { serverTime: number }).serverTime).toBeGreaterThanOrEqual(before);

    // Its own note comes back as an event, as on any connection.
    const own = new Promise((resolve) => socket.on('event', (event) => event.type === 'wall.note-posted' && resolve(event)));
    const ack = await socket.timeout(5_000).emitWithAck('command', { id: 'eigen-1', type: 'wall.post', stepId: 'muur', payload: { column: 'jubelmuur', text: 'Van mij' } });
    expect(ack.ok).toBe(true);
    expect(await own).toMatchObject({ id: 'eigen-1', seq: (ack as { seq: number }).seq });
    socket.disconnect();
    other.close();
    fac.close();
  });

  it('gets a snapshot when the room moved on after its join answer', async () => {
    const s = await startSession(oogst.url);
    const fac = await facilitator(oogst.url, s);
    const joined = await join(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);

    const { first, socket } = await reconnect(oogst.url, s, joined.token, joined.snapshot.seq);
    expect(first.kind).toBe('snapshot');
    const { snapshot } = first as { snapshot: Snapshot };
    expect(snapshot.state.steps[snapshot.state.current]!.id).toBe('muur');
    socket.disconnect();
    fac.close();
  });

  it('gets a snapshot after missing something of its own while away, and `current` when it missed nothing', async () => {
    const { s, fac, joined, socket } = await phoneOnTheWall(oogst.url);
    const ack = await socket.timeout(5_000).emitWithAck('command', { id: 'weg-1', type: 'wall.post', stepId: 'muur', payload: { column: 'klaagmuur', text: 'Voor het slot' } });
    expect(ack.ok).toBe(true);
    const held = (ack as { seq: number }).seq;
    socket.disconnect();

    // Away with nothing new for it: another phone's note does not count.
    const other = await participant(oogst.url, s);
    expect((await other.send('wall.post', { column: 'klaagmuur', text: 'Ander briefje' }, 'muur')).ok).toBe(true);
    const quiet = await reconnect(oogst.url, s, joined.token, held);
    expect(quiet.first.kind).toBe('current');
    quiet.socket.disconnect();

    // Away while the facilitator hid its note: that reached its own room, so it needs the whole view again.
    const note = (fac.state!.stepStates.muur!.data as WallData).notes.find((n) => n.text === 'Voor het slot')!;
    expect((await fac.send('wall.hide', { noteId: note.id, hidden: true }, 'muur')).ok).toBe(true);
    const back = await reconnect(oogst.url, s, joined.token, held);
    expect(back.first.kind).toBe('snapshot');
    const notes = ((back.first as { snapshot: Snapshot }).snapshot.state.stepStates.muur!.data as WallData).notes;
    expect(notes.find((n) => n.id === note.id)?.hidden).toBe(true);
    back.socket.disconnect();
    other.close();
    fac.close();
  });

  it('gets a snapshot for a seq it cannot vouch for: ahead of the server, or from before the server loaded the session', async () => {
    const s = await startSession(oogst.url);
    const joined = await join(oogst.url, s);
    const ahead = await reconnect(oogst.url, s, joined.token, joined.snapshot.seq + 5);
    expect(ahead.first.kind).toBe('snapshot');
    ahead.socket.disconnect();
    // Without a seq (an older page, the console's tests): a snapshot, as before.
    const none = await reconnect(oogst.url, s, joined.token);
    expect(none.first.kind).toBe('snapshot');
    none.socket.disconnect();

    // The room moves on while the phone is away, then the server restarts: it knows nothing of what it
    // sent before, so it cannot tell whether the phone missed the step change, and sends a snapshot.
    const fac = await facilitator(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'droom' })).ok).toBe(true);
    fac.close();
    await oogst.stop(true);
    oogst = await startOogst({ dataDir: oogst.dataDir });
    const restarted = await reconnect(oogst.url, s, joined.token, joined.snapshot.seq);
    expect(restarted.first.kind).toBe('snapshot');
    expect((restarted.first as { snapshot: Snapshot }).snapshot.state.steps[(restarted.first as { snapshot: Snapshot }).snapshot.state.current]!.id).toBe('droom');
    restarted.socket.disconnect();
  });

  it('gets a snapshot after a reveal it missed, also when the room went on after it', async () => {
    const { s, fac, joined, first, socket, received } = await phoneOnTheWall(oogst.url);
    expect(first.kind).toBe('current');
    // A reveal (of any step, here the open questions) reaches phones as a fresh snapshot, and the timer after it as an event, in that order.
    const [revealed, timed] = await Promise.all([
      fac.send('step.reveal', { revealed: true }, 'droom'),
      fac.send('timer.start', { seconds: 300 }, 'muur'),
    ]);
    expect(revealed.ok && timed.ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(received.map((r) => r.split(' ')[0])).toEqual(['snapshot', 'timer.started']);
    socket.disconnect();

    // Away while the facilitator takes the reveal back: it holds the timer's seq, and is sent the whole view.
    expect((await fac.send('step.reveal', { revealed: false }, 'droom')).ok).toBe(true);
    const back = await reconnect(oogst.url, s, joined.token, (timed as { seq: number }).seq);
    expect(back.first.kind).toBe('snapshot');
    expect((back.first as { snapshot: Snapshot }).snapshot.state.stepStates.droom!.revealed).toBe(false);
    back.socket.disconnect();
    fac.close();
  });

  it('sends a reveal’s snapshot before what came after it, when events are applied together (learnt from another server)', async () => {
    const { s, fac, first, socket, received } = await phoneOnTheWall(oogst.url);
    expect(first.kind).toBe('current');
    // As another server would: two events in the log, which this one then reads and applies in one go.
    const seq = fac.state!.seq;
    const at = Date.now();
    const actor = { role: 'facilitator' as const };
    await oogst.store.appendEvent(s.session.id, { id: 'elders-1', seq: seq + 1, type: 'step.revealed', stepId: 'muur', actor, payload: { revealed: true }, at });
    await oogst.store.appendEvent(s.session.id, { id: 'elders-2', seq: seq + 2, type: 'timer.started', stepId: 'muur', actor, payload: { seconds: 300 }, at });
    await oogst.app.oogst.hub.learn(s.session.id);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The reveal's snapshot goes out as the reveal is applied, before the timer's event: a phone that
    // holds the timer's seq always has the reveal too (else it would pass for current without it).
    expect(received).toEqual([`snapshot ${seq + 1}`, `timer.started ${seq + 2}`]);
    socket.disconnect();
    fac.close();
  });

  it('refuses a seq that is not a whole number like any bad handshake', async () => {
    const s = await startSession(oogst.url);
    const joined = await join(oogst.url, s);
    await expect(reconnect(oogst.url, s, joined.token, -1)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
    await expect(reconnect(oogst.url, s, joined.token, 1.5)).rejects.toMatchObject({ data: { code: 'unauthorized' } });
  });
});
