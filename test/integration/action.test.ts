/**
 * Actions across an arena, against the real server and a SQLite file: in session 1
 * phones propose actions and the group chooses one with a vote; session 2 carries it
 * and phones update it; the arena's actions API shows it with its history in order.
 */
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { ActionContext } from '../../kinds/action/model.js';
import { api, facilitator, participant, } from '../helpers/oogst.js';
import { scriptedArena } from '../helpers/scripted-arena.js';

const SCRIPT = `id: acties
title: Acties
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
  - id: voortgang
    kind: action
    title: Voortgang
    mode: update
`;

const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);

describe('actions across the sessions of an arena', () => {
  const arenaRun = scriptedArena({ acties: SCRIPT });
  const { track } = arenaRun;
  const newSession = (title: string) => arenaRun.newSession('acties', title);

  it('proposes, chooses with a vote, carries the choice and records updates from phones, in order', async () => {
    const one = await newSession('Bijeenkomst 1');
    const fac = track(await facilitator(arenaRun.url, one));
    const [a, b] = [track(await participant(arenaRun.url, one)), track(await participant(arenaRun.url, one))];
    expect(result(await fac.send('session.goto', { stepId: 'acties' }))).toBe('accepted');
    await a.until((v) => v.state!.current === 0, 5000, 'phone on the step');
    expect(result(await a.send('action.propose', { what: 'Koffie-ochtend', who: 'Wijkteam', when: 'maart', target: 'Mantelzorgers komen eerder' }, 'acties'))).toBe('accepted');
    expect(result(await b.send('action.propose', { what: 'Spreekuur in de bibliotheek' }, 'acties'))).toBe('accepted');
    expect(result(await fac.send('step.reveal', { revealed: true }, 'acties'))).toBe('accepted');
    expect(result(await fac.send('session.goto', { stepId: 'kiezen' }))).toBe('accepted');
    await b.until((v) => v.state!.current === 1 && (v.state!.stepStates.acties!.data as { actions: unknown[] }).actions.length === 2, 5000, 'ballot on the phone');
    const koffie = (fac.state!.stepStates.acties!.data as { actions: { id: string; what: string }[] }).actions.find((x) => x.what === 'Koffie-ochtend')!;
    expect(result(await a.send('vote.place', { itemId: koffie.id, dots: 1 }, 'kiezen'))).toBe('accepted');
    expect(result(await b.send('vote.place', { itemId: koffie.id, dots: 1 }, 'kiezen'))).toBe('accepted');

    const two = await newSession('Bijeenkomst 2');
    const fac2 = track(await facilitator(arenaRun.url, two));
    const c = track(await participant(arenaRun.url, two));
    const carried = fac2.state!.arenaContext.action as ActionContext;
    expect(carried.actions.map((x) => [x.what, x.status, x.who])).toEqual([['Koffie-ochtend', 'voorgesteld', 'Wijkteam']]);
    expect(result(await fac2.send('session.goto', { stepId: 'voortgang' }))).toBe('accepted');
    await c.until((v) => v.state!.current === 2, 5000, 'phone on the update step');
    const target = { sessionId: one.session.id, actionId: koffie.id };
    expect(result(await c.send('action.update', { ...target, status: 'loopt', did: 'Twee ochtenden gehouden' }, 'voortgang'))).toBe('accepted');
    expect(result(await c.send('action.update', { ...target, noticed: 'Drie nieuwe mantelzorgers', learned: 'Persoonlijk uitnodigen werkt' }, 'voortgang'))).toBe('accepted');
    expect(result(await fac2.send('action.update', { ...target, status: 'bijgesteld', adjust: 'Ook op zaterdag' }, 'voortgang'))).toBe('accepted');
    expect(result(await c.send('action.update', { ...target, actionId: 'onbekend', did: 'x' }, 'voortgang'))).toBe('not-found');

    const listed = await api(arenaRun.url, 'GET', `/api/arenas/${arenaRun.arena.id}/actions`, undefined, arenaRun.arena.key);
    expect(listed.status).toBe(200);
    expect(listed.body.actions.map((x: { what: string; status: string; target: string }) => [x.what, x.status, x.target])).toEqual([
      ['Koffie-ochtend', 'bijgesteld', 'Mantelzorgers komen eerder'],
    ]);
    expect(listed.body.actions[0].history.map((h: Record<string, string>) => [h.status, h.did ?? h.noticed ?? h.adjust])).toEqual([
      ['loopt', 'Twee ochtenden gehouden'],
      [undefined, 'Drie nieuwe mantelzorgers'],
      ['bijgesteld', 'Ook op zaterdag'],
    ]);
    expect((await api(arenaRun.url, 'GET', `/api/arenas/${arenaRun.arena.id}/actions`, undefined, 'verkeerd')).status).toBe(401);
    const harvest = await api(arenaRun.url, 'GET', `/api/arenas/${arenaRun.arena.id}/harvest.md`, undefined, arenaRun.arena.key);
    expect(harvest.status).toBe(200);
    expect(String(harvest.body)).toMatch(/Acties en experimenten[\s\S]*Koffie-ochtend[\s\S]*Twee ochtenden gehouden[\s\S]*Ook op zaterdag/);
  });
});
