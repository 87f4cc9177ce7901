/**
 * The traject of three meetings that the integration and browser tests both run
 * (`integration/traject.test.ts`, `browser/traject.test.ts`): its scripts, its planned
 * days, and the check that a harvest tells a history in order.
 */
import { expect } from 'vitest';
import type { StartedSession } from './oogst.js';

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

/** The three scripts by id, for `scriptedArena`. */
export const TRAJECT_SCRIPTS = { 'traject-1': MEETING_1, 'traject-2': MEETING_2, 'traject-3': MEETING_3 };

/** Each meeting's script, title and planned day. */
export const MEETINGS = [
  { script: 'traject-1', title: 'Bijeenkomst 1', plannedAt: '2026-02-03' },
  { script: 'traject-2', title: 'Bijeenkomst 2', plannedAt: '2026-04-07' },
  { script: 'traject-3', title: 'Bijeenkomst 3', plannedAt: '2026-06-02' },
] as const;

/**
 * Plans the three meetings in one go, the last first (what a meeting carries is worked
 * out when the room reaches the step); returns them in meeting order.
 */
export async function planTraject(newSession: (script: string, title: string, plannedAt: string) => Promise<StartedSession>) {
  const made: StartedSession[] = [];
  for (const m of [...MEETINGS].reverse()) made.unshift(await newSession(m.script, m.title, m.plannedAt));
  return made as [StartedSession, StartedSession, StartedSession];
}

/** Expects `parts` in `text` one after the other, each found after the one before it; `what` names the text in a failure. */
export function expectInOrder(text: string, what: string, ...parts: string[]) {
  let from = 0;
  for (const part of parts) {
    const at = text.indexOf(part, from);
    expect(at, `${what}: "${part}" after what came before it`).toBeGreaterThanOrEqual(0);
    from = at + part.length;
  }
}
