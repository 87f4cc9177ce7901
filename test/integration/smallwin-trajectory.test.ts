/**
 * A small win's trajectory across three sessions of one arena, all three planned
 * before the first met: each takes the arena's wins when the room reaches its
 * small-wins step, so session 2 shows session 1's wins and session 3 those of both.
 * The history is carried in order, and every view dates a session by its planned day.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmallwinContext } from '../../kinds/smallwin/model.js';
import { api, facilitator, participant, startOogst, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const SCRIPT = `id: traject
title: Small wins traject
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
  - id: wins
    kind: smallwin
    title: Onze small wins
`;
const PLANNED = ['2027-01-12T12:00:00Z', '2027-02-09T12:00:00Z', '2027-03-09T12:00:00Z'];
const contextOf = (v: ViewClient) => v.state!.arenaContext.smallwin as SmallwinContext;

describe('a small win’s trajectory over three planned sessions', () => {
  let oogst: Running;
  let scriptsDir: string;
  let arena: { id: string; key: string };
  const sessions: StartedSession[] = [];
  const open: ViewClient[] = [];
  const track = <V extends ViewClient>(v: V) => (open.push(v), v);

  beforeAll(async () => {
    scriptsDir = mkdtempSync(join(tmpdir(), 'oogst-swt-'));
    writeFileSync(join(scriptsDir, 'traject.yaml'), SCRIPT);
    oogst = await startOogst({ scriptsDir, env: { OOGST_COMMAND_BURST: '1000' } });
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Zorgzame wijk' });
    arena = { id: made.body.id, key: made.body.key };
    // The whole series is planned at once, before anything happened.
    for (const [i, plannedAt] of PLANNED.entries()) {
      const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script: 'traject', title: `Bijeenkomst ${i + 1}`, plannedAt }, arena.key);
      expect(created.status).toBe(201);
      sessions.push({ arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') });
    }
  });
  afterAll(async () => {
    for (const v of open) v.close();
    await oogst?.stop();
    rmSync(scriptsDir, { recursive: true, force: true });
  });

  /** Opens a session's small-wins step, with a phone on it. */
  async function openWins(n: number) {
    const fac = track(await facilitator(oogst.url, sessions[n]!));
    const phone = track(await participant(oogst.url, sessions[n]!));
    expect((await fac.send('session.goto', { stepId: 'wins' })).ok).toBe(true);
    await phone.until((v) => v.state!.current === 1 && v.state!.contextAt !== undefined, 5000, 'phone on the step, with the arena taken');
    return { fac, phone };
  }

  it('session 1: a candidate and a win to celebrate', async () => {
    const { fac, phone } = await openWins(0);
    expect(contextOf(phone).wins).toEqual([]);
    expect((await phone.send('smallwin.register', { title: 'Buurtkamer', candidate: true, chafes: 'Het mag niet van de huurregels' }, 'wins')).ok).toBe(true);
    expect((await fac.send('smallwin.register', { title: 'Koffie-uur', result: 'Elke dinsdag koffie' }, 'wins')).ok).toBe(true);
  });

  it('session 2, planned before session 1 met, shows its wins dated by the planned day, and moves one on', async () => {
    const { phone } = await openWins(1);
    const wins = contextOf(phone).wins;
    expect(wins.map((w) => [w.title, w.candidate, w.phase ?? null, w.session.title, w.session.date])).toEqual([
      ['Buurtkamer', true, 'oplaadfase', 'Bijeenkomst 1', Date.parse(PLANNED[0]!)],
      ['Koffie-uur', false, null, 'Bijeenkomst 1', Date.parse(PLANNED[0]!)],
    ]);
    const [buurtkamer, koffie] = wins;
    const ack = await phone.send(
      'smallwin.progress',
      {
        sessionId: buurtkamer!.session.id,
        winId: buurtkamer!.id,
        phase: 'definitiefase',
        meaningfulStep: 'Wij kookten apart; nu koken we samen en oefenen dat',
        answers: { evalueren: 'Wie komt er, en komen ze terug?' },
        links: [{ sessionId: koffie!.session.id, winId: koffie!.id }],
      },
      'wins',
    );
    expect(ack.ok).toBe(true);
  });

  it('session 3 carries the history; its own note follows it', async () => {
    const { phone } = await openWins(2);
    const buurtkamer = contextOf(phone).wins.find((w) => w.title === 'Buurtkamer')!;
    expect(buurtkamer).toMatchObject({ candidate: false, phase: 'definitiefase', meaningfulStep: 'Wij kookten apart; nu koken we samen en oefenen dat' });
    expect(buurtkamer.history).toEqual([{ session: { id: sessions[1]!.session.id, title: 'Bijeenkomst 2', date: Date.parse(PLANNED[1]!) }, phase: 'definitiefase', at: expect.any(Number) }]);
    const ack = await phone.send(
      'smallwin.progress',
      { sessionId: buurtkamer.session.id, winId: buurtkamer.id, phase: 'actiefase', note: 'Ook in Oost', answers: { 'r-omslag': 'Samen in plaats van voor' } },
      'wins',
    );
    expect(ack.ok).toBe(true);

    const harvest = await api(oogst.url, 'GET', `/api/sessions/${sessions[2]!.session.id}/harvest.md`, undefined, arena.key);
    const md: string = harvest.body;
    expect(md).toContain('**Buurtkamer** (vastgelegd in Bijeenkomst 1, 12 januari 2027)');
    expect(md.indexOf('**9 februari 2027, Bijeenkomst 2**: nieuwe fase Definitiefase')).toBeLessThan(md.indexOf('**Deze bijeenkomst**'));
    expect(md).toContain('**Welke omslag in denken is gerealiseerd en wat is het verhaal daarachter?:** Samen in plaats van voor');
  });

  it('the arena page’s list and the arena harvest show the trajectory in order, dated by the planned days', async () => {
    const list = await api(oogst.url, 'GET', `/api/arenas/${arena.id}/smallwins`, undefined, arena.key);
    const buurtkamer = list.body.wins.find((w: { title: string }) => w.title === 'Buurtkamer');
    expect(buurtkamer).toMatchObject({ candidate: false, phase: 'actiefase', registeredPhase: 'oplaadfase', chafes: 'Het mag niet van de huurregels', links: [{ title: 'Koffie-uur' }] });
    expect(buurtkamer.session.date).toBe(new Date(PLANNED[0]!).toISOString());
    expect(buurtkamer.history.map((h: { session: { title: string; date: string }; phase: string }) => [h.session.title, h.session.date, h.phase])).toEqual([
      ['Bijeenkomst 2', new Date(PLANNED[1]!).toISOString(), 'definitiefase'],
      ['Bijeenkomst 3', new Date(PLANNED[2]!).toISOString(), 'actiefase'],
    ]);
    expect(list.body.wins.find((w: { title: string }) => w.title === 'Koffie-uur')).toMatchObject({ candidate: false, history: [] });

    for (const format of ['md', 'html', 'csv', 'json'] as const) {
      const harvest = await api(oogst.url, 'GET', `/api/arenas/${arena.id}/harvest.${format}`, undefined, arena.key);
      expect(harvest.status, format).toBe(200);
      const text = typeof harvest.body === 'string' ? harvest.body : JSON.stringify(harvest.body);
      const second = text.indexOf('Wij kookten apart');
      expect(second, format).toBeGreaterThan(0);
      expect(text.indexOf('Ook in Oost', second), format).toBeGreaterThan(second);
    }
  });
});
