/**
 * The facilitator's synthesis against the real server: written on the console (only
 * there: phones and the screen are refused and never see it), or from the arena page
 * with the arena key; the arena's own synthesis, way of working, kernthema and
 * onderzoeksvraag; the arena harvest that opens with them and reads as a traject's
 * report; and an export imported elsewhere that keeps all of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArenaDetails, ArenaFields } from '../../core/http.js';
import { MAX_SYNTHESIS_PART, type Synthesis } from '../../core/synthesis.js';
import { monitoringMeeting as meeting } from '../helpers/monitoring-meeting.js';
import { api, facilitator, participant, screen, startOogst, type Running, type StartedSession } from '../helpers/oogst.js';

const SESSION_SYNTHESIS: Synthesis = {
  summary: 'We zagen elkaar weer.\n\nDe rust viel op.',
  decisions: 'Ans belt de wijkteams voor 1 februari.',
  lessons: 'Klein beginnen werkt.',
  chafed: 'Het geld: niemand wil betalen.',
};
const ARENA_SYNTHESIS: Synthesis = { summary: 'Een jaar samen op weg.', decisions: '', lessons: 'Houd de doelgroep in zicht.', chafed: 'Regels van de gemeente.' };

describe('the facilitator’s synthesis', () => {
  let oogst: Running;
  let other: Running;
  let arena: { id: string; key: string };
  let first: StartedSession;

  beforeAll(async () => {
    oogst = await startOogst();
    other = await startOogst();
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Waardevol Werk', method: 'transitiearena' });
    expect(made.body).toMatchObject({ method: 'transitiearena' });
    arena = { id: made.body.id, key: made.body.key };
    const made1 = await meeting(oogst.url, arena, 'Bijeenkomst 1', ['De rust']);
    first = { ...made1, screenKey: new URL(made1.session.screenUrl).hash.replace('#key=', '') };
    await meeting(oogst.url, arena, 'Bijeenkomst 2', ['Samen koken']);
  }, 60_000);
  afterAll(async () => {
    await other?.stop();
    await oogst?.stop();
  });

  it('is written on the console, refused from a phone and the screen, and never sent to them', async () => {
    const fac = await facilitator(oogst.url, first);
    const wall = await screen(oogst.url, first);
    const phone = await participant(oogst.url, first);
    expect(await phone.send('session.synthesis', SESSION_SYNTHESIS)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await wall.send('session.synthesis', SESSION_SYNTHESIS)).toMatchObject({ ok: false, error: 'forbidden' });
    expect(await fac.send('session.synthesis', { ...SESSION_SYNTHESIS, summary: 'x'.repeat(MAX_SYNTHESIS_PART + 1) })).toMatchObject({ ok: false, error: 'too-large' });
    expect(await fac.send('session.synthesis', { summary: 'Alleen dit' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await fac.send('session.synthesis', { ...SESSION_SYNTHESIS, extra: 'x' })).toMatchObject({ ok: false, error: 'invalid' });
    expect(await fac.send('session.synthesis', { ...SESSION_SYNTHESIS, summary: `  ${SESSION_SYNTHESIS.summary}\n` })).toMatchObject({ ok: true });
    await fac.until((v) => v.state!.synthesis?.summary === SESSION_SYNTHESIS.summary, 5000, 'the synthesis on the console');
    // A marker after it: once the phone and the screen have it, they would have had the synthesis too.
    expect(await fac.send('step.reveal', { revealed: true }, 'monitoring')).toMatchObject({ ok: true });
    await wall.until((v) => v.state!.stepStates.monitoring!.revealed, 5000, 'the reveal on the screen');
    await phone.until((v) => v.state!.stepStates.monitoring!.revealed, 5000, 'the reveal on the phone');
    for (const view of [wall, phone]) {
      expect(view.events.map((e) => e.type)).not.toContain('session.synthesis');
      expect(view.state).not.toHaveProperty('synthesis');
    }
    for (const view of [fac, wall, phone]) view.close();
  });

  it('is read and rewritten from the arena page with the arena key only', async () => {
    const path = `/api/sessions/${first.session.id}/synthesis`;
    expect((await api(oogst.url, 'GET', path)).status).toBe(401);
    expect((await api(oogst.url, 'GET', path, undefined, 'wrong')).status).toBe(401);
    expect((await api(oogst.url, 'PUT', path, SESSION_SYNTHESIS, 'wrong')).status).toBe(401);
    expect((await api(oogst.url, 'GET', path, undefined, arena.key)).body).toEqual({ synthesis: SESSION_SYNTHESIS });
    const other = await api(oogst.url, 'POST', '/api/arenas', { title: 'Andere arena' });
    expect((await api(oogst.url, 'GET', path, undefined, other.body.key)).status).toBe(401);
    expect((await api(oogst.url, 'PUT', path, { ...SESSION_SYNTHESIS, lessons: 'x'.repeat(MAX_SYNTHESIS_PART + 1) }, arena.key)).status).toBe(400);
    const fac = await facilitator(oogst.url, first);
    const changed = { ...SESSION_SYNTHESIS, lessons: 'Klein beginnen werkt, en samen.' };
    expect((await api(oogst.url, 'PUT', path, changed, arena.key)).body).toEqual({ synthesis: changed });
    await fac.until((v) => v.state!.synthesis?.lessons === changed.lessons, 5000, 'the console told at once');
    // Four full parts in a script of two bytes a character: more than a socket message carries, not more than the route takes.
    const full = { summary: 'ж'.repeat(MAX_SYNTHESIS_PART), decisions: '語'.repeat(MAX_SYNTHESIS_PART), lessons: 'é'.repeat(MAX_SYNTHESIS_PART), chafed: 'ж'.repeat(MAX_SYNTHESIS_PART) };
    expect((await api(oogst.url, 'PUT', path, full, arena.key)).body).toEqual({ synthesis: full });
    await fac.until((v) => v.state!.synthesis?.decisions === full.decisions, 5000, 'the long synthesis on the console');
    fac.close();
    expect((await api(oogst.url, 'PUT', path, SESSION_SYNTHESIS, arena.key)).status).toBe(200);
  });

  it('keeps the arena’s way of working, kernthema, onderzoeksvraag and synthesis, with the arena key only and within bounds', async () => {
    const patch = (body: unknown, key = arena.key) => api<ArenaFields>(oogst.url, 'PATCH', `/api/arenas/${arena.id}`, body, key);
    expect((await patch({ synthesis: ARENA_SYNTHESIS }, 'wrong')).status).toBe(401);
    expect((await patch({ method: 'stip-op-de-horizon' })).status).toBe(400);
    expect((await patch({ coreTheme: 'x'.repeat(301) })).status).toBe(400);
    expect((await patch({ researchQuestion: 'x'.repeat(1001) })).status).toBe(400);
    expect((await patch({ synthesis: { ...ARENA_SYNTHESIS, chafed: 'x'.repeat(MAX_SYNTHESIS_PART + 1) } })).status).toBe(400);
    const saved = await patch({ coreTheme: '  Op eigen kracht, maar samen sterk ', researchQuestion: 'Wat maakt werk waardevol?', synthesis: ARENA_SYNTHESIS });
    expect(saved.body).toMatchObject({ method: 'transitiearena', ambition: null, coreTheme: 'Op eigen kracht, maar samen sterk', researchQuestion: 'Wat maakt werk waardevol?', synthesis: ARENA_SYNTHESIS });
    const details = (await api<ArenaDetails>(oogst.url, 'GET', `/api/arenas/${arena.id}`, undefined, arena.key)).body;
    expect(details).toMatchObject({ method: 'transitiearena', coreTheme: 'Op eigen kracht, maar samen sterk', synthesis: ARENA_SYNTHESIS });
    // Written empty, a synthesis is gone.
    expect((await patch({ synthesis: { summary: ' ', decisions: '', lessons: '', chafed: '' } })).body.synthesis).toBeNull();
    expect((await patch({ synthesis: ARENA_SYNTHESIS })).body.synthesis).toEqual(ARENA_SYNTHESIS);
  });

  it('opens the arena harvest: synthesis, actions, small wins, monitoring, then each session opening with its own', async () => {
    const md = (await api<string>(oogst.url, 'GET', `/api/arenas/${arena.id}/harvest.md`, undefined, arena.key)).body;
    const at = (text: string, from = 0) => md.indexOf(text, from);
    const order = [
      '**Werkwijze:** Transitiearena',
      '**Kernthema:** Op eigen kracht, maar samen sterk',
      '**Onderzoeksvraag:** Wat maakt werk waardevol?',
      '\n## Overzicht',
      '### Synthese',
      '#### Samenvatting',
      'Een jaar samen op weg.',
      '#### Wat we leerden',
      '#### Wat schuurde',
      '### Acties en experimenten',
      '### Small wins',
      '### Monitoring over de bijeenkomsten',
      '\n## Bijeenkomst 1',
      '### Synthese',
      '#### Besluiten en afspraken',
      'Ans belt de wijkteams voor 1 februari.',
      '\n## Bijeenkomst 2',
    ];
    let last = -1;
    for (const text of order) {
      const found = at(text, last + 1);
      expect(found, text).toBeGreaterThan(last);
      last = found;
    }
    expect(md).not.toContain('**Ambitie:**');
    expect(md.slice(at('\n## Bijeenkomst 2'))).not.toContain('### Synthese');
  });

  it('keeps every part through an export imported elsewhere', async () => {
    const file = (await api(oogst.url, 'GET', `/api/arenas/${arena.id}/export.json`, undefined, arena.key)).body;
    expect(file.arena).toMatchObject({ method: 'transitiearena', coreTheme: 'Op eigen kracht, maar samen sterk', researchQuestion: 'Wat maakt werk waardevol?', synthesis: ARENA_SYNTHESIS });
    const imported = await api(other.url, 'POST', '/api/arenas/import', file);
    expect(imported.status).toBe(201);
    expect(imported.body).toMatchObject({ method: 'transitiearena' });
    const there = { id: imported.body.id, key: imported.body.key };
    const details = (await api<ArenaDetails>(other.url, 'GET', `/api/arenas/${there.id}`, undefined, there.key)).body;
    expect(details).toMatchObject({ method: 'transitiearena', coreTheme: 'Op eigen kracht, maar samen sterk', researchQuestion: 'Wat maakt werk waardevol?', synthesis: ARENA_SYNTHESIS });
    const harvest = async (base: string, a: { id: string; key: string }) => (await api(base, 'GET', `/api/arenas/${a.id}/harvest.json`, undefined, a.key)).body;
    const [here, away] = [await harvest(oogst.url, arena), await harvest(other.url, there)];
    expect(away.synthesis).toEqual(ARENA_SYNTHESIS);
    expect(away.sessions.map((s: { synthesis: Synthesis | null }) => s.synthesis)).toEqual([SESSION_SYNTHESIS, null]);
    expect({ ...away, arena: { ...away.arena, id: here.arena.id } }).toEqual(here);
    // A file from before these fields imports as an arena without them.
    const { method: _m, coreTheme: _c, researchQuestion: _r, synthesis: _s, ...older } = file.arena;
    const old = await api(other.url, 'POST', '/api/arenas/import', { ...file, arena: { ...older, id: 'ouder-bestand-1' }, sessions: [] });
    expect(old.status, JSON.stringify(old.body)).toBe(201);
    expect((await api(other.url, 'GET', `/api/arenas/${old.body.id}`, undefined, old.body.key)).body).toMatchObject({ method: null, synthesis: null });
  });
});
