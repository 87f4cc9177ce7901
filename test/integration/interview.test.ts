/**
 * Waarderende interviews against the real server and a SQLite file, from a script of
 * its own, with real socket.io clients: a facilitator, a screen and five phones become
 * a pair and a trio, write notes, swap roles and share; a sixth arrives late; the
 * harvest holds only what was shared.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import { noteIdOf, type InterviewData, type Pair } from '../../kinds/interview/model.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const SCRIPT = `# yaml-language-server: $schema=../docs/script.schema.json
id: waarderende-interviews
title: Waarderende interviews
language: nl
steps:
  - id: welkom
    kind: slide
    title: Welkom
    body: Pak je telefoon erbij.
  - id: interviews
    kind: interview
    title: Waarderende interviews
    prompt: Interview elkaar over een moment waarop het echt goed werkte.
    timer: 600
    guide:
      - Vertel over een moment waarop de samenwerking met mantelzorgers echt goed werkte.
      - Wat maakte dat mogelijk?
      - Wat was jouw bijdrage?
      - Wat zegt dat over wat we waarderen?
    wallTitle: Wat we al in huis hebben
`;

type Phone = Awaited<ReturnType<typeof participant>>;
const dataOf = (v: ViewClient) => v.state!.stepStates.interviews!.data as InterviewData;
const result = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);
const activeIds = (pair: Pair) => pair.members.filter((m) => m.status === 'active').map((m) => m.id!);

describe('a live session with waarderende interviews', () => {
  let scripts: string;
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  let phones: Phone[];
  const phone = (id: string) => phones.find((p) => p.identity.participantId === id)!;
  const current = () => dataOf(fac).pairs.filter((p) => p.round === dataOf(fac).round);
  const pairOfSize = (n: number) => current().find((p) => activeIds(p).length === n)!;
  const asker = (pair: Pair) => phone(pair.members[pair.interviewer]!.id!);
  const teller = (pair: Pair) => phone(pair.members[pair.interviewee]!.id!);
  const write = (pair: Pair, texts: { story?: string; strengths?: string; conditions?: string }) =>
    asker(pair).send('interview.note', { pairId: pair.id, about: pair.interviewee, story: '', strengths: '', conditions: '', ...texts }, 'interviews');

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'waarderende-interviews.yaml'), SCRIPT);
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000' } });
    s = await startSession(oogst.url, 'waarderende-interviews');
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    phones = [];
    for (let i = 0; i < 5; i++) phones.push(await participant(oogst.url, s));
    await fac.until((v) => v.presence === 5, 5000, 'five phones connected');
  });
  afterAll(async () => {
    for (const v of [fac, scr, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('pairs the five people present into a pair and a trio, each phone seeing only its own partners', async () => {
    expect(result(await fac.send('session.goto', { stepId: 'interviews' }))).toBe('accepted');
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === 1, 5000, 'interview step')));
    expect(result(await fac.send('interview.pair', {}, 'interviews'))).toBe('accepted');
    await Promise.all(phones.map((p) => p.until((v) => dataOf(v).pairs.length === 1, 5000, 'a pair on every phone')));

    expect(current().map((p) => activeIds(p).length).sort()).toEqual([2, 3]);
    for (const p of phones) {
      const [pair] = dataOf(p).pairs;
      const names = pair!.members.map((m) => m.pseudonym).sort();
      const real = current().find((c) => activeIds(c).includes(p.identity.participantId))!;
      expect(names).toEqual(real.members.map((m) => m.pseudonym).sort());
      expect(names).toContain(p.identity.pseudonym);
      // Partners by pseudonym only: the only id a phone holds is its own.
      expect(pair!.members.filter((m) => m.id !== undefined).map((m) => m.id)).toEqual([p.identity.participantId]);
    }
    await scr.until((v) => dataOf(v).pairs.length === 2, 5000, 'pairs on the screen');
    const onScreen = JSON.stringify(scr.state);
    for (const p of phones) {
      expect(onScreen).not.toContain(p.identity.pseudonym);
      expect(onScreen).not.toContain(p.identity.participantId);
    }
  });

  it('keeps notes within the pair: not on the screen, not on other phones', async () => {
    const pair = pairOfSize(2);
    const trio = pairOfSize(3);
    expect(result(await write(pair, { story: 'De wijkverpleging en de mantelzorger maakten samen een weekplan', strengths: 'Luisteren zonder oordeel', conditions: 'Een vaste contactpersoon' }))).toBe('accepted');
    expect(result(await write(trio, { story: 'Het buurthuis bleef open in de kerstvakantie', strengths: 'Vrijwilligers die doorzetten', conditions: 'De sleutel bij de buurvrouw' }))).toBe('accepted');
    for (const p of [...activeIds(pair), ...activeIds(trio)].map(phone)) await p.until((v) => dataOf(v).notes.length === 1, 5000, 'own pair notes');
    expect(dataOf(teller(pair)).notes[0]!.story).toContain('weekplan');
    const listener = trio.members.findIndex((_m, i) => i !== trio.interviewer && i !== trio.interviewee);
    expect(dataOf(phone(trio.members[listener]!.id!)).notes[0]!.story).toContain('buurthuis');
    for (const p of activeIds(pair).map(phone)) expect(JSON.stringify(p.state)).not.toContain('buurthuis');
    for (const p of activeIds(trio).map(phone)) expect(JSON.stringify(p.state)).not.toContain('weekplan');
    await fac.until((v) => dataOf(v).notes.length === 2, 5000, 'facilitator counts two');
    expect(dataOf(scr).notes).toEqual([]);
    expect(JSON.stringify(scr.events)).not.toMatch(/weekplan|buurthuis|Luisteren|Vrijwilligers/);
    // The notes are the pair's until shared: the facilitator's console knows they exist, not what they say.
    expect(JSON.stringify(fac.state)).not.toMatch(/weekplan|buurthuis|Luisteren|Vrijwilligers/);
    expect(JSON.stringify(fac.events)).not.toMatch(/weekplan|buurthuis|Luisteren|Vrijwilligers/);
  });

  it('refuses notes from outside the pair and shares by anyone but the one interviewed', async () => {
    const pair = pairOfSize(2);
    const outsider = phone(activeIds(pairOfSize(3))[0]!);
    const before = fac.state!.seq;
    expect(result(await outsider.send('interview.note', { pairId: pair.id, about: pair.interviewee, story: 'ingebroken', strengths: '', conditions: '' }, 'interviews'))).toBe('forbidden');
    const noteId = noteIdOf(pair.id, pair.interviewee);
    expect(result(await asker(pair).send('interview.share', { noteId, fields: ['story'] }, 'interviews'))).toBe('forbidden');
    expect(result(await outsider.send('interview.share', { noteId, fields: ['story'] }, 'interviews'))).toBe('forbidden');
    expect(result(await asker(pair).send('interview.note', { pairId: pair.id, about: pair.interviewee, story: 'x'.repeat(1001), strengths: '', conditions: '' }, 'interviews'))).toBe('too-large');
    expect(result(await teller(pair).send('interview.swap', {}, 'interviews'))).toBe('forbidden');
    expect(fac.state!.seq).toBe(before);
  });

  it('swaps roles on the facilitator’s signal: the one who told now asks', async () => {
    const before = pairOfSize(2);
    const firstTeller = before.members[before.interviewee]!.id!;
    expect(result(await fac.send('interview.swap', {}, 'interviews'))).toBe('accepted');
    await phone(firstTeller).until((v) => dataOf(v).swaps === 1, 5000, 'swap on the phone');
    const [held] = dataOf(phone(firstTeller)).pairs;
    expect(held!.members[held!.interviewer]!.id).toBe(firstTeller);
    const pair = pairOfSize(2);
    expect(result(await write(pair, { story: 'Een moeder vond via de app een oppas', strengths: 'Vindingrijkheid' }))).toBe('accepted');
    await scr.until((v) => dataOf(v).swaps === 1, 5000, 'swap on the screen');
  });

  it('puts shared notes on the screen live, only the fields the one interviewed chose', async () => {
    const pair = pairOfSize(2);
    const trio = pairOfSize(3);
    // In the pair, the first teller (who now asks) shares the notes about their own story.
    const firstNote = dataOf(fac).notes.find((n) => n.pairId === pair.id && n.about === pair.interviewer)!;
    expect(result(await asker(pair).send('interview.share', { noteId: firstNote.id, fields: ['story', 'strengths'] }, 'interviews'))).toBe('accepted');
    const trioNote = dataOf(fac).notes.find((n) => n.pairId === trio.id)!;
    const trioTeller = phone(trio.members[trioNote.about!]!.id!);
    expect(result(await trioTeller.send('interview.share', { noteId: trioNote.id, fields: ['strengths'] }, 'interviews'))).toBe('accepted');
    await scr.until((v) => dataOf(v).notes.length === 2, 5000, 'two shared on the screen');
    const wall = dataOf(scr).notes;
    expect(wall.map((n) => n.strengths)).toEqual(['Luisteren zonder oordeel', 'Vrijwilligers die doorzetten']);
    expect(wall[0]!.story).toContain('weekplan');
    expect(wall[1]!.story).toBeUndefined();
    expect(JSON.stringify(scr.state)).not.toMatch(/buurthuis|sleutel|vaste contactpersoon|oppas/);
    // The other pair's phones still hold nothing of it.
    for (const p of activeIds(trio).map(phone)) expect(JSON.stringify(p.state)).not.toContain('weekplan');
  });

  it('places a late arrival in the pair, as a listener who does not see earlier notes', async () => {
    const pair = pairOfSize(2);
    const late = await participant(oogst.url, s);
    phones.push(late);
    await late.until((v) => dataOf(v).pairs.length === 1, 5000, 'the late one gets a pair');
    const [held] = dataOf(late).pairs;
    expect(held!.id).toBe(pair.id);
    expect(held!.members.filter((m) => m.status === 'active')).toHaveLength(3);
    expect(dataOf(late).notes).toEqual([]);
    await fac.until(() => current().every((p) => activeIds(p).length === 3), 5000, 'two trios');
  });

  it('keeps each view equal to a fresh projection', async () => {
    for (const p of phones) {
      await p.until((v) => v.state!.seq > 0, 5000, 'state');
      const again = await participant(oogst.url, s, p.identity.token);
      await fac.until((v) => v.presence === phones.length, 5000, 'presence');
      const { seq: _a, ...held } = p.state!;
      const { seq: _b, ...fresh } = again.state!;
      expect(held).toEqual(fresh);
      again.close();
    }
    const freshScreen = await screen(oogst.url, s);
    await scr.until((v) => v.state!.seq >= freshScreen.state!.seq, 5000, 'screen caught up');
    expect({ ...scr.state!, seq: 0 }).toEqual({ ...freshScreen.state!, seq: 0 });
    freshScreen.close();
  });

  it('writes a harvest with only the shared notes, grouped per field, and nobody named', async () => {
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
    expect(md.status).toBe(200);
    expect(md.body).toContain('## 2. Waarderende interviews');
    // Each shared interview is one numbered item: its story first, its strengths beneath it.
    expect(md.body).toMatch(/^1\. .+\n {3}- \*\*Krachten en talenten:\*\* (Luisteren zonder oordeel|Vrijwilligers die doorzetten)$/m);
    expect(md.body).toMatch(/^2\. \*\*Krachten en talenten:\*\* (Luisteren zonder oordeel|Vrijwilligers die doorzetten)$/m);
    expect(md.body).not.toContain('Wat het mogelijk maakte');
    expect(md.body).toContain('**Gedeeld:** 2 van 3 interviews');
    for (const secret of ['buurthuis', 'sleutel', 'vaste contactpersoon', 'oppas', 'Vindingrijkheid']) {
      expect(md.body).not.toContain(secret);
      expect(JSON.stringify(json.body)).not.toContain(secret);
    }
    for (const p of phones) {
      expect(md.body).not.toContain(p.identity.pseudonym);
      expect(JSON.stringify(json.body)).not.toContain(p.identity.participantId);
    }
    const output = json.body.steps.find((st: { id: string }) => st.id === 'interviews').output;
    expect(output).toMatchObject({ rounds: 1, pairs: 2, interviews: 3, shared: 2 });
    expect(output.fields.map((f: { id: string; items: unknown[] }) => [f.id, f.items.length])).toEqual([
      ['story', 1],
      ['strengths', 2],
      ['conditions', 0],
    ]);
  });

  it('exports the arena without unshared note text, and the import elsewhere gives the same harvests in every format', async () => {
    const exported = await api(oogst.url, 'GET', `/api/arenas/${s.arena.id}/export.json`, undefined, s.arena.key);
    expect(exported.status).toBe(200);
    const file = JSON.stringify(exported.body);
    for (const secret of ['buurthuis', 'sleutel', 'vaste contactpersoon', 'oppas', 'Vindingrijkheid']) expect(file).not.toContain(secret);
    expect(file).toContain('Luisteren zonder oordeel'); // shared: the facilitator sees it, and the harvest needs it

    const other = await startOogst({ scriptsDir: scripts });
    try {
      const imported = await api(other.url, 'POST', '/api/arenas/import', exported.body);
      expect(imported.status).toBe(201);
      const word = async (bytes: Buffer) => (await JSZip.loadAsync(bytes)).file('word/document.xml')!.async('string');
      for (const path of [`/api/sessions/${s.session.id}`, `/api/arenas/${s.arena.id}`])
        for (const format of ['md', 'json', 'csv', 'html', 'docx']) {
          const [here, there] = await Promise.all([
            fetch(`${oogst.url}${path}/harvest.${format}`, { headers: { authorization: `Bearer ${s.arena.key}` } }),
            fetch(`${other.url}${path}/harvest.${format}`, { headers: { authorization: `Bearer ${imported.body.key}` } }),
          ]);
          const [a, b] = [Buffer.from(await here.arrayBuffer()), Buffer.from(await there.arrayBuffer())];
          if (format === 'docx') expect(await word(b), `${path} ${format}`).toEqual(await word(a));
          else expect(b.toString(), `${path} ${format}`).toEqual(a.toString());
        }
    } finally {
      await other.stop();
    }
  });
});
