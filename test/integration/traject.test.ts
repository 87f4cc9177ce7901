/**
 * A traject of three meetings in one arena, against the real server and a SQLite file,
 * as a leer- en verbetertraject runs it: in meeting 1 phones propose actions and the
 * group chooses with a vote, a small win is registered as a candidate and the room says
 * what it will do differently tomorrow; in meeting 2 phones report on the chosen action
 * and the win moves on; meeting 3 opens on the recap of all of it. The arena's harvest
 * tells each action's and each win's history in order in every format, and an export
 * imported again gives the same harvest.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { ActionContext } from '../../kinds/action/model.js';
import { recapOf } from '../../kinds/recap/model.js';
import { earlierWins } from '../../kinds/smallwin/model.js';
import { api, facilitator, participant } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';

const MEETING_1 = `id: traject-1
title: Ambitie en acties
language: nl
steps:
  - { id: acties, kind: action, title: Verbeteracties }
  - { id: kiezen, kind: vote, title: Kiezen, from: acties, dots: 1, choose: 1 }
  - { id: wins, kind: smallwin, title: Small wins }
  - { id: terugblik, kind: open, title: Terugblik, questions: [{ id: morgen, text: Wat ga je morgen anders doen? }] }
`;
const MEETING_2 = `id: traject-2
title: Actie
language: nl
steps:
  - { id: voortgang, kind: action, title: Hoe staan de acties ervoor?, mode: update }
  - { id: wins, kind: smallwin, title: Small wins }
`;
const MEETING_3 = `id: traject-3
title: Monitoren
language: nl
steps:
  - { id: waar, kind: recap, title: Waar staan we? }
`;

const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('a traject of three meetings in one arena', () => {
  const arenaRun = scriptedArena({ 'traject-1': MEETING_1, 'traject-2': MEETING_2, 'traject-3': MEETING_3 });
  const { newSession, track } = arenaRun;
  const harvest = async (format: string, key = arenaRun.arena.key, id = arenaRun.arena.id) => {
    const res = await fetch(`${arenaRun.url}/api/arenas/${id}/harvest.${format}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status, format).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('carries the chosen action and the small win from meeting 1 through meeting 2 to the recap of meeting 3, and into every harvest', async () => {
    // The traject is planned in one go, the last meeting first: what a meeting carries is worked out when the room reaches the step.
    const three = await newSession('traject-3', 'Bijeenkomst 3', '2026-06-02');
    const two = await newSession('traject-2', 'Bijeenkomst 2', '2026-04-07');
    const one = await newSession('traject-1', 'Bijeenkomst 1', '2026-02-03');

    // Meeting 1: propose, choose, register a candidate, say what changes tomorrow.
    const fac1 = track(await facilitator(arenaRun.url, one));
    const [a, b] = [track(await participant(arenaRun.url, one)), track(await participant(arenaRun.url, one))];
    expect(result(await a.send('action.propose', { what: 'Koffie-ochtend in de wijk', who: 'Wijkteam', when: 'na drie maanden', target: 'Mantelzorgers vinden eerder hulp' }, 'acties'))).toBe('accepted');
    expect(result(await b.send('action.propose', { what: 'Spreekuur in de bibliotheek' }, 'acties'))).toBe('accepted');
    expect(result(await fac1.send('step.reveal', { revealed: true }, 'acties'))).toBe('accepted');
    expect(result(await fac1.send('session.goto', { stepId: 'kiezen' }))).toBe('accepted');
    await b.until((v) => v.state!.current === 1, 5000, 'phone on the vote');
    const koffie = (fac1.state!.stepStates.acties!.data as { actions: { id: string; what: string }[] }).actions.find((x) => x.what.startsWith('Koffie'))!;
    for (const p of [a, b]) expect(result(await p.send('vote.place', { itemId: koffie.id, dots: 1 }, 'kiezen'))).toBe('accepted');
    expect(result(await fac1.send('step.reveal', { revealed: true }, 'kiezen'))).toBe('accepted');
    expect(result(await fac1.send('session.goto', { stepId: 'wins' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 2, 5000, 'phone on the small wins');
    expect(result(await a.send('smallwin.register', { title: 'Buurtkamer open', result: 'Een plek om binnen te lopen', candidate: true }, 'wins'))).toBe('accepted');
    expect(result(await fac1.send('session.goto', { stepId: 'terugblik' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 3, 5000, 'phone on the reflection');
    expect(result(await a.send('open.answer', { questionId: 'morgen', text: 'Ik vraag mijn buurvrouw hoe het gaat' }, 'terugblik'))).toBe('accepted');
    expect(result(await fac1.send('step.reveal', { revealed: true }, 'terugblik'))).toBe('accepted');

    // Meeting 2: the chosen action (only that one) and the win arrive; phones report.
    const fac2 = track(await facilitator(arenaRun.url, two));
    const c = track(await participant(arenaRun.url, two));
    expect(result(await fac2.send('session.goto', { stepId: 'voortgang' }))).toBe('accepted');
    await c.until((v) => (v.state!.arenaContext.action as ActionContext | undefined)?.actions.length === 1, 5000, 'the chosen action on the phone');
    const carried = (c.state!.arenaContext.action as ActionContext).actions[0]!;
    expect([carried.what, carried.status]).toEqual(['Koffie-ochtend in de wijk', 'voorgesteld']);
    expect(
      result(await c.send('action.update', { sessionId: carried.session.id, actionId: carried.id, status: 'loopt', did: 'Twee ochtenden gehouden', noticed: 'Vijf mantelzorgers kwamen, twee voor het eerst', learned: 'Persoonlijk uitnodigen werkt' }, 'voortgang')),
    ).toBe('accepted');
    expect(result(await fac2.send('session.goto', { stepId: 'wins' }))).toBe('accepted');
    await c.until((v) => v.state!.current === 1 && earlierWins(v.state!.arenaContext).length === 1, 5000, 'the earlier win on the phone');
    const win = earlierWins(c.state!.arenaContext)[0]!;
    expect(result(await c.send('smallwin.progress', { sessionId: win.session.id, winId: win.id, phase: 'definitiefase', note: 'Sleutel geregeld bij de bibliotheek' }, 'wins'))).toBe('accepted');

    // Meeting 3 opens on the recap: the action with its status, the win's phase, tomorrow's intentions of meeting 1 (meeting 2 asked none).
    const fac3 = track(await facilitator(arenaRun.url, three));
    expect(result(await fac3.send('session.goto', { stepId: 'waar' }))).toBe('accepted');
    await fac3.until((v) => recapOf(v.state!.arenaContext).parts.length > 0, 5000, 'the recap');
    const recap = recapOf(fac3.state!.arenaContext);
    expect(recap.since).toMatchObject({ id: two.session.id, title: 'Bijeenkomst 2' });
    const parts = Object.fromEntries(recap.parts.map((p) => [p.id, p.items.map((i) => [i.text, i.badge])]));
    expect(parts.action).toEqual([['Koffie-ochtend in de wijk', 'Loopt']]);
    expect(parts.smallwin?.map(([text]) => text)).toEqual(['Buurtkamer open']);

    // The arena's harvest, in every format: each history in order, meeting 1 before meeting 2.
    const md = (await harvest('md')).toString('utf8');
    const html = (await harvest('html')).toString('utf8');
    const word = await (await JSZip.loadAsync(await harvest('docx'))).file('word/document.xml')!.async('string');
    const csv = (await harvest('csv')).toString('utf8');
    const inOrder = (text: string, what: string, ...parts: string[]) => {
      const at = parts.map((p) => text.indexOf(p));
      expect(at.every((i) => i >= 0), `${what}: ${parts.filter((_, i) => at[i]! < 0).join(', ')} missing`).toBe(true);
      expect(at, `${what}: in order`).toEqual([...at].sort((x, y) => x - y));
    };
    for (const [what, text] of [['md', md], ['html', html], ['docx', word]] as const) {
      inOrder(text, what, 'Koffie-ochtend in de wijk', 'Twee ochtenden gehouden', 'Persoonlijk uitnodigen werkt');
      inOrder(text, what, 'Buurtkamer open', 'Sleutel geregeld bij de bibliotheek');
    }
    for (const text of ['Koffie-ochtend in de wijk', 'Twee ochtenden gehouden', 'Buurtkamer open', 'Sleutel geregeld bij de bibliotheek']) expect(csv, text).toContain(text);
    const json = JSON.parse((await harvest('json')).toString('utf8'));
    const action = json.actions.find((x: { what: string }) => x.what === 'Koffie-ochtend in de wijk');
    expect(action.history.map((h: { status?: string; did?: string }) => h.status ?? h.did)).toEqual(['loopt']);

    // Exported and imported again: the same harvest.
    const { url, arena } = arenaRun;
    const file = (await api(url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, arena.key)).body;
    arenaRun.closeViews();
    expect((await api(url, 'DELETE', `/api/arenas/${arena.id}`, undefined, arena.key)).status).toBeLessThan(300);
    const imported = await api(url, 'POST', '/api/arenas/import', file);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect((await harvest('md', imported.body.key, imported.body.id)).toString('utf8')).toBe(md);
  }, 60_000);
});
