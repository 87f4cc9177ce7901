/** A meeting of the shipped `monitoring` script run through the real server: each text is one phone's answer to a question. */
import { expect } from 'vitest';
import { api, facilitator, participant, type StartedSession } from './oogst.js';

export async function monitoringMeeting(
  base: string,
  arena: { id: string; key: string },
  title: string,
  texts: string[],
  questionId = 'waarde',
  plannedAt?: string,
): Promise<StartedSession> {
  const created = await api(base, 'POST', `/api/arenas/${arena.id}/sessions`, { script: 'monitoring', title, ...(plannedAt ? { plannedAt } : {}) }, arena.key);
  expect(created.status).toBe(201);
  const session: StartedSession = { arena, session: created.body, screenKey: '' };
  const fac = await facilitator(base, session);
  for (const text of texts) {
    const phone = await participant(base, session);
    expect(await phone.send('open.answer', { questionId, text }, 'monitoring')).toMatchObject({ ok: true });
    phone.close();
  }
  fac.close();
  return session;
}
