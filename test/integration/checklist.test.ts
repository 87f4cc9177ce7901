/**
 * The wat-werkt check in the shipped script leer-en-verbetertraject-2-weten-wat-werkt, with
 * real socket.io clients against the real server and a SQLite file: a facilitator, a
 * screen and three phones rate the checklist, the screen learns how many answered and,
 * once revealed, the counts but never a comment; the items most rated "nog niet" are the
 * verbeteracties' inspiration; the harvest has the table by gain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { ChecklistData } from '../../kinds/checklist/model.js';
import { itemsOf } from '../../kinds/questions/items.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const SCRIPT = 'leer-en-verbetertraject-2-weten-wat-werkt';
const STEP = 'wat-werkt';
const checkOf = (v: ViewClient) => v.state!.stepStates[STEP]!.data as ChecklistData;
const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('the wat-werkt check in a live session', () => {
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  let phones: Awaited<ReturnType<typeof participant>>[];

  const goto = async (stepId: string) => {
    expect(result(await fac.send('session.goto', { stepId }))).toBe('accepted');
    const index = fac.state!.steps.findIndex((st) => st.id === stepId);
    await Promise.all([scr, ...phones].map((p) => p.until((v) => v.state!.current === index, 5000, `on ${stepId}`)));
  };

  beforeAll(async () => {
    oogst = await startOogst({ env: { OOGST_COMMAND_BURST: '1000' } });
    s = await startSession(oogst.url, SCRIPT);
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    phones = [await participant(oogst.url, s), await participant(oogst.url, s), await participant(oogst.url, s)];
  });
  afterAll(async () => {
    for (const v of [fac, scr, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
  });

  it('shows the screen how many answered, and the facilitator every rating with its comment', async () => {
    await goto(STEP);
    const [a, b, c] = phones as [(typeof phones)[0], (typeof phones)[0], (typeof phones)[0]];
    const rate = (p: ViewClient, itemId: string, point: string, comment?: string) =>
      p.send('checklist.rate', { itemId, point, ...(comment === undefined ? {} : { comment }) }, STEP).then(result);
    expect(await rate(a, 'tijd-en-mandaat', 'nog-niet', 'De waan van de dag wint altijd')).toBe('accepted');
    expect(await rate(a, 'vroeg-signaleren', 'deels')).toBe('accepted');
    expect(await rate(b, 'tijd-en-mandaat', 'nog-niet')).toBe('accepted');
    expect(await rate(b, 'doelgroep-beslist-mee', 'al')).toBe('accepted');
    expect(await rate(c, 'tijd-en-mandaat', 'deels')).toBe('accepted');
    expect(await rate(c, 'doelgroep-beslist-mee', 'nog-niet', 'Alleen in de klankbordgroep')).toBe('accepted');
    // A participant changes their mind: the count moves, the comment stays.
    expect(await rate(a, 'vroeg-signaleren', 'weet-niet')).toBe('accepted');

    await scr.until((v) => checkOf(v).raters === 3, 5000, 'three on the screen');
    expect(checkOf(scr)).toEqual({ ratings: [], raters: 3, counts: null });
    expect(JSON.stringify(scr.events.filter((e) => e.stepId === STEP))).not.toMatch(/nog-niet|deels|waan|tijd-en-mandaat/);
    await fac.until((v) => checkOf(v).ratings.length === 6, 5000, 'six ratings on the console');
    expect(checkOf(fac).counts!['tijd-en-mandaat']).toEqual({ al: 0, deels: 1, 'nog-niet': 2, 'weet-niet': 0 });
    expect(checkOf(fac).counts!['vroeg-signaleren']).toEqual({ al: 0, deels: 0, 'nog-niet': 0, 'weet-niet': 1 });
    expect(checkOf(fac).ratings.filter((r) => r.comment).map((r) => r.comment)).toEqual(['De waan van de dag wint altijd', 'Alleen in de klankbordgroep']);
    // A phone holds only its own ratings.
    await c.until((v) => checkOf(v).ratings.length === 2, 5000, 'own ratings');
    expect(checkOf(c).ratings.map((r) => [r.itemId, r.point])).toEqual([
      ['tijd-en-mandaat', 'deels'],
      ['doelgroep-beslist-mee', 'nog-niet'],
    ]);
    expect(JSON.stringify(c.state!.stepStates[STEP])).not.toContain('waan');
  });

  it('refuses what the checklist cannot take', async () => {
    const a = phones[0]!;
    expect(result(await a.send('checklist.rate', { itemId: 'koffie', point: 'al' }, STEP))).toBe('not-found');
    expect(result(await a.send('checklist.rate', { itemId: 'netwerk', point: 'soms' }, STEP))).toBe('not-found');
    expect(result(await a.send('checklist.rate', { itemId: 'netwerk', point: 'al', comment: 'x'.repeat(301) }, STEP))).toBe('too-large');
    expect(result(await a.send('checklist.rate', { itemId: 'netwerk', point: 'al', extra: 1 }, STEP))).toBe('invalid');
    expect(result(await fac.send('checklist.rate', { itemId: 'netwerk', point: 'al' }, STEP))).toBe('forbidden');
    expect(result(await a.send('checklist.rate', { itemId: 'tijd-en-mandaat', point: 'nog-niet' }, STEP))).toBe('invalid'); // nothing changed
  });

  it('reveals the heat map to the screen, without a comment, and follows changes live', async () => {
    expect(result(await fac.send('step.reveal', { revealed: true }, STEP))).toBe('accepted');
    await scr.until((v) => checkOf(v).counts !== null, 5000, 'revealed counts');
    expect(checkOf(scr).counts!['tijd-en-mandaat']).toEqual({ al: 0, deels: 1, 'nog-niet': 2, 'weet-niet': 0 });
    expect(result(await phones[1]!.send('checklist.rate', { itemId: 'netwerk', point: 'nog-niet', comment: 'Niemand vraagt naar de buren' }, STEP))).toBe('accepted');
    await scr.until((v) => checkOf(v).counts!.netwerk!['nog-niet'] === 1, 5000, 'the heat map follows live');
    expect(JSON.stringify([scr.state!.stepStates[STEP], scr.events.map((e) => e.payload)])).not.toMatch(/waan|klankbord|buren/);
    expect(checkOf(scr).ratings).toEqual([]);
  });

  it('gives the verbeteracties the items most rated "nog niet" as inspiration, on the console and the screen', async () => {
    await goto('verbeteracties');
    const step = fac.state!.steps.find((st) => st.id === STEP)!;
    // Two "nog niet" first; of the two with one, the one nobody rated better.
    const expected = ['tijd-en-mandaat', 'netwerk', 'doelgroep-beslist-mee'];
    expect(itemsOf(fac.state!, step).map((i) => i.id)).toEqual(expected);
    expect(itemsOf(scr.state!, step).map((i) => i.id)).toEqual(expected);
    expect(itemsOf(fac.state!, step)[0]).toEqual({ id: 'tijd-en-mandaat', text: 'Er is tijd en mandaat om te verbeteren', size: 2 });
  });

  it('writes the harvest: the items by gain with their comments, nobody named, and CSV rows', async () => {
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.status).toBe(200);
    expect(md.body).toContain('3 deelnemers legden de huidige aanpak langs 12 werkzame elementen.');
    expect(md.body).toContain('| Werkzaam element | doen we al | deels | nog niet | weet ik niet | Te winnen |');
    const table = md.body.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Werkzaam') && !l.startsWith('| ---'));
    expect(table.slice(0, 4)).toEqual([
      '| We hebben aandacht voor het netwerk rond de persoon | 0 | 0 | 1 | 0 | 100% |',
      '| Er is tijd en mandaat om te verbeteren | 0 | 1 | 2 | 0 | 83% |',
      '| De doelgroep denkt en beslist mee over de aanpak | 1 | 0 | 1 | 0 | 50% |',
      '| We signaleren vroeg, niet om vijf voor twaalf | 0 | 0 | 0 | 1 | 0% |',
    ]);
    expect(table).toContain('| Bij elke actie vragen we wat de doelgroep ervan merkt | 0 | 0 | 0 | 0 | – |');
    expect(md.body).toContain('_nog niet:_ De waan van de dag wint altijd');
    const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
    const output = json.body.steps.find((st: { id: string }) => st.id === STEP).output;
    expect(output.items.slice(0, 3).map((i: { id: string; gain: number }) => [i.id, i.gain])).toEqual([
      ['netwerk', 1],
      ['tijd-en-mandaat', 0.83],
      ['doelgroep-beslist-mee', 0.5],
    ]);
    const csv = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.csv`, undefined, s.arena.key);
    expect(csv.body).toContain('Niemand vraagt naar de buren');
    // The arena keeps the check over its meetings.
    const arena = await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}/harvest.json`, undefined, s.arena.key);
    expect(arena.body.checklists.checks).toEqual([{ session: expect.objectContaining({ id: s.session.id }), stepId: STEP, raters: 3 }]);
    expect(arena.body.checklists.items[0]).toEqual({ id: 'netwerk', text: 'We hebben aandacht voor het netwerk rond de persoon', gains: [1] });
    const arenaMd = await api<string>(oogst.url, 'GET', `/api/arenas/${s.arena.id}/harvest.md`, undefined, s.arena.key);
    expect(arenaMd.body).toContain('Wat-werkt-check door de tijd');
    for (const p of phones) {
      expect(JSON.stringify(arena.body.checklists)).not.toContain(p.identity.participantId);
      expect(md.body + csv.body).not.toContain(p.identity.pseudonym);
      expect(JSON.stringify(json.body)).not.toContain(p.identity.participantId);
    }
  });
});
