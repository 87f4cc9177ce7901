/**
 * The recap across two sessions of an arena, against the real server and a SQLite file:
 * in session 1 phones propose actions and the group chooses with a vote, a small win is
 * registered and phones answer "Wat ga je morgen anders doen?"; session 2, planned before
 * session 1 ran, opens on its recap step and shows all of it, part by part, on every view
 * and in its harvest.
 */
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import { recapOf, type RecapData } from '../../kinds/recap/model.js';
import { api, facilitator, participant, } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';
import { dataOf } from '../helpers/step-data.js';

const FIRST = `id: eerste
title: Eerste
language: nl
steps:
  - id: acties
    kind: action
    title: Verbeteracties
  - id: kiezen
    kind: vote
    title: Kiezen
    from: acties
    dots: 1
    choose: 1
  - id: wins
    kind: smallwin
    title: Small wins
  - id: terugblik
    kind: open
    title: Terugblik
    questions:
      - id: morgen
        text: Wat ga je morgen anders doen?
`;
const NEXT = `id: volgende
title: Volgende
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
  - id: waar
    kind: recap
    title: Waar staan we?
`;

const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('the recap across two sessions of an arena', () => {
  const arenaRun = scriptedArena({ eerste: FIRST, volgende: NEXT });
  const { track } = arenaRun;
  const { newSession } = arenaRun;

  it('opens meeting 2 on what meeting 1 chose, registered and meant to do differently', async () => {
    // Planned before meeting 1 ran: what it carries is worked out again when the room reaches the recap.
    const two = await newSession('volgende', 'Bijeenkomst 2');
    const one = await newSession('eerste', 'Bijeenkomst 1');
    const fac = track(await facilitator(arenaRun.url, one));
    const [a, b] = [track(await participant(arenaRun.url, one)), track(await participant(arenaRun.url, one))];
    expect(result(await a.send('action.propose', { what: 'Koffie-ochtend', target: 'Mantelzorgers komen eerder' }, 'acties'))).toBe('accepted');
    expect(result(await b.send('action.propose', { what: 'Spreekuur in de bibliotheek' }, 'acties'))).toBe('accepted');
    expect(result(await fac.send('step.reveal', { revealed: true }, 'acties'))).toBe('accepted');
    expect(result(await fac.send('session.goto', { stepId: 'kiezen' }))).toBe('accepted');
    await b.until((v) => v.state!.current === 1, 5000, 'phone on the vote');
    const koffie = (fac.state!.stepStates.acties!.data as { actions: { id: string; what: string }[] }).actions.find((x) => x.what === 'Koffie-ochtend')!;
    for (const p of [a, b]) expect(result(await p.send('vote.place', { itemId: koffie.id, dots: 1 }, 'kiezen'))).toBe('accepted');
    expect(result(await fac.send('session.goto', { stepId: 'wins' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 2, 5000, 'phone on the small wins');
    expect(result(await a.send('smallwin.register', { title: 'Buurtkamer open', result: 'Elke dinsdag koffie', candidate: false }, 'wins'))).toBe('accepted');
    expect(result(await fac.send('session.goto', { stepId: 'terugblik' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 3, 5000, 'phone on the reflection');
    expect(result(await a.send('open.answer', { questionId: 'morgen', text: 'Ik bel mijn buurvrouw' }, 'terugblik'))).toBe('accepted');
    expect(result(await b.send('open.answer', { questionId: 'morgen', text: 'Eerder vragen wat iemand nodig heeft' }, 'terugblik'))).toBe('accepted');

    const fac2 = track(await facilitator(arenaRun.url, two));
    const c = track(await participant(arenaRun.url, two));
    expect(recapOf(fac2.state!.arenaContext).parts).toEqual([]);
    expect(result(await fac2.send('session.goto', { stepId: 'waar' }))).toBe('accepted');
    await c.until((v) => v.state!.current === 1 && recapOf(v.state!.arenaContext).parts.length > 0, 5000, 'the recap on the phone');
    const recap = recapOf(fac2.state!.arenaContext);
    expect(recap.since).toMatchObject({ id: one.session.id, title: 'Bijeenkomst 1' });
    expect(recap.parts.map((p) => [p.id, p.items.map((i) => i.text)])).toEqual([
      ['action', ['Koffie-ochtend']],
      ['smallwin', ['Buurtkamer open']],
      ['open', ['Ik bel mijn buurvrouw', 'Eerder vragen wat iemand nodig heeft']],
    ]);
    expect(recap.parts[0]!.items[0]!.badge).toBe('Voorgesteld');

    // Part by part: a phone may not, the facilitator may; every view follows.
    expect(result(await c.send('recap.show', { partId: 'action' }, 'waar'))).toBe('forbidden');
    expect(result(await fac2.send('recap.show', { partId: 'logbook' }, 'waar'))).toBe('not-found');
    for (const part of ['action', 'open']) expect(result(await fac2.send('recap.show', { partId: part }, 'waar'))).toBe('accepted');
    await c.until((v) => dataOf<RecapData>(v.state!.stepStates.waar).current === 'open', 5000, 'the phone follows');
    expect(dataOf<RecapData>(c.state!.stepStates.waar).shown).toEqual(['action', 'open']);

    const md = String((await api(arenaRun.url, 'GET', `/api/sessions/${two.session.id}/harvest.md`, undefined, arenaRun.arena.key)).body);
    expect(md).toMatch(/Sinds de vorige bijeenkomst: Bijeenkomst 1[\s\S]*Onze acties en experimenten[\s\S]*Koffie-ochtend \(Voorgesteld\)[\s\S]*Ik bel mijn buurvrouw/);
    // Shown is what the verslag records: the small wins stayed on the console.
    expect(md).not.toContain('Buurtkamer open');

    // The arena's export carries what the room was shown: imported again, the verslag is the same.
    const file = (await api(arenaRun.url, 'GET', `/api/arenas/${arenaRun.arena.id}/export.json`, undefined, arenaRun.arena.key)).body;
    arenaRun.closeViews();
    expect((await api(arenaRun.url, 'DELETE', `/api/arenas/${arenaRun.arena.id}`, undefined, arenaRun.arena.key)).status).toBeLessThan(300);
    const imported = await api(arenaRun.url, 'POST', '/api/arenas/import', file);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const again = await api(arenaRun.url, 'GET', `/api/sessions/${two.session.id}/harvest.md`, undefined, imported.body.key);
    expect(String(again.body)).toBe(md);
  });
});
