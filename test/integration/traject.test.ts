/**
 * A traject of three meetings in one arena, against the real server and a SQLite file,
 * as a leer- en verbetertraject runs it: in meeting 1 phones propose actions and the
 * group chooses with a vote, a small win is registered as a candidate and the room says
 * what it will do differently tomorrow; between the meetings the network writes in the
 * arena's logbook; in meeting 2 phones report on the chosen action and the win moves on;
 * meeting 3 opens on the recap of all of it. The arena's harvest opens with the
 * facilitator's synthesis and tells each action's and each win's history in order in
 * every format, and an export imported again gives the same harvest.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { LogbookPage } from '../../core/logbook.js';
import type { ActionContext } from '../../kinds/action/model.js';
import { recapOf } from '../../kinds/recap/model.js';
import { earlierWins } from '../../kinds/smallwin/model.js';
import { api, facilitator, participant } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';
import { expectInOrder, planTraject, TRAJECT_SCRIPTS } from '../helpers/traject.js';

const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('a traject of three meetings in one arena', () => {
  const arenaRun = scriptedArena(TRAJECT_SCRIPTS);
  const { newSession, track } = arenaRun;
  const harvest = async (format: string, key = arenaRun.arena.key, id = arenaRun.arena.id) => {
    const res = await fetch(`${arenaRun.url}/api/arenas/${id}/harvest.${format}`, { headers: { authorization: `Bearer ${key}` } });
    expect(res.status, format).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };

  it('carries the chosen action and the small win from meeting 1 through meeting 2 to the recap of meeting 3, and into every harvest', async () => {
    const [one, two, three] = await planTraject(newSession);

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

    // Between meetings 1 and 2: a member of the network writes in the arena's logbook how the action went; the facilitator approves it.
    const { url, arena } = arenaRun;
    const link = (await api(url, 'POST', `/api/arenas/${arena.id}/logbook-links`, { requiresApproval: true }, arena.key)).body;
    const page = (await api(url, 'GET', `/api/logbook/${link.code}`)).body as LogbookPage;
    const subject = page.subjects.find((x) => x.kind === 'action')!;
    expect(subject.title).toBe('Koffie-ochtend in de wijk');
    const written = async (body: Record<string, unknown>) => {
      const posted = await api(url, 'POST', `/api/logbook/${link.code}/entries`, { id: `e${body.date}`, what: 'geprobeerd', cycle: 'handelen', ...body });
      expect(posted.status, JSON.stringify(posted.body)).toBe(201);
      expect((await api(url, 'PATCH', `/api/arenas/${arena.id}/logbook/${posted.body.id}`, { state: 'visible', highlighted: true }, arena.key)).status).toBe(200);
    };
    await written({ date: '2026-03-10', text: 'Eerste ochtend in het buurthuis', about: { kind: 'action', sessionId: subject.sessionId, itemId: subject.itemId, fields: { did: 'Eerste ochtend in het buurthuis gehouden' } } });

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
    expect(result(await fac2.send('session.synthesis', { summary: 'De koffie-ochtenden lopen', decisions: 'We nodigen persoonlijk uit', lessons: '', chafed: 'Te weinig mannen' }))).toBe('accepted');
    expect(result(await fac2.send('session.goto', { stepId: 'wins' }))).toBe('accepted');
    await c.until((v) => v.state!.current === 1 && earlierWins(v.state!.arenaContext).length === 1, 5000, 'the earlier win on the phone');
    const win = earlierWins(c.state!.arenaContext)[0]!;
    expect(result(await c.send('smallwin.progress', { sessionId: win.session.id, winId: win.id, phase: 'definitiefase', note: 'Sleutel geregeld bij de bibliotheek' }, 'wins'))).toBe('accepted');

    // Between meetings 2 and 3 the logbook notes resistance met (a highlight for the recap); the arena's synthesis is written.
    await written({ date: '2026-05-12', what: 'weerstand', cycle: 'reflecteren', text: 'De huisartsen verwijzen nog niet door' });
    const synthesis = { summary: 'Een traject van drie bijeenkomsten', decisions: 'Doorgaan met de koffie-ochtenden', lessons: 'Persoonlijk uitnodigen werkt', chafed: '' };
    expect((await api(url, 'PATCH', `/api/arenas/${arena.id}`, { synthesis }, arena.key)).status).toBe(200);

    // Meeting 3 opens on the recap: the action with its status, the win's phase, tomorrow's intentions of meeting 1 (meeting 2 asked none).
    const fac3 = track(await facilitator(arenaRun.url, three));
    expect(result(await fac3.send('session.goto', { stepId: 'waar' }))).toBe('accepted');
    await fac3.until((v) => recapOf(v.state!.arenaContext).parts.length > 0, 5000, 'the recap');
    const recap = recapOf(fac3.state!.arenaContext);
    expect(recap.since).toMatchObject({ id: two.session.id, title: 'Bijeenkomst 2' });
    const parts = Object.fromEntries(recap.parts.map((p) => [p.id, p.items.map((i) => [i.text, i.badge])]));
    expect(parts.action).toEqual([['Koffie-ochtend in de wijk', 'Loopt']]);
    expect(parts.smallwin?.map(([text]) => text)).toEqual(['Buurtkamer open']);
    // The logbook's highlights since meeting 2 only: the March entry was meeting 2's news.
    expect(parts.logbook).toEqual([['De huisartsen verwijzen nog niet door', 'Reflecteren']]);

    // The arena's harvest, in every format: each history in order, meeting 1 before meeting 2.
    const md = (await harvest('md')).toString('utf8');
    const html = (await harvest('html')).toString('utf8');
    const word = await (await JSZip.loadAsync(await harvest('docx'))).file('word/document.xml')!.async('string');
    const csv = (await harvest('csv')).toString('utf8');
    for (const [what, text] of [['md', md], ['html', html], ['docx', word]] as const) {
      // The report of a traject: the synthesis, the actions, the small wins, the logbook, then the sessions, each opening with its own synthesis.
      expectInOrder(text, what, 'Een traject van drie bijeenkomsten', 'Acties en experimenten', 'Small wins', 'Logboek', 'De huisartsen verwijzen nog niet door', 'Bijeenkomst 1', 'Bijeenkomst 2', 'De koffie-ochtenden lopen');
      expectInOrder(text, what, 'Koffie-ochtend in de wijk', 'Eerste ochtend in het buurthuis gehouden', 'Twee ochtenden gehouden', 'Persoonlijk uitnodigen werkt');
      expectInOrder(text, what, 'Buurtkamer open', 'Sleutel geregeld bij de bibliotheek');
    }
    for (const text of ['Koffie-ochtend in de wijk', 'Twee ochtenden gehouden', 'Buurtkamer open', 'Sleutel geregeld bij de bibliotheek']) expect(csv, text).toContain(text);
    const json = JSON.parse((await harvest('json')).toString('utf8'));
    const action = json.actions.find((x: { what: string }) => x.what === 'Koffie-ochtend in de wijk');
    expect(action.history.map((h: { status?: string; did?: string }) => [h.did, h.status])).toEqual([
      ['Eerste ochtend in het buurthuis gehouden', undefined],
      ['Twee ochtenden gehouden', 'loopt'],
    ]);
    expect(json.logbook.map((e: { text: string }) => e.text)).toEqual(['Eerste ochtend in het buurthuis', 'De huisartsen verwijzen nog niet door']);

    // Exported and imported again: the same harvest.
    const file = (await api(url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, arena.key)).body;
    arenaRun.closeViews();
    expect((await api(url, 'DELETE', `/api/arenas/${arena.id}`, undefined, arena.key)).status).toBeLessThan(300);
    const imported = await api(url, 'POST', '/api/arenas/import', file);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect((await harvest('md', imported.body.key, imported.body.id)).toString('utf8')).toBe(md);
  }, 60_000);
});

describe('a meeting planned before the previous one ran, opening on a step that carries', () => {
  const arenaRun = scriptedArena(TRAJECT_SCRIPTS);

  it('shows the arena’s actions as soon as a phone joins, not only after a command; the console alone takes nothing', async () => {
    const [one, two] = await planTraject(arenaRun.newSession);
    const [fac1, a] = [arenaRun.track(await facilitator(arenaRun.url, one)), arenaRun.track(await participant(arenaRun.url, one))];
    expect(result(await a.send('action.propose', { what: 'Koffie-ochtend in de wijk' }, 'acties'))).toBe('accepted');
    expect(result(await fac1.send('session.goto', { stepId: 'kiezen' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 1, 5000, 'phone on the vote');
    const [koffie] = (fac1.state!.stepStates.acties!.data as { actions: { id: string }[] }).actions;
    expect(result(await a.send('vote.place', { itemId: koffie!.id, dots: 1 }, 'kiezen'))).toBe('accepted');
    expect(result(await fac1.send('step.reveal', { revealed: true }, 'kiezen'))).toBe('accepted');

    // The console opened early (on the voortgang step, the session's first) keeps nothing of the arena yet.
    const fac = arenaRun.track(await facilitator(arenaRun.url, two));
    expect(fac.state!.contextAt).toBeUndefined();
    // A phone joins: the room is meeting, and every view gets what the step carries.
    const phone = arenaRun.track(await participant(arenaRun.url, two));
    const carried = (v: typeof fac) => (v.state!.arenaContext.action as ActionContext | undefined)?.actions.map((x) => x.what);
    await phone.until((v) => carried(v)?.length === 1, 5000, 'the action on the phone');
    await fac.until((v) => carried(v)?.length === 1, 5000, 'the action on the console');
    expect(carried(phone)).toEqual(['Koffie-ochtend in de wijk']);
  }, 60_000);
});
