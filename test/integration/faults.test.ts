/**
 * Nothing lost: the real server process is killed with SIGKILL while a hundred
 * phones post, then started again on the same SQLite file. Phones reconnect and
 * resend what was not acknowledged. Every note created is stored exactly once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WallData } from '../../kinds/wall/model.js';
import { api, facilitator, screen, startSession, type StartedSession, type ViewClient } from '../helpers/oogst.js';
import { ResilientParticipant } from '../helpers/resilient-participant.js';
import { freePort, ServerProcess } from '../helpers/server-process.js';
import { sleep, until } from '../helpers/wait.js';

const PHONES = 100;
const NOTES_EACH = 6;

/** Every wall note in the store, read through the facilitator's harvest. */
async function storedNotes(server: ServerProcess, s: StartedSession): Promise<string[]> {
  const harvest = await api(server.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
  const wall = harvest.body.steps.find((st: { id: string }) => st.id === 'muur').output;
  return wall.columns.flatMap((c: any) => c.groups.flatMap((g: any) => g.notes.map((n: any) => n.id)));
}

describe('a server killed mid-session', () => {
  let server: ServerProcess;
  let s: StartedSession;
  let phones: ResilientParticipant[] = [];

  beforeAll(async () => {
    server = new ServerProcess(await freePort(), undefined, { OOGST_COMMAND_BURST: '100000', OOGST_COMMANDS_PER_SECOND: '100000' });
    await server.start();
    s = await startSession(server.url);
  }, 90_000);
  afterAll(async () => {
    for (const p of phones) p.close();
    await server?.stop();
  });

  it('loses no acknowledged note and stores every created note once', { timeout: 120_000 }, async () => {
    const fac = await facilitator(server.url, s);
    expect((await fac.send('session.goto', { stepId: 'muur' })).ok).toBe(true);
    fac.close();
    phones = await Promise.all(Array.from({ length: PHONES }, () => ResilientParticipant.join(server.url, s.session.code, s.session.id)));

    // Each phone posts a note every 40–120 ms; the server dies while they do.
    const posting = Promise.all(
      phones.map(async (p, i) => {
        for (let n = 0; n < NOTES_EACH; n++) {
          p.post('muur', n % 2 ? 'jubelmuur' : 'klaagmuur', `telefoon ${i} briefje ${n}`);
          await sleep(40 + ((i * 7 + n * 13) % 80));
        }
      }),
    );
    await sleep(150);
    const ackedBeforeKill = phones.reduce((sum, p) => sum + p.acked.size, 0);
    await server.kill();
    const unackedAtKill = phones.reduce((sum, p) => sum + p.unacknowledged, 0);
    await sleep(500);
    await server.start();
    await posting;
    await until(() => phones.every((p) => p.unacknowledged === 0), 60_000, 'every phone to have its notes acknowledged');

    const created = phones.flatMap((p) => [...p.created.keys()]);
    const acked = phones.flatMap((p) => [...p.acked]);
    const stored = await storedNotes(server, s);
    const counts = new Map<string, number>();
    for (const id of stored) counts.set(id, (counts.get(id) ?? 0) + 1);
    const lost = created.filter((id) => !counts.has(id));
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    console.log(
      `faults: ${PHONES} phones, ${created.length} notes created, ${ackedBeforeKill} acknowledged before the kill, ` +
        `${unackedAtKill} waiting at the kill; after restart ${acked.length} acknowledged, ${stored.length} stored, ` +
        `${lost.length} lost, ${duplicated} duplicated, ${phones.flatMap((p) => p.refused).length} refused`,
    );
    expect(ackedBeforeKill).toBeGreaterThan(0);
    expect(unackedAtKill).toBeGreaterThan(0);
    expect(phones.flatMap((p) => p.refused)).toEqual([]);
    expect(lost).toEqual([]);
    expect(duplicated).toBe(0);
    expect(stored.length).toBe(PHONES * NOTES_EACH);
    expect(new Set(acked)).toEqual(new Set(created));
  });

  it('brings the console and the screen back to the same state after the restart', { timeout: 60_000 }, async () => {
    const fac = await facilitator(server.url, s);
    const scr = await screen(server.url, s);
    const before = { fac: structuredClone(fac.state), scr: structuredClone(scr.state) };
    await server.kill();
    await server.start();
    // The test clients do not reconnect by themselves: a fresh connection is what a reload or the page's reconnect gets.
    fac.close();
    scr.close();
    const facAgain = await facilitator(server.url, s);
    const scrAgain = await screen(server.url, s);
    expect(facAgain.state).toEqual(before.fac);
    expect(scrAgain.state).toEqual(before.scr);
    expect((scrAgain.state!.stepStates.muur!.data as WallData).notes).toHaveLength(PHONES * NOTES_EACH);
    facAgain.close();
    scrAgain.close();
  });
});

describe('a phone offline for 30 seconds', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = new ServerProcess(await freePort());
    await server.start();
  }, 90_000);
  afterAll(() => server?.stop());

  it('keeps posting into its outbox and delivers everything once when back', { timeout: 90_000 }, async () => {
    const s = await startSession(server.url);
    const fac: ViewClient = await facilitator(server.url, s);
    await fac.send('session.goto', { stepId: 'muur' });
    const phone = await ResilientParticipant.join(server.url, s.session.code, s.session.id);
    phone.post('muur', 'klaagmuur', 'voor het tunneltje');
    await until(() => phone.acked.size === 1, 5000, 'first note');
    phone.offline();
    for (let n = 0; n < 5; n++) {
      phone.post('muur', 'klaagmuur', `offline briefje ${n}`);
      await sleep(6000);
    }
    expect(phone.unacknowledged).toBe(5);
    phone.back();
    await until(() => phone.unacknowledged === 0, 15_000, 'the outbox to empty');
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 6, 5000, 'six notes');
    const texts = (fac.state!.stepStates.muur!.data as WallData).notes.map((n) => n.text);
    expect(texts).toEqual(['voor het tunneltje', ...Array.from({ length: 5 }, (_, n) => `offline briefje ${n}`)]);
    phone.close();
    fac.close();
  });
});
