/**
 * The live feed against the real server, with plain `ws` clients beside a real
 * screen, console and phones: keys only the facilitator makes, exactly the
 * screen's messages (nothing hidden, nothing private), resume, revocation.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FEED_CLOSE } from '../../core/feed.js';
import type { Ack } from '../../core/protocol.js';
import type { InterviewData } from '../../kinds/interview/model.js';
import type { WallData } from '../../kinds/wall/model.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';
import { FeedClient } from '../helpers/feed-client.js';

type Phone = Awaited<ReturnType<typeof participant>>;
const ok = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);
const wall = (state: { stepStates: Record<string, { data: unknown }> } | undefined) => state!.stepStates.muur!.data as WallData;

describe('the live feed', () => {
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  let phones: Phone[];
  const feeds: FeedClient[] = [];
  const keysPath = (sessionId = s.session.id) => `/api/sessions/${sessionId}/feed-keys`;
  const createKey = async (label = 'Overlay', session = s) => {
    const created = await api(oogst.url, 'POST', keysPath(session.session.id), { label }, session.arena.key);
    expect(created.status).toBe(201);
    return created.body as { id: string; key: string; url: string };
  };
  const open = (url: string, headers?: Record<string, string>) => {
    const feed = new FeedClient(url, headers ? { headers } : {});
    feeds.push(feed);
    return feed;
  };
  const feedBase = () => `${oogst.url.replace('http', 'ws')}/api/sessions/${s.session.id}/feed`;

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000', OOGST_COMMANDS_PER_SECOND: '1000', OOGST_MAX_FEED_CONNECTIONS: '4', OOGST_FEED_BUFFER_BYTES: '65536' } });
    s = await startSession(oogst.url);
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    phones = [];
    for (let i = 0; i < 3; i++) phones.push(await participant(oogst.url, s));
  });
  // Each test starts without feeds: the session allows four.
  afterEach(async () => {
    for (const f of feeds.splice(0)) {
      f.socket.terminate();
      await f.closedWith();
    }
  });
  afterAll(async () => {
    for (const v of [fac, scr, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
  });

  it('gives keys to the facilitator only, shows each key once and stores no key', async () => {
    expect((await api(oogst.url, 'POST', keysPath(), { label: 'x' })).status).toBe(401);
    expect((await api(oogst.url, 'POST', keysPath(), { label: 'x' }, s.screenKey)).status).toBe(401);
    expect((await api(oogst.url, 'POST', keysPath(), { label: 'x'.repeat(61) }, s.arena.key)).status).toBe(400);
    const created = await createKey('Tweede scherm');
    expect(created.url).toBe(`${feedBase()}?key=${created.key}`);
    const list = await api(oogst.url, 'GET', keysPath(), undefined, s.arena.key);
    expect(list.body).toEqual([{ id: created.id, label: 'Tweede scherm', createdAt: expect.any(Number), revokedAt: null }]);
    expect(JSON.stringify(await oogst.store.listFeedKeys(s.session.id))).not.toContain(created.key);
    expect((await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/feed`)).status).toBe(426);
  });

  it('refuses a missing, wrong or foreign key, an unknown session and bad parameters, with a close code', async () => {
    const { key } = await createKey();
    const other = await startSession(oogst.url);
    const foreign = await createKey('Ander', other);
    const cases: [string, number][] = [
      [feedBase(), FEED_CLOSE.unauthorized],
      [`${feedBase()}?key=${'x'.repeat(32)}`, FEED_CLOSE.unauthorized],
      [`${feedBase()}?key=${foreign.key}`, FEED_CLOSE.unauthorized],
      [`${oogst.url.replace('http', 'ws')}/api/sessions/nope/feed?key=${key}`, FEED_CLOSE.notFound],
      [`${feedBase()}?key=${key}&after=drie`, FEED_CLOSE.invalid],
      [`${feedBase()}?key=${key}&extra=1`, FEED_CLOSE.invalid],
    ];
    for (const [url, code] of cases) {
      const feed = open(url);
      expect((await feed.closedWith()).code, url).toBe(code);
      expect(feed.messages).toEqual([]);
    }
  });

  it('starts with the screen’s snapshot, then sends exactly the screen’s events with their seqs', async () => {
    const { key } = await createKey();
    const byHeader = open(feedBase(), { authorization: `Bearer ${key}` });
    const byQuery = open(`${feedBase()}?key=${key}`);
    await byHeader.until((f) => f.state !== undefined, 5000, 'snapshot');
    await byQuery.until((f) => f.state !== undefined, 5000, 'snapshot');
    const from = byHeader.seq;
    expect(byHeader.messages[0]).toMatchObject({ v: 1, type: 'snapshot', seq: scr.state!.seq, join: { code: s.session.code } });
    expect(byHeader.state).toEqual(scr.state);
    // Presenter notes are the console's alone.
    expect(JSON.stringify(fac.state)).toContain('Heet iedereen welkom');
    expect(JSON.stringify(byHeader.messages)).not.toContain('Heet iedereen welkom');

    expect(ok(await fac.send('session.goto', { stepId: 'droom' }))).toBe('accepted');
    expect(ok(await phones[0]!.send('open.answer', { questionId: 'droom', text: 'Een vaste plek om op adem te komen' }, 'droom'))).toBe('accepted');
    expect(ok(await fac.send('step.reveal', { revealed: true }, 'droom'))).toBe('accepted');
    await byHeader.until((f) => JSON.stringify(f.state).includes('vaste plek'), 5000, 'revealed answers');
    // A reveal changes what may be seen of everything already posted: a fresh snapshot, as the screen gets.
    expect(byHeader.messages.at(-1)!.type).toBe('snapshot');

    expect(ok(await fac.send('session.goto', { stepId: 'muur' }))).toBe('accepted');
    for (const [i, text] of ['Lange wachtlijsten', 'Het mantelzorgcafé loopt goed', 'Die wethouder is een idioot'].entries())
      expect(ok(await phones[i]!.send('wall.post', { column: i === 1 ? 'jubelmuur' : 'klaagmuur', text }, 'muur'))).toBe('accepted');
    const improper = await fac.until((v) => wall(v.state).notes.length === 3, 5000, 'notes').then(() => wall(fac.state).notes[2]!);
    expect(ok(await fac.send('wall.hide', { noteId: improper.id, hidden: true }, 'muur'))).toBe('accepted');
    await scr.until((v) => v.state!.seq === fac.state!.seq, 5000, 'screen caught up');
    await byHeader.until((f) => f.seq === fac.state!.seq, 5000, 'feed caught up');
    await byQuery.until((f) => f.seq === fac.state!.seq, 5000, 'feed caught up');

    const screenEvents = scr.events.filter((e) => e.seq > from);
    for (const feed of [byHeader, byQuery]) {
      expect(feed.events).toEqual(screenEvents);
      expect(feed.messages.filter((m) => m.type === 'event').every((m) => m.type === 'event' && m.seq === m.event.seq)).toBe(true);
      expect(feed.state).toEqual(scr.state);
      expect(wall(feed.state).notes.map((n) => n.text)).toEqual(['Lange wachtlijsten', 'Het mantelzorgcafé loopt goed']);
    }
    const everything = JSON.stringify(byHeader.messages);
    for (const p of phones) {
      expect(everything).not.toContain(p.identity.participantId);
      expect(everything).not.toContain(p.identity.token);
    }
    // A feed that connects now never sees the hidden note.
    const late = open(`${feedBase()}?key=${key}`);
    await late.until((f) => f.state !== undefined, 5000, 'snapshot');
    expect(JSON.stringify(late.messages)).not.toContain('idioot');
    expect(late.state).toEqual(scr.state);
  });

  it('never carries interview notes that were not shared', async () => {
    const own = await startSession(oogst.url, 'waarderend-veranderen');
    const ownFac = await facilitator(oogst.url, own);
    const ownScreen = await screen(oogst.url, own);
    const pair = [await participant(oogst.url, own), await participant(oogst.url, own)];
    const { key } = await createKey('Archief', own);
    const feed = open(`${oogst.url.replace('http', 'ws')}/api/sessions/${own.session.id}/feed?key=${key}`);
    try {
      await feed.until((f) => f.state !== undefined, 5000, 'snapshot');
      await ownFac.until((v) => v.presence === 2, 5000, 'two phones');
      expect(ok(await ownFac.send('session.goto', { stepId: 'interviews' }))).toBe('accepted');
      expect(ok(await ownFac.send('interview.pair', {}, 'interviews'))).toBe('accepted');
      await ownFac.until((v) => (v.state!.stepStates.interviews!.data as InterviewData).pairs.length === 1, 5000, 'a pair');
      const [made] = (ownFac.state!.stepStates.interviews!.data as InterviewData).pairs;
      const asker = pair.find((p) => p.identity.participantId === made!.members[made!.interviewer]!.id)!;
      const note = { pairId: made!.id, about: made!.interviewee, story: 'Samen een weekplan gemaakt', strengths: 'Luisteren', conditions: 'Vaste contactpersoon' };
      expect(ok(await asker.send('interview.note', note, 'interviews'))).toBe('accepted');
      expect(ok(await ownFac.send('timer.start', { seconds: 60 }, 'interviews'))).toBe('accepted');
      await feed.until((f) => f.state!.timer !== null, 5000, 'the event after the note');
      await ownScreen.until((v) => v.state!.seq === ownFac.state!.seq, 5000, 'screen caught up');
      expect(feed.state).toEqual(ownScreen.state);
      const everything = JSON.stringify(feed.messages);
      for (const text of ['weekplan', 'Luisteren', 'Vaste contactpersoon', ...pair.flatMap((p) => [p.identity.participantId, p.identity.pseudonym])])
        expect(everything).not.toContain(text);
    } finally {
      for (const v of [ownFac, ownScreen, ...pair]) v.close();
    }
  });

  it('resumes after a seq with the missed public events, or a snapshot when something was moderated in between', async () => {
    const { key } = await createKey();
    const first = open(`${feedBase()}?key=${key}`);
    await first.until((f) => f.state !== undefined, 5000, 'snapshot');
    first.close();
    await first.closedWith();
    const after = first.seq;
    expect(ok(await phones[0]!.send('wall.post', { column: 'jubelmuur', text: 'Buurtteam is bereikbaar' }, 'muur'))).toBe('accepted');
    expect(ok(await phones[1]!.send('wall.post', { column: 'klaagmuur', text: 'Te weinig respijtzorg' }, 'muur'))).toBe('accepted');

    const resumed = open(`${feedBase()}?key=${key}&after=${after}`);
    await resumed.until((f) => f.events.length === 2, 5000, 'missed events');
    expect(resumed.messages[0]).toEqual({ v: 1, type: 'resumed', seq: after });
    expect(resumed.events.map((e) => (e.payload as { text: string }).text)).toEqual(['Buurtteam is bereikbaar', 'Te weinig respijtzorg']);
    expect(resumed.events).toEqual(scr.events.filter((e) => e.seq > after));
    // Then live ones.
    expect(ok(await phones[2]!.send('wall.post', { column: 'jubelmuur', text: 'Goede huisarts' }, 'muur'))).toBe('accepted');
    await resumed.until((f) => f.events.length === 3, 5000, 'live event');
    resumed.close();
    await resumed.closedWith();

    // A note posted and hidden while away: a snapshot without it, never the post.
    const since = resumed.seq;
    expect(ok(await phones[0]!.send('wall.post', { column: 'klaagmuur', text: 'Scheldwoord hier' }, 'muur'))).toBe('accepted');
    const posted = await fac.until((v) => wall(v.state).notes.some((n) => n.text === 'Scheldwoord hier'), 5000, 'note').then(
      () => wall(fac.state).notes.find((n) => n.text === 'Scheldwoord hier')!,
    );
    expect(ok(await fac.send('wall.hide', { noteId: posted.id, hidden: true }, 'muur'))).toBe('accepted');
    const moderated = open(`${feedBase()}?key=${key}&after=${since}`);
    await moderated.until((f) => f.messages.length > 0, 5000, 'first message');
    expect(moderated.messages[0]!.type).toBe('snapshot');
    expect(JSON.stringify(moderated.messages)).not.toContain('Scheldwoord');
    moderated.close();
    await moderated.closedWith();

    // Events committed while a resume reads the log arrive live too: each is sent once, in order.
    expect(ok(await fac.send('timer.start', { seconds: 600 }, 'muur'))).toBe('accepted');
    await scr.until((v) => v.state!.seq === fac.state!.seq, 5000, 'screen caught up');
    const busyFrom = scr.state!.seq;
    const loadEvents = oogst.store.loadEvents.bind(oogst.store);
    let readLog!: () => void;
    const slowRead = new Promise<void>((resolve) => (readLog = resolve));
    oogst.store.loadEvents = async (...args) => slowRead.then(() => loadEvents(...args));
    try {
      await expect.poll(() => oogst.app.oogst.feeds.count(s.session.id)).toBe(0);
      const busy = open(`${feedBase()}?key=${key}&after=${busyFrom}`);
      await expect.poll(() => oogst.app.oogst.feeds.count(s.session.id)).toBe(1);
      const extensions = await Promise.all(Array.from({ length: 30 }, () => fac.send('timer.add', { seconds: 60 })));
      expect(extensions.map(ok)).toEqual(Array(30).fill('accepted'));
      readLog();
      await busy.until((f) => f.seq === fac.state!.seq, 5000, 'all extensions');
      expect(busy.messages[0]).toEqual({ v: 1, type: 'resumed', seq: busyFrom });
      expect(busy.events).toEqual(scr.events.filter((e) => e.seq > busyFrom));
      expect(busy.events.map((e) => e.seq)).toEqual(Array.from({ length: 30 }, (_, i) => busyFrom + 1 + i));
      busy.close();
    } finally {
      oogst.store.loadEvents = loadEvents;
    }

    for (const far of [0, 10_000]) {
      const fresh = open(`${feedBase()}?key=${key}&after=${far}`);
      await fresh.until((f) => f.messages.length > 0, 5000, 'first message');
      expect(fresh.messages[0]!.type).toBe('snapshot');
      fresh.close();
      await fresh.closedWith();
    }
  });

  it('ends the connections of a revoked key at once and refuses the key after; other keys keep going', async () => {
    const revokedKey = await createKey('Archief');
    const keptKey = await createKey('Overlay');
    const doomed = open(`${feedBase()}?key=${revokedKey.key}`);
    const kept = open(`${feedBase()}?key=${keptKey.key}`);
    await doomed.until((f) => f.state !== undefined, 5000, 'snapshot');
    await kept.until((f) => f.state !== undefined, 5000, 'snapshot');
    expect((await api(oogst.url, 'DELETE', `${keysPath()}/${revokedKey.id}`, undefined, s.screenKey)).status).toBe(401);
    expect((await api(oogst.url, 'DELETE', `${keysPath()}/${revokedKey.id}`, undefined, s.arena.key)).status).toBe(204);
    expect(await doomed.closedWith()).toEqual({ code: FEED_CLOSE.revoked, reason: 'This feed key was revoked.' });
    expect((await api(oogst.url, 'DELETE', `${keysPath()}/${revokedKey.id}`, undefined, s.arena.key)).status).toBe(404);
    const again = open(`${feedBase()}?key=${revokedKey.key}`);
    expect((await again.closedWith()).code).toBe(FEED_CLOSE.revoked);

    expect(ok(await phones[1]!.send('wall.post', { column: 'jubelmuur', text: 'Nog steeds live' }, 'muur'))).toBe('accepted');
    await kept.until((f) => JSON.stringify(f.events).includes('Nog steeds live'), 5000, 'event after a revoke');
    expect(kept.closed).toBeUndefined();

    // Revoked on another node (straight in the shared store): noticed at the next check.
    await oogst.store.revokeFeedKey(s.session.id, keptKey.id, Date.now());
    await oogst.app.oogst.feeds.check();
    expect((await kept.closedWith()).code).toBe(FEED_CLOSE.revoked);
  });

  it('drops a client that stops reading, with a close code, while the room goes on', async () => {
    // Long notes make each snapshot ~20 kB, so fewer are needed to fill the kernel's buffers.
    for (const p of phones) while ((await p.send('wall.post', { column: 'klaagmuur', text: 'Wachtlijst '.repeat(45) }, 'muur')).ok);
    const { key } = await createKey('Traag');
    const slow = open(`${feedBase()}?key=${key}`);
    await slow.until((f) => f.state !== undefined, 5000, 'snapshot');
    const tcp = (slow.socket as unknown as { _socket: { pause(): void; resume(): void } })._socket;
    tcp.pause();
    // Each reveal (of the open questions: a wall holds nothing back) sends a whole snapshot; once the kernel's buffers are full they pile up in the server.
    let toggles = 0;
    while (oogst.app.oogst.feeds.count(s.session.id) > 0 && toggles < 4000)
      expect(ok(await fac.send('step.reveal', { revealed: toggles++ % 2 === 0 }, 'droom'))).toBe('accepted');
    expect(oogst.app.oogst.feeds.count(s.session.id)).toBe(0);
    console.log(`feed: a paused client was dropped after ${toggles} snapshots`);
    // The room did not wait, and the dropped client gets nothing more.
    expect(ok(await fac.send('timer.start', { seconds: 300 }, 'muur'))).toBe('accepted');
    await scr.until((v) => v.state!.timer?.durationMs === 300_000, 5000, 'timer on the screen');
    tcp.resume();
    expect((await slow.closedWith()).code).toBe(FEED_CLOSE.tooSlow);
    expect(slow.events.map((e) => e.type)).not.toContain('timer.started');
  });

  it('ends feeds with "going away" when the server stops, so clients reconnect elsewhere', async () => {
    const other = await startOogst();
    try {
      const own = await startSession(other.url);
      const created = await api(other.url, 'POST', `/api/sessions/${own.session.id}/feed-keys`, {}, own.arena.key);
      const feed = open(created.body.url);
      await feed.until((f) => f.state !== undefined, 5000, 'snapshot');
      await other.stop();
      expect((await feed.closedWith()).code).toBe(1001);
    } finally {
      await other.stop().catch(() => {});
    }
  });

  it('allows a bounded number of feed connections per session', async () => {
    const own = await startSession(oogst.url);
    const { key } = await createKey('Veel', own);
    const url = `${oogst.url.replace('http', 'ws')}/api/sessions/${own.session.id}/feed?key=${key}`;
    const allowed = [1, 2, 3, 4].map(() => open(url));
    for (const f of allowed) await f.until((x) => x.state !== undefined, 5000, 'snapshot');
    const extra = open(url);
    expect((await extra.closedWith()).code).toBe(FEED_CLOSE.full);
    allowed[0]!.close();
    await allowed[0]!.closedWith();
    await expect.poll(() => oogst.app.oogst.feeds.count(own.session.id)).toBe(3);
    const room = open(url);
    await room.until((f) => f.state !== undefined, 5000, 'snapshot after one left');
  });
});
