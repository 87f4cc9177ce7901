/**
 * A realistic arena for the harvest tests: meetings of test/fixtures/arena-bijeenkomst.yaml
 * run through the real server by phones, with a hidden note (never in a harvest),
 * Dutch text with quotes, line breaks and a would-be formula, clusters, votes,
 * small wins, the three monitoring answers and an invitation left for the network.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import type { QuestionsData } from '../../kinds/questions/model.js';
import type { WallData } from '../../kinds/wall/model.js';
import { api, facilitator, participant, startOogst, type Running, type StartedSession, type ViewClient } from './oogst.js';

export const FIXTURE_SCRIPT = 'arena-bijeenkomst';
export const HIDDEN_NOTE = 'Die wethouder is een idioot';
export const TRICKY_NOTE = '=HYPERLINK("http://kwaad.example")';
export const QUOTED_NOTE = 'Mantelzorgers zeggen: "niemand vraagt het",\nen dan stopt het gesprek';

/** A server that offers the fixture script, an arena on it, and `meetings` meetings run in it. */
export async function startArena(meetings: number): Promise<{ oogst: Running; arena: { id: string; key: string }; meetings: Meeting[]; scriptsDir: string; stop(): Promise<void> }> {
  const scriptsDir = mkdtempSync(join(tmpdir(), 'oogst-arena-'));
  copyFileSync(new URL('../fixtures/arena-bijeenkomst.yaml', import.meta.url), join(scriptsDir, 'arena-bijeenkomst.yaml'));
  const oogst = await startOogst({ scriptsDir, env: { OOGST_COMMAND_BURST: '1000' } });
  const made = await api(oogst.url, 'POST', '/api/arenas', { title: 'Jonge mantelzorgers Leiden', theme: 'Mantelzorg' });
  const arena = { id: made.body.id as string, key: made.body.key as string };
  const held: Meeting[] = [];
  for (let n = 1; n <= meetings; n++) held.push(await runMeeting(oogst.url, arena, `Bijeenkomst ${n}`, n));
  return {
    oogst,
    arena,
    meetings: held,
    scriptsDir,
    async stop() {
      await oogst.stop();
      rmSync(scriptsDir, { recursive: true, force: true });
    },
  };
}

const ok = async (ack: Promise<Ack>) => expect(await ack).toMatchObject({ ok: true });

export interface Meeting {
  session: StartedSession;
  /** Monitoring answers given per question id. */
  monitoring: Record<string, number>;
}

/** Runs one meeting of the fixture script with `phones` participants; `n` makes its texts its own. */
export async function runMeeting(base: string, arena: { id: string; key: string }, title: string, n: number, phones = 3): Promise<Meeting> {
  const created = await api(base, 'POST', `/api/arenas/${arena.id}/sessions`, { script: FIXTURE_SCRIPT, title }, arena.key);
  expect(created.status).toBe(201);
  const session: StartedSession = { arena, session: created.body, screenKey: new URL(created.body.screenUrl).hash.replace('#key=', '') };
  const fac = await facilitator(base, session);
  const ps = await Promise.all(Array.from({ length: phones }, () => participant(base, session)));
  const views: ViewClient[] = [fac, ...ps];
  const goto = async (stepId: string) => {
    await ok(fac.send('session.goto', { stepId }));
    const index = fac.state!.steps.findIndex((s) => s.id === stepId);
    await Promise.all(ps.map((p) => p.until((v) => v.state!.current === index, 5000, `phone on ${stepId}`)));
  };
  try {
    await goto('muur');
    await ok(ps[0]!.send('wall.post', { column: 'klaagmuur', text: `Wachtlijsten zijn te lang (${n})` }, 'muur'));
    await ok(ps[1]!.send('wall.post', { column: 'klaagmuur', text: `Wachtlijst voor respijtzorg (${n})` }, 'muur'));
    await ok(ps[2]!.send('wall.post', { column: 'klaagmuur', text: HIDDEN_NOTE }, 'muur'));
    await ok(ps[0]!.send('wall.post', { column: 'jubelmuur', text: n === 1 ? QUOTED_NOTE : `Het buurtteam kent de mensen bij naam (${n})` }, 'muur'));
    await ok(ps[1]!.send('wall.post', { column: 'jubelmuur', text: TRICKY_NOTE }, 'muur'));
    await fac.until((v) => (v.state!.stepStates.muur!.data as WallData).notes.length === 5, 5000, 'five notes');
    const notes = (fac.state!.stepStates.muur!.data as WallData).notes;
    await ok(fac.send('wall.hide', { noteId: notes.find((x) => x.text === HIDDEN_NOTE)!.id, hidden: true }, 'muur'));
    await ok(fac.send('wall.cluster', { column: 'klaagmuur', title: 'Wachtlijsten', noteIds: notes.filter((x) => x.text.startsWith('Wachtlijst')).map((x) => x.id) }, 'muur'));

    await goto('peiling');
    for (const [i, p] of ps.entries()) await ok(p.send('poll.vote', { choices: [i === 2 ? 'vroeg' : 'samen'] }, 'peiling'));

    await goto('woorden');
    for (const p of ps) await ok(p.send('wordcloud.add', { text: 'Rust' }, 'woorden'));
    await ok(ps[0]!.send('wordcloud.add', { text: 'Erkenning' }, 'woorden'));

    await goto('vragen');
    await ok(ps[0]!.send('questions.ask', { text: 'Hoe kunnen we wachtlijsten korter maken?' }, 'vragen'));
    await ok(ps[1]!.send('questions.ask', { text: 'Hoe kunnen we mantelzorgers eerder bereiken?' }, 'vragen'));
    await fac.until((v) => (v.state!.stepStates.vragen!.data as QuestionsData).questions.length === 2, 5000, 'two questions');
    const questions = (fac.state!.stepStates.vragen!.data as QuestionsData).questions;

    await goto('stippen');
    for (const p of ps) await ok(p.send('vote.place', { itemId: questions[0]!.id, dots: 2 }, 'stippen'));
    await ok(ps[0]!.send('vote.place', { itemId: questions[1]!.id, dots: 1 }, 'stippen'));

    await goto('wins');
    await ok(ps[0]!.send('smallwin.register', { title: `Koffie-uur ${n}`, result: 'Elke dinsdag koffie in de buurtkamer', mechanisms: ['energizing'], paths: ['verspreiden'], phase: 'oplaadfase' }, 'wins'));

    await goto('monitoring');
    const monitoring: Record<string, number> = { waarde: 0, samenwerking: 0, morgen: 0 };
    // Fewer answers in later meetings' last question, so the trend is not flat.
    for (const [i, p] of ps.entries())
      for (const q of ['waarde', 'samenwerking', 'morgen'])
        if (q !== 'morgen' || i < n) {
          await ok(p.send('open.answer', { questionId: q, text: `${q}: antwoord ${i + 1} in bijeenkomst ${n}` }, 'monitoring'));
          monitoring[q]!++;
        }
    // One phone asks to be invited to the next meeting.
    await ok(fac.send('session.contacts', { open: true }));
    await ps[0]!.until((v) => v.state!.contacts?.open === true, 5000, 'contact form on the phone');
    const left = await api(base, 'POST', `/api/sessions/${session.session.id}/contacts`, {
      token: ps[0]!.identity.token,
      name: `Anne de Vries ${n}`,
      email: `anne${n}@voorbeeld.nl`,
      consent: true,
    });
    expect(left.status).toBe(204);
    return { session, monitoring };
  } finally {
    for (const v of views) v.close();
  }
}
