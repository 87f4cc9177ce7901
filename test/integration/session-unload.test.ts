/**
 * A loaded session that no view on this server watches is let go after the idle
 * time (OOGST_SESSION_UNLOAD_MINUTES; the test asks as if a minute had passed) and loaded from
 * the log again when used: the same snapshot, joins and commands carry on where
 * they were. A session with a console, screen, phone or feed connected is kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallData } from '../../kinds/wall/model.js';
import { FeedClient } from '../helpers/feed-client.js';
import { api, facilitator, participant, startOogst, startSession, type Running, type StartedSession } from '../helpers/oogst.js';
import { until } from '../helpers/wait.js';

/** A minute and a bit later each time (the idle time is one minute): the hub is asked what it would let go then. */
let clock = Date.now();
const later = () => (clock = Math.max(clock, Date.now()) + 61_000);

describe('unloading idle sessions', () => {
  let oogst: Running;
  let s: StartedSession;

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_SESSION_UNLOAD_MINUTES: '1' } });
    s = await startSession(oogst.url);
  });
  afterAll(() => oogst?.stop());

  const hub = () => oogst.app.oogst.hub;

  it('keeps a session while a view is connected, lets it go once none is, and reloads it as it was', async () => {
    const fac = await facilitator(oogst.url, s);
    const phone = await participant(oogst.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    expect((await phone.send('wall.post', { column: 'klaagmuur', text: 'Wachtlijsten zijn te lang' }, 'muur')).ok).toBe(true);
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 1, 5000, 'the note on the console');

    // Watched: kept, however long it sits.
    hub().unloadIdle(later());
    expect(hub().has(s.session.id)).toBe(true);
    phone.close();
    hub().unloadIdle(later());
    expect(hub().has(s.session.id)).toBe(true);

    const before = fac.state;
    fac.close();
    await until(() => !hub().viewed(s.session.id), 5000, 'the console to leave');
    expect(hub().unloadIdle(later())).toBeGreaterThanOrEqual(1);
    expect(hub().has(s.session.id)).toBe(false);

    // Used again: loaded from the log, the same state, and commands carry on in order.
    const back = await facilitator(oogst.url, s);
    expect(hub().has(s.session.id)).toBe(true);
    expect(back.state).toEqual(before);
    const again = await participant(oogst.url, s, phone.identity.token);
    expect(again.identity.participantId).toBe(phone.identity.participantId);
    const posted = await again.send('wall.post', { column: 'jubelmuur', text: 'De buurt helpt mee' }, 'muur');
    expect(posted).toMatchObject({ ok: true, seq: before!.seq + 1 });
    await back.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 2, 5000, 'the second note on the console');
    const fresh = await participant(oogst.url, s);
    expect(fresh.identity.participantId).not.toBe(phone.identity.participantId);
    back.close();
    again.close();
    fresh.close();
  });

  it('keeps a session while a live feed is connected', async () => {
    const watched = await startSession(oogst.url);
    const created = await api(oogst.url, 'POST', `/api/sessions/${watched.session.id}/feed-keys`, { label: 'Overlay' }, watched.arena.key);
    expect(created.status).toBe(201);
    const feed = new FeedClient(created.body.url);
    await feed.until((f) => f.state !== undefined, 5000, 'the feed snapshot');
    hub().unloadIdle(later());
    expect(hub().has(watched.session.id)).toBe(true);
    feed.close();
    await until(() => !hub().viewed(watched.session.id), 5000, 'the feed to close');
    hub().unloadIdle(later());
    expect(hub().has(watched.session.id)).toBe(false);
  });

  it('unloads a session only loaded for a request (a join never connected, a harvest) and answers the same after', async () => {
    const other = await startSession(oogst.url);
    const harvest = async () => (await fetch(`${oogst.url}/api/sessions/${other.session.id}/harvest.json`, { headers: { authorization: `Bearer ${other.arena.key}` } })).text();
    const joined = await api(oogst.url, 'POST', '/api/join', { code: other.session.code });
    expect(joined.status).toBe(200);
    expect(hub().has(other.session.id)).toBe(true);
    const first = await harvest();
    hub().unloadIdle(later());
    expect(hub().has(other.session.id)).toBe(false);
    expect(await harvest()).toBe(first);
    const rejoined = await api(oogst.url, 'POST', '/api/join', { code: other.session.code, token: joined.body.token });
    expect(rejoined.body).toMatchObject({ participantId: joined.body.participantId, snapshot: { seq: joined.body.snapshot.seq } });
  });
});
