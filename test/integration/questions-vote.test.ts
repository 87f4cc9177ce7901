/**
 * From the klaagmuur to chosen design questions, with the real server and real
 * socket.io clients: a wall, ontwerpvragen inspired by its klaagmuur, a dot vote
 * on the questions, and the harvest with the ranked result.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../core/protocol.js';
import { itemsOf } from '../../kinds/questions/items.js';
import { models } from '../../kinds/registry.js';
import type { QuestionsData } from '../../kinds/questions/model.js';
import { ballot, ranking } from '../../kinds/vote/ballot.js';
import { phoneBallot, type VoteData, type VoteStep } from '../../kinds/vote/model.js';
import { api, facilitator, participant, screen, startOogst, startSession, type Running, type StartedSession, type ViewClient } from '../helpers/oogst.js';

const SCRIPT = `id: van-klacht-naar-vraag
title: Van klacht naar ontwerpvraag
language: nl
steps:
  - id: muur
    kind: wall
    title: Klaag- en jubelmuur
    columns:
      - { id: klaagmuur, title: Klaagmuur }
      - { id: jubelmuur, title: Jubelmuur }
  - id: vragen
    kind: questions
    title: Hoe kunnen we …?
    prompt: Maak van een klacht een ontwerpvraag.
    from: muur
    fromColumn: klaagmuur
  - id: stem
    kind: vote
    title: Kies er twee
    from: vragen
    dots: 3
    maxPerItem: 2
    choose: 2
`;

const refused = (ack: Ack) => (ack.ok ? 'accepted' : ack.error);
const questionsOf = (v: ViewClient) => (v.state!.stepStates.vragen!.data as QuestionsData).questions;
const voteOf = (v: ViewClient) => v.state!.stepStates.stem!.data as VoteData;

describe('a live session from klaagmuur to chosen ontwerpvragen', () => {
  let scripts: string;
  let oogst: Running;
  let s: StartedSession;
  let fac: ViewClient;
  let scr: ViewClient;
  type Phone = Awaited<ReturnType<typeof participant>>;
  let phones: Phone[];
  const id = (v: ViewClient, text: string) => questionsOf(v).find((q) => q.text.startsWith(text))!.id;

  beforeAll(async () => {
    scripts = mkdtempSync(join(tmpdir(), 'oogst-scripts-'));
    writeFileSync(join(scripts, 'van-klacht-naar-vraag.yaml'), SCRIPT);
    // Scripted phones send faster than people: the rate limit has its own test.
    oogst = await startOogst({ scriptsDir: scripts, env: { OOGST_COMMAND_BURST: '1000' } });
    s = await startSession(oogst.url, 'van-klacht-naar-vraag');
    fac = await facilitator(oogst.url, s);
    scr = await screen(oogst.url, s);
    phones = [await participant(oogst.url, s), await participant(oogst.url, s), await participant(oogst.url, s)];
  });
  afterAll(async () => {
    for (const v of [fac, scr, ...(phones ?? [])]) v?.close();
    await oogst?.stop();
    rmSync(scripts, { recursive: true, force: true });
  });

  it('fills the klaagmuur', async () => {
    const [a, b, c] = phones as [Phone, Phone, Phone];
    const posted = [
      await a.send('wall.post', { column: 'klaagmuur', text: 'Mantelzorgers komen pas in beeld als ze overbelast zijn' }, 'muur'),
      await b.send('wall.post', { column: 'klaagmuur', text: 'Lange wachtlijst voor respijtzorg' }, 'muur'),
      await c.send('wall.post', { column: 'jubelmuur', text: 'Het mantelzorgcafé loopt goed' }, 'muur'),
    ];
    expect(posted.map(refused)).toEqual(['accepted', 'accepted', 'accepted']);
    await scr.until((v) => (v.state!.stepStates.muur!.data as { notes: unknown[] }).notes.length === 3, 5000, 'three notes');
  });

  it('shows the klaagmuur beside the questions, and the questions live without authors', async () => {
    expect(refused(await fac.send('session.goto', { stepId: 'vragen' }))).toBe('accepted');
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === 1, 5000, 'questions step')));
    const muur = scr.state!.steps[0]!;
    expect(itemsOf(scr.state!, muur, 'klaagmuur').map((i) => i.text)).toEqual([
      'Mantelzorgers komen pas in beeld als ze overbelast zijn',
      'Lange wachtlijst voor respijtzorg',
    ]);

    const [a, b, c] = phones as [Phone, Phone, Phone];
    const asked = [
      await a.send('questions.ask', { text: 'Hoe kunnen we mantelzorgers om tien uur op de koffie krijgen in plaats van om vijf voor twaalf?' }, 'vragen'),
      await b.send('questions.ask', { text: 'hoe kunnen we mantelzorgers eerder in beeld krijgen?' }, 'vragen'),
      await b.send('questions.ask', { text: 'Hoe kunnen we respijtzorg zonder wachtlijst regelen?' }, 'vragen'),
      await c.send('questions.ask', { text: 'Hoe kunnen we die ambtenaren eens laten voelen hoe het is?' }, 'vragen'),
    ];
    expect(asked.map(refused)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    const noPrefix = await c.send('questions.ask', { text: 'Waarom duurt alles zo lang?' }, 'vragen');
    expect(noPrefix).toMatchObject({ ok: false, error: 'invalid', message: 'A question here starts with "Hoe kunnen we".' });
    expect(refused(await c.send('questions.ask', { text: `Hoe kunnen we ${'x'.repeat(290)}` }, 'vragen'))).toBe('too-large');

    await scr.until((v) => questionsOf(v).length === 4, 5000, 'four questions on the screen');
    expect(questionsOf(scr).every((q) => q.author === undefined)).toBe(true);
    expect(JSON.stringify(scr.events.filter((e) => e.type.startsWith('questions.')))).not.toContain(b.identity.participantId);
    expect(questionsOf(b).map((q) => q.text)).toEqual(['hoe kunnen we mantelzorgers eerder in beeld krijgen?', 'Hoe kunnen we respijtzorg zonder wachtlijst regelen?']);
    expect(questionsOf(a)).toHaveLength(1);
  });

  it('lets the facilitator merge, edit and hide; the screen follows', async () => {
    const [, b, c] = phones as [Phone, Phone, Phone];
    const koffie = id(fac, 'Hoe kunnen we mantelzorgers om tien');
    const eerder = id(fac, 'hoe kunnen we mantelzorgers eerder');
    const respijt = id(fac, 'Hoe kunnen we respijtzorg');
    const boos = id(fac, 'Hoe kunnen we die ambtenaren');
    expect(refused(await fac.send('questions.merge', { targetId: koffie, questionIds: [eerder] }, 'vragen'))).toBe('accepted');
    expect(refused(await fac.send('questions.edit', { questionId: respijt, text: 'Hoe kunnen we respijtzorg regelen zonder wachtlijst?' }, 'vragen'))).toBe('accepted');
    expect(refused(await fac.send('questions.hide', { questionId: boos, hidden: true }, 'vragen'))).toBe('accepted');
    expect(refused(await fac.send('questions.edit', { questionId: respijt, text: 'Respijtzorg regelen' }, 'vragen'))).toBe('invalid');
    expect(refused(await phones[0]!.send('questions.merge', { targetId: respijt, questionIds: [koffie] }, 'vragen'))).toBe('forbidden');

    await scr.until((v) => !questionsOf(v).some((q) => q.id === boos) && questionsOf(v).some((q) => q.mergedInto === koffie), 5000, 'screen follows');
    expect(questionsOf(scr).find((q) => q.id === respijt)).toMatchObject({ text: 'Hoe kunnen we respijtzorg regelen zonder wachtlijst?', edited: true });
    await b.until((v) => questionsOf(v).some((q) => q.mergedInto === koffie), 5000, 'author sees the merge');
    await c.until((v) => questionsOf(v)[0]!.hidden, 5000, 'author sees it hidden');
    // The edit keeps the author: the question is still Bob's own on his phone, and nobody else's.
    expect(questionsOf(b).find((q) => q.id === respijt)!.text).toBe('Hoe kunnen we respijtzorg regelen zonder wachtlijst?');
  });

  it('puts the list on the phones, which closes the writing round', async () => {
    expect(refused(await fac.send('step.reveal', { revealed: true }, 'vragen'))).toBe('accepted');
    const [a, , c] = phones as [Phone, Phone, Phone];
    await a.until((v) => v.state!.stepStates.vragen!.revealed, 5000, 'shared');
    // Everybody's questions on the list, others' without an author; the hidden one only on its author's phone.
    expect(questionsOf(a).filter((q) => !q.hidden && !q.mergedInto)).toHaveLength(2);
    expect(questionsOf(a).filter((q) => q.author !== undefined).every((q) => q.author === a.identity.participantId)).toBe(true);
    expect(questionsOf(a).some((q) => q.hidden)).toBe(false);
    await c.until((v) => v.state!.stepStates.vragen!.revealed, 5000, 'shared');
    expect(questionsOf(c).filter((q) => q.hidden)).toHaveLength(1);
    expect(refused(await a.send('questions.ask', { text: 'Hoe kunnen we nog iets?' }, 'vragen'))).toBe('step-not-active');
  });

  it('runs the dot vote: budgets, limits, hidden results and a closed vote', async () => {
    expect(refused(await fac.send('session.goto', { stepId: 'stem' }))).toBe('accepted');
    await Promise.all(phones.map((p) => p.until((v) => v.state!.current === 2, 5000, 'vote step')));
    const [a, b, c] = phones as [Phone, Phone, Phone];
    const step = a.state!.steps[2] as VoteStep;
    // Each phone holds the ballot itself: the list that was put on the phones.
    const items = phoneBallot(a.state!, step, models);
    expect(items.map((i) => i.id)).toEqual(ballot(fac.state!, step)!.map((i) => i.id));
    expect(items.map((i) => i.text)).toEqual([
      'Hoe kunnen we mantelzorgers om tien uur op de koffie krijgen in plaats van om vijf voor twaalf?',
      'Hoe kunnen we respijtzorg regelen zonder wachtlijst?',
    ]);
    const [koffie, respijt] = items.map((i) => i.id) as [string, string];
    const merged = id(fac, 'hoe kunnen we mantelzorgers eerder');

    expect(refused(await a.send('vote.place', { itemId: koffie, dots: 2 }, 'stem'))).toBe('accepted');
    expect(refused(await a.send('vote.place', { itemId: respijt, dots: 2 }, 'stem'))).toBe('limit-reached');
    expect(refused(await a.send('vote.place', { itemId: respijt, dots: 1 }, 'stem'))).toBe('accepted');
    expect(refused(await b.send('vote.place', { itemId: respijt, dots: 3 }, 'stem'))).toBe('limit-reached');
    expect(refused(await b.send('vote.place', { itemId: merged, dots: 1 }, 'stem'))).toBe('not-found');
    expect(refused(await b.send('vote.place', { itemId: respijt, dots: 2 }, 'stem'))).toBe('accepted');
    expect(refused(await c.send('vote.place', { itemId: koffie, dots: 1 }, 'stem'))).toBe('accepted');
    // Moving a dot: off the coffee question, onto respite care.
    expect(refused(await c.send('vote.place', { itemId: koffie, dots: 0 }, 'stem'))).toBe('accepted');
    expect(refused(await c.send('vote.place', { itemId: respijt, dots: 1 }, 'stem'))).toBe('accepted');
    expect(refused(await c.send('vote.place', { itemId: koffie, dots: 1 }, 'stem'))).toBe('accepted');

    await scr.until((v) => voteOf(v).voters === 3, 5000, 'three voters on the screen');
    expect(voteOf(scr)).toEqual({ dots: {}, totals: {}, voters: 3, closed: false });
    expect(JSON.stringify(scr.events.filter((e) => e.type === 'vote.dots-placed'))).not.toContain(koffie);
    expect(voteOf(b).dots).toEqual({ [respijt]: { [b.identity.participantId]: 2 } });
    expect(voteOf(fac).totals).toEqual({ [koffie]: 3, [respijt]: 4 });

    expect(refused(await fac.send('vote.close', { closed: true }, 'stem'))).toBe('accepted');
    await a.until((v) => voteOf(v).closed, 5000, 'phone sees the vote closed');
    const late = await a.send('vote.place', { itemId: respijt, dots: 0 }, 'stem');
    expect(late).toMatchObject({ ok: false, error: 'closed', message: 'The vote is closed: dots can no longer be placed or moved.' });

    expect(refused(await fac.send('step.reveal', { revealed: true }, 'stem'))).toBe('accepted');
    await scr.until((v) => v.state!.stepStates.stem!.revealed && Object.keys(voteOf(v).totals).length === 2, 5000, 'revealed counts');
    const result = ranking(ballot(scr.state!, step)!, voteOf(scr), 2);
    expect(result.map((r) => [r.text.slice(0, 30), r.dots, r.rank, r.chosen])).toEqual([
      ['Hoe kunnen we respijtzorg rege', 4, 1, true],
      ['Hoe kunnen we mantelzorgers om', 3, 2, true],
    ]);
    expect(JSON.stringify(voteOf(scr))).not.toContain(a.identity.participantId);
  });

  it('writes the harvest: the questions with their merged variants, and the ranked vote', async () => {
    const md = await api<string>(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.md`, undefined, s.arena.key);
    expect(md.status).toBe(200);
    expect(md.body).toContain(
      '### Ontwerpvragen (2)\n\n1. Hoe kunnen we mantelzorgers om tien uur op de koffie krijgen in plaats van om vijf voor twaalf?\n   - _samengevoegd:_ hoe kunnen we mantelzorgers eerder in beeld krijgen?\n2. Hoe kunnen we respijtzorg regelen zonder wachtlijst?',
    );
    expect(md.body).not.toContain('ambtenaren');
    expect(md.body).toContain('3 deelnemers stemden met elk 3 stippen, hoogstens 2 per item. De groep kiest er 2.');
    expect(md.body).toContain('| 1 | 4 | Hoe kunnen we respijtzorg regelen zonder wachtlijst? | ✓ gekozen |');
    expect(md.body).toContain('| 2 | 3 | Hoe kunnen we mantelzorgers om tien uur op de koffie krijgen in plaats van om vijf voor twaalf? | ✓ gekozen |');
    const json = await api(oogst.url, 'GET', `/api/sessions/${s.session.id}/harvest.json`, undefined, s.arena.key);
    const vote = json.body.steps.find((st: { id: string }) => st.id === 'stem').output;
    expect(vote.items.map((i: { dots: number; rank: number; chosen: boolean }) => [i.dots, i.rank, i.chosen])).toEqual([
      [4, 1, true],
      [3, 2, true],
    ]);
    for (const p of phones) {
      expect(md.body).not.toContain(p.identity.pseudonym);
      expect(JSON.stringify(json.body)).not.toContain(p.identity.participantId);
    }
  });
});
