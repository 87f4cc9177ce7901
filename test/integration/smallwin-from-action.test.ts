/**
 * An action becomes a small-win candidate, against the real server: chosen in meeting 1,
 * updated in meeting 2, registered from the console in meeting 3 from the offer its
 * arena context carries. The arena's small wins and the Markdown harvest show where it
 * came from, with the action's dated history before the win's own trajectory, and a
 * fourth meeting carries the win with its origin among the earlier wins. A phone
 * registers from an offer the same way, and the server refuses an offer it does not carry;
 * the screen, which registers nothing, is given no offers.
 */
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { SmallwinContext } from '../../kinds/smallwin/model.js';
import { actionThroughTwoMeetings, ACTION_TO_WIN, meetingOnWins } from '../helpers/action-to-win.js';
import { api, participant, screen } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';

const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('a small win from an action', () => {
  const arenaRun = scriptedArena({ traject: ACTION_TO_WIN });

  it('registers an action chosen in meeting 1 and updated in meeting 2 as a candidate in meeting 3, keeping its history', async () => {
    const { one, lunch, fac3 } = await actionThroughTwoMeetings(arenaRun);
    const offers = (fac3.state!.arenaContext.smallwin as SmallwinContext).offers ?? [];
    expect(offers.map((o) => [o.kind, o.sessionId, o.id, o.title])).toEqual([['action', one.session.id, lunch.id, 'Buurtlunch elke maand']]);
    const from = { kind: 'action', sessionId: one.session.id, id: lunch.id };
    expect(result(await fac3.send('smallwin.register', { title: 'x', from: { ...from, id: 'onbekend' } }, 'wins'))).toBe('not-found');
    expect(result(await fac3.send('smallwin.register', { title: '', from }, 'wins'))).toBe('accepted');

    const listed = await api(arenaRun.url, 'GET', `/api/arenas/${arenaRun.arena.id}/smallwins`, undefined, arenaRun.arena.key);
    expect(listed.status).toBe(200);
    const [win] = listed.body.wins;
    expect(win).toMatchObject({ title: 'Buurtlunch elke maand', candidate: true, origin: { kind: 'action', title: 'Buurtlunch elke maand' } });
    expect(win.origin.history.map((h: { date: string; text: string }) => [h.date.slice(0, 10), h.text])).toEqual([
      ['2026-03-02', 'Gekozen in Bijeenkomst 1'],
      ['2026-04-06', 'Bijeenkomst 2 — Loopt: Deden: Eerste lunch met twaalf buren'],
    ]);

    // Meeting 4 carries the win with where it came from, to the phones too.
    const { session: four } = await meetingOnWins(arenaRun, 'Bijeenkomst 4', '2026-06-08');
    const phone = arenaRun.track(await participant(arenaRun.url, four));
    const [earlier] = (phone.state!.arenaContext.smallwin as SmallwinContext).wins;
    expect(earlier).toMatchObject({ title: 'Buurtlunch elke maand', origin: { kind: 'action', id: lunch.id, title: 'Buurtlunch elke maand' } });
    expect(earlier!.origin!.history.map((h) => h.text)).toEqual(['Gekozen in Bijeenkomst 1', 'Bijeenkomst 2 — Loopt: Deden: Eerste lunch met twaalf buren']);

    const harvest = await api(arenaRun.url, 'GET', `/api/arenas/${arenaRun.arena.id}/harvest.md`, undefined, arenaRun.arena.key);
    expect(harvest.status).toBe(200);
    expect(String(harvest.body)).toMatch(
      /Traject: Buurtlunch elke maand[\s\S]*Voortgekomen uit de actie Buurtlunch elke maand[\s\S]*Gekozen in Bijeenkomst 1[\s\S]*Eerste lunch met twaalf buren[\s\S]*Vastgelegd:/,
    );
  });
});

describe('a small win from an action, registered on a phone', () => {
  const arenaRun = scriptedArena({ traject: ACTION_TO_WIN });

  it('gives the phone the offers as the room may read them, refuses an unknown one and keeps the origin of a known one', async () => {
    const { one, lunch, three } = await actionThroughTwoMeetings(arenaRun);
    const phone = arenaRun.track(await participant(arenaRun.url, three));
    const offers = (phone.state!.arenaContext.smallwin as SmallwinContext).offers ?? [];
    // The action's what and its dated history, as the harvest words them: no author, nothing else.
    expect(offers).toEqual([
      { kind: 'action', sessionId: one.session.id, id: lunch.id, title: 'Buurtlunch elke maand', history: [expect.objectContaining({ text: 'Gekozen in Bijeenkomst 1' }), expect.anything()] },
    ]);
    for (const h of offers[0]!.history) expect(Object.keys(h).sort()).toEqual(['date', 'text']);
    // The screen registers nothing: it gets the earlier wins, not the offers.
    const projector = arenaRun.track(await screen(arenaRun.url, three));
    expect(projector.state!.arenaContext.smallwin).toEqual({ wins: [] });

    const from = { kind: 'action', sessionId: one.session.id, id: lunch.id };
    const unknown = await phone.send('smallwin.register', { title: 'Lunch', from: { ...from, id: 'onbekend' } }, 'wins');
    expect(unknown).toMatchObject({ ok: false, error: 'not-found', message: expect.stringMatching(/No such action/) });
    expect(result(await phone.send('smallwin.register', { title: 'Lunch', from: { ...from, kind: 'vote' } }, 'wins'))).toBe('not-found');
    expect(result(await phone.send('smallwin.register', { title: 'Lunch', from: { ...from, extra: 1 } }, 'wins'))).toBe('invalid');
    expect((phone.state!.stepStates.wins!.data as { wins: unknown[] }).wins).toEqual([]);

    expect(result(await phone.send('smallwin.register', { title: '', from }, 'wins'))).toBe('accepted');
    await phone.until(() => (phone.state!.stepStates.wins!.data as { wins: unknown[] }).wins.length === 1);
    const [win] = (phone.state!.stepStates.wins!.data as { wins: { title: string; candidate: boolean; origin?: { id: string; history: unknown[] } }[] }).wins;
    expect(win).toMatchObject({ title: 'Buurtlunch elke maand', candidate: true, origin: { kind: 'action', id: lunch.id, title: 'Buurtlunch elke maand' } });
    expect(win!.origin!.history).toHaveLength(2);
  });
});
