/**
 * Small wins across an arena, against the real server and a SQLite file: three
 * sessions of one arena in a row. Session 1 registers two wins; session 2 gets
 * them in its arena context and moves one to the actiefase; session 3 sees the
 * latest phase; the arena's list merges each win with its history.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { SmallwinContext, SmallwinData } from '../../kinds/smallwin/model.js';
import { api, facilitator, participant, screen, startOogst, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const SCRIPT = `id: small-wins
title: Small wins
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
  - id: wins
    kind: smallwin
    title: Onze small wins
    prompt: Wat is er al gelukt?
    maxWins: 2
    questions:
      - id: nodig
        text: Wat is daarvoor nodig?
`;

const winsOf = (v: ViewClient) => v.state!.stepStates.wins!.data as SmallwinData;
const contextOf = (v: ViewClient) => v.state!.arenaContext.smallwin as SmallwinContext | undefined;
const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('small wins across the sessions of an arena', () => {
  let oogst: Running;
  let scriptsDir: string;
  let arena: { id: string; key: string };
  const open: ViewClient[] = [];
  const sessions: StartedSession[] = [];
  /** Participant ids of session 1's phones. */
  const authors: string[] = [];

  async function newSession(title: string): Promise<StartedSession> {
    const created = await api(oogst.url, 'POST', `/api/arenas/${arena.id}/sessions`, { script: 'small-wins', title }, arena.key);
    expect(created.status).toBe(201);
    const s = { arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') };
    sessions.push(s);
    return s;
  }
  const track = <V extends ViewClient>(v: V) => (open.push(v), v);

  beforeAll(async () => {
    scriptsDir = mkdtempSync(join(tmpdir(), 'oogst-sw-'));
    writeFileSync(join(scriptsDir, 'small-wins.yaml'), SCRIPT);
    oogst = await startOogst({ scriptsDir, env: { OOGST_COMMAND_BURST: '1000' } });
    const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Waardevol Werk', theme: 'Werk dat ertoe doet' });
    arena = { id: made.body.id, key: made.body.key };
  });
  afterAll(async () => {
    for (const v of open) v.close();
    await oogst?.stop();
    rmSync(scriptsDir, { recursive: true, force: true });
  });

  it('session 1: phones register two wins; the screen celebrates them without authors; each phone holds its own', async () => {
    const s = await newSession('Bijeenkomst 1');
    const fac = track(await facilitator(oogst.url, s));
    const scr = track(await screen(oogst.url, s));
    const [a, b] = [track(await participant(oogst.url, s)), track(await participant(oogst.url, s))];
    authors.push(a.identity.participantId, b.identity.participantId);
    expect(contextOf(fac)).toEqual({ wins: [] });

    // Not yet on the step: refused.
    expect(result(await a.send('smallwin.register', { title: 'Te vroeg' }, 'wins'))).toBe('step-not-active');
    expect(result(await fac.send('session.goto', { stepId: 'wins' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 1, 5000, 'phone on the step');
    await b.until((v) => v.state!.current === 1, 5000, 'phone on the step');

    const koffie = {
      title: 'Koffie-uur voor mantelzorgers',
      result: 'Elke dinsdag om 10 uur koffie in de buurtkamer',
      visibleFor: 'mantelzorgers en de wijkverpleging',
      characteristics: { concreet: 'Het draait al', lokaal: '' },
      mechanisms: ['energizing', 'olievlek'],
      paths: ['verspreiden'],
      phase: 'oplaadfase',
      answers: { nodig: 'Een vaste sleutelhouder' },
    };
    expect(result(await a.send('smallwin.register', koffie, 'wins'))).toBe('accepted');
    expect(result(await b.send('smallwin.register', { title: 'Respijtbon zonder formulier', mechanisms: ['experimenteren'], phase: 'definitiefase' }, 'wins'))).toBe(
      'accepted',
    );

    await scr.until((v) => winsOf(v).wins.length === 2, 5000, 'two wins on the screen');
    expect(winsOf(scr).wins.map((w) => w.title)).toEqual(['Koffie-uur voor mantelzorgers', 'Respijtbon zonder formulier']);
    expect(winsOf(scr).wins[0]).toMatchObject({ characteristics: { concreet: 'Het draait al', lokaal: '' }, mechanisms: ['energizing', 'olievlek'], answers: { nodig: 'Een vaste sleutelhouder' } });
    expect(winsOf(scr).wins.every((w) => w.author === undefined)).toBe(true);
    expect(JSON.stringify(scr.events.filter((e) => e.type.startsWith('smallwin.')))).not.toContain(a.identity.participantId);
    await a.until((v) => winsOf(v).wins.length === 1, 5000, 'own win on the phone');
    expect(winsOf(a).wins.map((w) => w.title)).toEqual(['Koffie-uur voor mantelzorgers']);
    expect(winsOf(b).wins.map((w) => w.title)).toEqual(['Respijtbon zonder formulier']);
    await fac.until((v) => winsOf(v).wins.length === 2, 5000, 'facilitator');
    expect(winsOf(fac).wins.map((w) => w.author)).toEqual([a.identity.participantId, b.identity.participantId]);
  });

  it('session 1: refuses bad input with clear codes and stores nothing; hides an improper win from the screen', async () => {
    const s = sessions[0]!;
    const [fac, scr, a] = open as [ViewClient, ViewClient, ViewClient, ViewClient];
    const before = fac.state!.seq;
    const cases: [string, Promise<Ack>][] = [
      ['invalid', a.send('smallwin.register', { title: '   ' }, 'wins')],
      ['too-large', a.send('smallwin.register', { title: 'x'.repeat(121) }, 'wins')],
      ['too-large', a.send('smallwin.register', { title: 'X', result: 'x'.repeat(1001) }, 'wins')],
      ['invalid', a.send('smallwin.register', { title: 'X', mechanisms: ['toverkracht'] }, 'wins')],
      ['invalid', a.send('smallwin.register', { title: 'X', extra: 1 }, 'wins')],
      ['not-found', a.send('smallwin.register', { title: 'X', answers: { onbekend: 'hoi' } }, 'wins')],
      ['not-found', a.send('smallwin.progress', { sessionId: s.session.id, winId: 'nope', phase: 'actiefase' }, 'wins')],
      ['forbidden', a.send('smallwin.hide', { winId: winsOf(fac).wins[1]!.id, hidden: true }, 'wins')],
      ['forbidden', a.send('smallwin.edit', { winId: winsOf(fac).wins[1]!.id, title: 'Van een ander' }, 'wins')],
    ];
    for (const [code, ack] of cases) expect(result(await ack)).toBe(code);
    expect(fac.state!.seq).toBe(before);
    // maxWins is 2: the third of one phone is refused.
    expect(result(await a.send('smallwin.register', { title: 'Tweede van a' }, 'wins'))).toBe('accepted');
    expect(result(await a.send('smallwin.register', { title: 'Derde van a' }, 'wins'))).toBe('limit-reached');

    const second = winsOf(fac).wins.find((w) => w.title === 'Tweede van a')!;
    await scr.until((v) => winsOf(v).wins.some((w) => w.id === second.id), 5000, 'third win on screen');
    expect(result(await fac.send('smallwin.hide', { winId: second.id, hidden: true }, 'wins'))).toBe('accepted');
    await scr.until((v) => !winsOf(v).wins.some((w) => w.id === second.id), 5000, 'hidden win gone from the screen');
    await a.until((v) => winsOf(v).wins.some((w) => w.id === second.id && w.hidden), 5000, 'author sees it hidden');
    // The facilitator edits a participant's win: the screen and the author follow.
    const first = winsOf(fac).wins[0]!;
    expect(result(await fac.send('smallwin.edit', { winId: first.id, ...stripped(first), title: 'Koffie-uur op dinsdag' }, 'wins'))).toBe('accepted');
    await scr.until((v) => winsOf(v).wins[0]!.title === 'Koffie-uur op dinsdag', 5000, 'edit on screen');
    await a.until((v) => winsOf(v).wins[0]!.title === 'Koffie-uur op dinsdag', 5000, 'edit on the phone');

    const harvest = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, arena.key);
    expect(harvest.status).toBe(200);
    expect(harvest.body).toContain('**2 small wins om te vieren!**');
    expect(harvest.body).toContain('### 1. Koffie-uur op dinsdag');
    expect(harvest.body).toContain('**Aanjaagmechanismen:** Energizing, Olievlek');
    expect(harvest.body).not.toContain('Tweede van a');
  });

  it('session 2: carries the two wins, and moves one to the actiefase', async () => {
    const s = await newSession('Bijeenkomst 2');
    const fac = track(await facilitator(oogst.url, s));
    const scr = track(await screen(oogst.url, s));
    const phone = track(await participant(oogst.url, s));
    for (const v of [fac, scr, phone]) {
      expect(contextOf(v)!.wins.map((w) => [w.title, w.phase, w.session.title])).toEqual([
        ['Koffie-uur op dinsdag', 'oplaadfase', 'Bijeenkomst 1'],
        ['Respijtbon zonder formulier', 'definitiefase', 'Bijeenkomst 1'],
      ]);
    }
    // Nobody is named in what the arena carries over.
    for (const earlier of authors) expect(JSON.stringify(phone.state!.arenaContext)).not.toContain(earlier);
    const koffie = contextOf(fac)!.wins[0]!;
    expect(koffie.session.id).toBe(sessions[0]!.session.id);

    await fac.send('session.goto', { stepId: 'wins' });
    await phone.until((v) => v.state!.current === 1, 5000, 'phone on the step');
    expect(result(await phone.send('smallwin.progress', { sessionId: koffie.session.id, winId: koffie.id, phase: 'actiefase', note: 'Nu elke week, ook in Oost' }, 'wins'))).toBe(
      'accepted',
    );
    expect(result(await phone.send('smallwin.progress', { sessionId: koffie.session.id, winId: koffie.id }, 'wins'))).toBe('invalid');
    await scr.until((v) => winsOf(v).updates.length === 1, 5000, 'progress on the screen');
    expect(winsOf(scr).updates[0]).toMatchObject({ winId: koffie.id, phase: 'actiefase', note: 'Nu elke week, ook in Oost' });
    expect(winsOf(scr).updates[0]!.author).toBeUndefined();
    await phone.until((v) => winsOf(v).updates.length === 1, 5000, 'own progress on the phone');
  });

  it('session 3: sees the latest phase and the history', async () => {
    const s = await newSession('Bijeenkomst 3');
    const fac = track(await facilitator(oogst.url, s));
    const koffie = contextOf(fac)!.wins.find((w) => w.title === 'Koffie-uur op dinsdag')!;
    expect(koffie.phase).toBe('actiefase');
    expect(koffie.history).toEqual([
      { session: { id: sessions[1]!.session.id, title: 'Bijeenkomst 2', date: expect.any(Number) }, phase: 'actiefase', note: 'Nu elke week, ook in Oost', at: expect.any(Number) },
    ]);
    expect(contextOf(fac)!.wins.find((w) => w.title === 'Respijtbon zonder formulier')!.phase).toBe('definitiefase');
  });

  it('lists the arena’s small wins over HTTP with their history, for the arena’s key only', async () => {
    const list = await api(oogst.url, 'GET', `/api/arenas/${arena.id}/smallwins`, undefined, arena.key);
    expect(list.status).toBe(200);
    expect(list.body.arena).toEqual({ id: arena.id, title: 'Waardevol Werk' });
    expect(list.body.wins.map((w: any) => [w.title, w.registeredPhase, w.phase, w.session.title, w.history.length])).toEqual([
      ['Koffie-uur op dinsdag', 'oplaadfase', 'actiefase', 'Bijeenkomst 1', 1],
      ['Respijtbon zonder formulier', 'definitiefase', 'definitiefase', 'Bijeenkomst 1', 0],
    ]);
    const koffie = list.body.wins[0];
    expect(koffie).toMatchObject({
      result: 'Elke dinsdag om 10 uur koffie in de buurtkamer',
      visibleFor: 'mantelzorgers en de wijkverpleging',
      characteristics: [{ id: 'concreet', explanation: 'Het draait al' }, { id: 'lokaal' }],
      mechanisms: ['energizing', 'olievlek'],
      paths: ['verspreiden'],
      answers: [{ questionId: 'nodig', question: 'Wat is daarvoor nodig?', answer: 'Een vaste sleutelhouder' }],
    });
    expect(koffie.history).toEqual([
      { id: expect.any(String), session: { id: sessions[1]!.session.id, title: 'Bijeenkomst 2', date: expect.any(String) }, phase: 'actiefase', note: 'Nu elke week, ook in Oost', at: expect.any(String) },
    ]);
    expect(JSON.stringify(list.body)).not.toMatch(/author|pseudonym|Tweede van a/);

    const other = await api(oogst.url, 'POST', '/api/arenas', { title: 'Andere arena' });
    expect((await api(oogst.url, 'GET', `/api/arenas/${arena.id}/smallwins`, undefined, other.body.key)).status).toBe(401);
    expect((await api(oogst.url, 'GET', `/api/arenas/${arena.id}/smallwins`)).status).toBe(401);
    expect((await api(oogst.url, 'GET', `/api/arenas/nope/smallwins`, undefined, arena.key)).status).toBe(404);
    const empty = await api(oogst.url, 'GET', `/api/arenas/${other.body.id}/smallwins`, undefined, other.body.key);
    expect(empty.body.wins).toEqual([]);
  });
});

/** A win's fields as `smallwin.edit` takes them. */
function stripped(win: SmallwinData['wins'][number]) {
  const { id: _i, author: _a, at: _t, seq: _s, hidden: _h, edited: _e, ...fields } = win;
  return fields;
}
