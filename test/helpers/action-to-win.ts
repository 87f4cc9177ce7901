/**
 * An arena where an action becomes a small win, for the integration and browser tests:
 * the script (actions, their progress, small wins), and an action chosen in meeting 1
 * and updated in meeting 2, with meeting 3 made and on its small-wins step.
 */
import { expect } from 'vitest';
import { facilitator } from './oogst.js';
import type { scriptedArena } from './scripted-arena.js';

export const ACTION_TO_WIN = `id: traject
title: Traject
language: nl
steps:
  - id: acties
    kind: action
    title: Verbeteracties
  - id: voortgang
    kind: action
    title: Voortgang
    mode: update
  - id: wins
    kind: smallwin
    title: Small wins
`;

/** Meetings 1 (2 March 2026: the action "Buurtlunch elke maand") and 2 (6 April: it runs), and meeting 3 (11 May) with its console on the small wins. */
export async function actionThroughTwoMeetings(arenaRun: ReturnType<typeof scriptedArena>) {
  const { track } = arenaRun;
  const one = await arenaRun.newSession('traject', 'Bijeenkomst 1', '2026-03-02');
  const fac1 = track(await facilitator(arenaRun.url, one));
  expect((await fac1.send('session.goto', { stepId: 'acties' })).ok).toBe(true);
  expect((await fac1.send('action.propose', { what: 'Buurtlunch elke maand', who: 'Wijkteam' }, 'acties')).ok).toBe(true);
  const lunch = (fac1.state!.stepStates.acties!.data as { actions: { id: string }[] }).actions[0]!;

  const two = await arenaRun.newSession('traject', 'Bijeenkomst 2', '2026-04-06');
  const fac2 = track(await facilitator(arenaRun.url, two));
  expect((await fac2.send('session.goto', { stepId: 'voortgang' })).ok).toBe(true);
  const update = { sessionId: one.session.id, actionId: lunch.id, status: 'loopt', did: 'Eerste lunch met twaalf buren' };
  expect((await fac2.send('action.update', update, 'voortgang')).ok).toBe(true);

  const { session: three, fac: fac3 } = await meetingOnWins(arenaRun, 'Bijeenkomst 3', '2026-05-11');
  return { one, lunch, three, fac3 };
}

/** A next meeting of the arena, its console on the small wins. */
export async function meetingOnWins(arenaRun: ReturnType<typeof scriptedArena>, title: string, date: string) {
  const session = await arenaRun.newSession('traject', title, date);
  const fac = arenaRun.track(await facilitator(arenaRun.url, session));
  expect((await fac.send('session.goto', { stepId: 'wins' })).ok).toBe(true);
  return { session, fac };
}
